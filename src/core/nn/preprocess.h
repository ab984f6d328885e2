// What a painted digit goes through before the network sees it: MNIST's own normalisation (size and centre of mass),
// and deformations of the input for finding where a prediction breaks. Images are GrayImage (row-major, top row
// first, values 0..1, 1 = ink); pixel (x, y) covers [x, x + 1) x [y, y + 1), its centre is (x + 0.5, y + 0.5).
#pragma once
#include <cstdint>

#include "core/convolution.h"

namespace hebblab {

// How MNIST's digits were made (LeCun et al.): the ink's bounding box is scaled to fit 20 x 20 keeping its aspect
// ratio (anti-aliased: area-averaged resampling), then placed in 28 x 28 so that its centre of mass falls on the
// centre (14, 14) (pixel centres at i + 0.5; the shift is rounded to whole pixels, as MNIST did).
struct MnistPreprocessInfo {
  bool empty = true;             // no ink above the threshold: the output is all zeros
  int box_x = 0, box_y = 0, box_w = 0, box_h = 0;  // the ink's bounding box in the input
  float scale = 1;               // input pixels -> output pixels
  float mass_x = 0, mass_y = 0;  // centre of mass of the scaled digit before it was shifted (output coordinates)
  int shift_x = 0, shift_y = 0;  // whole-pixel shift applied to centre it
};
// input (H, W), 1 <= H, W <= 1024 -> output (28, 28). Larger, empty, or pixels.size() != width * height: an all-zero
// 28 x 28 and info->empty = true. Ink is a value > ink_threshold (default 0.05); input values are read clamped to
// 0..1, and only the bounding box of the ink is kept (fainter pixels outside it are dropped). Output values 0..1.
// The box's longer side becomes exactly 20 output pixels (so a lone ink pixel becomes a 20 x 20 square, and a thin
// "1" stays thin: 1 x 20 -> 1 x 20); the scaled digit starts on a whole output pixel, at the top left of a ceil(w) x
// ceil(h) block that is centred in 28 x 28 (offset (28 - ceil) / 2, rounded down) before the centring shift. Ink
// shifted beyond the 28 x 28 frame (only for very lopsided digits) is cut off.
GrayImage mnist_preprocess(const GrayImage& input, MnistPreprocessInfo* info = nullptr, float ink_threshold = 0.05f);

// Deformations for finding where a prediction breaks: applied to a 28 x 28 (or any size) image about its centre,
// output the same size, bilinear sampling, outside = 0. Order: scale, rotate, shift, then noise.
struct Deformation {
  float shift_x = 0, shift_y = 0;  // pixels, + right / + down
  float rotate_degrees = 0;        // + clockwise on screen
  float scale = 1;                 // 1 = unchanged; > 1 enlarges
  float noise = 0;                 // standard deviation of Gaussian noise added, result clamped to 0..1
  uint64_t seed = 1;               // the noise's seed (use hebblab's Rng from src/core/rng.h)
  bool identity() const;           // true when nothing would change
};
// input (H, W) -> output (H, W). The centre is (W / 2, H / 2); an output pixel's centre q is sampled from the input
// at c + R(-angle) (q - c - shift) / scale. identity(): the input is returned unchanged (bit for bit). Multiples of
// 90 degrees use exact sines and cosines. Noise (when noise > 0): one Box-Muller normal per pixel, row-major, from
// Rng(seed); only then is the result clamped to 0..1. scale <= 0 or non-finite parameters sample nothing (zeros). An
// inconsistent input (a side < 1, or pixels.size() != width * height) gives an empty 0 x 0 image.
GrayImage deform(const GrayImage& input, const Deformation& d);

}  // namespace hebblab
