// The one diverging colour table every lab uses for signed values (weights, energies, convolution outputs):
// 256 RGBA entries from blue (most negative) through near-white (zero) to red (most positive), interpolated from
// ColorBrewer's RdBu, which stays readable for the common kinds of colour blindness.
#pragma once
#include <array>
#include <cstdint>

namespace hebblab {

using Rgba = std::array<uint8_t, 4>;

const std::array<Rgba, 256>& diverging_colormap();

// The table index for value v on a symmetric scale [-scale, scale]: 0 at -scale, 255 at +scale, values beyond clamp.
// shaders/colormap.frag computes the same index on the GPU.
int colormap_index(double v, double scale);

}  // namespace hebblab
