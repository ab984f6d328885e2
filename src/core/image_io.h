// Images in and out as bytes: PNG / JPEG / PGM decoded to grayscale 0..1 (pixel / 255, as the lecture scales), large
// images shrunk, colour-mapped PNGs through the core's diverging table, grey PNGs, and numpy's .npy for values.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "convolution.h"

namespace hebblab {

// Decode PNG, JPEG, or binary PGM (P5) bytes; colour images become gray by luminance (0.299 R + 0.587 G + 0.114 B).
// False with a message for anything else, a damaged or truncated file, or one over limits::kMaxImageSide /
// kMaxImagePixels (judged from the header, before decoding).
bool decode_gray_image(const uint8_t* bytes, size_t size, GrayImage* out, std::string* error);

// Shrink by area averaging so that neither side exceeds max_side (aspect ratio kept); smaller images are returned as
// they are.
GrayImage fit_within(const GrayImage& image, int max_side);

// values on [-scale, scale] through diverging_colormap() (the same index as colormap_index) -> PNG bytes (RGB).
std::vector<uint8_t> encode_colormapped_png(const GrayImage& values, double scale);

// values (H, W) on the input's grey scale: clamped to [0, 1], round(v * 255) -> PNG bytes (8-bit grey), the inverse of
// decode_gray_image's pixel / 255.
std::vector<uint8_t> encode_gray_png(const GrayImage& values);

// values -> a .npy file: float32, little-endian, C order, shape (height, width).
std::vector<uint8_t> encode_npy(const GrayImage& values);

}  // namespace hebblab
