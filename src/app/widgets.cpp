// Small reusable ImGui widgets for the labs.
#include "app/widgets.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui_internal.h>

#include "app/theme.h"
#include "core/colormap.h"

namespace hebblab {

void help_marker(const char* text) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

void section_title(const char* text) {
  ImGui::Spacing();
  ImGui::TextUnformatted(text);
  ImGui::Separator();
}

void teaching_text(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

void draw_binary_grid(const State& cells, int width, int height, float cell_size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImU32 black = IM_COL32(20, 20, 24, 255), white = IM_COL32(240, 240, 236, 255);
  const ImU32 line = IM_COL32(128, 128, 128, 255);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      ImVec2 a(origin.x + x * cell_size, origin.y + y * cell_size);
      ImVec2 b(a.x + cell_size, a.y + cell_size);
      dl->AddRectFilled(a, b, cells[static_cast<size_t>(y * width + x)] > 0 ? black : white);
    }
  }
  if (cell_size >= 6) {
    for (int i = 0; i <= width; ++i)
      dl->AddLine(ImVec2(origin.x + i * cell_size, origin.y),
                  ImVec2(origin.x + i * cell_size, origin.y + height * cell_size), line);
    for (int i = 0; i <= height; ++i)
      dl->AddLine(ImVec2(origin.x, origin.y + i * cell_size),
                  ImVec2(origin.x + width * cell_size, origin.y + i * cell_size), line);
  }
  ImGui::Dummy(ImVec2(width * cell_size, height * cell_size));
}

ImVec2 PlotFrame::map(double x, double y) const {
  const double fx = x1 > x0 ? (x - x0) / (x1 - x0) : 0.5, fy = y1 > y0 ? (y - y0) / (y1 - y0) : 0.5;
  return ImVec2(a.x + static_cast<float>(fx) * (b.x - a.x), b.y - static_cast<float>(fy) * (b.y - a.y));
}

double printable(double v, int decimals) { return std::fabs(v) < 0.5 * std::pow(10.0, -decimals) ? 0.0 : v; }

std::pair<double, double> round_axis(double lo, double hi) {
  if (!(hi > lo)) {
    lo -= 1;
    hi += 1;
  }
  const double raw = (hi - lo) / 4;  // about four steps along the axis
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  const double step = raw <= p ? p : raw <= 2 * p ? 2 * p : raw <= 5 * p ? 5 * p : 10 * p;
  return {std::floor(lo / step) * step, std::ceil(hi / step) * step};
}

PlotFrame begin_plot(ImVec2 size, double x0, double x1, double y0, double y1, const char* x_label,
                     const char* y_label) {
  const float font = ImGui::GetFontSize();
  PlotFrame f;
  f.origin = ImGui::GetCursorScreenPos();
  f.size = size;
  f.x0 = x0, f.x1 = x1, f.y0 = y0, f.y1 = y1;
  char lo[32], hi[32];
  std::snprintf(lo, sizeof lo, "%.6g", y0 == 0 ? 0.0 : y0);  // never "-0"
  std::snprintf(hi, sizeof hi, "%.6g", y1 == 0 ? 0.0 : y1);
  const float margin = std::max(ImGui::CalcTextSize(lo).x, ImGui::CalcTextSize(hi).x) + font * 0.4f;
  f.a = ImVec2(f.origin.x + margin, f.origin.y + font * 0.6f);
  f.b = ImVec2(f.origin.x + size.x - font * 0.5f, f.origin.y + size.y - font * 1.4f);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 axis = ImGui::GetColorU32(ImGuiCol_TextDisabled), text = ImGui::GetColorU32(ImGuiCol_Text);
  dl->AddRectFilled(f.a, f.b, theme_colour(ThemeColour::PlotBackground));
  dl->AddRect(f.a, f.b, axis);
  dl->AddText(ImVec2(f.origin.x, f.a.y - font * 0.5f), text, hi);
  dl->AddText(ImVec2(f.origin.x, f.b.y - font * 0.5f), text, lo);
  std::snprintf(lo, sizeof lo, "%.4g", x0);
  std::snprintf(hi, sizeof hi, "%.4g", x1);
  dl->AddText(ImVec2(f.a.x, f.b.y + font * 0.1f), text, lo);
  dl->AddText(ImVec2(f.b.x - ImGui::CalcTextSize(hi).x, f.b.y + font * 0.1f), text, hi);
  const float label_w = ImGui::CalcTextSize(x_label).x;
  dl->AddText(ImVec2((f.a.x + f.b.x - label_w) * 0.5f, f.b.y + font * 0.1f), axis, x_label);
  dl->AddText(ImVec2(f.a.x + font * 0.3f, f.a.y + font * 0.1f), axis, y_label);
  return f;
}

void end_plot(const PlotFrame& frame) {
  ImGui::SetCursorScreenPos(frame.origin);
  ImGui::Dummy(frame.size);
}

Heatmap::~Heatmap() {
  if (textures_ && texture_) textures_->destroy_texture(texture_);
}

void Heatmap::set(TextureHost* textures, const std::vector<float>& values, int width, int height, double scale) {
  width_ = width;
  height_ = height;
  scale_ = scale;
  if (!textures || width <= 0 || height <= 0) return;
  if (texture_ && (width != texture_width_ || height != texture_height_)) {
    textures->destroy_texture(texture_);
    texture_ = nullptr;
  }
  if (!texture_) {
    textures_ = textures;
    texture_ = textures->create_value_texture(width, height);
    texture_width_ = width;
    texture_height_ = height;
  }
  textures->update_value_texture(texture_, width, height, values.data());
}

Heatmap::Pointer Heatmap::draw(const char* id, float max_side) {
  const float font = ImGui::GetFontSize();
  const float side = std::floor(std::min(max_side, ImGui::GetContentRegionAvail().x - font * 5));
  Pointer pointer;
  if (width_ <= 0 || height_ <= 0 || side <= 0) return pointer;
  cell_ = side / static_cast<float>(std::max(width_, height_));
  const ImVec2 size(cell_ * width_, cell_ * height_);
  min_ = ImGui::GetCursorScreenPos();
  if (texture_)
    textures_->draw_colormapped(ImGui::GetWindowDrawList(), texture_, min_, ImVec2(min_.x + size.x, min_.y + size.y),
                                static_cast<float>(scale_), map_);
  ImGui::InvisibleButton(id, size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  pointer.active = ImGui::IsItemActive() && activated_by_mouse();
  pointer.activated = ImGui::IsItemActivated() && activated_by_mouse();
  if (keyboard_) {
    pointer.keys = cursor_.update(width_, height_, cursor_step_);
    cursor_.draw(min_, cell_);
  }
  pointer.right = ImGui::IsMouseDown(ImGuiMouseButton_Right);
  const ImVec2 m = ImGui::GetIO().MousePos;
  pointer.x = (m.x - min_.x) / cell_;
  pointer.y = (m.y - min_.y) / cell_;
  if (ImGui::IsItemHovered() || pointer.active) {
    const int x = static_cast<int>(std::floor(pointer.x)), y = static_cast<int>(std::floor(pointer.y));
    if (x >= 0 && y >= 0 && x < width_ && y < height_) pointer.cell = y * width_ + x;
  }
  // The colour bar and its scale, beside the image.
  ImGui::SameLine();
  const ImVec2 bar = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& table = diverging_colormap();
  const float bar_h = size.y, bar_w = font * 0.8f;
  for (int i = 0; i < 64; ++i) {
    const float y0 = bar.y + bar_h * i / 64.0f, y1 = bar.y + bar_h * (i + 1) / 64.0f;
    ImU32 colour;
    if (map_ == ColorMap::Gray) {
      const int v = static_cast<int>(std::lround(255.0 * (63 - i) / 63.0));
      colour = IM_COL32(v, v, v, 255);
    } else {
      const Rgba& c = table[static_cast<size_t>(255 - i * 4)];
      colour = IM_COL32(c[0], c[1], c[2], 255);
    }
    dl->AddRectFilled(ImVec2(bar.x, y0), ImVec2(bar.x + bar_w, y1), colour);
  }
  char top[32], bottom[32];
  std::snprintf(top, sizeof top, map_ == ColorMap::Gray ? "%.3g" : "%+.3g", scale_);
  std::snprintf(bottom, sizeof bottom, map_ == ColorMap::Gray ? "0" : "%+.3g", -scale_);
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  dl->AddText(ImVec2(bar.x + bar_w + 3, bar.y), text, top);
  if (map_ == ColorMap::Diverging) dl->AddText(ImVec2(bar.x + bar_w + 3, bar.y + bar_h * 0.5f - font * 0.5f), text, "0");
  dl->AddText(ImVec2(bar.x + bar_w + 3, bar.y + bar_h - font), text, bottom);
  ImGui::Dummy(ImVec2(bar_w + std::max(ImGui::CalcTextSize(bottom).x, ImGui::CalcTextSize(top).x) + 6, size.y));
  return pointer;
}

bool BrushPainter::stamp(GrayImage* canvas, float x, float y, float radius) const {
  // Full strength at the centre, fading to nothing at the radius.
  const int r = static_cast<int>(std::ceil(radius));
  bool changed = false;
  for (int py = static_cast<int>(y) - r; py <= static_cast<int>(y) + r; ++py)
    for (int px = static_cast<int>(x) - r; px <= static_cast<int>(x) + r; ++px) {
      if (px < 0 || py < 0 || px >= canvas->width || py >= canvas->height) continue;
      const float d = std::hypot(px + 0.5f - x, py + 0.5f - y);
      const float strength = std::clamp(1.0f - d / (radius + 0.5f), 0.0f, 1.0f);
      if (strength <= 0) continue;
      float& p = canvas->pixels[static_cast<size_t>(py) * canvas->width + px];
      const float next = value_ > 0 ? std::max(p, strength) : std::min(p, 1.0f - strength);
      changed = changed || next != p;
      p = next;
    }
  return changed;
}

bool BrushPainter::paint(const Heatmap::Pointer& pointer, GrayImage* canvas, float radius) {
  if (pointer.keys.paint != 0 && pointer.keys.cell >= 0 && canvas->width > 0) {
    value_ = pointer.keys.paint > 0 ? 1.0f : -1.0f;
    const int x = pointer.keys.cell % canvas->width, y = pointer.keys.cell / canvas->width;
    return stamp(canvas, static_cast<float>(x) + 0.5f, static_cast<float>(y) + 0.5f, radius);
  }
  if (pointer.activated) {
    value_ = pointer.right ? -1.0f : 1.0f;
    last_ = ImVec2(pointer.x, pointer.y);
  }
  if (!pointer.active) return false;
  const float dx = pointer.x - last_.x, dy = pointer.y - last_.y;
  const int stamps = std::max(1, static_cast<int>(std::ceil(std::hypot(dx, dy) * 2.0f)));
  bool changed = false;
  for (int i = 1; i <= stamps; ++i)
    changed = stamp(canvas, last_.x + dx * i / stamps, last_.y + dy * i / stamps, radius) || changed;
  last_ = ImVec2(pointer.x, pointer.y);
  return changed;
}

// [SECTION] keyboard painting ----------------------------------------------------------------------------------------

GridCursor::Keys GridCursor::update(int width, int height, int step) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  Keys keys;
  step_ = std::max(1, step);
  shown_ = g.NavId != 0 && g.NavId == g.LastItemData.ID && !g.NavDisableHighlight;
  if (!shown_) return keys;
  x_ = std::clamp(x_, 0, width - 1);
  y_ = std::clamp(y_, 0, height - 1);
  // The arrow nav asked for this frame: inside the grid it moves the cursor and the request is dropped.
  if (g.NavMoveSubmitted && !(g.NavMoveFlags & ImGuiNavMoveFlags_Tabbing)) {
    const int dx = g.NavMoveDir == ImGuiDir_Left ? -1 : g.NavMoveDir == ImGuiDir_Right ? 1 : 0;
    const int dy = g.NavMoveDir == ImGuiDir_Up ? -1 : g.NavMoveDir == ImGuiDir_Down ? 1 : 0;
    const int x = x_ + dx * step_, y = y_ + dy * step_;
    if ((dx != 0 || dy != 0) && x >= 0 && y >= 0 && x < width && y < height) {
      x_ = x;
      y_ = y;
      ImGui::NavMoveRequestCancel();
    }
  }
  keys.shown = true;
  keys.cell = y_ * width + x_;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), true)) keys.paint = 1;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), true) ||
      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), true))
    keys.paint = -1;
  return keys;
}

void GridCursor::draw(ImVec2 origin, float cell_size) const {
  if (!shown_) return;
  const ImVec2 a(origin.x + static_cast<float>(x_) * cell_size, origin.y + static_cast<float>(y_) * cell_size);
  const float side = cell_size * static_cast<float>(step_), t = std::max(2.0f, side * 0.1f);
  ImGui::GetWindowDrawList()->AddRect(a, ImVec2(a.x + side, a.y + side),
                                      ImGui::GetColorU32(ImGuiCol_NavHighlight), 0, 0, t);
}

bool activated_by_mouse() { return ImGui::GetCurrentContext()->ActiveIdSource == ImGuiInputSource_Mouse; }

// [SECTION] layout ---------------------------------------------------------------------------------------------------

namespace {
bool g_touch_ui = false;
}  // namespace

bool touch_ui() { return g_touch_ui; }
void set_touch_ui(bool touch) { g_touch_ui = touch; }

void flow(float next_width) {
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x < next_width) ImGui::NewLine();
}

float button_width(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

float radio_width(const char* label) {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x;
}

float arrow_width() { return ImGui::GetFrameHeight(); }

float field_width(float frame_width, const char* label) {
  const float text = ImGui::CalcTextSize(label, nullptr, true).x;
  return frame_width + (text > 0 ? ImGui::GetStyle().ItemInnerSpacing.x + text : 0.0f);
}

bool panels_stack(float width, float font_size) { return width < kStackBelowCssPixels * font_size / 16.0f; }

float image_side(float height_fraction) {
  const float avail = ImGui::GetContentRegionAvail().x;
  const float tall = ImGui::GetMainViewport()->WorkSize.y * height_fraction;
  return std::max(1.0f, std::min(avail, std::max(tall, ImGui::GetFontSize() * 8)));
}

Panels::Panels(const char* id, int count, WidgetRegistry& widgets, const float* weights)
    : widgets_(widgets), count_(count),
      stacked_(panels_stack(ImGui::GetMainViewport()->WorkSize.x, ImGui::GetFontSize())) {
  if (stacked_) return;
  table_ = ImGui::BeginTable(id, count, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV);
  if (table_ && weights)
    for (int i = 0; i < count; ++i)
      ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthStretch, weights[i]);
}

Panels::~Panels() {
  if (child_) ImGui::EndChild();
  if (table_) ImGui::EndTable();
}

bool Panels::next() {
  if (++index_ >= count_) return false;
  widgets_.begin_panel();
  if (stacked_) {
    if (index_ > 0) {
      ImGui::Spacing();
      ImGui::Separator();
      ImGui::Spacing();
    }
    return true;
  }
  if (!table_) return false;
  if (child_) ImGui::EndChild();
  ImGui::TableNextColumn();
  // Side by side, each panel is a child window of its own: it scrolls on its own, and the arrow keys stay in it (ImGui
  // would otherwise hop to a neighbouring column's control that sits a little lower than the next one in this
  // column); F6 moves between panels.
  char name[16];
  std::snprintf(name, sizeof name, "panel%d", index_);
  child_ = true;
  // The whole height the lab has, less the table cell's padding below it (else the lab itself would scroll).
  ImGui::BeginChild(name, ImVec2(0, -2 * ImGui::GetStyle().CellPadding.y - 1));
  return true;
}

}  // namespace hebblab
