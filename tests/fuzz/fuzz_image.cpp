// An image (PNG, JPEG or binary PGM) as the convolution lab, hebblab convolve and hebblab predict decode it, then
// shrunk as the lab shrinks a large photo.
#include "core/image_io.h"
#include "core/limits.h"
#include "fuzz_util.h"

using namespace hebblab;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  GrayImage image;
  std::string error;
  if (!decode_gray_image(data, size, &image, &error)) {
    FUZZ_CHECK(!error.empty());
    return 0;
  }
  FUZZ_CHECK(image.width >= 1 && image.width <= limits::kMaxImageSide);
  FUZZ_CHECK(image.height >= 1 && image.height <= limits::kMaxImageSide);
  FUZZ_CHECK(int64_t(image.width) * image.height <= limits::kMaxImagePixels);
  FUZZ_CHECK(image.pixels.size() == size_t(image.width) * size_t(image.height));
  for (float v : image.pixels) FUZZ_CHECK(v >= 0 && v <= 1);
  const GrayImage small = fit_within(image, 128);
  FUZZ_CHECK(small.width <= 128 && small.height <= 128 && small.pixels.size() == size_t(small.width) * small.height);
  return 0;
}
