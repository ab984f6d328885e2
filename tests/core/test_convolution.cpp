// The convolution lab's arithmetic: the lecture's kernels on hand-computed images, Keras's output sizes, the engine
// path (convolve) against the plain loops (convolve_reference), Normalise, and the inspector's explanation.
// Tolerance between the two paths: 1e-5 relative to the largest |value| of the output (the GEMM sums in another order).
#include "core/convolution.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "nn_test_util.h"

namespace hebblab {
namespace {

constexpr double kTolerance = 1e-5;

GrayImage make_image(int width, int height, std::vector<float> pixels) {
  return GrayImage{width, height, std::move(pixels)};
}

GrayImage random_image(int width, int height, uint64_t seed) {
  return make_image(width, height, test::random_values<float>(int64_t(width) * height, seed));
}

// 0 left of column `edge` (or above row `edge`) and 1 from there on: a dark-to-bright step.
GrayImage step_image(int side, int edge, bool left_to_right) {
  GrayImage image = make_image(side, side, std::vector<float>(size_t(side) * side, 0.0f));
  for (int y = 0; y < side; ++y)
    for (int x = 0; x < side; ++x) image.pixels[size_t(y) * side + x] = (left_to_right ? x : y) >= edge ? 1.0f : 0.0f;
  return image;
}

const ConvKernel& lecture(const char* name) {
  const ConvKernel* k = find_lecture_kernel(name);
  EXPECT_NE(k, nullptr) << name;
  return *k;
}

void expect_close(const GrayImage& actual, const GrayImage& expected, const std::string& what) {
  ASSERT_EQ(actual.width, expected.width) << what;
  ASSERT_EQ(actual.height, expected.height) << what;
  double scale = 1;
  for (float v : expected.pixels) scale = std::max(scale, double(std::fabs(v)));
  for (size_t i = 0; i < actual.pixels.size(); ++i)
    ASSERT_NEAR(actual.pixels[i], expected.pixels[i], kTolerance * scale) << what << " at " << i;
}

TEST(Convolution, LectureKernelsInTheLecturesOrder) {
  std::vector<std::string> names;
  for (const ConvKernel& k : lecture_kernels()) {
    names.push_back(k.name);
    EXPECT_EQ(k.size, 3);
    EXPECT_EQ(k.weights.size(), 9u);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"identity", "sharpen", "mean_blur", "laplacian", "gaussian_blur",
                                             "sobel_horizontal", "sobel_vertical"}));
  EXPECT_EQ(find_lecture_kernel("emboss"), nullptr);
}

// One 3 x 3 window, 'valid' -> one output value, worked out by hand for each kernel. The image is asymmetric so
// that a flipped or transposed kernel gives another number.
TEST(Convolution, EachLectureKernelOnAHandComputedWindow) {
  const GrayImage image = make_image(3, 3, {1, 2, 3, 4, 9, 6, 7, 8, 10});
  const struct {
    const char* name;
    float expected;
  } cases[] = {
      {"identity", 9},                   // the centre
      {"sharpen", 5 * 9 - (2 + 4 + 6 + 8)},
      {"mean_blur", 50.0f / 9},          // (1 + 2 + 3 + 4 + 9 + 6 + 7 + 8 + 10) / 9
      {"laplacian", (2 + 4 + 6 + 8) - 4 * 9},
      {"gaussian_blur", 97.0f / 16},     // (1 + 2*2 + 3 + 2*4 + 4*9 + 2*6 + 7 + 2*8 + 10) / 16
      {"sobel_horizontal", (7 + 2 * 8 + 10) - (1 + 2 * 2 + 3)},  // bottom row minus top row
      {"sobel_vertical", (3 + 2 * 6 + 10) - (1 + 2 * 4 + 7)},    // right column minus left column
  };
  for (const auto& c : cases) {
    const GrayImage out = convolve(image, lecture(c.name), ConvSettings{});
    ASSERT_EQ(out.width, 1) << c.name;
    ASSERT_EQ(out.height, 1) << c.name;
    EXPECT_NEAR(out.pixels[0], c.expected, 1e-5) << c.name;
  }
}

TEST(Convolution, IdentityReturnsTheInput) {
  const GrayImage image = random_image(7, 5, 11);
  const GrayImage out = convolve(image, lecture("identity"), ConvSettings{1, Padding::Same});
  EXPECT_EQ(out.pixels, image.pixels);
}

TEST(Convolution, BlursOfAConstantImageAreThatConstant) {
  const GrayImage image = make_image(6, 5, std::vector<float>(30, 0.7f));
  for (const char* name : {"mean_blur", "gaussian_blur"}) {
    const GrayImage out = convolve(image, lecture(name), ConvSettings{});
    ASSERT_EQ(out.pixels.size(), 4u * 3u) << name;
    for (float v : out.pixels) EXPECT_NEAR(v, 0.7f, 1e-6) << name;
  }
}

// A dark-to-bright step gives +4 (1 + 2 + 1) where the window straddles it, 0 elsewhere; the other Sobel sees nothing.
TEST(Convolution, SobelSignsOnDarkToBrightSteps) {
  const struct {
    bool left_to_right;
    const char* responds;
    const char* blind;
  } cases[] = {{true, "sobel_vertical", "sobel_horizontal"}, {false, "sobel_horizontal", "sobel_vertical"}};
  for (const auto& c : cases) {
    const GrayImage image = step_image(6, 3, c.left_to_right);
    const GrayImage out = convolve(image, lecture(c.responds), ConvSettings{});
    const GrayImage none = convolve(image, lecture(c.blind), ConvSettings{});
    ASSERT_EQ(out.width, 4);
    ASSERT_EQ(out.height, 4);
    for (int y = 0; y < 4; ++y)
      for (int x = 0; x < 4; ++x) {
        const int across = c.left_to_right ? x : y;  // window covers columns (rows) across .. across + 2
        EXPECT_FLOAT_EQ(out.at(x, y), across == 1 || across == 2 ? 4.0f : 0.0f) << c.responds << " " << x << "," << y;
        EXPECT_FLOAT_EQ(none.at(x, y), 0.0f) << c.blind;
      }
  }
}

TEST(Convolution, SobelMagnitudeIsTheLengthOfBothResponses) {
  const GrayImage image = random_image(9, 7, 5);
  for (Padding padding : {Padding::Valid, Padding::Same}) {
    const ConvSettings settings{2, padding};
    const GrayImage gx = convolve_reference(image, lecture("sobel_vertical"), settings);
    const GrayImage gy = convolve_reference(image, lecture("sobel_horizontal"), settings);
    GrayImage expected = gx;
    for (size_t i = 0; i < gx.pixels.size(); ++i)
      expected.pixels[i] = std::sqrt(gx.pixels[i] * gx.pixels[i] + gy.pixels[i] * gy.pixels[i]);
    expect_close(sobel_magnitude(image, settings), expected, "magnitude");
  }
  const GrayImage edge = sobel_magnitude(step_image(6, 3, false), ConvSettings{});
  EXPECT_FLOAT_EQ(edge.at(0, 1), 4.0f);
}

// Keras's sizes, worked out by hand: valid floor((n - k) / s) + 1, same ceil(n / s); width and height differ so that
// a swapped axis shows.
TEST(Convolution, OutputSizesFollowKeras) {
  const struct {
    int n, k, s, valid, same;
  } cases[] = {
      {7, 3, 1, 5, 7}, {7, 3, 2, 3, 4}, {7, 5, 1, 3, 7}, {7, 5, 2, 2, 4},
      {8, 3, 1, 6, 8}, {8, 3, 2, 3, 4}, {8, 5, 1, 4, 8}, {8, 5, 2, 2, 4},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(conv_output_size(c.n, c.k, c.s, Padding::Valid), c.valid) << c.n << " " << c.k << " " << c.s;
    EXPECT_EQ(conv_output_size(c.n, c.k, c.s, Padding::Same), c.same) << c.n << " " << c.k << " " << c.s;
    const ConvKernel kernel{"custom", c.k, std::vector<float>(size_t(c.k) * c.k, 1.0f)};
    const int other = 15 - c.n;  // 8 for 7 and 7 for 8
    for (Padding padding : {Padding::Valid, Padding::Same}) {
      const GrayImage out = convolve(random_image(c.n, other, 3), kernel, ConvSettings{c.s, padding});
      EXPECT_EQ(out.width, conv_output_size(c.n, c.k, c.s, padding));
      EXPECT_EQ(out.height, conv_output_size(other, c.k, c.s, padding));
      EXPECT_EQ(out.pixels.size(), size_t(out.width) * out.height);
    }
  }
  EXPECT_EQ(conv_output_size(4, 5, 1, Padding::Valid), 0);
  EXPECT_TRUE(convolve(random_image(4, 4, 1), ConvKernel{"custom", 5, std::vector<float>(25, 1.0f)}, {})
                  .pixels.empty());
}

// Odd sizes, and one even pair: only there does 'same' with stride 2 pad an odd total, whose extra row and column
// must go to the bottom/right in both.
TEST(Convolution, EngineEqualsReferenceOnRandomImages) {
  uint64_t seed = 100;
  for (int k : {3, 5})
    for (int stride : {1, 2})
      for (Padding padding : {Padding::Valid, Padding::Same})
        for (const auto& [w, h] : {std::pair{9, 7}, std::pair{13, 11}, std::pair{5, 15}, std::pair{8, 10}}) {
          const GrayImage image = random_image(w, h, ++seed);
          const ConvKernel kernel{"custom", k, test::random_values<float>(k * k, ++seed)};
          const ConvSettings settings{stride, padding};
          expect_close(convolve(image, kernel, settings), convolve_reference(image, kernel, settings),
                       std::to_string(w) + "x" + std::to_string(h) + " k" + std::to_string(k) + " s" +
                           std::to_string(stride) + (padding == Padding::Same ? " same" : " valid"));
        }
}

// Large images go in bands of output rows (about 1 M workspace values each: 12 bands for 700 x 701 and 5 x 5), each
// band with its own window over the input; the bands' edges, and the top padding of the first, must not show.
TEST(Convolution, EngineEqualsReferenceAcrossBands) {
  const GrayImage image = random_image(700, 701, 7);
  const ConvKernel kernel{"custom", 5, test::random_values<float>(25, 8)};
  for (int stride : {1, 2, 3})
    for (Padding padding : {Padding::Valid, Padding::Same}) {
      const ConvSettings settings{stride, padding};
      expect_close(convolve(image, kernel, settings), convolve_reference(image, kernel, settings),
                   "700x701 s" + std::to_string(stride) + (padding == Padding::Same ? " same" : " valid"));
    }
}

TEST(Convolution, NormaliseDividesBySumOrAbsoluteSum) {
  const auto normalised_weights = [](std::vector<float> w) {
    return normalised(ConvKernel{"custom", 3, std::move(w)}).weights;
  };
  EXPECT_EQ(normalised(lecture("sharpen")).weights, lecture("sharpen").weights);  // sums to 1
  for (float w : normalised_weights(std::vector<float>(9, 1.0f))) EXPECT_FLOAT_EQ(w, 1.0f / 9);
  for (float w : normalised_weights(std::vector<float>(9, -2.0f))) EXPECT_FLOAT_EQ(w, 1.0f / 9);  // sum -18
  // Sobel and Laplacian sum to 0: divided by the sum of |w|, 8 for both.
  for (const char* name : {"sobel_vertical", "laplacian"}) {
    const ConvKernel& k = lecture(name);
    const ConvKernel n = normalised(k);
    EXPECT_EQ(n.name, k.name);
    for (size_t i = 0; i < 9; ++i) EXPECT_FLOAT_EQ(n.weights[i], k.weights[i] / 8) << name;
  }
  // A sum that is zero only up to rounding (0.1 + 0.2 - 0.3 in float) counts as zero.
  const std::vector<float> tenths = normalised_weights({0.1f, 0.2f, -0.3f, 0, 0, 0, 0, 0, 0});
  EXPECT_NEAR(tenths[0], 0.1 / 0.6, 1e-6);
  EXPECT_NEAR(tenths[2], -0.3 / 0.6, 1e-6);
  EXPECT_EQ(normalised_weights(std::vector<float>(9, 0.0f)), std::vector<float>(9, 0.0f));
  const std::vector<float> five = normalised(ConvKernel{"custom", 5, std::vector<float>(25, 2.0f)}).weights;
  for (float w : five) EXPECT_FLOAT_EQ(w, 1.0f / 25);
}

// The display rule: the lecture's kernels summing to 1 give an image on the grey scale, those summing to 0 (the edges
// and the Laplacian) the diverging map; a normalised kernel of one's own sums to 1 up to rounding and counts.
TEST(Convolution, KernelsSummingToOneAreShownInGrey) {
  const std::map<std::string, OutputDisplay> expected = {
      {"identity", OutputDisplay::Gray},           {"sharpen", OutputDisplay::Gray},
      {"mean_blur", OutputDisplay::Gray},          {"laplacian", OutputDisplay::Diverging},
      {"gaussian_blur", OutputDisplay::Gray},      {"sobel_horizontal", OutputDisplay::Diverging},
      {"sobel_vertical", OutputDisplay::Diverging}};
  ASSERT_EQ(lecture_kernels().size(), expected.size());
  for (const ConvKernel& k : lecture_kernels()) EXPECT_EQ(output_display(k), expected.at(k.name)) << k.name;
  const std::vector<float> random = test::random_values<float>(25, 7);
  EXPECT_EQ(output_display(normalised(ConvKernel{"custom", 5, random})), OutputDisplay::Gray);
  EXPECT_EQ(output_display(ConvKernel{"custom", 3, {0, 0, 0, 0, 2, 0, 0, 0, 0}}), OutputDisplay::Diverging);
  EXPECT_EQ(output_display(ConvKernel{"custom", 3, {0, 0, 0, 0, 1.001f, 0, 0, 0, 0}}), OutputDisplay::Diverging);
  EXPECT_EQ(output_display(ConvKernel{"custom", 3, std::vector<float>(9, 0.0f)}), OutputDisplay::Diverging);
}

TEST(Convolution, CountOutsideUnitCountsWhatGreyClips) {
  EXPECT_EQ(count_outside_unit({}), 0u);
  EXPECT_EQ(count_outside_unit({0.0f, 0.5f, 1.0f}), 0u);  // the ends are inside
  EXPECT_EQ(count_outside_unit({-1e-6f, 1.000001f, 3.0f, 0.25f, std::nanf("")}), 4u);
  // Sharpen overshoots at a dark-to-bright step (0 - 1 on one side, 5 - 3 on the other): it clips; identity does not.
  const GrayImage step = step_image(8, 4, true);
  EXPECT_EQ(count_outside_unit(convolve(step, lecture("identity"), {}).pixels), 0u);
  EXPECT_EQ(count_outside_unit(convolve(step, lecture("sharpen"), {}).pixels), 12u);  // 6 rows, both sides of the step
}

TEST(Convolution, ExplanationSumsToTheOutputPixel) {
  const GrayImage image = random_image(9, 8, 21);
  for (int k : {3, 5})
    for (int stride : {1, 2})
      for (Padding padding : {Padding::Valid, Padding::Same}) {
        const ConvKernel kernel{"custom", k, test::random_values<float>(k * k, 22)};
        const ConvSettings settings{stride, padding};
        const GrayImage out = convolve(image, kernel, settings);
        for (int y = 0; y < out.height; ++y)
          for (int x = 0; x < out.width; ++x) {
            const PixelExplanation e = explain_output_pixel(image, kernel, settings, x, y);
            ASSERT_EQ(e.window.size(), size_t(k * k));
            ASSERT_EQ(e.products.size(), size_t(k * k));
            float products = 0;
            for (size_t i = 0; i < e.products.size(); ++i) {
              EXPECT_FLOAT_EQ(e.products[i], e.window[i] * kernel.weights[i]);
              products += e.products[i];
            }
            EXPECT_FLOAT_EQ(e.sum, products);
            EXPECT_NEAR(e.sum, out.at(x, y), kTolerance * 10) << x << "," << y;
          }
      }
  EXPECT_TRUE(explain_output_pixel(image, lecture("identity"), {}, 7, 0).window.empty());  // output is 7 x 6
}

// 'same' on 8 with k = 3, s = 2: 4 outputs need 9 inputs, one row/column of zeros, at the bottom/right. With s = 1
// the window of the top-left output hangs one over the top and the left.
TEST(Convolution, ExplanationMarksThePadding) {
  const GrayImage image = random_image(8, 8, 31);
  const PixelExplanation last = explain_output_pixel(image, lecture("mean_blur"), {2, Padding::Same}, 3, 3);
  EXPECT_EQ(last.in_x0, 6);
  EXPECT_EQ(last.in_y0, 6);
  EXPECT_EQ(last.inside, (std::vector<bool>{true, true, false, true, true, false, false, false, false}));
  const PixelExplanation first = explain_output_pixel(image, lecture("mean_blur"), {2, Padding::Same}, 0, 0);
  EXPECT_EQ(first.in_x0, 0);
  EXPECT_EQ(first.inside, std::vector<bool>(9, true));

  const PixelExplanation corner = explain_output_pixel(image, lecture("mean_blur"), {1, Padding::Same}, 0, 0);
  EXPECT_EQ(corner.in_x0, -1);
  EXPECT_EQ(corner.in_y0, -1);
  EXPECT_EQ(corner.inside, (std::vector<bool>{false, false, false, false, true, true, false, true, true}));
  for (size_t i = 0; i < 9; ++i) EXPECT_TRUE(corner.inside[i] || corner.window[i] == 0.0f) << i;
  EXPECT_EQ(corner.window[4], image.at(0, 0));
  EXPECT_EQ(corner.window[8], image.at(1, 1));
}

}  // namespace
}  // namespace hebblab
