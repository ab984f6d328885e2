// Direct Conv2D kernels: register tiles of R output rows x V SIMD vectors, summed over the window straight from the
// images. With AVX-512 (32 registers) a tile is 12 pixels x 32 filters: 24 accumulators, and each step of the sum
// loads two kernel vectors and broadcasts 12 input values for 24 fused multiply-adds. With 16 registers (AVX2, SSE2,
// wasm SIMD128) it is 4 pixels x 2 vectors.
#include "conv2d_direct.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

#include "core/nn/simd.h"

namespace hebblab {
namespace {

using simd::vfloat;
constexpr int L = simd::kLanes;
constexpr int kRows = simd::kRegisters >= 32 ? 12 : 4;  // R: output pixels (or kernel rows) per tile
constexpr int kVectors = 2;                              // V: vectors of filters per tile (V = 1 for a last one)

// Calls fn(std::integral_constant<int, r>) for a run-time r in [1, R], so every tile has compile-time sizes.
template <int R, typename Fn>
void with_rows(int r, Fn&& fn) {
  if constexpr (R > 1)
    if (r < R) return with_rows<R - 1>(r, fn);
  fn(std::integral_constant<int, R>());
}

// Calls fn(std::integral_constant<int, v>) for each block of v vectors covering `filters` (a multiple of L) columns.
template <typename Fn>
void for_filter_blocks(int filters, Fn&& fn) {
  int f0 = 0;
  for (; f0 + kVectors * L <= filters; f0 += kVectors * L) fn(f0, std::integral_constant<int, kVectors>());
  for (; f0 < filters; f0 += L) fn(f0, std::integral_constant<int, 1>());
}

// A 'valid' correlation of one image: out (OH, OW, F) = bias + sum over a, b, c of
// src[(i*sh + a) * src_row + (j*sw + b) * C + c] * kernel[((a*KW + b) * C + c) * F + f].
// src rows are src_row floats apart, its pixels C floats; kernel (KH, KW, C, F); bias (F) or null for zeros.
struct Correlation {
  const float* src;
  int64_t src_row;
  int channels, kh, kw, sh, sw;
  const float* kernel;
  int filters;
  const float* bias;
  float* out;
  int oh, ow;
};

// Output row i, pixels j0 .. j0+R-1, filters f0 .. f0+V*L-1.
template <int R, int V>
void correlate_tile(const Correlation& k, int i, int j0, int f0) {
  vfloat acc[R][V];
  for (int v = 0; v < V; ++v) {
    const vfloat init = k.bias ? simd::load(k.bias + f0 + v * L) : simd::splat(0);
    for (int r = 0; r < R; ++r) acc[r][v] = init;
  }
  const int64_t pixel = int64_t(k.sw) * k.channels;
  const float* window = k.src + int64_t(i) * k.sh * k.src_row + j0 * pixel;
  const float* w = k.kernel + f0;
  for (int a = 0; a < k.kh; ++a)
    for (int b = 0; b < k.kw; ++b) {
      const float* s = window + a * k.src_row + int64_t(b) * k.channels;
      for (int c = 0; c < k.channels; ++c, w += k.filters) {
        vfloat wv[V];
        for (int v = 0; v < V; ++v) wv[v] = simd::load(w + v * L);
        for (int r = 0; r < R; ++r) {
          const vfloat x = simd::splat(s[r * pixel + c]);
          for (int v = 0; v < V; ++v) acc[r][v] = simd::fmadd(x, wv[v], acc[r][v]);
        }
      }
    }
  float* y = k.out + (int64_t(i) * k.ow + j0) * k.filters + f0;
  for (int r = 0; r < R; ++r)
    for (int v = 0; v < V; ++v) simd::store(y + r * k.filters + v * L, acc[r][v]);
}

void correlate(const Correlation& k) {
  // The fewest tiles per output row, of even sizes (26 pixels: 9 + 9 + 8, not 12 + 12 + 2).
  const int tiles = (k.ow + kRows - 1) / kRows, per_tile = (k.ow + tiles - 1) / tiles;
  // Filter blocks outermost: each block's kernel columns stay in cache across the image (the Dense(128)'s kernel is
  // 2.4 MB in all, 590 KB per block of 32 units).
  for_filter_blocks(k.filters, [&](int f0, auto vectors) {
    for (int i = 0; i < k.oh; ++i)
      for (int j0 = 0; j0 < k.ow; j0 += per_tile)
        with_rows<kRows>(std::min(per_tile, k.ow - j0), [&](auto rows) {
          correlate_tile<decltype(rows)::value, decltype(vectors)::value>(k, i, j0, f0);
        });
  });
}

// The rows of the input that the windows read, (OH-1)*sh + KH by (OW-1)*sw + KW pixels, from -pad_top, -pad_left.
int padded_height(const Window2D& g) { return (g.oh - 1) * g.sh + g.kh; }
int padded_width(const Window2D& g) { return (g.ow - 1) * g.sw + g.kw; }
bool padded(const Window2D& g) { return g.pad_top > 0 || g.pad_left > 0 || padded_height(g) > g.h + g.pad_top ||
                                        padded_width(g) > g.w + g.pad_left; }

// The image the windows read: x itself when no window reaches past it, else a zero-padded copy in `work`, whose
// border must already be zero (pad_input_border).
const float* window_source(const Window2D& g, const float* image, float* work) {
  if (!padded(g)) return image;
  const int ph = padded_height(g), pw = padded_width(g);
  for (int r = 0; r < ph; ++r) {
    const int ih = r - g.pad_top;
    if (ih < 0 || ih >= g.h) continue;
    const int first = std::max(g.pad_left, 0), last = std::min(pw, g.w + g.pad_left);  // columns taken from x
    std::memcpy(work + (int64_t(r) * pw + first) * g.c, image + (int64_t(ih) * g.w + first - g.pad_left) * g.c,
                sizeof(float) * size_t(last - first) * size_t(g.c));
  }
  return work;
}

int64_t padded_input_size(const Window2D& g) {
  return padded(g) ? int64_t(padded_height(g)) * padded_width(g) * g.c : 0;
}

void zero_padded_input(const Window2D& g, float* work) { std::fill(work, work + padded_input_size(g), 0.0f); }

int64_t source_row(const Window2D& g) { return int64_t(padded(g) ? padded_width(g) : g.w) * g.c; }

// dkernel rows p0 .. p0+R-1 (p = (a*KW + b)*C + c), filters f0 .. f0+V*L-1, += the image's sum over (i, j) of
// src[(i*sh + a) * src_row + (j*sw + b) * C + c] * dy[(i*OW + j) * F + f].
template <int R, int V>
void kernel_gradient_tile(const Window2D& g, int filters, const float* src, int64_t src_row, const float* dy, int p0,
                          int f0, float* dkernel) {
  int64_t offset[R];
  for (int r = 0; r < R; ++r) {
    const int p = p0 + r, c = p % g.c, b = p / g.c % g.kw, a = p / g.c / g.kw;
    offset[r] = a * src_row + int64_t(b) * g.c + c;
  }
  vfloat acc[R][V];
  float* out = dkernel + int64_t(p0) * filters + f0;
  for (int r = 0; r < R; ++r)
    for (int v = 0; v < V; ++v) acc[r][v] = simd::load(out + int64_t(r) * filters + v * L);
  const int64_t pixel = int64_t(g.sw) * g.c;
  for (int i = 0; i < g.oh; ++i) {
    const float* s = src + int64_t(i) * g.sh * src_row;
    const float* d = dy + int64_t(i) * g.ow * filters + f0;
    for (int j = 0; j < g.ow; ++j, s += pixel, d += filters) {
      vfloat dv[V];
      for (int v = 0; v < V; ++v) dv[v] = simd::load(d + v * L);
      for (int r = 0; r < R; ++r) {
        const vfloat x = simd::splat(s[offset[r]]);
        for (int v = 0; v < V; ++v) acc[r][v] = simd::fmadd(x, dv[v], acc[r][v]);
      }
    }
  }
  for (int r = 0; r < R; ++r)
    for (int v = 0; v < V; ++v) simd::store(out + int64_t(r) * filters + v * L, acc[r][v]);
}

}  // namespace

bool conv2d_direct_applies(const Window2D& g, int filters) { return filters % L == 0 && g.oh > 0 && g.ow > 0; }

bool conv2d_direct_input_gradient_applies(const Window2D& g, int filters) {
  return conv2d_direct_applies(g, filters) && g.sh == 1 && g.sw == 1 && g.c % L == 0;
}

int64_t conv2d_direct_workspace(const Window2D& g, int filters) {
  if (!conv2d_direct_applies(g, filters)) return 0;
  const int64_t dy = int64_t(g.oh + 2 * (g.kh - 1)) * (g.ow + 2 * (g.kw - 1)) * filters + g.patch() * filters;
  return padded_input_size(g) + (conv2d_direct_input_gradient_applies(g, filters) ? dy : 0);
}

void conv2d_direct_forward(const Window2D& g, int filters, const float* x, const float* kernel, const float* bias,
                           float* work, float* y) {
  zero_padded_input(g, work);
  Correlation k{nullptr, source_row(g), g.c, g.kh, g.kw, g.sh, g.sw, kernel, filters, bias, nullptr, g.oh, g.ow};
  for (int n = 0; n < g.n; ++n) {
    k.src = window_source(g, x + int64_t(n) * g.h * g.w * g.c, work);
    k.out = y + int64_t(n) * g.oh * g.ow * filters;
    correlate(k);
  }
}

void conv2d_direct_backward(const Window2D& g, int filters, const float* x, const float* kernel, const float* dy,
                            float* work, float* dkernel, float* dbias, float* dx) {
  std::fill(dkernel, dkernel + g.patch() * filters, 0.0f);
  std::fill(dbias, dbias + filters, 0.0f);
  float* input = work;  // the zero-padded input image, when the windows reach past x
  zero_padded_input(g, input);
  // Then dy padded, (OH + 2(KH-1), OW + 2(KW-1), F), and the kernel flipped and transposed, (KH, KW, F, C).
  const int ph = g.oh + 2 * (g.kh - 1), pw = g.ow + 2 * (g.kw - 1);
  const int64_t padded_row = int64_t(pw) * filters;
  float* dyp = dx ? input + padded_input_size(g) : nullptr;
  float* flipped = dx ? dyp + ph * padded_row : nullptr;
  if (dx) {
    for (int a = 0; a < g.kh; ++a)
      for (int b = 0; b < g.kw; ++b)
        for (int c = 0; c < g.c; ++c)
          for (int f = 0; f < filters; ++f)
            flipped[((int64_t(g.kh - 1 - a) * g.kw + (g.kw - 1 - b)) * filters + f) * g.c + c] =
                kernel[((int64_t(a) * g.kw + b) * g.c + c) * filters + f];
    std::fill(dyp, dyp + ph * padded_row, 0.0f);
  }
  // dx[h, w, c] = sum over a', b', f of dyp[h + pad_top + a', w + pad_left + b', f] * flipped[a', b', f, c].
  Correlation k{dx ? dyp + g.pad_top * padded_row + int64_t(g.pad_left) * filters : nullptr,
                padded_row, filters, g.kh, g.kw, 1, 1, flipped, g.c, nullptr, nullptr, g.h, g.w};
  const int64_t src_row = source_row(g), rows = g.patch();
  // One image at a time, so its dy stays in cache from the bias sum to the input gradient.
  for (int n = 0; n < g.n; ++n) {
    const float* grad = dy + int64_t(n) * g.oh * g.ow * filters;
    for (int64_t q = 0; q < int64_t(g.oh) * g.ow; ++q)
      for (int f = 0; f < filters; f += L)
        simd::store(dbias + f, simd::add(simd::load(dbias + f), simd::load(grad + q * filters + f)));
    const float* src = window_source(g, x + int64_t(n) * g.h * g.w * g.c, input);
    for (int p0 = 0; p0 < rows; p0 += kRows)
      with_rows<kRows>(int(std::min<int64_t>(kRows, rows - p0)), [&](auto r) {
        for_filter_blocks(filters, [&](int f0, auto vectors) {
          kernel_gradient_tile<decltype(r)::value, decltype(vectors)::value>(g, filters, src, src_row, grad, p0, f0,
                                                                              dkernel);
        });
      });
    if (!dx) continue;
    for (int i = 0; i < g.oh; ++i)
      std::memcpy(dyp + (int64_t(i + g.kh - 1) * pw + g.kw - 1) * filters, grad + int64_t(i) * g.ow * filters,
                  sizeof(float) * size_t(g.ow) * size_t(filters));
    k.out = dx + int64_t(n) * g.h * g.w * g.c;
    correlate(k);
  }
}

}  // namespace hebblab
