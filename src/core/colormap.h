// The one diverging colour table every lab uses for signed values (weights, energies, convolution outputs):
// 256 RGBA entries from blue (most negative) through near-white (zero) to red (most positive), interpolated from
// ColorBrewer's RdBu, which stays readable for the common kinds of colour blindness.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

namespace hebblab {

using Rgba = std::array<uint8_t, 4>;

const std::array<Rgba, 256>& diverging_colormap();

// The table index for value v on a symmetric scale [-scale, scale]: 0 at -scale, 255 at +scale, values beyond clamp.
int colormap_index(double v, double scale);

// values: (H, W) row-major -> rgba: (H, W, 4) bytes, through the table.
std::vector<uint8_t> colormap_rgba(const std::vector<float>& values, double scale);

}  // namespace hebblab
