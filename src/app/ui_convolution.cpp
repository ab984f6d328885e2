// The convolution lab panel. [SECTION] index: inputs (canvas, MNIST, photo, own image), kernel and settings,
// output and recomputation, inspector and step-through, panel layout, persistence and test-hook state.
#include "app/ui_convolution.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>

#include <imgui.h>

#include "app/strings.h"
#include "core/config_text.h"
#include "core/image_io.h"

namespace hebblab {
namespace {

constexpr int kCanvasSizes[] = {28, 32, 48, 64, 96, 128};
constexpr int kMaxInputSide = 128;
constexpr const char* kPurpose = "convolution";  // the assets this lab asks for come back with it
constexpr int kMnistTestDigits = 10000;  // in t10k: the index range until the files say otherwise

// Images in the settings: one byte per pixel as hex (a 128 x 128 image is 32 KB of text).
std::string to_hex(const GrayImage& image) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(image.pixels.size() * 2);
  for (float p : image.pixels) {
    const int v = static_cast<int>(std::lround(std::clamp(p, 0.0f, 1.0f) * 255.0f));
    out += kHex[v >> 4];
    out += kHex[v & 15];
  }
  return out;
}

// One hex digit's value (0-9, a-f, A-F), or -1 for any other character.
int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool from_hex(const std::string& hex, int width, int height, GrayImage* out) {
  if (width <= 0 || height <= 0 || width > kMaxInputSide || height > kMaxInputSide ||
      hex.size() != static_cast<size_t>(width) * height * 2)
    return false;
  GrayImage image{width, height, std::vector<float>(static_cast<size_t>(width) * height)};
  for (size_t i = 0; i < image.pixels.size(); ++i) {
    const int hi = hex_digit(hex[i * 2]), lo = hex_digit(hex[i * 2 + 1]);
    if (hi < 0 || lo < 0) return false;
    image.pixels[i] = static_cast<float>(hi * 16 + lo) / 255.0f;
  }
  *out = std::move(image);
  return true;
}

const char* const kSources[] = {"draw", "mnist", "photo", "own"};

Str kernel_label(const std::string& name) {
  if (name == "identity") return Str::ConvKernelIdentity;
  if (name == "sharpen") return Str::ConvKernelSharpen;
  if (name == "mean_blur") return Str::ConvKernelMean;
  if (name == "laplacian") return Str::ConvKernelLaplacian;
  if (name == "gaussian_blur") return Str::ConvKernelGaussian;
  if (name == "sobel_horizontal") return Str::ConvKernelSobelH;
  if (name == "sobel_vertical") return Str::ConvKernelSobelV;
  return Str::ConvKernelCustom;
}

}  // namespace

std::vector<int> flow_rows(const std::vector<float>& widths, float available, float spacing) {
  std::vector<int> rows;
  float x = 0;  // where the row's last item ends
  for (float w : widths) {
    if (rows.empty() || x + spacing + w > available) {
      rows.push_back(1);
      x = w;
    } else {
      ++rows.back();
      x += spacing + w;
    }
  }
  return rows;
}

// [SECTION] inputs ----------------------------------------------------------------------------------------------

const GrayImage& ConvolutionLab::input() const {
  switch (source_) {
    case Source::Mnist: return mnist_digit_.pixels.empty() ? canvas_ : mnist_digit_;
    case Source::Photo: return photo_.pixels.empty() ? canvas_ : photo_;
    case Source::Own: return own_.pixels.empty() ? canvas_ : own_;
    case Source::Draw: break;
  }
  return canvas_;
}

void ConvolutionLab::open_file(const FileExchange::Opened& file, std::string& status) {
  if (!file.error.empty()) {
    status = file.error;
    return;
  }
  GrayImage image;
  std::string error;
  if (!decode_gray_image(file.bytes.data(), file.bytes.size(), &image, &error)) {
    status = file.name + ": " + error;
    return;
  }
  own_ = fit_within(image, kMaxInputSide);
  own_name_ = file.name;
  source_ = Source::Own;
  dirty_ = true;
  char buf[256];
  std::snprintf(buf, sizeof buf, tr(Str::ConvImageLoaded), file.name.c_str(), image.width, image.height, own_.width,
                own_.height);
  status = buf;
}

void ConvolutionLab::on_asset(const AssetLoader::Loaded& loaded, std::string& status) {
  std::string error = loaded.error;  // the loader's, or why the bytes are no image or IDX file
  const bool mnist = loaded.name == mnist_images_asset_.name() || loaded.name == mnist_labels_asset_.name();
  if (error.empty() && loaded.name == photo_asset_.name()) {
    decode_gray_image(loaded.bytes.data(), loaded.bytes.size(), &photo_, &error);
  } else if (error.empty() && mnist) {
    IdxArray& target = loaded.name == mnist_images_asset_.name() ? mnist_images_ : mnist_labels_;
    parse_idx(loaded.bytes.data(), loaded.bytes.size(), &target, &error);
  }
  for (AssetRequest* asset : {&photo_asset_, &mnist_images_asset_, &mnist_labels_asset_})
    if (loaded.name == asset->name()) asset->answered(error);
  if (!error.empty()) {
    char buf[512];
    std::snprintf(buf, sizeof buf, tr(Str::AssetFailed), loaded.name.c_str(), error.c_str());
    status = buf;
  }
  dirty_ = true;
}

std::vector<AssetRequest*> ConvolutionLab::assets_of(Source source) {
  switch (source) {
    case Source::Mnist: return {&mnist_images_asset_, &mnist_labels_asset_};
    case Source::Photo: return {&photo_asset_};
    case Source::Draw:
    case Source::Own: break;
  }
  return {};
}

// The input's asset is requested by draw_input, as when the user picks it.
void ConvolutionLab::show(LessonAction action) {
  const bool photo = action == LessonAction::SobelPhoto;
  source_ = photo ? Source::Photo : Source::Mnist;
  kernel_name_ = photo ? "sobel_horizontal" : "laplacian";
  if (!photo) set_mnist_index(0);
  magnitude_ = false;
  settings_ = ConvSettings{};
  auto_scale_ = true;
  stepping_ = false;
  dirty_ = true;
}

// How many test digits there are to show: as many as both files hold (either one's count while the other is on its
// way, t10k's 10,000 before either arrives).
int ConvolutionLab::mnist_count() const {
  const bool images = mnist_images_.dims.size() == 3, labels = mnist_labels_.dims.size() == 1;
  if (!images && !labels) return kMnistTestDigits;
  constexpr int kAny = std::numeric_limits<int>::max();
  return std::min(images ? mnist_images_.dims[0] : kAny, labels ? mnist_labels_.dims[0] : kAny);
}

// Every change of the index comes through here, so nothing ever reads by an index outside 0 .. count - 1.
void ConvolutionLab::set_mnist_index(int index) {
  const int next = std::clamp(index, 0, std::max(0, mnist_count() - 1));
  if (next != mnist_index_) {
    mnist_index_ = next;
    dirty_ = true;
  }
}

// The label of test digit `index`, or -1 if there is none (the labels are not here yet, or no such digit).
int ConvolutionLab::mnist_label(int index) const {
  if (index < 0 || static_cast<size_t>(index) >= mnist_labels_.data.size()) return -1;
  return mnist_labels_.data[static_cast<size_t>(index)];
}

// The digit on show, once both MNIST files are here.
void ConvolutionLab::refresh_mnist_digit() {
  const bool ready = mnist_images_.dims.size() == 3 && mnist_labels_.dims.size() == 1 && mnist_count() > 0;
  if (ready && (mnist_digit_.pixels.empty() || dirty_)) {
    const int h = mnist_images_.dims[1], w = mnist_images_.dims[2];
    set_mnist_index(mnist_index_);  // a saved index may lie beyond the digits that arrived
    mnist_digit_ = {w, h, std::vector<float>(static_cast<size_t>(w) * h)};
    const uint8_t* digit = mnist_images_.data.data() + static_cast<size_t>(mnist_index_) * w * h;
    for (size_t i = 0; i < mnist_digit_.pixels.size(); ++i) mnist_digit_.pixels[i] = digit[i] / 255.0f;
  }
}

void ConvolutionLab::draw_input(Host& host, WidgetRegistry& widgets) {
  section_title(tr(Str::ConvInput));
  struct Choice { Source source; Str label; const char* hook; };
  const Choice choices[] = {{Source::Draw, Str::ConvSourceDraw, "conv.source_draw"},
                            {Source::Mnist, Str::ConvSourceMnist, "conv.source_mnist"},
                            {Source::Photo, Str::ConvSourcePhoto, "conv.source_photo"},
                            {Source::Own, Str::ConvSourceOwn, "conv.source_own"}};
  bool chosen = source_ != last_source_;  // by a lesson step or the settings, or below
  for (const Choice& c : choices) {
    if (c.source != Source::Draw) flow(radio_width(label(c.label)));
    if (ImGui::RadioButton(label(c.label), source_ == c.source)) {
      source_ = c.source;
      dirty_ = true;
      chosen = true;
    }
    widgets.record_last_item(c.hook);
  }
  last_source_ = source_;
  // The input's assets: asked for when first needed, and again after a failure when the input is chosen again.
  for (AssetRequest* asset : assets_of(source_)) {
    if (chosen) asset->choose(host, kPurpose);
    else asset->want(host, kPurpose);
  }
  const bool failed = draw_asset_failures(assets_of(source_), host, kPurpose, widgets, "conv.asset_retry");

  switch (source_) {
    case Source::Draw: {
      char preview[32];
      std::snprintf(preview, sizeof preview, "%d x %d", canvas_.width, canvas_.height);
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
      if (ImGui::BeginCombo(label(Str::ConvCanvasSize), preview)) {
        for (int s : kCanvasSizes) {
          char label[32];
          std::snprintf(label, sizeof label, "%d x %d", s, s);
          if (ImGui::Selectable(label, s == canvas_.width)) {
            canvas_ = {s, s, std::vector<float>(static_cast<size_t>(s) * s, 0.0f)};
            brush_radius_ = std::max(1.0f, s / 20.0f);
            dirty_ = true;
          }
        }
        ImGui::EndCombo();
      }
      flow(button_width(label(Str::ConvClear)));
      if (ImGui::Button(label(Str::ConvClear))) {
        std::fill(canvas_.pixels.begin(), canvas_.pixels.end(), 0.0f);
        dirty_ = true;
      }
      widgets.record_last_item("conv.clear");
      flow(field_width(ImGui::GetFontSize() * 5, label(Str::ConvBrush)));
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
      ImGui::SliderFloat(label(Str::ConvBrush), &brush_radius_, 0.5f, 8.0f, "%.1f");
      teaching_text(tr(Str::ConvPaintHelp));
      break;
    }
    case Source::Mnist:
      if (failed) break;
      if (mnist_images_.dims.empty()) {
        teaching_text(tr(Str::ConvLoading));
        break;
      }
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
      // The edit goes to a copy and comes back clamped: "-" on the first digit stays on it.
      if (int index = mnist_index_; ImGui::InputInt(label(Str::ConvMnistIndex), &index)) set_mnist_index(index);
      widgets.record_last_item("conv.mnist_index");
      if (!mnist_labels_.data.empty()) {
        if (const int shown = mnist_label(mnist_index_); shown >= 0) {
          ImGui::SameLine();
          ImGui::Text(tr(Str::ConvMnistLabel), shown);
        }
        // Browse by label: the next test digit (after the one on show) with the chosen label.
        ImGui::TextUnformatted(tr(Str::ConvMnistNext));
        const int count = mnist_count();
        for (int label = 0; label < 10; ++label) {
          ImGui::SameLine();
          ImGui::PushID(label);
          char text[4];
          std::snprintf(text, sizeof text, "%d", label);
          if (ImGui::SmallButton(text)) {
            for (int step = 1; step <= count; ++step) {
              const int i = (mnist_index_ + step) % count;
              if (mnist_label(i) == label) {
                set_mnist_index(i);
                break;
              }
            }
          }
          widgets.record_last_item("conv.mnist_next_" + std::to_string(label));
          ImGui::PopID();
        }
      }
      break;
    case Source::Photo: teaching_text(tr(Str::ConvPhotoCredit)); break;
    case Source::Own:
      if (host.files && host.files->uses_paths()) {
        char buf[512];
        std::snprintf(buf, sizeof buf, "%s", image_path_.c_str());
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
        if (ImGui::InputText(label(Str::ConvImagePath), buf, sizeof buf)) image_path_ = buf;
      }
      if (host.files && ImGui::Button(label(Str::ConvOpenImage))) host.files->request_open(image_path_, "image");
      widgets.record_last_item("conv.open_image");
      ImGui::SameLine();
      teaching_text(own_name_.empty() ? tr(Str::ConvOwnHelp) : own_name_.c_str());
      break;
  }

  const GrayImage& in = input();
  input_map_.set_keyboard_cursor(source_ == Source::Draw);  // a canvas to paint, not a photo to cross pixel by pixel
  const Heatmap::Pointer pointer = input_map_.draw("input", image_side(0.55f));
  widgets.record("conv.canvas", input_map_.image_min(), input_map_.image_max());
  // Painting on the canvas: left button adds ink, right button erases.
  if (source_ == Source::Draw && brush_.paint(pointer, &canvas_, brush_radius_)) dirty_ = true;
  if (pointer.cell >= 0)
    ImGui::SetTooltip("f(%d, %d) = %.3f", pointer.cell % in.width, pointer.cell / in.width,
                      in.pixels[static_cast<size_t>(pointer.cell)]);
  // The kernel's window over the input, where the inspector looks.
  if (inspect_x_ >= 0 && !output_.pixels.empty()) {
    const PixelExplanation e = explain_output_pixel(in, kernel(), settings_, inspect_x_, inspect_y_);
    const float c = input_map_.cell_size();
    const ImVec2 a(input_map_.image_min().x + e.in_x0 * c, input_map_.image_min().y + e.in_y0 * c);
    const int k = kernel().size;
    ImGui::GetWindowDrawList()->AddRect(a, ImVec2(a.x + k * c, a.y + k * c), IM_COL32(230, 159, 0, 255), 0, 0, 2.0f);
  }
}

// [SECTION] kernel and settings -----------------------------------------------------------------------------------

ConvKernel ConvolutionLab::kernel() const {
  if (const ConvKernel* k = find_lecture_kernel(kernel_name_)) return *k;
  return custom_;
}

void ConvolutionLab::draw_kernel(WidgetRegistry& widgets) {
  section_title(tr(Str::ConvKernel));
  for (const ConvKernel& k : lecture_kernels()) {
    if (ImGui::RadioButton(label(kernel_label(k.name)), kernel_name_ == k.name && !magnitude_)) {
      kernel_name_ = k.name;
      magnitude_ = false;
      dirty_ = true;
    }
    widgets.record_last_item("conv.kernel." + k.name);
  }
  if (ImGui::RadioButton(label(Str::ConvKernelCustom), kernel_name_ == "custom" && !magnitude_)) {
    kernel_name_ = "custom";
    magnitude_ = false;
    dirty_ = true;
  }
  widgets.record_last_item("conv.kernel.custom");
  if (ImGui::RadioButton(label(Str::ConvMagnitude), magnitude_)) {
    magnitude_ = true;
    dirty_ = true;
  }
  widgets.record_last_item("conv.magnitude");
  help_marker(tr(Str::ConvMagnitudeHelp));

  // The weights: shown for the lecture's kernels, editable for the custom one.
  const ConvKernel k = kernel();
  const bool editable = kernel_name_ == "custom" && !magnitude_;
  if (magnitude_) {
    teaching_text(tr(Str::ConvMagnitudeText));
  } else if (ImGui::BeginTable("weights", k.size, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
    for (int i = 0; i < k.size * k.size; ++i) {
      ImGui::TableNextColumn();
      ImGui::PushID(i);
      if (editable) {
        // On a touch screen, − / + steppers of 0.1: ImGui raises no soft keyboard there.
        const bool steppers = touch_ui();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 3.2f + (steppers ? 2 * ImGui::GetFrameHeight() : 0.0f));
        if (ImGui::InputFloat("##w", &custom_.weights[static_cast<size_t>(i)], steppers ? 0.1f : 0.0f, 0, "%.3g"))
          dirty_ = true;
        widgets.record_last_item("conv.weight" + std::to_string(i));
      } else {
        ImGui::Text("%.3g", k.weights[static_cast<size_t>(i)]);
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (editable) {
    for (int size : {3, 5}) {
      char label[16];
      std::snprintf(label, sizeof label, "%d x %d", size, size);
      if (ImGui::RadioButton(label, custom_.size == size) && custom_.size != size) {
        // Keep the centre: a 3 x 3 kernel sits in the middle of the 5 x 5 one and back.
        ConvKernel resized{"custom", size, std::vector<float>(static_cast<size_t>(size) * size, 0.0f)};
        const int off = (size - custom_.size) / 2;
        for (int y = 0; y < custom_.size; ++y)
          for (int x = 0; x < custom_.size; ++x) {
            const int ty = y + off, tx = x + off;
            if (ty >= 0 && tx >= 0 && ty < size && tx < size)
              resized.weights[static_cast<size_t>(ty * size + tx)] = custom_.weights[static_cast<size_t>(y * custom_.size + x)];
          }
        custom_ = resized;
        dirty_ = true;
      }
      ImGui::SameLine();
    }
    if (ImGui::Button(label(Str::ConvNormalise))) {
      custom_ = normalised(custom_);
      dirty_ = true;
    }
    widgets.record_last_item("conv.normalise");
    help_marker(tr(Str::ConvNormaliseHelp));
    if (ImGui::Button(label(Str::ConvCopyLecture))) {
      ConvKernel from = *find_lecture_kernel("sobel_vertical");
      custom_ = {"custom", from.size, from.weights};
      dirty_ = true;
    }
  }

  section_title(tr(Str::ConvSettings));
  ImGui::TextUnformatted(tr(Str::ConvStride));
  for (int s : {1, 2}) {
    ImGui::SameLine();
    char label[8];
    std::snprintf(label, sizeof label, "%d", s);
    if (ImGui::RadioButton(label, settings_.stride == s)) {
      settings_.stride = s;
      dirty_ = true;
    }
    widgets.record_last_item("conv.stride" + std::to_string(s));
  }
  ImGui::TextUnformatted(tr(Str::ConvPadding));
  flow(radio_width("valid"));
  if (ImGui::RadioButton("valid", settings_.padding == Padding::Valid)) {
    settings_.padding = Padding::Valid;
    dirty_ = true;
  }
  widgets.record_last_item("conv.valid");
  flow(radio_width("same"));
  if (ImGui::RadioButton("same", settings_.padding == Padding::Same)) {
    settings_.padding = Padding::Same;
    dirty_ = true;
  }
  widgets.record_last_item("conv.same");
  // The output size, with the formula and the numbers in it.
  const GrayImage& in = input();
  char size_text[256];
  if (settings_.padding == Padding::Valid)
    std::snprintf(size_text, sizeof size_text, tr(Str::ConvSizeValid), in.width, k.size, settings_.stride,
                  conv_output_size(in.width, k.size, settings_.stride, Padding::Valid), in.height, k.size,
                  settings_.stride, conv_output_size(in.height, k.size, settings_.stride, Padding::Valid));
  else
    std::snprintf(size_text, sizeof size_text, tr(Str::ConvSizeSame), in.width, settings_.stride,
                  conv_output_size(in.width, k.size, settings_.stride, Padding::Same), in.height, settings_.stride,
                  conv_output_size(in.height, k.size, settings_.stride, Padding::Same));
  ImGui::TextWrapped("%s", size_text);
  teaching_text(tr(Str::ConvFormulaHelp));
}

// [SECTION] output and recomputation ------------------------------------------------------------------------------

void ConvolutionLab::recompute(Host& host) {
  const auto start = std::chrono::steady_clock::now();
  const GrayImage& in = input();
  input_map_.set(host.textures, in.pixels, in.width, in.height, 1.0);
  output_ = magnitude_ ? sobel_magnitude(in, settings_) : convolve(in, kernel(), settings_);
  // A kernel summing to 1 gives an image: the input's grey scale, 0..1, clipped; anything else the diverging scale.
  const bool grey = !magnitude_ && output_display(kernel()) == OutputDisplay::Gray;
  output_map_.set_color_map(grey ? ColorMap::Gray : ColorMap::Diverging);
  clipped_ = grey ? count_outside_unit(output_.pixels) : 0;
  if (auto_scale_) {
    float m = 0;
    for (float v : output_.pixels) m = std::max(m, std::abs(v));
    scale_ = m > 0 ? m : 1.0f;
  }
  output_map_.set(host.textures, output_.pixels, output_.width, output_.height, grey ? 1.0 : scale_);
  if (inspect_x_ >= output_.width || inspect_y_ >= output_.height) inspect_x_ = inspect_y_ = -1;
  last_update_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  dirty_ = false;
}

void ConvolutionLab::draw_output(WidgetRegistry& widgets) {
  section_title(tr(Str::ConvOutput));
  const bool grey = output_map_.color_map() == ColorMap::Gray;  // its scale is the input's 0..1: nothing to set
  if (!grey) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    if (ImGui::SliderFloat(label(Str::ConvScale), &scale_, 0.01f, 20.0f, "%.3g", ImGuiSliderFlags_Logarithmic)) {
      auto_scale_ = false;
      output_map_.set_scale(scale_);  // a uniform: nothing is uploaded again
    }
    widgets.record_last_item("conv.scale");
    flow(radio_width(label(Str::ConvAutoScale)));
    if (ImGui::Checkbox(label(Str::ConvAutoScale), &auto_scale_) && auto_scale_) dirty_ = true;
    widgets.record_last_item("conv.auto_scale");
  }
  const int hovered = output_map_.draw("output", image_side(0.55f)).cell;
  widgets.record("conv.output", output_map_.image_min(), output_map_.image_max());
  if (hovered >= 0 && !stepping_) {
    inspect_x_ = hovered % output_.width;
    inspect_y_ = hovered / output_.width;
  }
  if (inspect_x_ >= 0 && output_map_.cell_size() > 0) {
    const float c = output_map_.cell_size();
    const ImVec2 a(output_map_.image_min().x + inspect_x_ * c, output_map_.image_min().y + inspect_y_ * c);
    ImGui::GetWindowDrawList()->AddRect(a, ImVec2(a.x + c, a.y + c), IM_COL32(230, 159, 0, 255), 0, 0, 2.0f);
  }
  if (grey) {
    teaching_text(tr(Str::ConvGreyHelp));
    const long clipped = static_cast<long>(clipped_);
    ImGui::Text(trn(Str::ConvClipped, clipped), static_cast<int>(clipped));
  } else {
    teaching_text(tr(Str::ConvColourHelp));
  }
}

// [SECTION] inspector and step-through ----------------------------------------------------------------------------

void ConvolutionLab::draw_inspector() {
  section_title(tr(Str::ConvInspector));
  if (ImGui::Button(stepping_ ? label(Str::ConvPause) : label(Str::ConvPlay))) stepping_ = !stepping_;
  ImGui::SameLine();
  const bool step = ImGui::Button(label(Str::ConvStep));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
  ImGui::SliderFloat(label(Str::ConvStepsPerSecond), &steps_per_second_, 1.0f, 60.0f, "%.0f");
  int advance = step ? 1 : 0;
  if (stepping_) {
    step_clock_ += ImGui::GetIO().DeltaTime;
    while (step_clock_ >= 1.0 / steps_per_second_) {
      step_clock_ -= 1.0 / steps_per_second_;
      ++advance;
    }
  }
  if (advance > 0 && output_.width > 0) {
    // Slide the window pixel by pixel, row by row, as the definition does.
    int i = std::max(0, inspect_y_) * output_.width + std::max(0, inspect_x_) + (inspect_x_ < 0 ? 0 : advance);
    i %= output_.width * output_.height;
    inspect_x_ = i % output_.width;
    inspect_y_ = i / output_.width;
  }
  if (inspect_x_ < 0 || magnitude_) {
    teaching_text(tr(magnitude_ ? Str::ConvInspectorMagnitude : Str::ConvInspectorEmpty));
    inspector_rows_.clear();
    return;
  }
  const ConvKernel k = kernel();
  const PixelExplanation e = explain_output_pixel(input(), k, settings_, inspect_x_, inspect_y_);
  ImGui::Text(tr(Str::ConvInspectorPixel), e.out_x, e.out_y, e.in_x0, e.in_y0);
  // Three small tables: the input window, the weights, and their products, each (k, k) cells of printed text. Their
  // columns are as wide as the widest text printed in them, and a table that would pass the panel's edge goes to the
  // next row (the blurs' products, 0.111 or 0.0625, do not fit three abreast in a third of 1280 pixels).
  struct Grid {
    const char* id;
    const char* title;
    std::vector<std::string> cells;  // (k, k) row-major
    std::vector<bool> inside;        // (k, k): false where dimmed (the window's zeros over a 'same' border)
    std::vector<float> column_widths;  // (k)
    float width = 0;
  };
  const auto cell = [](const char* format, double v) {
    char text[32];
    std::snprintf(text, sizeof text, format, v);
    return std::string(text);
  };
  const size_t kk = static_cast<size_t>(k.size) * k.size;
  Grid grids[3] = {{"window", tr(Str::ConvInspectorWindow), {}, e.inside, {}, 0},
                   {"kernel", tr(Str::ConvInspectorWeights), {}, std::vector<bool>(kk, true), {}, 0},
                   {"products", tr(Str::ConvInspectorProducts), {}, std::vector<bool>(kk, true), {}, 0}};
  for (size_t i = 0; i < kk; ++i) {
    grids[0].cells.push_back(e.inside[i] ? cell("%.2f", e.window[i]) : "0");
    grids[1].cells.push_back(cell("%.3g", k.weights[i]));
    grids[2].cells.push_back(cell("%.3f", printable(e.products[i], 3)));
  }
  // A table's width with ImGuiTableFlags_Borders: each column its text, the cell padding on both sides and a 1-pixel
  // border, plus the outer border (imgui_tables.cpp, TableUpdateLayout).
  const float padding = ImGui::GetStyle().CellPadding.x;
  std::vector<float> widths;
  for (Grid& g : grids) {
    g.column_widths.assign(static_cast<size_t>(k.size), 0.0f);
    for (size_t i = 0; i < kk; ++i) {
      float& w = g.column_widths[i % static_cast<size_t>(k.size)];
      w = std::max(w, ImGui::CalcTextSize(g.cells[i].c_str()).x);
    }
    float table = 1.0f;
    for (float w : g.column_widths) table += w + 2 * padding + 1.0f;
    g.width = std::max(table, ImGui::CalcTextSize(g.title).x);
    widths.push_back(g.width);
  }
  inspector_rows_ = flow_rows(widths, ImGui::GetContentRegionAvail().x, ImGui::GetStyle().ItemSpacing.x);
  size_t next = 0;
  for (int row : inspector_rows_)
    for (int j = 0; j < row; ++j, ++next) {
      const Grid& g = grids[next];
      if (j > 0) ImGui::SameLine();
      ImGui::BeginGroup();
      ImGui::TextUnformatted(g.title);
      if (ImGui::BeginTable(g.id, k.size, ImGuiTableFlags_Borders | ImGuiTableFlags_NoHostExtendX)) {
        for (float w : g.column_widths) ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthFixed, w);
        for (size_t i = 0; i < kk; ++i) {
          ImGui::TableNextColumn();
          if (g.inside[i]) ImGui::TextUnformatted(g.cells[i].c_str());
          else ImGui::TextDisabled("%s", g.cells[i].c_str());
        }
        ImGui::EndTable();
      }
      ImGui::EndGroup();
    }
  ImGui::Text(tr(Str::ConvInspectorSum), e.out_x, e.out_y, printable(e.sum, 4));
}

// [SECTION] panel layout -------------------------------------------------------------------------------------------

void ConvolutionLab::draw(Host& host, WidgetRegistry& widgets) {
  refresh_mnist_digit();
  if (dirty_) recompute(host);
  Panels panels("convolution", 3, widgets);
  if (panels.next()) draw_input(host, widgets);
  if (panels.next()) draw_kernel(widgets);
  if (panels.next()) {
    draw_output(widgets);
    draw_inspector();
  }
}

// [SECTION] persistence and test-hook state --------------------------------------------------------------------------

void ConvolutionLab::save(Settings& s) const {
  s.set("conv.source", kSources[static_cast<int>(source_)]);
  s.set("conv.kernel", magnitude_ ? "magnitude" : kernel_name_);
  s.set_int("conv.custom_size", custom_.size);
  std::string weights;
  // Shortest text that reads back as the same number, whatever the locale: 1/9 survives a restart exactly.
  for (float w : custom_.weights) weights += (weights.empty() ? "" : " ") + format_double(w);
  s.set("conv.custom", weights);
  s.set_int("conv.stride", settings_.stride);
  s.set("conv.padding", settings_.padding == Padding::Valid ? "valid" : "same");
  s.set_int("conv.mnist_index", mnist_index_);
  s.set_double("conv.brush", brush_radius_);
  s.set_int("conv.canvas_size", canvas_.width);
  s.set("conv.canvas", to_hex(canvas_));
  if (!own_.pixels.empty()) {
    s.set("conv.own_name", own_name_);
    s.set("conv.own_size", std::to_string(own_.width) + "x" + std::to_string(own_.height));
    s.set("conv.own", to_hex(own_));
  }
}

bool ConvolutionLab::load(const Settings& s, std::string* error) {
  bool ok = true;
  auto fail = [&](const char* what) {
    if (error && error->empty()) *error = what;
    ok = false;
  };
  const std::string source = s.get("conv.source", "draw");
  for (int i = 0; i < 4; ++i)
    if (source == kSources[i]) source_ = static_cast<Source>(i);
  const std::string k = s.get("conv.kernel", kernel_name_);
  magnitude_ = k == "magnitude";
  if (!magnitude_) kernel_name_ = (find_lecture_kernel(k) || k == "custom") ? k : "sobel_vertical";
  const int custom_size = s.get_int("conv.custom_size", 3) == 5 ? 5 : 3;
  std::vector<float> weights;
  const std::string text = s.get("conv.custom");
  bool numbers = true;
  for (std::string_view word : split_words(text)) {
    // What save() writes (format_double) parse_double reads back exactly; a float's range, or the key is damaged.
    double v = 0;
    if (!parse_double(word, &v) || std::abs(v) > std::numeric_limits<float>::max()) {
      numbers = false;
      break;
    }
    weights.push_back(static_cast<float>(v));
  }
  if (numbers && weights.size() == static_cast<size_t>(custom_size * custom_size))
    custom_ = {"custom", custom_size, weights};
  else if (!text.empty()) fail("conv.custom");
  settings_.stride = s.get_int("conv.stride", 1) == 2 ? 2 : 1;
  settings_.padding = s.get("conv.padding", "valid") == "same" ? Padding::Same : Padding::Valid;
  set_mnist_index(s.get_int("conv.mnist_index", 0));
  brush_radius_ = static_cast<float>(std::clamp(s.get_double("conv.brush", 1.5), 0.5, 8.0));
  const int size = s.get_int("conv.canvas_size", 28);
  if (std::find(std::begin(kCanvasSizes), std::end(kCanvasSizes), size) != std::end(kCanvasSizes)) {
    canvas_ = {size, size, std::vector<float>(static_cast<size_t>(size) * size, 0.0f)};
    if (s.has("conv.canvas") && !from_hex(s.get("conv.canvas"), size, size, &canvas_)) fail("conv.canvas");
  }
  if (s.has("conv.own")) {
    int w = 0, h = 0;
    if (std::sscanf(s.get("conv.own_size").c_str(), "%dx%d", &w, &h) == 2 && from_hex(s.get("conv.own"), w, h, &own_))
      own_name_ = s.get("conv.own_name");
    else
      fail("conv.own");
  }
  dirty_ = true;
  return ok;
}

void ConvolutionLab::write_json(JsonWriter& j) const {
  const GrayImage& in = input();
  j.key("convolution").begin_object();
  j.key("source").value(kSources[static_cast<int>(source_)]);
  j.key("width").value(in.width).key("height").value(in.height);
  j.key("kernel").value(magnitude_ ? "magnitude" : kernel_name_.c_str());
  j.key("weights").array(kernel().weights);
  j.key("stride").value(settings_.stride);
  j.key("padding").value(settings_.padding == Padding::Valid ? "valid" : "same");
  j.key("out_width").value(output_.width).key("out_height").value(output_.height);
  j.key("display").value(output_map_.color_map() == ColorMap::Gray ? "gray" : "diverging");
  j.key("clipped").value(static_cast<int>(clipped_));
  j.key("scale").value(static_cast<double>(scale_));
  j.key("auto_scale").value(auto_scale_);
  j.key("last_update_ms").value(last_update_ms_);
  j.key("mnist_index").value(mnist_index_);
  j.key("mnist_label");
  if (const int label = mnist_label(mnist_index_); label >= 0) j.value(label);
  else j.null();
  j.key("inspected").begin_array().value(inspect_x_).value(inspect_y_).end_array();
  j.key("inspector_rows").begin_array();
  for (int row : inspector_rows_) j.value(row);
  j.end_array();
  j.key("input").array(in.pixels);
  j.key("output").array(output_.pixels);
  j.end_object();
}

}  // namespace hebblab
