// The Hopfield lab panel. [SECTION] index: editing state (undo, grid, patterns), painting, editing controls and
// files, stored patterns, recall, inspector, weights and energies, capacity experiment, panel layout, persistence
// and test-hook state.
#include "app/ui_hopfield.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui.h>

#include "app/strings.h"
#include "app/theme.h"
#include "core/colormap.h"
#include "core/letters.h"

namespace hebblab {
namespace {

constexpr size_t kMaxUndo = 50;
constexpr const char* kGlyphs = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

// How recall ended, naming the pattern as the list of stored patterns does: "Settled on stored pattern 0 (A)".
std::string outcome_text(const Outcome& o, const std::vector<Pattern>& patterns) {
  char buf[160], name[96];
  const int i = o.index.value_or(-1);
  if (i >= 0 && i < static_cast<int>(patterns.size()) && !patterns[static_cast<size_t>(i)].name.empty())
    std::snprintf(name, sizeof name, "%d (%s)", i, patterns[static_cast<size_t>(i)].name.c_str());
  else
    std::snprintf(name, sizeof name, "%d", i);
  switch (o.kind) {
    case Outcome::Kind::Pattern: std::snprintf(buf, sizeof buf, tr(Str::HopOutcomePattern), name); break;
    case Outcome::Kind::Inverse: std::snprintf(buf, sizeof buf, tr(Str::HopOutcomeInverse), name); break;
    case Outcome::Kind::Spurious: return tr(Str::HopOutcomeSpurious);
    case Outcome::Kind::Cycle: return tr(Str::HopOutcomeCycle);
    case Outcome::Kind::Unfinished: return tr(Str::HopOutcomeRunning);
  }
  return buf;
}

std::vector<State> states_of(const std::vector<Pattern>& patterns) {
  std::vector<State> states;
  for (const Pattern& p : patterns) states.push_back(p.cells);
  return states;
}

// The grids the lab offers: the lecture's three neurons, then the square sizes.
struct GridChoice {
  int width, height;
};
std::vector<GridChoice> grid_choices() {
  std::vector<GridChoice> out{{3, 1}};
  for (int s : offered_grid_sizes()) out.push_back({s, s});
  return out;
}

}  // namespace

std::pair<float, float> bar_span(double m, float x0, float x1) {
  const float centre = 0.5f * (x0 + x1);
  const float end = centre + static_cast<float>(std::clamp(m, -1.0, 1.0)) * 0.5f * (x1 - x0);
  return {std::min(centre, end), std::max(centre, end)};
}

// [SECTION] editing state: undo, grid, patterns ----------------------------------------------------------------------

void HopfieldLab::push_undo() {
  undo_.push_back({width_, height_, canvas_, patterns_});
  if (undo_.size() > kMaxUndo) undo_.erase(undo_.begin());
}

void HopfieldLab::undo() {
  if (undo_.empty()) return;
  Snapshot s = std::move(undo_.back());
  undo_.pop_back();
  width_ = s.width;
  height_ = s.height;
  canvas_ = std::move(s.canvas);
  set_patterns(std::move(s.patterns));
}

void HopfieldLab::set_grid(int width, int height) {
  width_ = width;
  height_ = height;
  flip_count_ = std::min(flip_count_, std::max(1, n() / 2));  // the most the Flip slider allows on this grid
  canvas_.assign(static_cast<size_t>(n()), -1);
  inspected_ = -1;
  set_patterns({});  // patterns of another size cannot live in this network (Undo brings them back)
}

void HopfieldLab::set_patterns(std::vector<Pattern> patterns) {
  patterns_ = std::move(patterns);
  weights_ = hebbian_weights(states_of(patterns_), n());
  weights_dirty_ = true;
  if (inspected_ >= n()) inspected_ = -1;
  running_ = false;
  restart_history();
}

void HopfieldLab::set_canvas(State canvas) {
  canvas_ = std::move(canvas);
  running_ = false;
  restart_history();
}

void HopfieldLab::shift(int dx, int dy) {
  State out(canvas_.size(), -1);
  for (int y = 0; y < height_; ++y)
    for (int x = 0; x < width_; ++x) {
      const int sx = (x - dx + width_) % width_, sy = (y - dy + height_) % height_;  // wraps around
      out[static_cast<size_t>(y * width_ + x)] = canvas_[static_cast<size_t>(sy * width_ + sx)];
    }
  set_canvas(std::move(out));
}

void HopfieldLab::store_current() {
  Pattern p;
  // A built-in glyph keeps its character as its name.
  for (const char* c = kGlyphs; *c && width_ == height_ && width_ >= 5; ++c)
    if (builtin_glyph(*c, width_).cells == canvas_) p.name = std::string(1, *c);
  if (p.name.empty()) p.name = "P" + std::to_string(patterns_.size());
  p.width = width_;
  p.height = height_;
  p.cells = canvas_;
  std::vector<Pattern> next = patterns_;
  next.push_back(std::move(p));
  set_patterns(std::move(next));
}

void HopfieldLab::show(LessonAction action) {
  push_undo();
  if (action == LessonAction::ThreeNeurons || action == LessonAction::StoreThree) {
    set_grid(3, 1);
    set_canvas(lecture_three_neurons().cells);
    if (action == LessonAction::StoreThree) store_current();
    return;
  }
  const State a = builtin_glyph('A', 5).cells;
  set_grid(5, 5);
  tool_ = Tool::Paint;
  if (action != LessonAction::LetterA) {
    set_canvas(a);
    store_current();
    set_canvas(builtin_glyph('Z', 5).cells);
    store_current();
  }
  switch (action) {
    case LessonAction::LetterA: set_canvas(a); break;
    case LessonAction::EnergyOfA:
      set_canvas(a);
      tool_ = Tool::Inspect;
      inspected_ = n() / 2;  // the middle neuron
      break;
    case LessonAction::DeformA:
    case LessonAction::RecallA:
      flip_count_ = 3;
      seed_ = 1;
      set_canvas(deform(a, flip_count_, static_cast<uint64_t>(seed_)));
      if (action == LessonAction::RecallA) {
        mode_ = UpdateMode::Synchronous;
        running_ = true;
        run_clock_ = 0;
      }
      break;
    default: break;
  }
}

void HopfieldLab::open_file(const FileExchange::Opened& file, std::string& status) {
  if (!file.error.empty()) {
    status = tr(Str::HopFileReadFailed) + file.error;
    return;
  }
  PatternParse parsed = parse_patterns(as_text(file.bytes));
  if (!parsed.ok()) {
    status = file.name + ": " + parsed.error + tr(Str::HopFileNothingChanged);
    return;
  }
  const Pattern& first = parsed.patterns.front();
  if (first.width * first.height > 32 * 32) {
    status = file.name + ": " + tr(Str::HopFileTooLarge);
    return;
  }
  push_undo();
  width_ = first.width;
  height_ = first.height;
  canvas_ = first.cells;
  inspected_ = -1;
  const size_t count = parsed.patterns.size();
  set_patterns(std::move(parsed.patterns));
  char buf[256];
  std::snprintf(buf, sizeof buf, trn(Str::HopFileLoaded, static_cast<long>(count)), static_cast<int>(count), file.name.c_str());
  status = buf;
}

// [SECTION] painting --------------------------------------------------------------------------------------------------

void HopfieldLab::draw_grid(WidgetRegistry& widgets) {
  const float side = image_side(0.6f);
  const float cell = std::floor(side / static_cast<float>(std::max(width_, height_)));
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  draw_binary_grid(canvas_, width_, height_, cell);
  if (inspected_ >= 0) {
    const ImVec2 a(origin.x + (inspected_ % width_) * cell, origin.y + (inspected_ / width_) * cell);
    ImGui::GetWindowDrawList()->AddRect(a, ImVec2(a.x + cell, a.y + cell), IM_COL32(230, 159, 0, 255), 0, 0,
                                        std::max(2.0f, cell * 0.12f));
  }
  ImGui::SetCursorScreenPos(origin);
  ImGui::InvisibleButton("grid", ImVec2(cell * width_, cell * height_),
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  widgets.record_last_item("hopfield.grid");
  const GridCursor::Keys keys = cursor_.update(width_, height_);
  cursor_.draw(origin, cell);
  // Without a mouse (touch between strokes, or none at all) ImGui's position is -FLT_MAX: no cell, and no
  // float-to-int conversion out of range.
  const ImVec2 m = ImGui::GetIO().MousePos;
  const bool valid = ImGui::IsMousePosValid(&m);
  const int x = valid ? static_cast<int>(std::floor((m.x - origin.x) / cell)) : -1;
  const int y = valid ? static_cast<int>(std::floor((m.y - origin.y) / cell)) : -1;
  const bool inside = x >= 0 && y >= 0 && x < width_ && y < height_;
  if (tool_ == Tool::Inspect) {
    if (ImGui::IsItemActivated() && activated_by_mouse() && inside) inspected_ = y * width_ + x;
    if (keys.paint != 0) inspected_ = keys.cell;
    return;
  }
  auto paint = [&](int cell, int value) {
    int8_t& c = canvas_[static_cast<size_t>(cell)];
    if (c == value) return;
    c = static_cast<int8_t>(value);
    running_ = false;
    restart_history();
  };
  if (ImGui::IsItemActivated() && activated_by_mouse())
    paint_value_ = ImGui::IsMouseDown(ImGuiMouseButton_Right) ? -primary_value_ : primary_value_;
  if (ImGui::IsItemActive() && paint_value_ != 0 && inside) paint(y * width_ + x, paint_value_);
  if (ImGui::IsItemDeactivated()) paint_value_ = 0;
  if (keys.paint != 0) paint(keys.cell, keys.paint);
}

// [SECTION] editing controls and files ---------------------------------------------------------------------------

void HopfieldLab::draw_edit(Host& host, WidgetRegistry& widgets, std::string& status) {
  ImGui::TextUnformatted(tr(Str::HopTool));
  flow(radio_width(label(Str::HopToolPaint)));
  if (ImGui::RadioButton(label(Str::HopToolPaint), tool_ == Tool::Paint)) tool_ = Tool::Paint;
  widgets.record_last_item("hopfield.tool_paint");
  flow(radio_width(label(Str::HopToolInspect)));
  if (ImGui::RadioButton(label(Str::HopToolInspect), tool_ == Tool::Inspect)) tool_ = Tool::Inspect;
  widgets.record_last_item("hopfield.tool_inspect");
  if (tool_ == Tool::Paint) {
    // A finger has no right button: which value the left button (and a finger) paints is a choice.
    ImGui::TextUnformatted(tr(Str::HopPaintWith));
    flow(radio_width(label(Str::HopPaintBlack)));
    if (ImGui::RadioButton(label(Str::HopPaintBlack), primary_value_ > 0)) primary_value_ = 1;
    widgets.record_last_item("hopfield.paint_black");
    flow(radio_width(label(Str::HopPaintWhite)));
    if (ImGui::RadioButton(label(Str::HopPaintWhite), primary_value_ < 0)) primary_value_ = -1;
    widgets.record_last_item("hopfield.paint_white");
  }
  teaching_text(tr(tool_ == Tool::Paint ? Str::HopPaintHelp : Str::HopInspectHelp));

  const std::vector<GridChoice> grids = grid_choices();
  int current = 0;
  for (size_t i = 0; i < grids.size(); ++i)
    if (grids[i].width == width_ && grids[i].height == height_) current = static_cast<int>(i);
  char preview[32];
  std::snprintf(preview, sizeof preview, "%d x %d", width_, height_);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  if (ImGui::BeginCombo(label(Str::HopGridSize), preview)) {
    for (size_t i = 0; i < grids.size(); ++i) {
      char label[32];
      std::snprintf(label, sizeof label, "%d x %d", grids[i].width, grids[i].height);
      if (ImGui::Selectable(label, static_cast<int>(i) == current) && static_cast<int>(i) != current) {
        if (!patterns_.empty()) status = tr(Str::HopGridChangedPatterns);
        push_undo();
        set_grid(grids[i].width, grids[i].height);
      }
    }
    ImGui::EndCombo();
  }
  widgets.record_last_item("hopfield.size");

  // Presets: the lecture's letters, any glyph of the built-in alphabet, the three-neuron example.
  const bool square = width_ == height_ && width_ >= 5;
  ImGui::BeginDisabled(!square);
  if (ImGui::Button(label(Str::HopPresetA))) set_canvas(builtin_glyph('A', width_).cells);
  widgets.record_last_item("hopfield.preset_a");
  flow(button_width(label(Str::HopPresetZ)));
  if (ImGui::Button(label(Str::HopPresetZ))) set_canvas(builtin_glyph('Z', width_).cells);
  widgets.record_last_item("hopfield.preset_z");
  flow(ImGui::GetFontSize() * 3);
  char glyph[2] = {kGlyphs[glyph_], 0};
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 3);
  if (ImGui::BeginCombo("##glyph", glyph)) {
    for (int i = 0; kGlyphs[i]; ++i) {
      char label[2] = {kGlyphs[i], 0};
      if (ImGui::Selectable(label, i == glyph_)) glyph_ = i;
    }
    ImGui::EndCombo();
  }
  widgets.record_last_item("hopfield.glyph");
  flow(button_width(label(Str::HopPresetGlyph)));
  if (ImGui::Button(label(Str::HopPresetGlyph))) set_canvas(builtin_glyph(kGlyphs[glyph_], width_).cells);
  widgets.record_last_item("hopfield.preset_glyph");
  ImGui::EndDisabled();
  flow(button_width(label(Str::HopPresetThree)));
  if (ImGui::Button(label(Str::HopPresetThree))) {
    if (width_ != 3 || height_ != 1) {
      if (!patterns_.empty()) status = tr(Str::HopGridChangedPatterns);
      push_undo();
      set_grid(3, 1);
    }
    set_canvas(lecture_three_neurons().cells);
  }
  widgets.record_last_item("hopfield.preset_three");

  if (ImGui::Button(label(Str::HopClear))) {
    push_undo();
    set_canvas(State(static_cast<size_t>(n()), -1));
  }
  widgets.record_last_item("hopfield.clear");
  flow(button_width(label(Str::HopInvert)));
  if (ImGui::Button(label(Str::HopInvert))) {
    State inverted = canvas_;
    for (int8_t& c : inverted) c = static_cast<int8_t>(-c);
    set_canvas(std::move(inverted));
  }
  widgets.record_last_item("hopfield.invert");
  flow(ImGui::CalcTextSize(tr(Str::HopShift)).x + arrow_width());
  ImGui::TextUnformatted(tr(Str::HopShift));
  flow(arrow_width());
  if (ImGui::ArrowButton("left", ImGuiDir_Left)) shift(-1, 0);
  widgets.record_last_item("hopfield.shift_left");
  flow(arrow_width());
  if (ImGui::ArrowButton("right", ImGuiDir_Right)) shift(1, 0);
  widgets.record_last_item("hopfield.shift_right");
  flow(arrow_width());
  if (ImGui::ArrowButton("up", ImGuiDir_Up)) shift(0, -1);
  widgets.record_last_item("hopfield.shift_up");
  flow(arrow_width());
  if (ImGui::ArrowButton("down", ImGuiDir_Down)) shift(0, 1);
  widgets.record_last_item("hopfield.shift_down");
  flow(button_width(label(Str::HopUndo)));
  ImGui::BeginDisabled(undo_.empty());
  if (ImGui::Button(label(Str::HopUndo)) ||
      (!undo_.empty() && ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Z), false)))
    undo();
  widgets.record_last_item("hopfield.undo");
  ImGui::EndDisabled();

  if (ImGui::Button(label(Str::HopStore))) store_current();
  widgets.record_last_item("hopfield.store");
  help_marker(tr(Str::HopHebbHelp));
  flow(button_width(label(Str::HopForgetAll)));
  ImGui::BeginDisabled(patterns_.empty());
  if (ImGui::Button(label(Str::HopForgetAll))) {
    push_undo();
    set_patterns({});
  }
  widgets.record_last_item("hopfield.forget_all");
  ImGui::EndDisabled();

  // Pattern files: a download / file picker in the browser, a path on the desktop.
  if (host.files) {
    if (host.files->uses_paths()) {
      char buf[512];
      std::snprintf(buf, sizeof buf, "%s", file_path_.c_str());
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
      if (ImGui::InputText(label(Str::HopFilePath), buf, sizeof buf)) file_path_ = buf;
    }
    ImGui::BeginDisabled(patterns_.empty());
    if (ImGui::Button(label(Str::HopSaveFile))) {
      std::string error;
      if (host.files->save(file_path_, "hebblab-patterns.txt", to_bytes(format_patterns(patterns_)), &error))
        status = tr(Str::HopFileSaved) + (host.files->uses_paths() ? ": " + file_path_ : std::string());
      else
        status = error;
    }
    widgets.record_last_item("hopfield.save_file");
    ImGui::EndDisabled();
    flow(button_width(label(Str::HopLoadFile)));
    if (ImGui::Button(label(Str::HopLoadFile))) host.files->request_open(file_path_, "patterns");
    widgets.record_last_item("hopfield.load_file");
    help_marker(tr(Str::HopFileHelp));
  }
}

// [SECTION] stored patterns ------------------------------------------------------------------------------------------

void HopfieldLab::draw_patterns(WidgetRegistry& widgets) {
  if (patterns_.empty()) {
    teaching_text(tr(Str::HopNoneStored));
    return;
  }
  ImGui::Text(tr(Str::HopStored), static_cast<int>(patterns_.size()));
  const float thumb = std::max(2.0f, std::floor(ImGui::GetFontSize() * 3.0f / static_cast<float>(std::max(width_, height_))));
  const float item_w = thumb * width_ + ImGui::GetStyle().ItemSpacing.x;
  const int per_row = std::max(1, static_cast<int>(ImGui::GetContentRegionAvail().x / item_w));
  int remove = -1;
  for (size_t i = 0; i < patterns_.size(); ++i) {
    if (i % static_cast<size_t>(per_row) != 0) ImGui::SameLine();
    ImGui::PushID(static_cast<int>(i));
    ImGui::BeginGroup();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    draw_binary_grid(patterns_[i].cells, width_, height_, thumb);
    ImGui::SetCursorScreenPos(at);
    if (ImGui::InvisibleButton("thumb", ImVec2(thumb * width_, thumb * height_))) set_canvas(patterns_[i].cells);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(Str::HopThumbHelp));
    ImGui::Text("%d %s", static_cast<int>(i), patterns_[i].name.c_str());
    if (ImGui::SmallButton(label(Str::HopRemove))) remove = static_cast<int>(i);
    widgets.record_last_item("hopfield.remove_" + std::to_string(i));
    ImGui::EndGroup();
    ImGui::PopID();
  }
  if (remove >= 0) {
    push_undo();
    std::vector<Pattern> next = patterns_;
    next.erase(next.begin() + remove);
    set_patterns(std::move(next));
  }
}

// [SECTION] recall --------------------------------------------------------------------------------------------------

void HopfieldLab::restart_history() {
  history_.assign(1, canvas_);
  energies_.assign(1, energy(weights_, canvas_));
  outcome_.reset();
  energy_dirty_ = derived_dirty_ = true;
}

void HopfieldLab::refresh_derived() {
  if (!derived_dirty_) return;
  neuron_energies_ = neuron_energies(weights_, canvas_);  // O(N^2): not something to redo every frame at N = 1024
  overlaps_ = overlaps(canvas_, states_of(patterns_));
  derived_dirty_ = false;
}

void HopfieldLab::step_once() {
  if (history_.empty()) restart_history();
  if (outcome_) {
    running_ = false;
    return;
  }
  const State& x = history_.back();
  State next = mode_ == UpdateMode::Synchronous
                   ? step_synchronous(weights_, x)
                   : sweep_asynchronous(weights_, x, static_cast<uint64_t>(seed_) + history_.size() - 1);
  canvas_ = next;
  history_.push_back(std::move(next));
  energies_.push_back(energy(weights_, canvas_));
  energy_dirty_ = derived_dirty_ = true;
  outcome_ = settled(history_, states_of(patterns_));
  if (outcome_) running_ = false;
}

void HopfieldLab::draw_recall(WidgetRegistry& widgets) {
  section_title(tr(Str::HopDeform));
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  ImGui::SliderInt(label(Str::HopFlip), &flip_count_, 0, std::max(1, n() / 2));
  widgets.record_last_item("hopfield.flip_count");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  ImGui::InputInt(label(Str::HopSeed), &seed_);
  widgets.record_last_item("hopfield.seed");
  if (ImGui::Button(label(Str::HopFlipButton))) set_canvas(deform(canvas_, flip_count_, static_cast<uint64_t>(seed_)));
  widgets.record_last_item("hopfield.flip");
  ImGui::SameLine();
  teaching_text(tr(Str::HopDeformHelp));

  section_title(tr(Str::HopRecall));
  ImGui::TextUnformatted(tr(Str::HopMode));
  flow(radio_width(label(Str::HopModeSync)));
  if (ImGui::RadioButton(label(Str::HopModeSync), mode_ == UpdateMode::Synchronous)) mode_ = UpdateMode::Synchronous;
  widgets.record_last_item("hopfield.mode_sync");
  flow(radio_width(label(Str::HopModeAsync)));
  if (ImGui::RadioButton(label(Str::HopModeAsync), mode_ == UpdateMode::Asynchronous)) mode_ = UpdateMode::Asynchronous;
  widgets.record_last_item("hopfield.mode_async");
  help_marker(tr(Str::HopModeHelp));
  teaching_text(tr(Str::HopSgnRule));

  ImGui::BeginDisabled(patterns_.empty());
  if (ImGui::Button(label(Str::HopStep))) step_once();
  widgets.record_last_item("hopfield.step");
  flow(button_width(label(Str::HopRun)));
  if (!running_) {
    if (ImGui::Button(label(Str::HopRun))) {
      running_ = !outcome_.has_value();
      run_clock_ = 0;
    }
  } else if (ImGui::Button(label(Str::HopStop))) {
    running_ = false;
  }
  widgets.record_last_item("hopfield.run");
  ImGui::EndDisabled();
  flow(field_width(ImGui::GetFontSize() * 6, label(Str::HopSpeed)));
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::SliderFloat(label(Str::HopSpeed), &steps_per_second_, 1.0f, 30.0f, "%.0f");
  widgets.record_last_item("hopfield.speed");
  if (running_) {
    run_clock_ += ImGui::GetIO().DeltaTime;
    while (running_ && run_clock_ >= 1.0 / steps_per_second_) {
      run_clock_ -= 1.0 / steps_per_second_;
      step_once();
    }
  }

  // Energy per step.
  ImGui::TextUnformatted(tr(Str::HopEnergy));
  help_marker(tr(Str::HopEnergyHelp));
  const auto [lo, hi] = std::minmax_element(energies_.begin(), energies_.end());
  const auto [e0, e1] = round_axis(*lo, *hi);
  const double steps = std::max<double>(1, static_cast<double>(energies_.size()) - 1);
  PlotFrame f = begin_plot(ImVec2(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 7), 0, steps, e0, e1,
                           tr(Str::HopStepAxis), "E");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 line = theme_colour(ThemeColour::PlotLine);
  for (size_t i = 0; i < energies_.size(); ++i) {
    const ImVec2 p = f.map(static_cast<double>(i), energies_[i]);
    dl->AddCircleFilled(p, 3.0f, line);
    if (i > 0) dl->AddLine(f.map(static_cast<double>(i - 1), energies_[i - 1]), p, line, 2.0f);
  }
  end_plot(f);
  ImGui::Text(trn(Str::HopEnergyNow, static_cast<long>(history_.size()) - 1), energies_.back(), static_cast<int>(history_.size()) - 1);
  if (outcome_) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme_colour(ThemeColour::Success));
    ImGui::TextUnformatted(outcome_text(*outcome_, patterns_).c_str());
    ImGui::PopStyleColor();
  }

  draw_overlaps();
}

// Overlaps with every stored pattern, one row each: the name, a bar from -1 to +1 around its centre line, the number
// beside the bar.
void HopfieldLab::draw_overlaps() {
  if (patterns_.empty()) return;
  ImGui::TextUnformatted(tr(Str::HopOverlaps));
  help_marker(tr(Str::HopOverlapHelp));
  refresh_derived();
  const std::vector<double>& m = overlaps_;
  if (!ImGui::BeginTable("overlaps", 3, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX)) return;
  const float bar_width = ImGui::GetFontSize() * 10, bar_height = ImGui::GetTextLineHeight();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Rgba& positive = diverging_colormap().back();
  const Rgba& negative = diverging_colormap().front();
  for (size_t i = 0; i < m.size(); ++i) {
    ImGui::TableNextColumn();
    ImGui::Text("m%d %s", static_cast<int>(i), patterns_[i].name.c_str());
    ImGui::TableNextColumn();
    const ImVec2 a = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(bar_width, bar_height));
    const ImVec2 b(a.x + bar_width, a.y + bar_height);
    dl->AddRectFilled(a, b, ImGui::GetColorU32(ImGuiCol_FrameBg));
    const auto [left, right] = bar_span(m[i], a.x, b.x);
    const Rgba& c = m[i] >= 0 ? positive : negative;
    dl->AddRectFilled(ImVec2(left, a.y + 2), ImVec2(right, b.y - 2), IM_COL32(c[0], c[1], c[2], 255));
    const float centre = 0.5f * (a.x + b.x);
    dl->AddLine(ImVec2(centre, a.y), ImVec2(centre, b.y), ImGui::GetColorU32(ImGuiCol_Text), 1.0f);
    ImGui::TableNextColumn();
    ImGui::Text("%+.2f", printable(m[i], 2));
  }
  ImGui::EndTable();
}

// [SECTION] inspector ------------------------------------------------------------------------------------------------

void HopfieldLab::draw_inspector() {
  section_title(tr(Str::HopInspector));
  if (inspected_ < 0 || inspected_ >= n()) {
    teaching_text(tr(Str::HopInspectorEmpty));
    return;
  }
  const int i = inspected_;
  const double np = std::max(1, weights_.n_patterns);
  const double h = static_cast<double>(scaled_local_field(weights_, canvas_, i)) / np;
  ImGui::Text(tr(Str::HopInspectorNeuron), i, i / width_, i % width_, static_cast<int>(canvas_[static_cast<size_t>(i)]));
  // The sum with its numbers: every term for small networks, the non-zero ones up to a limit for large ones.
  std::string terms;
  int shown = 0, hidden = 0;
  for (int j = 0; j < n(); ++j) {
    const double w = weights_.weight(i, j);
    if (j == i || (n() > 25 && w == 0)) continue;
    if (shown >= 25) {
      ++hidden;
      continue;
    }
    char t[48];
    std::snprintf(t, sizeof t, "%s(%.3g)(%+d)", shown ? " + " : "", w, static_cast<int>(canvas_[static_cast<size_t>(j)]));
    terms += t;
    ++shown;
  }
  if (hidden) {
    char more[64];
    std::snprintf(more, sizeof more, trn(Str::HopInspectorMore, hidden), hidden);
    terms += more;
  }
  ImGui::TextWrapped("h_%d = sum_j w_%d,j x_j = %s", i, i, terms.empty() ? "0" : terms.c_str());
  const int decision = sgn(scaled_local_field(weights_, canvas_, i));
  ImGui::Text(tr(Str::HopInspectorDecision), h, decision);
  ImGui::TextUnformatted(decision == canvas_[static_cast<size_t>(i)] ? tr(Str::HopInspectorStays)
                                                                      : tr(Str::HopInspectorFlips));
  ImGui::Text(tr(Str::HopInspectorEnergy), i, -0.5 * canvas_[static_cast<size_t>(i)] * h);
}

// [SECTION] weights and energies ------------------------------------------------------------------------------------

void HopfieldLab::draw_weights(Host& host) {
  ImGui::TextUnformatted(tr(Str::HopWeights));
  help_marker(tr(Str::HopWeightsHelp));
  if (weights_dirty_) {
    std::vector<float> w(static_cast<size_t>(n()) * static_cast<size_t>(n()));
    double scale = 0;
    for (int r = 0; r < n(); ++r)
      for (int c = 0; c < n(); ++c) {
        const double v = weights_.weight(r, c);
        w[static_cast<size_t>(r) * static_cast<size_t>(n()) + static_cast<size_t>(c)] = static_cast<float>(v);
        scale = std::max(scale, std::abs(v));
      }
    weights_map_.set(host.textures, w, n(), n(), scale > 0 ? scale : 1.0);
    weights_dirty_ = false;
  }
  if (n() <= 25) {
    // Small networks: the numbers themselves, coloured like the heatmap (open at once for the lecture's 3 x 3).
    ImGui::SetNextItemOpen(n() <= 9, ImGuiCond_Appearing);
    if (ImGui::TreeNode(label(Str::HopWeightsNumbers))) {
      const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX |
                                    ImGuiTableFlags_ScrollY;
      const float height = std::min(ImGui::GetTextLineHeightWithSpacing() * (n() + 1.5f), ImGui::GetFontSize() * 16);
      if (ImGui::BeginTable("W", n() + 1, flags, ImVec2(0, height))) {
        ImGui::TableSetupScrollFreeze(1, 1);
        ImGui::TableNextColumn();
        for (int c = 0; c < n(); ++c) {
          ImGui::TableNextColumn();
          ImGui::TextDisabled("%d", c);
        }
        for (int r = 0; r < n(); ++r) {
          ImGui::TableNextColumn();
          ImGui::TextDisabled("%d", r);
          for (int c = 0; c < n(); ++c) {
            ImGui::TableNextColumn();
            const double v = weights_.weight(r, c);
            const Rgba& col = diverging_colormap()[static_cast<size_t>(colormap_index(v, weights_map_.scale()))];
            ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, IM_COL32(col[0], col[1], col[2], 255));
            const bool dark = 0.299 * col[0] + 0.587 * col[1] + 0.114 * col[2] < 140;
            ImGui::PushStyleColor(ImGuiCol_Text, dark ? IM_COL32(255, 255, 255, 255) : IM_COL32(0, 0, 0, 255));
            ImGui::Text("%.3g", v);
            ImGui::PopStyleColor();
          }
        }
        ImGui::EndTable();
      }
      ImGui::TreePop();
    }
  }
  const int hovered = weights_map_.draw("W", image_side(0.45f)).cell;
  if (hovered >= 0)
    ImGui::SetTooltip("w_%d,%d = %.4g", hovered / n(), hovered % n(), weights_.weight(hovered / n(), hovered % n()));

  ImGui::TextUnformatted(tr(Str::HopNeuronEnergies));
  help_marker(tr(Str::HopNeuronEnergyHelp));
  refresh_derived();
  const std::vector<double>& e = neuron_energies_;
  if (energy_dirty_) {
    std::vector<float> values(e.begin(), e.end());
    double scale = 0;
    for (double v : e) scale = std::max(scale, std::abs(v));
    energy_map_.set(host.textures, values, width_, height_, scale > 0 ? scale : 1.0);
    energy_dirty_ = false;
  }
  const int cell = energy_map_.draw("E", ImGui::GetFontSize() * 8).cell;
  if (cell >= 0) ImGui::SetTooltip("E_%d = %.4g", cell, e[static_cast<size_t>(cell)]);
}

// [SECTION] capacity experiment -------------------------------------------------------------------------------------

void HopfieldLab::on_job_event(const JobEvent& event) {
  if (event.id != capacity_job_) return;
  capacity_progress_ = event.progress;
  capacity_curves_[capacity_job_user_ ? 1 : 0].points = parse_capacity_points(event.text);
  switch (event.type) {
    case JobEvent::Type::Progress: ++capacity_events_; break;
    case JobEvent::Type::Done: capacity_status_ = tr(Str::HopCapDone); capacity_job_ = 0; break;
    case JobEvent::Type::Cancelled: capacity_status_ = tr(Str::HopCapCancelled); capacity_job_ = 0; break;
    case JobEvent::Type::Error: {
      char buf[512];
      std::snprintf(buf, sizeof buf, tr(Str::HopCapFailed), event.text.c_str());
      capacity_status_ = buf;
      capacity_job_ = 0;
      break;
    }
  }
}

int HopfieldLab::capacity_n() const { return capacity_user_patterns_ ? n() : capacity_.n_neurons; }

int HopfieldLab::capacity_p_max() const {
  return capacity_user_patterns_ ? std::min(capacity_.p_max, static_cast<int>(patterns_.size())) : capacity_.p_max;
}

// The axis of the chosen kind of pattern's curve: the N and largest P it was measured for; before any, those the
// controls would measure (Largest P, or the stored patterns).
std::pair<int, int> HopfieldLab::capacity_axis() const {
  const CapacityCurve& curve = capacity_curves_[capacity_user_patterns_ ? 1 : 0];
  if (curve.n > 0) return {curve.n, std::max(1, curve.p_max)};
  return {capacity_n(), std::max(1, capacity_p_max())};
}

void HopfieldLab::draw_capacity(Host& host, WidgetRegistry& widgets) {
  teaching_text(tr(Str::HopCapacityHelp));
  const float w = ImGui::GetFontSize() * 7;
  ImGui::Checkbox(label(Str::HopCapUserPatterns), &capacity_user_patterns_);
  widgets.record_last_item("capacity.user_patterns");
  help_marker(tr(Str::HopCapUserHelp));
  ImGui::BeginDisabled(capacity_user_patterns_);
  flow(field_width(w, label(Str::HopCapN)));
  ImGui::SetNextItemWidth(w);
  int grid_n = n();  // shown, not edited, while the grid decides N
  ImGui::InputInt(label(Str::HopCapN), capacity_user_patterns_ ? &grid_n : &capacity_.n_neurons, 10);
  capacity_.n_neurons = std::clamp(capacity_.n_neurons, 4, 1024);
  ImGui::EndDisabled();
  flow(field_width(w, label(Str::HopCapPmax)));
  ImGui::SetNextItemWidth(w);
  ImGui::InputInt(label(Str::HopCapPmax), &capacity_.p_max, 1);
  capacity_.p_max = std::clamp(capacity_.p_max, 1, 200);
  float noise = static_cast<float>(capacity_.noise);
  ImGui::SetNextItemWidth(w);
  if (ImGui::SliderFloat(label(Str::HopCapNoise), &noise, 0.0f, 0.5f, "%.2f")) capacity_.noise = noise;
  flow(field_width(w, label(Str::HopCapTrials)));
  ImGui::SetNextItemWidth(w);
  ImGui::InputInt(label(Str::HopCapTrials), &capacity_.trials, 10);
  capacity_.trials = std::clamp(capacity_.trials, 1, 5000);
  char mode_seed[256];
  std::snprintf(mode_seed, sizeof mode_seed, tr(Str::HopCapModeSeed),
                tr(mode_ == UpdateMode::Synchronous ? Str::HopModeSync : Str::HopModeAsync), seed_,
                tr(Str::HopTabRecall));
  teaching_text(mode_seed);

  if (capacity_job_ == 0) {
    const bool can_start = host.jobs && (!capacity_user_patterns_ || !patterns_.empty());
    ImGui::BeginDisabled(!can_start);
    if (ImGui::Button(label(Str::HopCapStart))) {
      CapacityConfig c = capacity_;
      c.mode = mode_;
      c.seed = static_cast<uint64_t>(seed_);
      if (capacity_user_patterns_) {
        c.n_neurons = n();
        c.user_patterns = states_of(patterns_);
      }
      capacity_job_user_ = capacity_user_patterns_;
      capacity_curves_[capacity_job_user_ ? 1 : 0] = {capacity_n(), capacity_p_max(), {}};
      capacity_progress_ = 0;
      capacity_events_ = 0;
      capacity_status_.clear();
      capacity_job_ = host.jobs->start("hopfield", {"capacity", format_capacity_config(c), {}, {}});
    }
    widgets.record_last_item("capacity.start");
    ImGui::EndDisabled();
  } else {
    if (ImGui::Button(label(Str::HopCapCancel)) && host.jobs) host.jobs->cancel(capacity_job_);
    widgets.record_last_item("capacity.cancel");
    ImGui::SameLine();
    char label[64];
    std::snprintf(label, sizeof label, tr(Str::HopCapRunning), capacity_progress_ * 100.0);
    ImGui::ProgressBar(static_cast<float>(capacity_progress_), ImVec2(ImGui::GetFontSize() * 12, 0), label);
  }
  if (!capacity_status_.empty()) {
    ImGui::SameLine();
    ImGui::TextUnformatted(capacity_status_.c_str());
  }
  draw_capacity_plot();
}

// The chosen kind of pattern's curve, P / N from 0 to its largest P / N (capacity_axis).
void HopfieldLab::draw_capacity_plot() {
  const auto [axis_n, axis_p_max] = capacity_axis();
  const double nn = axis_n;
  const double x_max = axis_p_max / nn;
  const float font = ImGui::GetFontSize();
  PlotFrame f = begin_plot(ImVec2(std::min(ImGui::GetContentRegionAvail().x, font * 34), font * 12), 0, x_max, 0,
                           1, tr(Str::HopCapAxisX), tr(Str::HopCapAxisY));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const int n_marks = static_cast<int>(nn);
  const struct {
    double pn;
    const char* label;
    ImU32 colour;
  } marks[] = {{capacity_limit_hebbian(n_marks) / nn, "0.138 N", IM_COL32(230, 159, 0, 255)},
               {capacity_limit_perfect(n_marks) / nn, "N/(2 ln N)", IM_COL32(86, 180, 233, 255)}};
  float label_y = f.a.y + font * 1.2f;
  for (const auto& m : marks) {
    if (m.pn > x_max) continue;
    const float x = f.map(m.pn, 0).x;
    dl->AddLine(ImVec2(x, f.a.y), ImVec2(x, f.b.y), m.colour, 2.0f);
    dl->AddText(ImVec2(x + 3, label_y), m.colour, m.label);
    label_y += font * 1.1f;  // stacked, so close marks stay readable
  }
  const ImU32 line = theme_colour(ThemeColour::PlotLine);
  const std::vector<CapacityPoint>& points = capacity_curves_[capacity_user_patterns_ ? 1 : 0].points;
  for (size_t i = 0; i < points.size(); ++i) {
    const ImVec2 p = f.map(points[i].p / nn, points[i].recalled);
    dl->AddCircleFilled(p, 3.0f, line);
    if (i > 0) dl->AddLine(f.map(points[i - 1].p / nn, points[i - 1].recalled), p, line, 2.0f);
  }
  end_plot(f);
}

// [SECTION] panel layout ----------------------------------------------------------------------------------------

void HopfieldLab::draw(Host& host, WidgetRegistry& widgets, std::string& status) {
  if (history_.empty()) restart_history();
  if (!ImGui::BeginTabBar("hopfield_parts")) return;
  const bool recall_open = ImGui::BeginTabItem(label(Str::HopTabRecall));
  widgets.record_last_item("hopfield.tab_recall");
  if (recall_open) {
    {  // the panels end (their table, their child windows) before the tab item does
      Panels panels("hopfield", 3, widgets);
      if (panels.next()) {
        section_title(tr(Str::HopGrid));
        draw_grid(widgets);
        draw_edit(host, widgets, status);
        draw_patterns(widgets);
      }
      if (panels.next()) draw_recall(widgets);
      if (panels.next()) {
        draw_inspector();
        draw_weights(host);
      }
    }
    ImGui::EndTabItem();
  }
  const bool capacity_open = ImGui::BeginTabItem(label(Str::HopCapacity));
  widgets.record_last_item("hopfield.tab_capacity");
  if (capacity_open) {
    draw_capacity(host, widgets);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

std::string HopfieldLab::outcome_message() const { return outcome_ ? outcome_text(*outcome_, patterns_) : std::string(); }

// [SECTION] persistence and test-hook state --------------------------------------------------------------------------

void HopfieldLab::save(Settings& s) const {
  s.set_int("hopfield.width", width_);
  s.set_int("hopfield.height", height_);
  s.set("hopfield.mode", mode_ == UpdateMode::Synchronous ? "sync" : "async");
  s.set_int("hopfield.flip", flip_count_);
  s.set_int("hopfield.paint", primary_value_);
  s.set_int("hopfield.seed", seed_);
  s.set_double("hopfield.speed", steps_per_second_);
  s.set("hopfield.file", file_path_);
  s.set("hopfield.canvas", format_patterns({Pattern{"", width_, height_, canvas_}}));
  s.set("hopfield.patterns", patterns_.empty() ? "" : format_patterns(patterns_));
  s.set("capacity.config", format_capacity_config(capacity_));
  s.set_int("capacity.user_patterns", capacity_user_patterns_ ? 1 : 0);
}

bool HopfieldLab::load(const Settings& s, std::string* error) {
  bool ok = true;
  auto fail = [&](const std::string& what) {
    if (error && error->empty()) *error = what;
    ok = false;
  };
  int width = s.get_int("hopfield.width", 5), height = s.get_int("hopfield.height", 5);
  if (width < 1 || height < 1 || width * height > 32 * 32) {
    fail("hopfield.width/height");
    width = height = 5;
  }
  set_grid(width, height);
  mode_ = s.get("hopfield.mode", "sync") == "async" ? UpdateMode::Asynchronous : UpdateMode::Synchronous;
  flip_count_ = std::clamp(s.get_int("hopfield.flip", 2), 0, n());
  primary_value_ = s.get_int("hopfield.paint", 1) < 0 ? -1 : 1;
  seed_ = s.get_int("hopfield.seed", 1);
  steps_per_second_ = static_cast<float>(std::clamp(s.get_double("hopfield.speed", 4.0), 1.0, 30.0));
  file_path_ = s.get("hopfield.file", file_path_);
  capacity_user_patterns_ = s.get_int("capacity.user_patterns", 0) != 0;
  if (s.has("hopfield.canvas")) {
    PatternParse canvas = parse_patterns(s.get("hopfield.canvas"));
    if (canvas.ok() && canvas.patterns[0].width == width && canvas.patterns[0].height == height)
      canvas_ = canvas.patterns[0].cells;
    else
      fail("hopfield.canvas");
  }
  const std::string patterns = s.get("hopfield.patterns");
  if (!patterns.empty()) {
    PatternParse parsed = parse_patterns(patterns);
    if (parsed.ok() && parsed.patterns[0].width == width && parsed.patterns[0].height == height)
      set_patterns(std::move(parsed.patterns));
    else
      fail("hopfield.patterns: " + parsed.error);
  }
  if (s.has("capacity.config")) {
    std::string err;
    CapacityConfig c;
    if (parse_capacity_config(s.get("capacity.config"), &c, &err)) capacity_ = c;
    else fail("capacity.config: " + err);
  }
  restart_history();
  return ok;
}

void HopfieldLab::write_json(JsonWriter& j) const {
  j.key("hopfield").begin_object();
  j.key("width").value(width_).key("height").value(height_);
  j.key("state").array(canvas_);
  j.key("patterns").value(static_cast<int>(patterns_.size()));
  j.key("pattern_names").begin_array();
  for (const Pattern& p : patterns_) j.value(p.name);
  j.end_array();
  j.key("undo_depth").value(static_cast<int>(undo_.size()));
  j.key("tool").value(tool_ == Tool::Paint ? "paint" : "inspect");
  j.key("inspected").value(inspected_);
  j.key("mode").value(mode_ == UpdateMode::Synchronous ? "sync" : "async");
  j.key("flip").value(flip_count_).key("seed").value(seed_);
  j.key("running").value(running_);
  j.key("steps").value(static_cast<int>(history_.size()) - 1);
  j.key("energies").array(energies_);
  j.key("overlaps").array(overlaps(canvas_, states_of(patterns_)));
  j.key("outcome");
  if (outcome_) {
    j.begin_object().key("kind").value(outcome_kind_name(outcome_->kind)).key("index");
    if (outcome_->index) j.value(*outcome_->index);
    else j.null();
    j.end_object();
  } else {
    j.null();
  }
  j.end_object();
  j.key("capacity").begin_object();
  j.key("running").value(capacity_job_ != 0);
  j.key("progress").value(capacity_progress_);
  j.key("progress_events").value(capacity_events_);
  j.key("status").value(capacity_status_);
  j.key("user_patterns").value(capacity_user_patterns_);
  j.key("config").value(format_capacity_config(capacity_));
  j.key("n").value(capacity_n());  // what the Neurons N field shows
  // The plotted curve (the chosen kind of pattern's) and the N and largest P of its axis.
  const auto [axis_n, axis_p_max] = capacity_axis();
  j.key("axis_n").value(axis_n).key("axis_p_max").value(axis_p_max);
  j.key("points").begin_array();
  for (const CapacityPoint& p : capacity_curves_[capacity_user_patterns_ ? 1 : 0].points) j.begin_array().value(p.p).value(p.recalled).end_array();
  j.end_array();
  j.end_object();
}

}  // namespace hebblab
