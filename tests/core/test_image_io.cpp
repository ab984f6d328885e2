// Images as bytes: PNG written by stb_image_write and decoded back, hand-made PGM, damaged and unknown files, the area
// averaging of fit_within, the colour-mapped and grey PNGs, and numpy's .npy header to the byte.
#include "core/image_io.h"

#include <gtest/gtest.h>

#include <stb/stb_image_write.h>

#include <string>

#include "core/colormap.h"

namespace hebblab {
namespace {

std::vector<uint8_t> bytes_of(const std::string& text) { return std::vector<uint8_t>(text.begin(), text.end()); }

void append(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<uint8_t>*>(context);
  out->insert(out->end(), static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + size);
}

// pixels (h, w, channels) -> PNG bytes, written by stb_image_write (the same library encode_colormapped_png uses).
std::vector<uint8_t> write_png(int w, int h, int channels, const std::vector<uint8_t>& pixels) {
  std::vector<uint8_t> png;
  EXPECT_NE(stbi_write_png_to_func(append, &png, w, h, channels, pixels.data(), w * channels), 0);
  return png;
}

bool decode(const std::vector<uint8_t>& bytes, GrayImage* image, std::string* error) {
  return decode_gray_image(bytes.data(), bytes.size(), image, error);
}

TEST(ImageIo, GrayPngRoundTrip) {
  const std::vector<uint8_t> gray = {0, 1, 64, 127, 128, 200, 254, 255, 17, 99, 3, 250};  // 4 x 3
  GrayImage image;
  std::string error;
  ASSERT_TRUE(decode(write_png(4, 3, 1, gray), &image, &error)) << error;
  ASSERT_EQ(image.width, 4);
  ASSERT_EQ(image.height, 3);
  for (size_t i = 0; i < gray.size(); ++i) EXPECT_EQ(image.pixels[i], float(gray[i]) / 255.0f) << i;
}

TEST(ImageIo, ColourPngBecomesLuminance) {
  // red, green, blue, white with alpha 128 (alpha is ignored)
  const std::vector<uint8_t> rgba = {255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 128};
  GrayImage image;
  std::string error;
  ASSERT_TRUE(decode(write_png(2, 2, 4, rgba), &image, &error)) << error;
  EXPECT_NEAR(image.pixels[0], 0.299, 1e-6);
  EXPECT_NEAR(image.pixels[1], 0.587, 1e-6);
  EXPECT_NEAR(image.pixels[2], 0.114, 1e-6);
  EXPECT_NEAR(image.pixels[3], 1.0, 1e-6);
}

TEST(ImageIo, BinaryPgm) {
  std::vector<uint8_t> pgm = bytes_of("P5\n# a comment\n3 2\n255\n");
  pgm.insert(pgm.end(), {0, 51, 255, 102, 153, 204});
  GrayImage image;
  std::string error;
  ASSERT_TRUE(decode(pgm, &image, &error)) << error;
  ASSERT_EQ(image.width, 3);
  ASSERT_EQ(image.height, 2);
  EXPECT_EQ(image.pixels, (std::vector<float>{0.0f, 0.2f, 1.0f, 0.4f, 0.6f, 0.8f}));

  // Other maxvals scale to 0..1 as well: 4-bit, and 16-bit samples (big-endian) with maxval 1000.
  std::vector<uint8_t> nibbles = bytes_of("P5 2 1 15\n");
  nibbles.insert(nibbles.end(), {3, 15});
  ASSERT_TRUE(decode(nibbles, &image, &error)) << error;
  EXPECT_EQ(image.pixels, (std::vector<float>{0.2f, 1.0f}));
  std::vector<uint8_t> wide = bytes_of("P5\n1 2\n1000\n");
  wide.insert(wide.end(), {0x01, 0xf4, 0x03, 0xe8});  // 500, 1000
  ASSERT_TRUE(decode(wide, &image, &error)) << error;
  EXPECT_EQ(image.pixels, (std::vector<float>{0.5f, 1.0f}));
}

TEST(ImageIo, UnknownAndDamagedFilesAreRejected) {
  GrayImage image;
  std::string error;
  EXPECT_FALSE(decode(bytes_of("hello, world"), &image, &error));
  EXPECT_EQ(error, "not a PNG, JPEG or binary PGM (P5) image");
  EXPECT_FALSE(decode(bytes_of("P2\n2 1\n255\n0 255\n"), &image, &error));  // ASCII PGM
  EXPECT_EQ(error, "not a PNG, JPEG or binary PGM (P5) image");
  EXPECT_FALSE(decode({}, &image, &error));
  EXPECT_EQ(error, "the file is empty");

  std::vector<uint8_t> png = write_png(8, 8, 1, std::vector<uint8_t>(64, 7));
  png.resize(png.size() / 2);  // cut off mid-file
  EXPECT_FALSE(decode(png, &image, &error));
  EXPECT_EQ(error.rfind("damaged image (", 0), 0u) << error;
  std::vector<uint8_t> pgm = bytes_of("P5\n4 4\n255\n");
  pgm.resize(pgm.size() + 15);  // 15 of 16 pixels
  EXPECT_FALSE(decode(pgm, &image, &error));
  EXPECT_EQ(error, "damaged image (the PGM data ends before its 4 x 4 pixels)");
  for (const char* header : {"P5\n4 4\n", "P5\n4 4 0\n", "P5 4 x 255\n", "P5 4 4 70000\n", "P5 4 4 255"}) {
    EXPECT_FALSE(decode(bytes_of(header + std::string(32, '\0')), &image, &error)) << header;
    EXPECT_EQ(error, "damaged image (bad PGM header)") << header;
  }
  EXPECT_EQ(image.width, 0);  // nothing decoded on failure
}

TEST(ImageIo, FitWithinKeepsTheAspectRatio) {
  const GrayImage big{300, 200, std::vector<float>(300 * 200, 0.25f)};
  const GrayImage fitted = fit_within(big, 128);
  EXPECT_EQ(fitted.width, 128);
  EXPECT_EQ(fitted.height, 85);  // 200 * 128 / 300 = 85.3
  ASSERT_EQ(fitted.pixels.size(), 128u * 85u);
  for (float v : fitted.pixels) ASSERT_NEAR(v, 0.25f, 1e-6);  // a constant stays constant

  const GrayImage tall = fit_within(GrayImage{10, 40, std::vector<float>(400, 0.0f)}, 20);
  EXPECT_EQ(tall.width, 5);
  EXPECT_EQ(tall.height, 20);

  const GrayImage small{3, 2, {1, 2, 3, 4, 5, 6}};
  EXPECT_EQ(fit_within(small, 3).pixels, small.pixels);
}

TEST(ImageIo, FitWithinAveragesAreas) {
  // 4 x 2 -> 2 x 1: the means of the two 2 x 2 blocks.
  const GrayImage blocks = fit_within(GrayImage{4, 2, {1, 2, 10, 20, 3, 4, 30, 40}}, 2);
  ASSERT_EQ(blocks.width, 2);
  ASSERT_EQ(blocks.height, 1);
  EXPECT_FLOAT_EQ(blocks.pixels[0], 2.5f);
  EXPECT_FLOAT_EQ(blocks.pixels[1], 25.0f);
  // 3 x 1 -> 2 x 1: each output covers 1.5 pixels, the middle one shared half and half.
  const GrayImage thirds = fit_within(GrayImage{3, 1, {3, 6, 9}}, 2);
  ASSERT_EQ(thirds.width, 2);
  EXPECT_FLOAT_EQ(thirds.pixels[0], (3 + 0.5f * 6) / 1.5f);
  EXPECT_FLOAT_EQ(thirds.pixels[1], (0.5f * 6 + 9) / 1.5f);
  // Shrinking 300 -> 128 keeps the mean of a ramp.
  GrayImage ramp{300, 1, std::vector<float>(300)};
  for (int x = 0; x < 300; ++x) ramp.pixels[size_t(x)] = float(x);
  double sum = 0;
  for (float v : fit_within(ramp, 128).pixels) sum += v;
  EXPECT_NEAR(sum / 128, 149.5, 1e-3);
}

// The PNG is RGB (colour type 2) of the right size, and each pixel decodes to the luminance of its table colour.
TEST(ImageIo, ColourMappedPngUsesTheDivergingTable) {
  const GrayImage values{3, 2, {-2, -1, 0, 1, 2, 5}};
  const std::vector<uint8_t> png = encode_colormapped_png(values, 2.0);
  ASSERT_GT(png.size(), 33u);
  EXPECT_EQ(std::string(png.begin() + 1, png.begin() + 4), "PNG");
  EXPECT_EQ(png[19], 3);   // width, big-endian
  EXPECT_EQ(png[23], 2);   // height
  EXPECT_EQ(png[24], 8);   // bits per channel
  EXPECT_EQ(png[25], 2);   // colour type RGB
  GrayImage image;
  std::string error;
  ASSERT_TRUE(decode(png, &image, &error)) << error;
  for (size_t i = 0; i < values.pixels.size(); ++i) {
    const Rgba& c = diverging_colormap()[size_t(colormap_index(values.pixels[i], 2.0))];
    EXPECT_NEAR(image.pixels[i], (0.299f * c[0] + 0.587f * c[1] + 0.114f * c[2]) / 255.0f, 1e-6) << i;
  }
  EXPECT_TRUE(encode_colormapped_png(GrayImage{}, 1.0).empty());
}

// The grey PNG of a kernel summing to 1: values clamped to 0..1, and what decode_gray_image reads back is the input
// (so identity writes the image it was given).
TEST(ImageIo, GreyPngClipsToTheUnitRangeAndReadsBack) {
  const GrayImage values{3, 2, {-0.5f, 0.0f, 0.2f, 0.5f, 1.0f, 1.5f}};
  const std::vector<uint8_t> png = encode_gray_png(values);
  ASSERT_GT(png.size(), 33u);
  EXPECT_EQ(png[25], 0);  // colour type grey
  GrayImage image;
  std::string error;
  ASSERT_TRUE(decode(png, &image, &error)) << error;
  const std::vector<float> expected = {0.0f, 0.0f, 51 / 255.0f, 128 / 255.0f, 1.0f, 1.0f};
  ASSERT_EQ(image.width, 3);
  ASSERT_EQ(image.height, 2);
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_FLOAT_EQ(image.pixels[i], expected[i]) << i;
  GrayImage again;
  ASSERT_TRUE(decode(encode_gray_png(image), &again, &error)) << error;
  EXPECT_EQ(again.pixels, image.pixels);
  EXPECT_TRUE(encode_gray_png(GrayImage{}).empty());
}

TEST(ImageIo, NpyIsWhatNumpyWrites) {
  const GrayImage values{3, 2, {1.0f, -2.0f, 0.5f, 0, 0, 0}};
  const std::vector<uint8_t> npy = encode_npy(values);
  // np.save(f, np.array([[1, -2, 0.5], [0, 0, 0]], '<f4')) with numpy 1.24: 10 + 118 header bytes, then the data.
  const std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
  const std::string header = std::string("\x93NUMPY\x01\x00\x76\x00", 10) + dict + std::string(58, ' ') + "\n";
  ASSERT_EQ(header.size(), 128u);
  ASSERT_EQ(npy.size(), 128u + 6 * 4);
  EXPECT_EQ(std::string(npy.begin(), npy.begin() + 128), header);
  const std::vector<uint8_t> data(npy.begin() + 128, npy.begin() + 140);
  EXPECT_EQ(data, (std::vector<uint8_t>{0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0, 0, 0, 0, 0x3f}));  // 1, -2, 0.5
  // np.save of a (126, 126) float32 array (the CLI test's output), header only: the dict, 54 spaces, "\n".
  const std::vector<uint8_t> big = encode_npy(GrayImage{126, 126, std::vector<float>(126 * 126)});
  EXPECT_EQ(std::string(big.begin(), big.begin() + 128),
            std::string("\x93NUMPY\x01\x00\x76\x00", 10) +
                "{'descr': '<f4', 'fortran_order': False, 'shape': (126, 126), }" + std::string(54, ' ') + "\n");
  EXPECT_EQ(big.size(), 128u + 126 * 126 * 4);
}

}  // namespace
}  // namespace hebblab
