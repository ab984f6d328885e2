// MNIST's normalisation of a painted digit (bounding box to 20 x 20 keeping the aspect ratio, centre of mass on
// (14, 14)) and the input deformations, on hand-made images whose answers are known.
#include "core/nn/preprocess.h"

#include <gtest/gtest.h>

#include <cmath>

#include "nn_test_util.h"

namespace hebblab {
namespace {

GrayImage blank(int width, int height) {
  return GrayImage{width, height, std::vector<float>(size_t(width) * height, 0.0f)};
}

void fill(GrayImage* image, int x0, int y0, int w, int h, float value = 1.0f) {
  for (int y = y0; y < y0 + h; ++y)
    for (int x = x0; x < x0 + w; ++x) image->pixels[size_t(y) * image->width + x] = value;
}

struct Moments {
  double mass = 0, x = 0, y = 0;  // total and centre of mass (pixel centres at i + 0.5)
};
Moments moments(const GrayImage& image) {
  Moments m;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      const double v = image.at(x, y);
      m.mass += v;
      m.x += v * (x + 0.5);
      m.y += v * (y + 0.5);
    }
  if (m.mass > 0) m.x /= m.mass, m.y /= m.mass;
  return m;
}

struct Box {
  int x0 = 0, y0 = 0, w = 0, h = 0;
};
// Bounding box of the pixels above `threshold` (w = h = 0 when there are none).
Box ink_box(const GrayImage& image, float threshold = 0.0f) {
  int x0 = image.width, y0 = image.height, x1 = -1, y1 = -1;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x)
      if (image.at(x, y) > threshold) {
        x0 = std::min(x0, x), x1 = std::max(x1, x);
        y0 = std::min(y0, y), y1 = std::max(y1, y);
      }
  if (x1 < 0) return Box{};
  return Box{x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}

void expect_unit_range(const GrayImage& image) {
  for (float v : image.pixels) {
    EXPECT_GE(v, 0.0f);
    EXPECT_LE(v, 1.0f);
  }
}

TEST(NnPreprocess, CornerBlockEndsUpCentred) {
  for (int corner = 0; corner < 2; ++corner) {
    GrayImage canvas = blank(28, 28);
    fill(&canvas, corner ? 25 : 0, corner ? 25 : 0, 3, 3);
    MnistPreprocessInfo info;
    const GrayImage out = mnist_preprocess(canvas, &info);
    ASSERT_EQ(out.width, 28);
    ASSERT_EQ(out.height, 28);
    EXPECT_FALSE(info.empty);
    EXPECT_EQ(info.box_x, corner ? 25 : 0);
    EXPECT_EQ(info.box_y, corner ? 25 : 0);
    EXPECT_EQ(info.box_w, 3);
    EXPECT_EQ(info.box_h, 3);
    EXPECT_NEAR(info.scale, 20.0f / 3, 1e-5);
    const Moments m = moments(out);
    EXPECT_NEAR(m.x, 14.0, 0.5);
    EXPECT_NEAR(m.y, 14.0, 0.5);
    // The whole block is ink now: 3 x 3 -> 20 x 20.
    const Box b = ink_box(out);
    EXPECT_EQ(b.w, 20);
    EXPECT_EQ(b.h, 20);
  }
}

TEST(NnPreprocess, OffCentreInkInA128CanvasIsCentred) {
  GrayImage canvas = blank(128, 128);
  fill(&canvas, 100, 5, 6, 30);     // a thick stroke near the top right ...
  fill(&canvas, 106, 25, 14, 4);    // ... with a foot to the right, so the mass is not in the box's middle
  MnistPreprocessInfo info;
  const GrayImage out = mnist_preprocess(canvas, &info);
  EXPECT_EQ(info.box_x, 100);
  EXPECT_EQ(info.box_y, 5);
  EXPECT_EQ(info.box_w, 20);
  EXPECT_EQ(info.box_h, 30);
  const Moments m = moments(out);
  EXPECT_NEAR(m.x, 14.0, 0.5);
  EXPECT_NEAR(m.y, 14.0, 0.5);
  EXPECT_NEAR(m.x, info.mass_x + info.shift_x, 1e-4);
  EXPECT_NEAR(m.y, info.mass_y + info.shift_y, 1e-4);
  EXPECT_EQ(ink_box(out).h, 20);
  expect_unit_range(out);
}

TEST(NnPreprocess, VerticalBarKeepsItsAspectRatio) {
  GrayImage canvas = blank(28, 28);
  fill(&canvas, 5, 3, 2, 10);
  MnistPreprocessInfo info;
  const GrayImage out = mnist_preprocess(canvas, &info);
  EXPECT_FLOAT_EQ(info.scale, 2.0f);
  const Box b = ink_box(out);
  EXPECT_EQ(b.h, 20);
  EXPECT_EQ(b.w, 4);
  EXPECT_NEAR(moments(out).x, 14.0, 0.5);
  EXPECT_NEAR(moments(out).mass, 4 * 20, 1e-3);  // every scaled pixel fully inked
}

TEST(NnPreprocess, ThinOneIsNotStretchedSideways) {
  GrayImage canvas = blank(40, 40);
  fill(&canvas, 30, 2, 1, 20);
  MnistPreprocessInfo info;
  const GrayImage out = mnist_preprocess(canvas, &info);
  EXPECT_FLOAT_EQ(info.scale, 1.0f);
  const Box b = ink_box(out);
  EXPECT_EQ(b.w, 1);
  EXPECT_EQ(b.h, 20);
  EXPECT_NEAR(moments(out).x, 14.0, 0.5);
  EXPECT_NEAR(moments(out).y, 14.0, 0.5);
}

TEST(NnPreprocess, SingleInkPixelBecomesACentredSquare) {
  GrayImage canvas = blank(28, 28);
  fill(&canvas, 27, 0, 1, 1);
  const GrayImage out = mnist_preprocess(canvas);
  const Box b = ink_box(out);
  EXPECT_EQ(b.x0, 4);
  EXPECT_EQ(b.y0, 4);
  EXPECT_EQ(b.w, 20);
  EXPECT_EQ(b.h, 20);
}

TEST(NnPreprocess, FullCanvasInkTouchingEveryBorder) {
  GrayImage canvas = blank(28, 28);
  fill(&canvas, 0, 0, 28, 28, 0.8f);
  MnistPreprocessInfo info;
  const GrayImage out = mnist_preprocess(canvas, &info);
  EXPECT_EQ(info.box_w, 28);
  EXPECT_EQ(info.box_h, 28);
  EXPECT_EQ(info.shift_x, 0);
  EXPECT_EQ(info.shift_y, 0);
  const Box b = ink_box(out, 1e-4f);
  EXPECT_EQ(b.x0, 4);
  EXPECT_EQ(b.y0, 4);
  EXPECT_EQ(b.w, 20);
  EXPECT_EQ(b.h, 20);
  for (int y = 4; y < 24; ++y)
    for (int x = 4; x < 24; ++x) EXPECT_NEAR(out.at(x, y), 0.8f, 1e-5);
}

TEST(NnPreprocess, EmptyCanvasGivesZeros) {
  GrayImage canvas = blank(28, 28);
  fill(&canvas, 3, 3, 5, 5, 0.04f);  // below the default threshold: not ink
  MnistPreprocessInfo info;
  info.empty = false;
  const GrayImage out = mnist_preprocess(canvas, &info);
  EXPECT_TRUE(info.empty);
  ASSERT_EQ(out.pixels.size(), 28u * 28u);
  for (float v : out.pixels) EXPECT_EQ(v, 0.0f);
}

TEST(NnPreprocess, FullHeightStrokeOn100CanvasGives20Rows) {
  GrayImage canvas = blank(100, 100);
  fill(&canvas, 45, 0, 10, 100);
  MnistPreprocessInfo info;
  const GrayImage out = mnist_preprocess(canvas, &info);
  EXPECT_FLOAT_EQ(info.scale, 0.2f);
  int rows = 0;
  for (int y = 0; y < 28; ++y) {
    bool ink = false;
    for (int x = 0; x < 28; ++x) ink = ink || out.at(x, y) > 0;
    rows += ink;
  }
  EXPECT_EQ(rows, 20);
  EXPECT_EQ(ink_box(out).w, 2);
}

TEST(NnPreprocess, OutputValuesStayWithinZeroAndOne) {
  GrayImage canvas{64, 48, test::random_values<float>(64 * 48, 7)};
  for (float& v : canvas.pixels) v *= 3;  // -3..3: out of range on both sides
  canvas.pixels[5] = 1e30f;
  const GrayImage out = mnist_preprocess(canvas);
  expect_unit_range(out);
  EXPECT_GT(moments(out).mass, 0);
}

TEST(NnPreprocess, CentredMnistLikeDigitIsAlmostUnchanged) {
  // A "0": a soft-edged ring 12 wide and 20 tall in the middle of 28 x 28, already as MNIST would have it.
  GrayImage digit = blank(28, 28);
  for (int y = 4; y < 24; ++y)
    for (int x = 8; x < 20; ++x) {
      const double dx = (x + 0.5 - 14) / 6, dy = (y + 0.5 - 14) / 10;
      const double r = std::sqrt(dx * dx + dy * dy);
      digit.pixels[size_t(y) * 28 + x] = static_cast<float>(std::max(0.0, 1 - std::fabs(r - 0.78) * 4.5));
    }
  const Box box = ink_box(digit, 0.05f);
  ASSERT_EQ(box.h, 20);  // the test's own premise: the digit is already 20 tall
  MnistPreprocessInfo info;
  const GrayImage out = mnist_preprocess(digit, &info);
  EXPECT_EQ(info.shift_x, 0);
  EXPECT_EQ(info.shift_y, 0);
  double worst = 0;
  for (size_t i = 0; i < out.pixels.size(); ++i)
    worst = std::max(worst, double(std::fabs(out.pixels[i] - (digit.pixels[i] > 0.0f ? digit.pixels[i] : 0.0f))));
  EXPECT_LT(worst, 1e-5);
}

TEST(NnPreprocess, OversizedOrInconsistentInputIsRefused) {
  GrayImage wide = blank(2000, 10);
  fill(&wide, 100, 2, 50, 5);
  MnistPreprocessInfo info;
  info.empty = false;
  GrayImage out = mnist_preprocess(wide, &info);
  EXPECT_TRUE(info.empty);
  ASSERT_EQ(out.width, 28);
  ASSERT_EQ(out.height, 28);
  for (float v : out.pixels) EXPECT_EQ(v, 0.0f);

  GrayImage short_pixels = blank(28, 28);
  fill(&short_pixels, 10, 10, 5, 5);
  short_pixels.pixels.pop_back();
  info.empty = false;
  out = mnist_preprocess(short_pixels, &info);
  EXPECT_TRUE(info.empty);
  EXPECT_EQ(out.pixels.size(), 28u * 28u);

  GrayImage largest = blank(1024, 1024);
  fill(&largest, 0, 0, 4, 1024);
  out = mnist_preprocess(largest, &info);
  EXPECT_FALSE(info.empty);
  EXPECT_EQ(ink_box(out).h, 20);
}

TEST(NnPreprocess, IdentityDeformationReturnsTheInputExactly) {
  const GrayImage image{28, 28, test::random_values<float>(28 * 28, 3)};
  Deformation d;
  EXPECT_TRUE(d.identity());
  d.seed = 99;  // a seed without noise changes nothing
  EXPECT_TRUE(d.identity());
  const GrayImage out = deform(image, d);
  ASSERT_EQ(out.width, 28);
  ASSERT_EQ(out.height, 28);
  EXPECT_EQ(out.pixels, image.pixels);
  d.shift_x = 0.5f;
  EXPECT_FALSE(d.identity());
  EXPECT_NE(deform(image, d).pixels, image.pixels);
}

TEST(NnPreprocess, ShiftMovesTheCentreOfMass) {
  GrayImage image = blank(28, 28);
  fill(&image, 10, 8, 5, 9);
  const Moments before = moments(image);
  Deformation d;
  d.shift_x = 3;
  const GrayImage out = deform(image, d);
  const Moments after = moments(out);
  EXPECT_NEAR(after.x - before.x, 3.0, 1e-4);
  EXPECT_NEAR(after.y, before.y, 1e-4);
  EXPECT_NEAR(after.mass, before.mass, 1e-4);
  EXPECT_EQ(out.at(15, 8), 1.0f);
  EXPECT_EQ(out.at(12, 8), 0.0f);
}

TEST(NnPreprocess, Rotate90TurnsAHorizontalBarVertical) {
  GrayImage image = blank(28, 28);
  fill(&image, 4, 13, 20, 2);  // rows 13-14, columns 4-23: centred on (14, 14)
  Deformation d;
  d.rotate_degrees = 90;
  const GrayImage out = deform(image, d);
  const Box b = ink_box(out, 1e-4f);
  EXPECT_EQ(b.x0, 13);
  EXPECT_EQ(b.w, 2);
  EXPECT_EQ(b.y0, 4);
  EXPECT_EQ(b.h, 20);

  // Clockwise on screen: a mark right of the centre goes below it.
  GrayImage mark = blank(28, 28);
  fill(&mark, 22, 13, 2, 2);
  const Moments m = moments(deform(mark, d));
  EXPECT_NEAR(m.x, 14.0, 1e-4);
  EXPECT_NEAR(m.y, 23.0, 1e-4);
}

TEST(NnPreprocess, ScaleEnlargesAboutTheCentre) {
  GrayImage image = blank(28, 28);
  fill(&image, 12, 12, 4, 4);
  Deformation d;
  d.scale = 2;
  const GrayImage out = deform(image, d);
  const Moments m = moments(out);
  EXPECT_NEAR(m.x, 14.0, 1e-4);
  EXPECT_NEAR(m.y, 14.0, 1e-4);
  EXPECT_NEAR(m.mass, 4 * 16, 4);  // the area grows by scale squared
  const Box b = ink_box(out, 1e-4f);
  EXPECT_GE(b.w, 8);  // 4 * 2, plus up to a pixel of bilinear fringe on each side
  EXPECT_LE(b.w, 10);
}

TEST(NnPreprocess, NoiseIsReproducibleBySeed) {
  GrayImage image = blank(28, 28);
  fill(&image, 10, 4, 6, 20, 0.7f);
  Deformation d;
  d.noise = 0.2f;
  d.seed = 5;
  EXPECT_FALSE(d.identity());
  const GrayImage a = deform(image, d), b = deform(image, d);
  EXPECT_EQ(a.pixels, b.pixels);
  EXPECT_NE(a.pixels, image.pixels);
  expect_unit_range(a);
  d.seed = 6;
  const GrayImage c = deform(image, d);
  EXPECT_NE(a.pixels, c.pixels);
  // The noise's size: the standard deviation of the change on the ink (not clamped at 0.7 +- 0.2 mostly).
  double sum = 0, sum2 = 0;
  int n = 0;
  for (int y = 4; y < 24; ++y)
    for (int x = 10; x < 16; ++x) {
      const double e = a.at(x, y) - 0.7;
      sum += e, sum2 += e * e, ++n;
    }
  const double sd = std::sqrt(sum2 / n - (sum / n) * (sum / n));
  EXPECT_GT(sd, 0.12);
  EXPECT_LT(sd, 0.28);
}

}  // namespace
}  // namespace hebblab
