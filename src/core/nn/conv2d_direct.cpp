// Direct Conv2D kernels, and Winograd's for 3x3 windows. The sums run in register tiles of R output pixels x V SIMD
// vectors of filters, read straight from the images. With AVX-512 (32 registers) a tile is 12 pixels x 32 filters: 24
// accumulators, and each step of the sum loads two kernel vectors and broadcasts 12 input values for 24 fused
// multiply-adds. With 16 registers (AVX2, SSE2, wasm SIMD128) it is 4 pixels x 2 vectors. A single output pixel (one
// image through a Dense layer) takes 8 vectors at a time, so each kernel row is read in whole cache lines.
#include "conv2d_direct.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

#include "core/nn/simd.h"

// This file is compiled twice: as it is, into namespace direct with the build's widest vectors, and by
// conv2d_direct4.cpp, into namespace direct4 with simd4 (HEBBLAB_SIMD_PORTABLE).
#ifdef HEBBLAB_SIMD_PORTABLE
#define HEBBLAB_DIRECT_NAMESPACE direct4
#else
#define HEBBLAB_DIRECT_NAMESPACE direct
#endif

namespace hebblab::HEBBLAB_DIRECT_NAMESPACE {
namespace {

using simd::vfloat;
constexpr int L = simd::kLanes;
constexpr int kRows = simd::kRegisters >= 32 ? 12 : 4;  // R: output pixels (or kernel rows) per tile
constexpr int kVectors = 2;                              // V: vectors of filters per tile (V = 1 for a last one)
constexpr int kWide = 8;  // V for a single output pixel (one image's Dense): whole 64-byte lines of each kernel row

// Calls fn(std::integral_constant<int, r>) for a run-time r in [1, R], so every tile has compile-time sizes.
template <int R, typename Fn>
void with_rows(int r, Fn&& fn) {
  if constexpr (R > 1)
    if (r < R) return with_rows<R - 1>(r, fn);
  fn(std::integral_constant<int, R>());
}

// Calls fn(f0, std::integral_constant<int, v>) for blocks of v = V vectors from filter f0 on, then single vectors for
// what is left of `filters` (a multiple of L).
template <int V, typename Fn>
void for_filter_blocks(int filters, Fn&& fn) {
  int f0 = 0;
  for (; f0 + V * L <= filters; f0 += V * L) fn(f0, std::integral_constant<int, V>());
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
  if (k.oh == 1 && k.ow == 1) {  // each kernel value is used once: read kernel rows in long runs
    for_filter_blocks<kWide>(k.filters,
                             [&](int f0, auto vectors) { correlate_tile<1, decltype(vectors)::value>(k, 0, 0, f0); });
    return;
  }
  // The fewest tiles per output row, of even sizes (26 pixels: 9 + 9 + 8, not 12 + 12 + 2).
  const int tiles = (k.ow + kRows - 1) / kRows, per_tile = (k.ow + tiles - 1) / tiles;
  // Filter blocks outermost: each block's kernel columns stay in cache across the image (the Dense(128)'s kernel is
  // 2.4 MB in all, 590 KB per block of 32 units).
  for_filter_blocks<kVectors>(k.filters, [&](int f0, auto vectors) {
    for (int i = 0; i < k.oh; ++i)
      for (int j0 = 0; j0 < k.ow; j0 += per_tile)
        with_rows<kRows>(std::min(per_tile, k.ow - j0), [&](auto rows) {
          correlate_tile<decltype(rows)::value, decltype(vectors)::value>(k, i, j0, f0);
        });
  });
}

// --- Winograd F(2x2, 3x3) (Lavin and Gray, "Fast Algorithms for Convolutional Neural Networks", 2016) -------------
// A 3x3 correlation with strides 1 makes each 2x2 block of outputs from the 4x4 block of inputs under it with 16
// multiplications per (channel, filter) instead of 36: Y = A^T [(G g G^T) . (B^T d B)] A, with
//   B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1],  G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1],
//   A^T = [1 1 1 0; 0 1 -1 -1].
// Summed over the channels, the 16 elementwise products are 16 GEMMs (tiles, C) x (C, F), done by correlate on 1x1
// windows. Used where the output sizes are even and the channels fill whole vectors (the lecture's second Conv2D and
// its input gradient); the transforms are additions only, so the results stay within float rounding of the direct sum.
constexpr int kPositions = 16;  // the 4x4 transformed positions

// Floats from one position's (tiles, width) matrix to the next: 64 bytes more than the matrix, so the 16 streams a
// transform writes do not fall on the same 4 KB offsets (which stalls stores behind unrelated loads).
int64_t slab(int64_t tiles, int width) { return tiles * width + 16; }

bool winograd_fits(const Correlation& k) {
  return k.kh == 3 && k.kw == 3 && k.sh == 1 && k.sw == 1 && k.oh % 2 == 0 && k.ow % 2 == 0 && k.channels % L == 0;
}

int64_t winograd_tiles(const Correlation& k) { return int64_t(k.oh / 2) * (k.ow / 2); }

// Floats winograd_correlate needs: the transformed kernel (16, C, F), then inputs (16 slabs of (tiles, C)) and
// products (16 slabs of (tiles, F)).
int64_t winograd_workspace(const Correlation& k) {
  return kPositions * (int64_t(k.channels) * k.filters + slab(winograd_tiles(k), k.channels) +
                       slab(winograd_tiles(k), k.filters));
}

// work[0 .. 16*C*F) = G g G^T of each (c, f) of k.kernel (3, 3, C, F), as (16, C, F); a vector of filters at a time.
void winograd_transform_kernel(const Correlation& k, float* work) {
  const int c_count = k.channels, f_count = k.filters;
  const vfloat half = simd::splat(0.5f);
  for (int c = 0; c < c_count; ++c)
    for (int f = 0; f < f_count; f += L) {
      vfloat g[3][3], t[4][3];
      for (int a = 0; a < 3; ++a)
        for (int b = 0; b < 3; ++b) g[a][b] = simd::load(k.kernel + ((int64_t(a) * 3 + b) * c_count + c) * f_count + f);
      for (int b = 0; b < 3; ++b) {  // t = G g
        t[0][b] = g[0][b];
        t[1][b] = simd::mul(half, simd::add(simd::add(g[0][b], g[1][b]), g[2][b]));
        t[2][b] = simd::mul(half, simd::add(simd::sub(g[0][b], g[1][b]), g[2][b]));
        t[3][b] = g[2][b];
      }
      for (int i = 0; i < 4; ++i) {  // (G g) G^T
        const vfloat row[4] = {t[i][0], simd::mul(half, simd::add(simd::add(t[i][0], t[i][1]), t[i][2])),
                               simd::mul(half, simd::add(simd::sub(t[i][0], t[i][1]), t[i][2])), t[i][2]};
        for (int j = 0; j < 4; ++j) simd::store(work + (int64_t(i * 4 + j) * c_count + c) * f_count + f, row[j]);
      }
    }
}

// u (16, tiles, C) = B^T d B for the 4x4 inputs d under each tile (row-major, tw per row): d's rows are src_row
// floats apart and its pixels C floats, from (2 * (t / tw), 2 * (t % tw)) for tile t.
void winograd_transform_input(const float* src, int64_t src_row, int c_count, int tw, int64_t tiles, float* u) {
  for (int64_t t = 0; t < tiles; ++t) {
    const float* d0 = src + 2 * (t / tw) * src_row + 2 * (t % tw) * int64_t(c_count);
    for (int c = 0; c < c_count; c += L) {
      vfloat d[4][4], e[4][4];
      for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 4; ++j) d[i][j] = simd::load(d0 + i * src_row + j * int64_t(c_count) + c);
      for (int j = 0; j < 4; ++j) {  // B^T d
        e[0][j] = simd::sub(d[0][j], d[2][j]);
        e[1][j] = simd::add(d[1][j], d[2][j]);
        e[2][j] = simd::sub(d[2][j], d[1][j]);
        e[3][j] = simd::sub(d[1][j], d[3][j]);
      }
      for (int i = 0; i < 4; ++i) {  // (B^T d) B
        const vfloat row[4] = {simd::sub(e[i][0], e[i][2]), simd::add(e[i][1], e[i][2]), simd::sub(e[i][2], e[i][1]),
                               simd::sub(e[i][1], e[i][3])};
        for (int j = 0; j < 4; ++j) simd::store(u + (i * 4 + j) * slab(tiles, c_count) + t * c_count + c, row[j]);
      }
    }
  }
}

// k.out = the correlation k describes (bias included), from the kernel transformed into work by
// winograd_transform_kernel; the rest of work (winograd_workspace) holds the transformed inputs and the products.
void winograd_correlate(const Correlation& k, float* work) {
  const int c_count = k.channels, f_count = k.filters, tw = k.ow / 2;
  const int64_t tiles = winograd_tiles(k);
  const float* v = work;
  float* u = work + int64_t(kPositions) * c_count * f_count;  // (16, tiles, C)
  float* m = u + kPositions * slab(tiles, c_count);           // (16, tiles, F)
  winograd_transform_input(k.src, k.src_row, c_count, tw, tiles, u);
  for (int pos = 0; pos < kPositions; ++pos)  // m[pos] (tiles, F) = u[pos] (tiles, C) v[pos] (C, F)
    correlate(Correlation{u + pos * slab(tiles, c_count), c_count, c_count, 1, 1, 1, 1,
                          v + int64_t(pos) * c_count * f_count, f_count, nullptr, m + pos * slab(tiles, f_count), 1,
                          int(tiles)});
  for (int64_t t = 0; t < tiles; ++t) {  // y = A^T m A (+ bias) for the 2x2 outputs of tile t
    float* y0 = k.out + (2 * (t / tw) * k.ow + 2 * (t % tw)) * int64_t(f_count);
    for (int f = 0; f < f_count; f += L) {
      vfloat p[4][4], r[2][4];
      for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 4; ++j) p[i][j] = simd::load(m + (i * 4 + j) * slab(tiles, f_count) + t * f_count + f);
      for (int j = 0; j < 4; ++j) {  // A^T m
        r[0][j] = simd::add(simd::add(p[0][j], p[1][j]), p[2][j]);
        r[1][j] = simd::sub(simd::sub(p[1][j], p[2][j]), p[3][j]);
      }
      const vfloat bias = k.bias ? simd::load(k.bias + f) : simd::splat(0);
      for (int i = 0; i < 2; ++i) {  // (A^T m) A
        simd::store(y0 + (i * k.ow) * int64_t(f_count) + f,
                    simd::add(simd::add(simd::add(r[i][0], r[i][1]), r[i][2]), bias));
        simd::store(y0 + (i * k.ow + 1) * int64_t(f_count) + f,
                    simd::add(simd::sub(simd::sub(r[i][1], r[i][2]), r[i][3]), bias));
      }
    }
  }
}

// The rows of the input that the windows read, (OH-1)*sh + KH by (OW-1)*sw + KW pixels, from -pad_top, -pad_left.
int padded_height(const Window2D& g) { return (g.oh - 1) * g.sh + g.kh; }
int padded_width(const Window2D& g) { return (g.ow - 1) * g.sw + g.kw; }
bool padded(const Window2D& g) { return g.pad_top > 0 || g.pad_left > 0 || padded_height(g) > g.h + g.pad_top ||
                                        padded_width(g) > g.w + g.pad_left; }

// The image the windows read: x itself when no window reaches past it, else a zero-padded copy in `work`, whose
// border must already be zero (zero_padded_input).
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

// dkernel (P, F) += the image's patches^T dy, all rows p in register tiles.
void kernel_gradient(const Window2D& g, int filters, const float* src, int64_t src_row, const float* dy,
                     float* dkernel) {
  const int64_t rows = g.patch();
  for (int p0 = 0; p0 < rows; p0 += kRows)
    with_rows<kRows>(int(std::min<int64_t>(kRows, rows - p0)), [&](auto r) {
      for_filter_blocks<kVectors>(filters, [&](int f0, auto vectors) {
        kernel_gradient_tile<decltype(r)::value, decltype(vectors)::value>(g, filters, src, src_row, dy, p0, f0,
                                                                            dkernel);
      });
    });
}

// --- Winograd F(3x3, 2x2) for the kernel gradient ----------------------------------------------------------------
// dkernel[a, b, c, f] = sum over (i, j) of x[i + a, j + b, c] dy[i, j, f] is, for each 2x2 block w of dy, a 3x3
// correlation of the 4x4 inputs d under it with w. By the transposition principle F(2x2, 3x3)'s matrices serve with
// their roles swapped: dkernel = G^T [sum over blocks and images of (B^T d B) . (A w A^T)] G, A = (A^T)^T. The sum
// over blocks is 16 GEMMs (C, tiles) x (tiles, F) per image, accumulated in m (16, C, F); the output transform runs
// once per batch.
bool winograd_kernel_gradient_fits(const Window2D& g) {
  return g.kh == 3 && g.kw == 3 && g.sh == 1 && g.sw == 1 && g.oh % 2 == 0 && g.ow % 2 == 0 && g.c % L == 0;
}

// Floats: m (16, C, F), then one image's u (16, tiles, C) and w (16, tiles, F).
int64_t winograd_kernel_gradient_workspace(const Window2D& g, int filters) {
  const int64_t tiles = int64_t(g.oh / 2) * (g.ow / 2);
  return kPositions * (int64_t(g.c) * filters + slab(tiles, g.c) + slab(tiles, filters));
}

// m += the image's sum over blocks of (B^T d B) . (A w A^T); src is the (padded) input, dy (OH, OW, F).
void winograd_kernel_gradient_image(const Window2D& g, int filters, const float* src, int64_t src_row,
                                    const float* dy, float* work) {
  const int tw = g.ow / 2;
  const int64_t tiles = int64_t(g.oh / 2) * tw;
  float* m = work;
  float* u = m + int64_t(kPositions) * g.c * filters;
  float* w = u + kPositions * slab(tiles, g.c);
  winograd_transform_input(src, src_row, g.c, tw, tiles, u);
  const vfloat zero = simd::splat(0);
  for (int64_t t = 0; t < tiles; ++t) {  // w = A b A^T for the 2x2 block b of dy; A = [1 0; 1 1; 1 -1; 0 -1]
    const float* b0 = dy + (2 * (t / tw) * g.ow + 2 * (t % tw)) * int64_t(filters);
    for (int f = 0; f < filters; f += L) {
      vfloat b[2][2], r[4][2];
      for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j) b[i][j] = simd::load(b0 + (i * g.ow + j) * int64_t(filters) + f);
      for (int j = 0; j < 2; ++j) {  // A b
        r[0][j] = b[0][j];
        r[1][j] = simd::add(b[0][j], b[1][j]);
        r[2][j] = simd::sub(b[0][j], b[1][j]);
        r[3][j] = simd::sub(zero, b[1][j]);
      }
      for (int i = 0; i < 4; ++i) {  // (A b) A^T
        const vfloat row[4] = {r[i][0], simd::add(r[i][0], r[i][1]), simd::sub(r[i][0], r[i][1]),
                               simd::sub(zero, r[i][1])};
        for (int j = 0; j < 4; ++j) simd::store(w + (i * 4 + j) * slab(tiles, filters) + t * filters + f, row[j]);
      }
    }
  }
  // m[pos] (C, F) += u[pos]^T (C, tiles) w[pos] (tiles, F): a kernel gradient over a 1 x tiles image of C channels.
  const Window2D blocks = make_window(1, 1, int(tiles), g.c, 1, 1, 1, 1, Padding::Valid);
  for (int pos = 0; pos < kPositions; ++pos)
    kernel_gradient(blocks, filters, u + pos * slab(tiles, g.c), tiles * g.c, w + pos * slab(tiles, filters),
                    m + int64_t(pos) * g.c * filters);
}

// dkernel (3, 3, C, F) = G^T m G for each (c, f); G^T = [1 1/2 1/2 0; 0 1/2 -1/2 0; 0 1/2 1/2 1].
void winograd_kernel_gradient_output(const Window2D& g, int filters, const float* m, float* dkernel) {
  const vfloat half = simd::splat(0.5f);
  for (int c = 0; c < g.c; ++c)
    for (int f = 0; f < filters; f += L) {
      vfloat p[4][4], q[3][4];
      for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 4; ++j) p[i][j] = simd::load(m + (int64_t(i * 4 + j) * g.c + c) * filters + f);
      for (int j = 0; j < 4; ++j) {  // G^T m
        const vfloat sum = simd::mul(half, simd::add(p[1][j], p[2][j]));
        q[0][j] = simd::add(p[0][j], sum);
        q[1][j] = simd::mul(half, simd::sub(p[1][j], p[2][j]));
        q[2][j] = simd::add(sum, p[3][j]);
      }
      for (int a = 0; a < 3; ++a) {  // (G^T m) G
        const vfloat sum = simd::mul(half, simd::add(q[a][1], q[a][2]));
        const vfloat row[3] = {simd::add(q[a][0], sum), simd::mul(half, simd::sub(q[a][1], q[a][2])),
                               simd::add(sum, q[a][3])};
        for (int b = 0; b < 3; ++b) simd::store(dkernel + ((int64_t(a) * 3 + b) * g.c + c) * filters + f, row[b]);
      }
    }
}

}  // namespace

bool applies(const Window2D& g, int filters) { return filters % L == 0 && g.oh > 0 && g.ow > 0; }

bool input_gradient_applies(const Window2D& g, int filters) {
  return applies(g, filters) && g.sh == 1 && g.sw == 1 && g.c % L == 0;
}

namespace {

// The correlations the kernels run per image (pointers filled in later): the forward pass over the (padded) input,
// and the input gradient over dy padded by KH-1 rows and KW-1 columns each side, with the flipped kernel.
Correlation forward_correlation(const Window2D& g, int filters, const float* kernel, const float* bias) {
  return {nullptr, source_row(g), g.c, g.kh, g.kw, g.sh, g.sw, kernel, filters, bias, nullptr, g.oh, g.ow};
}

int64_t padded_dy_row(const Window2D& g, int filters) { return int64_t(g.ow + 2 * (g.kw - 1)) * filters; }
int64_t padded_dy_size(const Window2D& g, int filters) { return (g.oh + 2 * (g.kh - 1)) * padded_dy_row(g, filters); }

Correlation input_gradient_correlation(const Window2D& g, int filters, const float* flipped) {
  return {nullptr, padded_dy_row(g, filters), filters, g.kh, g.kw, 1, 1, flipped, g.c, nullptr, nullptr, g.h, g.w};
}

// Runs k per image through Winograd where it fits, else directly; `work` holds the transformed kernel and the
// Winograd buffers.
struct Correlator {
  Correlator() = default;  // for no correlation
  Correlator(const Correlation& k, float* work) : winograd(winograd_fits(k)), work(work) {
    if (winograd) winograd_transform_kernel(k, work);
  }
  void operator()(const Correlation& k) const { winograd ? winograd_correlate(k, work) : correlate(k); }
  static int64_t workspace(const Correlation& k) { return winograd_fits(k) ? winograd_workspace(k) : 0; }
  bool winograd = false;
  float* work = nullptr;
};

}  // namespace

bool winograd_forward(const Window2D& g, int filters) {
  return applies(g, filters) && winograd_fits(forward_correlation(g, filters, nullptr, nullptr));
}

bool winograd_kernel_gradient(const Window2D& g, int filters) {
  return applies(g, filters) && winograd_kernel_gradient_fits(g);
}

bool winograd_input_gradient(const Window2D& g, int filters) {
  return input_gradient_applies(g, filters) &&
         winograd_fits(input_gradient_correlation(g, filters, nullptr));
}

namespace {

// dy padded, the flipped kernel and the correlator's buffers; 0 when the input gradient is not direct.
int64_t input_gradient_workspace(const Window2D& g, int filters) {
  if (!input_gradient_applies(g, filters)) return 0;
  return padded_dy_size(g, filters) + g.patch() * filters +
         Correlator::workspace(input_gradient_correlation(g, filters, nullptr));
}

}  // namespace

int64_t workspace(const Window2D& g, int filters) {
  if (!applies(g, filters)) return 0;
  const int64_t forward_floats = Correlator::workspace(forward_correlation(g, filters, nullptr, nullptr));
  const int64_t backward_floats = input_gradient_workspace(g, filters) +
                           (winograd_kernel_gradient_fits(g) ? winograd_kernel_gradient_workspace(g, filters) : 0);
  return padded_input_size(g) + std::max(forward_floats, backward_floats);
}

void forward(const Window2D& g, int filters, const float* x, const float* kernel, const float* bias,
                           float* work, float* y) {
  zero_padded_input(g, work);  // work: the padded input, then the correlator's buffers
  Correlation k = forward_correlation(g, filters, kernel, bias);
  const Correlator correlator(k, work + padded_input_size(g));
  for (int n = 0; n < g.n; ++n) {
    k.src = window_source(g, x + int64_t(n) * g.h * g.w * g.c, work);
    k.out = y + int64_t(n) * g.oh * g.ow * filters;
    correlator(k);
  }
}

void backward(const Window2D& g, int filters, const float* x, const float* kernel, const float* dy,
                            float* work, float* dkernel, float* dbias, float* dx) {
  std::fill(dkernel, dkernel + g.patch() * filters, 0.0f);
  std::fill(dbias, dbias + filters, 0.0f);
  float* input = work;  // the zero-padded input image, when the windows reach past x
  zero_padded_input(g, input);
  // For dx, then: dy padded, (OH + 2(KH-1), OW + 2(KW-1), F), the kernel flipped and transposed, (KH, KW, F, C), and
  // the correlator's buffers.
  const int64_t padded_row = padded_dy_row(g, filters);
  float* dyp = dx ? input + padded_input_size(g) : nullptr;
  float* flipped = dx ? dyp + padded_dy_size(g, filters) : nullptr;
  if (dx) {
    for (int a = 0; a < g.kh; ++a)
      for (int b = 0; b < g.kw; ++b)
        for (int c = 0; c < g.c; ++c)
          for (int f = 0; f < filters; ++f)
            flipped[((int64_t(g.kh - 1 - a) * g.kw + (g.kw - 1 - b)) * filters + f) * g.c + c] =
                kernel[((int64_t(a) * g.kw + b) * g.c + c) * filters + f];
    std::fill(dyp, dyp + padded_dy_size(g, filters), 0.0f);
  }
  // dx[h, w, c] = sum over a', b', f of dyp[h + pad_top + a', w + pad_left + b', f] * flipped[a', b', f, c].
  Correlation k = input_gradient_correlation(g, filters, flipped);
  if (dx) k.src = dyp + g.pad_top * padded_row + int64_t(g.pad_left) * filters;
  const Correlator correlator = dx ? Correlator(k, flipped + g.patch() * filters) : Correlator();
  // Then, for Winograd's kernel gradient, its buffers (m accumulates over the images).
  const bool winograd = winograd_kernel_gradient_fits(g);
  float* winograd_work = input + padded_input_size(g) + (dx ? input_gradient_workspace(g, filters) : 0);
  if (winograd) std::fill(winograd_work, winograd_work + int64_t(kPositions) * g.c * filters, 0.0f);
  const int64_t src_row = source_row(g);
  // One image at a time, so its dy stays in cache from the bias sum to the input gradient.
  for (int n = 0; n < g.n; ++n) {
    const float* grad = dy + int64_t(n) * g.oh * g.ow * filters;
    for (int64_t q = 0; q < int64_t(g.oh) * g.ow; ++q)
      for (int f = 0; f < filters; f += L)
        simd::store(dbias + f, simd::add(simd::load(dbias + f), simd::load(grad + q * filters + f)));
    const float* src = window_source(g, x + int64_t(n) * g.h * g.w * g.c, input);
    if (winograd) winograd_kernel_gradient_image(g, filters, src, src_row, grad, winograd_work);
    else kernel_gradient(g, filters, src, src_row, grad, dkernel);
    if (!dx) continue;
    for (int i = 0; i < g.oh; ++i)
      std::memcpy(dyp + (i + g.kh - 1) * padded_row + int64_t(g.kw - 1) * filters, grad + int64_t(i) * g.ow * filters,
                  sizeof(float) * size_t(g.ow) * size_t(filters));
    k.out = dx + int64_t(n) * g.h * g.w * g.c;
    correlator(k);
  }
  if (winograd) winograd_kernel_gradient_output(g, filters, winograd_work, dkernel);
}

}  // namespace hebblab::HEBBLAB_DIRECT_NAMESPACE
