// The convolution lab: the lecture's kernels (or the student's own) applied to a drawing, an MNIST digit, a photo or
// the student's image, with the output beside the input and the arithmetic of any output pixel on demand.
#pragma once
#include <string>
#include <vector>

#include "app/asset_request.h"
#include "app/host.h"
#include "app/lessons.h"
#include "app/test_hook.h"
#include "app/widgets.h"
#include "core/convolution.h"
#include "core/json_writer.h"
#include "core/nn/idx.h"
#include "core/settings.h"

namespace hebblab {

// Flow layout, as the inspector places its grids: items of the given widths (n, pixels) left to right with `spacing`
// between them, a new row whenever the next item would end past `available` -> the number of items on each row, in
// order (a row holds at least one item, even one wider than available).
std::vector<int> flow_rows(const std::vector<float>& widths, float available, float spacing);

class ConvolutionLab {
 public:
  void draw(Host& host, WidgetRegistry& widgets);
  // An image the user opened or dropped (PNG, JPEG, PGM): it becomes the input, or status says why not.
  void open_file(const FileExchange::Opened& file, std::string& status);
  // A bundled asset it asked for (purpose "convolution"): the photo or MNIST's test set.
  void on_asset(const AssetLoader::Loaded& loaded, std::string& status);
  // A lesson step's "Show me": an input through one of the lecture's kernels, stride 1, no padding.
  void show(LessonAction action);
  void save(Settings& s) const;
  bool load(const Settings& s, std::string* error);
  void write_json(JsonWriter& j) const;

 private:
  enum class Source { Draw, Mnist, Photo, Own };

  const GrayImage& input() const;
  // The bundled assets an input needs (none for a drawing or the student's image).
  std::vector<AssetRequest*> assets_of(Source source);
  ConvKernel kernel() const;
  void recompute(Host& host);
  void refresh_mnist_digit();
  // MNIST's test digits by index: how many there are to show, the index changed (clamped to them), a digit's label.
  int mnist_count() const;
  void set_mnist_index(int index);
  int mnist_label(int index) const;

  void draw_input(Host& host, WidgetRegistry& widgets);
  void draw_kernel(WidgetRegistry& widgets);
  void draw_output(WidgetRegistry& widgets);
  void draw_inspector();

  Source source_ = Source::Draw;
  GrayImage canvas_{28, 28, std::vector<float>(28 * 28, 0.0f)};
  float brush_radius_ = 1.5f;
  BrushPainter brush_;

  IdxArray mnist_images_, mnist_labels_;
  AssetRequest mnist_images_asset_{"mnist/t10k-images-idx3-ubyte"}, mnist_labels_asset_{"mnist/t10k-labels-idx1-ubyte"};
  int mnist_index_ = 0;
  GrayImage mnist_digit_, photo_, own_;
  AssetRequest photo_asset_{"images/camera.png"};
  Source last_source_ = Source::Draw;  // the input drawn last frame: a change is a choice, which retries its assets
  std::string own_name_;
  std::string image_path_;  // desktop: the path typed for Open image

  std::string kernel_name_ = "sobel_vertical";
  ConvKernel custom_{"custom", 3, std::vector<float>(9, 0.0f)};
  ConvSettings settings_;
  bool magnitude_ = false;
  float scale_ = 1.0f;
  bool auto_scale_ = true;

  GrayImage output_;
  size_t clipped_ = 0;  // output pixels outside 0..1, when it is shown on the grey scale (output_display)
  Heatmap input_map_{ColorMap::Gray}, output_map_;
  bool dirty_ = true;           // the input or the kernel changed: convolve and upload again
  double last_update_ms_ = 0;   // convolve + upload, for the figures in the test hook

  int inspect_x_ = -1, inspect_y_ = -1;  // the output pixel the inspector explains
  std::vector<int> inspector_rows_;      // its three grids per row, as last drawn (flow_rows)
  bool stepping_ = false;
  double step_clock_ = 0;
  float steps_per_second_ = 8.0f;
};

}  // namespace hebblab
