// Images as bytes for the convolution lab: stb_image decodes PNG and JPEG, stb_image_write encodes PNG, binary PGM
// and .npy are done by hand. The whole program's stb implementations are compiled here (bytes only, no stdio).
#include "image_io.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>

#include "colormap.h"
#include "config_text.h"
#include "limits.h"

// stb_image is static to this file, the program's one image decoder (upstream's fixes after 2.27 patched in, see
// CMakeLists.txt).
#define STB_IMAGE_STATIC
#define STB_IMAGE_IMPLEMENTATION
#define STBI_NO_STDIO
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#include <stb/stb_image.h>
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO
#include <stb/stb_image_write.h>

namespace hebblab {
namespace {

// Luminance weights (ITU-R BT.601), as the header promises for colour images.
constexpr float kRed = 0.299f, kGreen = 0.587f, kBlue = 0.114f;

// One axis of area averaging: src (n values, src_step apart) -> dst (m <= n values, dst_step apart). Output i is
// the mean of the source interval [i n/m, (i+1) n/m), each source pixel weighted by how much of it lies inside.
void area_average(const float* src, int n, size_t src_step, float* dst, int m, size_t dst_step) {
  const double ratio = double(n) / m;
  for (int i = 0; i < m; ++i) {
    const double lo = double(i) * n / m, hi = double(i + 1) * n / m;
    double sum = 0;
    for (int j = static_cast<int>(lo); j < n && j < hi; ++j)
      sum += (std::min(hi, j + 1.0) - std::max(lo, double(j))) * src[j * src_step];
    dst[i * dst_step] = static_cast<float>(sum / ratio);
  }
}

// "" when an image of these sides may be decoded (limits::kMaxImageSide, kMaxImagePixels); else why not. Checked from
// the header, before the decoder allocates anything.
std::string image_size_error(int64_t width, int64_t height) {
  if (width <= limits::kMaxImageSide && height <= limits::kMaxImageSide &&
      width * height <= limits::kMaxImagePixels)
    return "";
  return "the image is " + std::to_string(width) + " x " + std::to_string(height) + " pixels; HebbLab takes up to " +
         std::to_string(limits::kMaxImageSide) + " pixels a side and " + format_thousands(limits::kMaxImagePixels) +
         " pixels in all";
}

bool is_pnm_space(uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// Binary PGM (Netpbm P5): "P5", width, height and maxval as decimals between whitespace and '#' comments, one
// whitespace byte, then (height, width) samples of 1 byte (maxval < 256) or 2 bytes big-endian, scaled by 1 / maxval.
// Not left to stb_image 2.27: it ignores a maxval below 255 and leaves a truncated file's missing pixels
// uninitialised.
bool decode_pgm(const uint8_t* bytes, size_t size, GrayImage* out, std::string* error) {
  size_t pos = 2;
  // The next decimal after whitespace and comments; 0 when there is none or it exceeds the limit.
  const auto next_field = [&](int64_t limit) {
    while (pos < size && (is_pnm_space(bytes[pos]) || bytes[pos] == '#'))
      if (bytes[pos++] == '#')
        while (pos < size && bytes[pos] != '\n') ++pos;
    int64_t value = 0;
    const size_t start = pos;
    while (pos < size && bytes[pos] >= '0' && bytes[pos] <= '9' && value <= limit)
      value = value * 10 + (bytes[pos++] - '0');
    return pos > start && value <= limit ? value : 0;
  };
  const int64_t width = next_field(INT_MAX), height = next_field(INT_MAX), maxval = next_field(65535);
  if (!width || !height || !maxval || pos >= size || !is_pnm_space(bytes[pos++])) {
    *error = "damaged image (bad PGM header)";
    return false;
  }
  *error = image_size_error(width, height);
  if (!error->empty()) return false;
  // samples (height, width), checked against what is there without multiplying the sizes first
  const size_t sample = maxval > 255 ? 2 : 1;
  if (int64_t((size - pos) / sample / size_t(width)) < height) {
    *error = "damaged image (the PGM data ends before its " + std::to_string(width) + " x " + std::to_string(height) +
             " pixels)";
    return false;
  }
  // Netpbm's samples are 0..maxval; one above it is a damaged file, not a brighter-than-white pixel.
  const uint8_t* p = bytes + pos;
  std::vector<float> pixels(size_t(width * height));
  for (float& v : pixels) {
    const int value = sample == 2 ? p[0] * 256 + p[1] : p[0];
    if (value > maxval) {
      *error = "damaged image (a PGM sample of " + std::to_string(value) + " above its maxval " +
               std::to_string(maxval) + ")";
      return false;
    }
    v = static_cast<float>(value) / float(maxval);
    p += sample;
  }
  out->width = int(width), out->height = int(height);
  out->pixels = std::move(pixels);
  return true;
}

void append_bytes(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<uint8_t>*>(context);
  const auto* bytes = static_cast<const uint8_t*>(data);
  out->insert(out->end(), bytes, bytes + size);
}

}  // namespace

bool decode_gray_image(const uint8_t* bytes, size_t size, GrayImage* out, std::string* error) {
  if (size == 0 || size > size_t(INT_MAX)) {
    *error = size == 0 ? "the file is empty" : "the file is too large";
    return false;
  }
  if (size >= 2 && bytes[0] == 'P' && bytes[1] == '5') return decode_pgm(bytes, size, out, error);
  int w = 0, h = 0, channels = 0;
  if (stbi_info_from_memory(bytes, static_cast<int>(size), &w, &h, &channels)) {
    *error = image_size_error(w, h);
    if (!error->empty()) return false;
  }
  stbi_uc* pixels = stbi_load_from_memory(bytes, static_cast<int>(size), &w, &h, &channels, 0);
  if (!pixels) {
    const std::string reason = stbi_failure_reason();
    *error = reason == "unknown image type" ? "not a PNG, JPEG or binary PGM (P5) image"
                                            : "damaged image (" + reason + ")";
    return false;
  }
  // pixels (h, w, channels): gray, gray + alpha, RGB or RGBA; alpha is ignored.
  out->width = w, out->height = h;
  out->pixels.resize(static_cast<size_t>(w) * h);
  for (size_t i = 0; i < out->pixels.size(); ++i) {
    const stbi_uc* p = pixels + i * size_t(channels);
    const float gray = channels >= 3 ? kRed * p[0] + kGreen * p[1] + kBlue * p[2] : float(p[0]);
    out->pixels[i] = gray / 255.0f;
  }
  stbi_image_free(pixels);
  return true;
}

// image (H, W) -> (OH, OW) with max(OH, OW) = max_side and the sides rounded in proportion; rows first, then columns.
GrayImage fit_within(const GrayImage& image, int max_side) {
  const int longest = std::max(image.width, image.height);
  if (longest <= max_side) return image;
  GrayImage out;
  out.width = std::max(1, int((int64_t(image.width) * max_side + longest / 2) / longest));
  out.height = std::max(1, int((int64_t(image.height) * max_side + longest / 2) / longest));
  std::vector<float> rows(static_cast<size_t>(image.height) * out.width);  // (H, OW)
  for (int y = 0; y < image.height; ++y)
    area_average(&image.pixels[size_t(y) * image.width], image.width, 1, &rows[size_t(y) * out.width], out.width, 1);
  out.pixels.resize(static_cast<size_t>(out.height) * out.width);
  for (int x = 0; x < out.width; ++x)
    area_average(&rows[size_t(x)], image.height, size_t(out.width), &out.pixels[size_t(x)], out.height,
                 size_t(out.width));
  return out;
}

// values (H, W) -> RGB (H, W, 3) -> PNG. Empty for an empty image (PNG has no 0 x 0).
std::vector<uint8_t> encode_colormapped_png(const GrayImage& values, double scale) {
  const auto& table = diverging_colormap();
  std::vector<uint8_t> rgb(values.pixels.size() * 3);
  for (size_t i = 0; i < values.pixels.size(); ++i)
    std::memcpy(&rgb[i * 3], table[size_t(colormap_index(values.pixels[i], scale))].data(), 3);
  std::vector<uint8_t> png;
  if (values.pixels.empty()) return png;
  stbi_write_png_to_func(append_bytes, &png, values.width, values.height, 3, rgb.data(), values.width * 3);
  return png;
}

std::vector<uint8_t> encode_gray_png(const GrayImage& values) {
  std::vector<uint8_t> gray(values.pixels.size());
  for (size_t i = 0; i < values.pixels.size(); ++i)
    gray[i] = static_cast<uint8_t>(std::lround(std::clamp(values.pixels[i], 0.0f, 1.0f) * 255.0f));
  std::vector<uint8_t> png;
  if (values.pixels.empty()) return png;
  stbi_write_png_to_func(append_bytes, &png, values.width, values.height, 1, gray.data(), values.width);
  return png;
}

// numpy's format 1.0, byte for byte as np.save writes it: "\x93NUMPY", 1, 0, the header length (uint16 LE), the
// header dict, spaces up to a multiple of 64 bytes (a whole 64 when already aligned, as numpy does), "\n"; then
// (H, W) float32 LE, C order. (numpy 1.24 also leaves room for the first axis to grow to 21 digits; for a 2-D shape
// that room always fits in the same 128 header bytes, so it changes nothing here.)
std::vector<uint8_t> encode_npy(const GrayImage& values) {
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + std::to_string(values.height) + ", " +
                       std::to_string(values.width) + "), }";
  const size_t prefix = 10;
  header.append(64 - (prefix + header.size() + 1) % 64, ' ');
  header += '\n';
  const std::string head = std::string("\x93NUMPY\x01\x00", 8) + char(header.size() & 0xff) +
                           char(header.size() >> 8) + header;
  std::vector<uint8_t> out(head.begin(), head.end());
  out.reserve(out.size() + values.pixels.size() * 4);
  for (float v : values.pixels) {
    uint32_t bits = 0;
    std::memcpy(&bits, &v, 4);
    for (int shift = 0; shift < 32; shift += 8) out.push_back(uint8_t(bits >> shift));
  }
  return out;
}

}  // namespace hebblab
