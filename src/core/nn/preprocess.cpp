// MNIST's normalisation of a digit and the input deformations; plain loops over small images.
#include "preprocess.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/rng.h"

namespace hebblab {
namespace {

constexpr int kSide = 28;     // MNIST's image
constexpr int kBox = 20;      // the box the digit is scaled into
constexpr int kMaxInput = 1024;
constexpr double kPi = 3.14159265358979323846;

// A value read as 0..1: NaN and negatives -> 0, above 1 (and +inf) -> 1.
float unit(float v) { return v > 0 ? (v < 1 ? v : 1.0f) : 0.0f; }

// Interval ends that are within rounding of a whole input pixel are snapped to it, so that a neighbour does not get
// a sliver of coverage (and a faint ghost of ink) from rounding alone.
double snap(double v) {
  const double r = std::round(v);
  return std::fabs(v - r) < 1e-9 ? r : v;
}

bool inconsistent(const GrayImage& image) {
  return image.width < 1 || image.height < 1 ||
         image.pixels.size() != static_cast<size_t>(image.width) * static_cast<size_t>(image.height);
}

GrayImage zeros(int width, int height) {
  return GrayImage{width, height, std::vector<float>(static_cast<size_t>(width) * height, 0.0f)};
}

}  // namespace

GrayImage mnist_preprocess(const GrayImage& input, MnistPreprocessInfo* info, float ink_threshold) {
  GrayImage out = zeros(kSide, kSide);
  MnistPreprocessInfo result;
  if (info) *info = result;
  if (inconsistent(input) || input.width > kMaxInput || input.height > kMaxInput) return out;

  // The ink's bounding box.
  int x0 = input.width, y0 = input.height, x1 = -1, y1 = -1;
  for (int y = 0; y < input.height; ++y)
    for (int x = 0; x < input.width; ++x)
      if (unit(input.at(x, y)) > ink_threshold) {
        x0 = std::min(x0, x);
        x1 = std::max(x1, x);
        y0 = std::min(y0, y);
        y1 = std::max(y1, y);
      }
  if (x1 < 0) return out;
  const int box_w = x1 - x0 + 1, box_h = y1 - y0 + 1;
  result.empty = false;
  result.box_x = x0;
  result.box_y = y0;
  result.box_w = box_w;
  result.box_h = box_h;

  // Scale so that the longer side is 20: each output pixel averages the input over its preimage, an inv x inv square
  // (input pixels per output pixel); input outside the box counts as 0, which anti-aliases the far edge.
  const int longer = std::max(box_w, box_h);
  const double inv = static_cast<double>(longer) / kBox;
  result.scale = static_cast<float>(kBox / static_cast<double>(longer));
  const double scaled_w = box_w == longer ? kBox : box_w / inv, scaled_h = box_h == longer ? kBox : box_h / inv;
  const int tw = std::clamp(static_cast<int>(std::ceil(scaled_w - 1e-6)), 1, kBox);
  const int th = std::clamp(static_cast<int>(std::ceil(scaled_h - 1e-6)), 1, kBox);
  std::array<float, kBox * kBox> scaled{};  // (th, tw), row stride kBox
  const double area = inv * inv;
  for (int ty = 0; ty < th; ++ty) {
    const double a_y = snap(ty * inv), b_y = std::min(snap((ty + 1) * inv), static_cast<double>(box_h));
    const int j_end = std::min(box_h, static_cast<int>(std::ceil(b_y)));
    for (int tx = 0; tx < tw; ++tx) {
      const double a_x = snap(tx * inv), b_x = std::min(snap((tx + 1) * inv), static_cast<double>(box_w));
      const int i_end = std::min(box_w, static_cast<int>(std::ceil(b_x)));
      double sum = 0;
      for (int j = static_cast<int>(std::floor(a_y)); j < j_end; ++j) {
        const double wy = std::min(j + 1.0, b_y) - std::max(static_cast<double>(j), a_y);
        if (wy <= 0) continue;
        for (int i = static_cast<int>(std::floor(a_x)); i < i_end; ++i) {
          const double wx = std::min(i + 1.0, b_x) - std::max(static_cast<double>(i), a_x);
          if (wx > 0) sum += wx * wy * unit(input.at(x0 + i, y0 + j));
        }
      }
      scaled[static_cast<size_t>(ty) * kBox + tx] = unit(static_cast<float>(sum / area));
    }
  }

  // The tw x th block centred in 28 x 28, then shifted by whole pixels to put its centre of mass on (14, 14).
  const int place_x = (kSide - tw) / 2, place_y = (kSide - th) / 2;
  double mass = 0, mx = 0, my = 0;
  for (int ty = 0; ty < th; ++ty)
    for (int tx = 0; tx < tw; ++tx) {
      const double v = scaled[static_cast<size_t>(ty) * kBox + tx];
      mass += v;
      mx += v * (place_x + tx + 0.5);
      my += v * (place_y + ty + 0.5);
    }
  if (mass > 0) {
    mx /= mass;
    my /= mass;
  } else {  // ink only by a threshold <= 0: nothing to weigh, the output stays zero
    mx = place_x + tw / 2.0;
    my = place_y + th / 2.0;
  }
  result.mass_x = static_cast<float>(mx);
  result.mass_y = static_cast<float>(my);
  result.shift_x = static_cast<int>(std::floor(kSide / 2.0 - mx + 0.5));
  result.shift_y = static_cast<int>(std::floor(kSide / 2.0 - my + 0.5));
  for (int ty = 0; ty < th; ++ty) {
    const int y = place_y + result.shift_y + ty;
    if (y < 0 || y >= kSide) continue;
    for (int tx = 0; tx < tw; ++tx) {
      const int x = place_x + result.shift_x + tx;
      if (x >= 0 && x < kSide)
        out.pixels[static_cast<size_t>(y) * kSide + x] = scaled[static_cast<size_t>(ty) * kBox + tx];
    }
  }
  if (info) *info = result;
  return out;
}

bool Deformation::identity() const {
  return shift_x == 0 && shift_y == 0 && std::fmod(rotate_degrees, 360.0f) == 0 && scale == 1 && !(noise > 0);
}

GrayImage deform(const GrayImage& input, const Deformation& d) {
  if (inconsistent(input)) return GrayImage{};
  if (d.identity()) return input;
  const int w = input.width, h = input.height;
  GrayImage out = zeros(w, h);

  // Inverse map: p = c + R(-angle) (q - c - shift) / scale, with R(angle) = [cos -sin; sin cos] turning clockwise on
  // a y-down screen.
  const double degrees = std::fmod(static_cast<double>(d.rotate_degrees), 360.0);
  double cs = std::cos(degrees * (kPi / 180.0)), sn = std::sin(degrees * (kPi / 180.0));
  if (degrees == 0) cs = 1, sn = 0;
  if (degrees == 90 || degrees == -270) cs = 0, sn = 1;
  if (degrees == 180 || degrees == -180) cs = -1, sn = 0;
  if (degrees == 270 || degrees == -90) cs = 0, sn = -1;
  const double cx = w / 2.0, cy = h / 2.0, s = d.scale;
  const bool geometry = s > 0 && std::isfinite(s) && std::isfinite(cs) && std::isfinite(sn) &&
                        std::isfinite(d.shift_x) && std::isfinite(d.shift_y);
  if (geometry) {
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        const double qx = x + 0.5 - cx - d.shift_x, qy = y + 0.5 - cy - d.shift_y;
        // Input position in pixel-index units (pixel i's centre at i).
        const double u = cx + (cs * qx + sn * qy) / s - 0.5, v = cy + (-sn * qx + cs * qy) / s - 0.5;
        if (!(u > -1 && u < w && v > -1 && v < h)) continue;
        const int i = static_cast<int>(std::floor(u)), j = static_cast<int>(std::floor(v));
        const double fx = u - i, fy = v - j;
        double value = 0;
        if (j >= 0) {
          if (i >= 0) value += (1 - fx) * (1 - fy) * input.at(i, j);
          if (i + 1 < w) value += fx * (1 - fy) * input.at(i + 1, j);
        }
        if (j + 1 < h) {
          if (i >= 0) value += (1 - fx) * fy * input.at(i, j + 1);
          if (i + 1 < w) value += fx * fy * input.at(i + 1, j + 1);
        }
        out.pixels[static_cast<size_t>(y) * w + x] = static_cast<float>(value);
      }
  }

  if (d.noise > 0) {
    Rng rng(d.seed);
    const double sigma = d.noise;
    for (float& p : out.pixels) {
      const double u1 = 1.0 - rng.uniform();  // (0, 1]
      const double u2 = rng.uniform();
      const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * kPi * u2);
      p = unit(static_cast<float>(p + sigma * z));
    }
  }
  return out;
}

}  // namespace hebblab
