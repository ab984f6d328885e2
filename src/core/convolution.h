// The lecture's image convolution, g(x, y) = sum_{dx,dy} w(dx, dy) f(x + dx, y + dy), with Keras Conv2D's
// conventions (cross-correlation, kernel not flipped, row index = y, 'valid' / 'same' padding, strides). The
// arithmetic is the network engine's conv2d_forward (src/core/nn/kernels.h) on a one-image, one-channel tensor.
#pragma once
#include <string>
#include <vector>

#include "nn/kernels.h"

namespace hebblab {

// A grayscale image or a 2-D array of values: height rows of width values, row-major (y down).
struct GrayImage {
  int width = 0, height = 0;
  std::vector<float> pixels;
  float at(int x, int y) const { return pixels[static_cast<size_t>(y) * width + x]; }
};

// A square k x k kernel (k = 3 or 5), row-major: weights[dy * k + dx], dy and dx from the top left.
struct ConvKernel {
  std::string name;  // "identity", "sharpen", "mean_blur", "laplacian", "gaussian_blur", "sobel_horizontal",
                     // "sobel_vertical", or "custom"
  int size = 3;
  std::vector<float> weights;
};

// The lecture's kernels with their exact values, in the lecture's order.
const std::vector<ConvKernel>& lecture_kernels();
// Null when the name is unknown.
const ConvKernel* find_lecture_kernel(const std::string& name);

// The custom editor's Normalise: divide by the sum of the weights, or by the sum of their absolute values when the
// sum is 0; a kernel of zeros stays as it is.
ConvKernel normalised(const ConvKernel& kernel);

// How a kernel's output is shown (the lab's output map and `hebblab convolve`'s PNG). A kernel whose weights sum to 1
// (identity, the blurs, sharpen: |sum - 1| < 1e-6 times the larger of 1 and the sum of |weights|, so a normalised
// custom kernel counts) keeps a flat region's brightness: its output is an image, drawn on the input's grey scale
// 0..1, values outside it clipped. Any other kernel (the edge kernels and the Laplacian sum to 0) gives signed
// responses: the diverging map.
enum class OutputDisplay { Gray, Diverging };
OutputDisplay output_display(const ConvKernel& kernel);
// values (any shape, e.g. an output (OH, OW)) -> how many lie outside [0, 1]: the pixels a grey 0..1 display clips.
size_t count_outside_unit(const std::vector<float>& values);

// Output size along one axis: valid -> floor((n - k) / s) + 1 (0 when k > n), same -> ceil(n / s).
int conv_output_size(int n, int k, int stride, Padding padding);

struct ConvSettings {
  int stride = 1;  // 1 or 2
  Padding padding = Padding::Valid;
};

// image (H, W) -> output (OH, OW) through conv2d_forward.
GrayImage convolve(const GrayImage& image, const ConvKernel& kernel, const ConvSettings& settings);
// The plain loops of the definition, for tests.
GrayImage convolve_reference(const GrayImage& image, const ConvKernel& kernel, const ConvSettings& settings);

// sqrt(gx^2 + gy^2) of the two Sobel responses (same settings).
GrayImage sobel_magnitude(const GrayImage& image, const ConvSettings& settings);

// The arithmetic behind one output pixel, for the inspector: the k x k input window under the kernel (zeros where
// it hangs over a 'same' border), the products with the weights, and their sum (= the output value).
struct PixelExplanation {
  int out_x = 0, out_y = 0;
  int in_x0 = 0, in_y0 = 0;      // input position of the window's top-left weight (may be -1 with 'same')
  std::vector<float> window;     // (k, k)
  std::vector<bool> inside;      // (k, k): false where the window hangs over the border (padding zeros)
  std::vector<float> products;   // (k, k)
  float sum = 0;
};
PixelExplanation explain_output_pixel(const GrayImage& image, const ConvKernel& kernel, const ConvSettings& settings,
                                      int out_x, int out_y);

}  // namespace hebblab
