// The diverging colour table, built once by linear interpolation between ColorBrewer RdBu's 11 classes.
#include "colormap.h"

#include <algorithm>
#include <cmath>

namespace hebblab {
namespace {

// RdBu, 11 classes, from the negative (blue) end to the positive (red) end.
constexpr uint8_t kRdBu[11][3] = {{5, 48, 97},    {33, 102, 172}, {67, 147, 195}, {146, 197, 222},
                                  {209, 229, 240}, {247, 247, 247}, {253, 219, 199}, {244, 165, 130},
                                  {214, 96, 77},   {178, 24, 43},   {103, 0, 31}};

std::array<Rgba, 256> build() {
  std::array<Rgba, 256> table{};
  for (int i = 0; i < 256; ++i) {
    const double t = i / 255.0 * 10.0;
    const int k = std::min(9, static_cast<int>(t));
    const double f = t - k;
    for (int c = 0; c < 3; ++c)
      table[static_cast<size_t>(i)][static_cast<size_t>(c)] =
          static_cast<uint8_t>(std::lround(kRdBu[k][c] * (1.0 - f) + kRdBu[k + 1][c] * f));
    table[static_cast<size_t>(i)][3] = 255;
  }
  return table;
}

}  // namespace

const std::array<Rgba, 256>& diverging_colormap() {
  static const std::array<Rgba, 256> table = build();
  return table;
}

int colormap_index(double v, double scale) {
  if (!(scale > 0) || std::isnan(v)) return 128;
  const double t = (v / scale + 1.0) * 0.5;  // -scale -> 0, +scale -> 1
  return static_cast<int>(std::lround(std::clamp(t, 0.0, 1.0) * 255.0));
}

}  // namespace hebblab
