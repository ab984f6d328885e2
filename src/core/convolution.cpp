// The convolution lab's arithmetic: the lecture's kernels, Normalise, and one image through the network engine's
// conv2d_forward (so the lab and the CNN share one convolution routine), plus the plain loops that check it and the
// per-pixel explanation the inspector shows.
#include "convolution.h"

#include <algorithm>
#include <cmath>

namespace hebblab {
namespace {

ConvKernel kernel3(const char* name, std::vector<float> weights, float divisor = 1.0f) {
  for (float& w : weights) w /= divisor;
  return ConvKernel{name, 3, std::move(weights)};
}

// Zeros before the first row (or column) of an axis, Keras's 'same': half the total padding, rounded down, so the
// extra one of an odd total goes at the bottom/right. Written from the definition, apart from make_window.
int padding_before(int n, int k, int stride, Padding padding) {
  if (padding == Padding::Valid) return 0;
  const int out = conv_output_size(n, k, stride, padding);
  return int(std::max((out - 1) * int64_t(stride) + k - n, int64_t(0)) / 2);
}

// The input value at (x, y), zero outside the image (the padding).
float value_or_zero(const GrayImage& image, int x, int y) {
  return x >= 0 && x < image.width && y >= 0 && y < image.height ? image.at(x, y) : 0.0f;
}

}  // namespace

const std::vector<ConvKernel>& lecture_kernels() {
  static const std::vector<ConvKernel> kernels = {
      kernel3("identity", {0, 0, 0, 0, 1, 0, 0, 0, 0}),
      kernel3("sharpen", {0, -1, 0, -1, 5, -1, 0, -1, 0}),
      kernel3("mean_blur", {1, 1, 1, 1, 1, 1, 1, 1, 1}, 9),
      kernel3("laplacian", {0, 1, 0, 1, -4, 1, 0, 1, 0}),
      kernel3("gaussian_blur", {1, 2, 1, 2, 4, 2, 1, 2, 1}, 16),
      kernel3("sobel_horizontal", {-1, -2, -1, 0, 0, 0, 1, 2, 1}),
      kernel3("sobel_vertical", {-1, 0, 1, -2, 0, 2, -1, 0, 1}),
  };
  return kernels;
}

const ConvKernel* find_lecture_kernel(const std::string& name) {
  for (const ConvKernel& k : lecture_kernels())
    if (k.name == name) return &k;
  return nullptr;
}

ConvKernel normalised(const ConvKernel& kernel) {
  double sum = 0, sum_abs = 0;
  for (float w : kernel.weights) sum += w, sum_abs += std::fabs(w);
  // A sum within rounding of zero (custom weights like 0.1 rarely add up to exactly 0) counts as zero: dividing by
  // it would blow the kernel up.
  const double divisor = std::fabs(sum) > 1e-6 * sum_abs ? sum : sum_abs;
  ConvKernel out = kernel;
  if (divisor == 0) return out;
  for (float& w : out.weights) w = static_cast<float>(w / divisor);
  return out;
}

// weights (k, k) -> Gray when they sum to 1 within float rounding (the tolerance normalised() uses), else Diverging.
OutputDisplay output_display(const ConvKernel& kernel) {
  double sum = 0, sum_abs = 0;
  for (float w : kernel.weights) sum += w, sum_abs += std::fabs(w);
  return std::fabs(sum - 1.0) < 1e-6 * std::max(1.0, sum_abs) ? OutputDisplay::Gray : OutputDisplay::Diverging;
}

size_t count_outside_unit(const std::vector<float>& values) {
  return static_cast<size_t>(
      std::count_if(values.begin(), values.end(), [](float v) { return !(v >= 0.0f && v <= 1.0f); }));
}

int conv_output_size(int n, int k, int stride, Padding padding) {
  if (padding == Padding::Same) return int((int64_t(n) + stride - 1) / stride);  // in 64 bits: any stride
  return n >= k ? (n - k) / stride + 1 : 0;
}

// image (H, W) is the engine's x (1, H, W, 1), the kernel its (k, k, 1, 1) and the output its y (1, OH, OW, 1): the
// memory layouts coincide, so nothing is copied. The output goes in bands of rows, each band a window of its own over
// the input rows it reads (with the top padding only in the first band), so that the im2col workspace (band rows * OW,
// k*k) stays near kBandValues whatever the image: a 4096 x 4096 photo through a 5 x 5 kernel would need 1.7 GB in one
// piece. The workspace is kept between calls, as the UI reconvolves on every kernel edit.
GrayImage convolve(const GrayImage& image, const ConvKernel& kernel, const ConvSettings& settings) {
  constexpr int64_t kBandValues = int64_t(1) << 20;  // 4 MiB of floats
  const int k = kernel.size, s = settings.stride;
  const Window2D g = make_window(1, image.height, image.width, 1, k, k, s, s, settings.padding);
  GrayImage out;
  out.width = g.ow, out.height = g.oh;
  out.pixels.resize(static_cast<size_t>(g.out_pixels()));
  if (out.pixels.empty()) return out;
  const int band_rows = int(std::clamp<int64_t>(kBandValues / (int64_t(g.ow) * g.patch()), 1, g.oh));
  thread_local std::vector<float> cols;
  const float bias = 0;
  for (int y0 = 0; y0 < g.oh; y0 += band_rows) {
    // Output rows [y0, y1) read input rows from y0 * s - top, of which those inside the image start at `first`.
    const int y1 = std::min(g.oh, y0 + band_rows);
    const int64_t from = int64_t(y0) * s - g.pad_top;
    const int first = int(std::max<int64_t>(from, 0));
    Window2D band = g;
    band.oh = y1 - y0;
    band.pad_top = int(first - from);
    band.h = int(std::min<int64_t>(image.height, int64_t(y1 - 1) * s - g.pad_top + k)) - first;
    cols.resize(static_cast<size_t>(conv2d_workspace(band, 1)));
    conv2d_forward<float>(band, 1, image.pixels.data() + int64_t(first) * image.width, kernel.weights.data(), &bias,
                          cols.data(), out.pixels.data() + int64_t(y0) * g.ow);
  }
  return out;
}

// out(x, y) = sum_{dx,dy} w(dx, dy) image(x*s - left + dx, y*s - top + dy): image (H, W), w (k, k), out (OH, OW).
GrayImage convolve_reference(const GrayImage& image, const ConvKernel& kernel, const ConvSettings& settings) {
  const int k = kernel.size, s = settings.stride;
  const int top = padding_before(image.height, k, s, settings.padding);
  const int left = padding_before(image.width, k, s, settings.padding);
  GrayImage out;
  out.width = conv_output_size(image.width, k, s, settings.padding);
  out.height = conv_output_size(image.height, k, s, settings.padding);
  out.pixels.assign(static_cast<size_t>(out.width) * out.height, 0.0f);
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x) {
      float sum = 0;
      for (int dy = 0; dy < k; ++dy)
        for (int dx = 0; dx < k; ++dx)
          sum += kernel.weights[static_cast<size_t>(dy * k + dx)] *
                 value_or_zero(image, x * s - left + dx, y * s - top + dy);
      out.pixels[static_cast<size_t>(y) * out.width + x] = sum;
    }
  return out;
}

// image (H, W) -> gx, gy (OH, OW) -> sqrt(gx^2 + gy^2) (OH, OW), in gx's storage.
GrayImage sobel_magnitude(const GrayImage& image, const ConvSettings& settings) {
  GrayImage gx = convolve(image, *find_lecture_kernel("sobel_vertical"), settings);
  const GrayImage gy = convolve(image, *find_lecture_kernel("sobel_horizontal"), settings);
  for (size_t i = 0; i < gx.pixels.size(); ++i) gx.pixels[i] = std::hypot(gx.pixels[i], gy.pixels[i]);
  return gx;
}

// One output pixel of convolve_reference, term by term: window, inside, products (k, k). An output position
// outside the output gives an explanation with empty arrays.
PixelExplanation explain_output_pixel(const GrayImage& image, const ConvKernel& kernel, const ConvSettings& settings,
                                      int out_x, int out_y) {
  const int k = kernel.size, s = settings.stride;
  PixelExplanation e;
  e.out_x = out_x, e.out_y = out_y;
  if (out_x < 0 || out_y < 0 || out_x >= conv_output_size(image.width, k, s, settings.padding) ||
      out_y >= conv_output_size(image.height, k, s, settings.padding))
    return e;
  e.in_x0 = out_x * s - padding_before(image.width, k, s, settings.padding);
  e.in_y0 = out_y * s - padding_before(image.height, k, s, settings.padding);
  for (int dy = 0; dy < k; ++dy)
    for (int dx = 0; dx < k; ++dx) {
      const int x = e.in_x0 + dx, y = e.in_y0 + dy;
      const float v = value_or_zero(image, x, y);
      const float p = kernel.weights[static_cast<size_t>(dy * k + dx)] * v;
      e.window.push_back(v);
      e.inside.push_back(x >= 0 && x < image.width && y >= 0 && y < image.height);
      e.products.push_back(p);
      e.sum += p;
    }
  return e;
}

}  // namespace hebblab
