// Direct Conv2D kernels, and Winograd's for 3x3 windows. The sums run in register tiles of R output pixels x V SIMD
// vectors of filters, read straight from the images. With AVX-512 (32 registers) a tile is 12 pixels x 32 filters: 24
// accumulators, and each step of the sum loads two kernel vectors and broadcasts 12 input values for 24 fused
// multiply-adds. With 16 registers (AVX2, SSE2, wasm SIMD128) it is 4 pixels x 2 vectors. A single output pixel (one
// image through a Dense layer) takes 8 vectors at a time, so each kernel row is read in whole cache lines, and skips
// the rows of its zero inputs.
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
// src rows are src_row floats apart, its pixels C floats; kernel (KH, KW, C, F); bias (F) or null for zeros. With
// relu, out is max(that, 0) instead (simd::relu), in the same stores.
struct Correlation {
  const float* src;
  int64_t src_row;
  int channels, kh, kw, sh, sw;
  const float* kernel;
  int filters;
  const float* bias;
  float* out;
  int oh, ow;
  bool relu = false;
};

vfloat activated(const Correlation& k, vfloat sum) { return k.relu ? simd::relu(sum) : sum; }

// Output row i, pixels j0 .. j0+R-1, filters f0 .. f0+V*L-1.
template <int R, int V>
void correlate_tile(const Correlation& k, int i, int j0, int f0) {
  vfloat acc[R][V];
  for (int v = 0; v < V; ++v) {
    const vfloat init = k.bias ? simd::load(k.bias + f0 + v * L) : simd::splat(0);
    for (int r = 0; r < R; ++r) acc[r][v] = init;
  }
  const int64_t pixel = int64_t(k.sw) * k.channels;
  // Window row a of a pixel's patch, (KW, C), is one run of KW*C values in src, and so are its kernel rows: one loop
  // over the run, not one per column (with C = 1, as in the first Conv2D, that loop would run once).
  const int64_t run = int64_t(k.kw) * k.channels;
  const float* window = k.src + int64_t(i) * k.sh * k.src_row + j0 * pixel;
  const float* w = k.kernel + f0;
  for (int a = 0; a < k.kh; ++a) {
    const float* s = window + a * k.src_row;
    for (int64_t q = 0; q < run; ++q, w += k.filters) {
      vfloat wv[V];
      for (int v = 0; v < V; ++v) wv[v] = simd::load(w + v * L);
      for (int r = 0; r < R; ++r) {
        const vfloat x = simd::splat(s[r * pixel + q]);
        for (int v = 0; v < V; ++v) acc[r][v] = simd::fmadd(x, wv[v], acc[r][v]);
      }
    }
  }
  float* y = k.out + (int64_t(i) * k.ow + j0) * k.filters + f0;
  for (int r = 0; r < R; ++r)
    for (int v = 0; v < V; ++v) simd::store(y + r * k.filters + v * L, activated(k, acc[r][v]));
}

// out[f0 .. f0+V*L-1] += the sum over the `count` indices q in `rows` of s[q] * w[q * F + f]: kernel rows, whole
// cache lines of each (V = 8).
template <int V>
void accumulate_rows(const float* s, const float* w, const int32_t* rows, int count, int filters, float* out) {
  vfloat acc[V];
  for (int v = 0; v < V; ++v) acc[v] = simd::load(out + v * L);
  for (int n = 0; n < count; ++n) {
    const int32_t q = rows[n];
    const vfloat x = simd::splat(s[q]);
    const float* row = w + int64_t(q) * filters;
    for (int v = 0; v < V; ++v) acc[v] = simd::fmadd(x, simd::load(row + v * L), acc[v]);
  }
  for (int v = 0; v < V; ++v) simd::store(out + v * L, acc[v]);
}

// A single output pixel (one image through Dense): each kernel row is read once, for one input value, and an input of
// zero skips its row. After ReLU and pooling most are zero: 42% of the lecture's Dense(128) inputs in `hebblab
// bench`'s untrained model on noise, 88-94% in the trained model on MNIST digits. The inputs go by in chunks: the
// indices of the chunk's non-zero values first (no branch), then each block of filters sums over those rows. The
// sums keep their order (bias, then the inputs in turn), so the bits are those of the full sum (a zero input adds
// +-0), unless a kernel value is infinite or NaN there.
void correlate_pixel(const Correlation& k) {
  constexpr int kChunk = 512;
  int32_t rows[kChunk];
  const int64_t run = int64_t(k.kw) * k.channels;
  for (int f = 0; f < k.filters; f += L) simd::store(k.out + f, k.bias ? simd::load(k.bias + f) : simd::splat(0));
  for (int a = 0; a < k.kh; ++a) {
    const float* s = k.src + a * k.src_row;
    const float* w = k.kernel + a * run * k.filters;
    for (int64_t q0 = 0; q0 < run; q0 += kChunk) {
      const int span = int(std::min<int64_t>(kChunk, run - q0));
      int count = 0;
      for (int q = 0; q < span; ++q) {
        rows[count] = q;
        count += s[q0 + q] != 0;
      }
      for_filter_blocks<kWide>(k.filters, [&](int f0, auto vectors) {
        accumulate_rows<decltype(vectors)::value>(s + q0, w + q0 * k.filters + f0, rows, count, k.filters,
                                                  k.out + f0);
      });
    }
  }
  if (k.relu)
    for (int f = 0; f < k.filters; f += L) simd::store(k.out + f, simd::relu(simd::load(k.out + f)));
}

void correlate(const Correlation& k) {
  if (k.oh == 1 && k.ow == 1) return correlate_pixel(k);
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

// --- Winograd F(MxM, 3x3) (Lavin and Gray, "Fast Algorithms for Convolutional Neural Networks", 2016) -----------
// A 3x3 correlation with strides 1 makes each MxM block of outputs from the NxN block of inputs under it (N = M + 2)
// with N^2 multiplications per (channel, filter) instead of 9 M^2: Y = A^T [(G g G^T) . (B^T d B)] A. Summed over the
// channels, the N^2 elementwise products are N^2 GEMMs (tiles, C) x (C, F), done by correlate on 1x1 windows. Used
// where the output sizes are multiples of M and the channels fill whole vectors (the lecture's second Conv2D and its
// input gradient). Batches, training's among them, take F(2x2, 3x3): 16 products per 4 outputs. A single image's
// forward pass (the CNN lab's drawing) takes F(4x4, 3x3) where it fits, 36 per 16 outputs (one lecture-model inference
// in wasm 10% faster than by F(3x3, 3x3)), else F(3x3, 3x3), 25 per 9; their larger transforms round more: on the
// lecture's second Conv2D the largest error was 3.5e-6 of the largest output by F(4x4, 3x3), 1e-6 by F(3x3, 3x3) and
// 5e-7 by F(2x2, 3x3). Each is the same code in every build, so Numerics::Reproducible gives the same bits everywhere.
//
// The 1-D transforms of F(M, 3) on N points: the kernel's 3 values to N (G g), N inputs to N (B^T d) and N products to
// M outputs (A^T m); a 2-D transform applies one to the columns, then to the rows.
template <int M>
struct Winograd;

// c x: the transforms' scalings (the products by powers of 2 are exact).
vfloat times(float c, vfloat x) { return simd::mul(simd::splat(c), x); }

// Points 0, 1, -1 and infinity: G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1],
// B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1], A^T = [1 1 1 0; 0 1 -1 -1].
template <>
struct Winograd<2> {
  static constexpr int N = 4;
  static void kernel(const vfloat* g, vfloat* t) {
    t[0] = g[0];
    t[1] = times(0.5f, simd::add(simd::add(g[0], g[1]), g[2]));
    t[2] = times(0.5f, simd::add(simd::sub(g[0], g[1]), g[2]));
    t[3] = g[2];
  }
  static void input(const vfloat* d, vfloat* e) {
    e[0] = simd::sub(d[0], d[2]);
    e[1] = simd::add(d[1], d[2]);
    e[2] = simd::sub(d[2], d[1]);
    e[3] = simd::sub(d[1], d[3]);
  }
  static void output(const vfloat* m, vfloat* y) {
    y[0] = simd::add(simd::add(m[0], m[1]), m[2]);
    y[1] = simd::sub(simd::sub(m[1], m[2]), m[3]);
  }
};

// Points 0, 1, -1, 2 and infinity: G = [1/2 0 0; -1/2 -1/2 -1/2; -1/6 1/6 -1/6; 1/6 1/3 2/3; 0 0 1],
// B^T = [2 -1 -2 1 0; 0 -2 -1 1 0; 0 2 -3 1 0; 0 -1 0 1 0; 0 2 -1 -2 1], A^T = [1 1 1 1 0; 0 1 -1 2 0; 0 1 1 4 1].
template <>
struct Winograd<3> {
  static constexpr int N = 5;
  static void kernel(const vfloat* g, vfloat* t) {
    const vfloat ends = simd::add(g[0], g[2]);
    t[0] = times(0.5f, g[0]);
    t[1] = times(-0.5f, simd::add(ends, g[1]));
    t[2] = times(-1.0f / 6, simd::sub(ends, g[1]));
    t[3] = times(1.0f / 6, simd::add(simd::add(g[0], times(2, g[1])), times(4, g[2])));
    t[4] = g[2];
  }
  static void input(const vfloat* d, vfloat* e) {
    const vfloat d32 = simd::sub(d[3], d[2]);
    e[0] = simd::sub(times(2, simd::sub(d[0], d[2])), simd::sub(d[1], d[3]));
    e[1] = simd::sub(d32, times(2, d[1]));
    e[2] = simd::add(d32, times(2, simd::sub(d[1], d[2])));
    e[3] = simd::sub(d[3], d[1]);
    e[4] = simd::add(simd::sub(d[4], d[2]), times(2, simd::sub(d[1], d[3])));
  }
  static void output(const vfloat* m, vfloat* y) {
    const vfloat sum = simd::add(m[1], m[2]);
    y[0] = simd::add(simd::add(m[0], sum), m[3]);
    y[1] = simd::add(simd::sub(m[1], m[2]), times(2, m[3]));
    y[2] = simd::add(simd::add(sum, times(4, m[3])), m[4]);
  }
};

// Points 0, 1, -1, 2, -2 and infinity: G = [1/4 0 0; -1/6 -1/6 -1/6; -1/6 1/6 -1/6; 1/24 1/12 1/6; 1/24 -1/12 1/6;
// 0 0 1], B^T = [4 0 -5 0 1 0; 0 -4 -4 1 1 0; 0 4 -4 -1 1 0; 0 -2 -1 2 1 0; 0 2 -1 -2 1 0; 0 4 0 -5 0 1],
// A^T = [1 1 1 1 1 0; 0 1 -1 2 -2 0; 0 1 1 4 4 0; 0 1 -1 8 -8 1].
template <>
struct Winograd<4> {
  static constexpr int N = 6;
  static void kernel(const vfloat* g, vfloat* t) {
    const vfloat ends = simd::add(g[0], g[2]), quarter = simd::add(g[0], times(4, g[2]));
    t[0] = times(0.25f, g[0]);
    t[1] = times(-1.0f / 6, simd::add(ends, g[1]));
    t[2] = times(-1.0f / 6, simd::sub(ends, g[1]));
    t[3] = times(1.0f / 24, simd::add(quarter, times(2, g[1])));
    t[4] = times(1.0f / 24, simd::sub(quarter, times(2, g[1])));
    t[5] = g[2];
  }
  static void input(const vfloat* d, vfloat* e) {
    const vfloat d34 = simd::add(d[3], d[4]), d4m3 = simd::sub(d[4], d[3]), d42 = simd::sub(d[4], d[2]);
    const vfloat d31 = times(2, simd::sub(d[3], d[1]));
    e[0] = simd::add(simd::sub(times(4, d[0]), times(5, d[2])), d[4]);
    e[1] = simd::sub(d34, times(4, simd::add(d[1], d[2])));
    e[2] = simd::add(d4m3, times(4, simd::sub(d[1], d[2])));
    e[3] = simd::add(d42, d31);
    e[4] = simd::sub(d42, d31);
    e[5] = simd::add(simd::sub(times(4, d[1]), times(5, d[3])), d[5]);
  }
  static void output(const vfloat* m, vfloat* y) {
    const vfloat s12 = simd::add(m[1], m[2]), d12 = simd::sub(m[1], m[2]);
    const vfloat s34 = simd::add(m[3], m[4]), d34 = simd::sub(m[3], m[4]);
    y[0] = simd::add(simd::add(m[0], s12), s34);
    y[1] = simd::add(d12, times(2, d34));
    y[2] = simd::add(s12, times(4, s34));
    y[3] = simd::add(simd::add(d12, times(8, d34)), m[5]);
  }
};

template <int M>
constexpr int kPositions = Winograd<M>::N * Winograd<M>::N;  // the NxN transformed positions

// Floats from one position's (rows, width) matrix to the next: 64 bytes more than the matrix, so the N^2 streams a
// transform writes do not fall on the same 4 KB offsets (which stalls stores behind unrelated loads).
int64_t slab(int64_t rows, int width) { return rows * width + 16; }

template <int M>
bool winograd_fits(const Correlation& k) {
  return k.kh == 3 && k.kw == 3 && k.sh == 1 && k.sw == 1 && k.oh % M == 0 && k.ow % M == 0 && k.channels % L == 0;
}

template <int M>
int64_t winograd_tiles(const Correlation& k) {
  return int64_t(k.oh / M) * (k.ow / M);
}

// Floats winograd_correlate<M> needs: the transformed kernel (N^2 slabs of (C, F)), then inputs (N^2 slabs of
// (tiles, C)) and products (N^2 slabs of (tiles, F)).
template <int M>
int64_t winograd_workspace(const Correlation& k) {
  return kPositions<M> * (slab(k.channels, k.filters) + slab(winograd_tiles<M>(k), k.channels) +
                          slab(winograd_tiles<M>(k), k.filters));
}

// work = G g G^T of each (c, f) of k.kernel (3, 3, C, F), as N^2 slabs of (C, F); a vector of filters at a time.
template <int M>
void winograd_transform_kernel(const Correlation& k, float* work) {
  constexpr int N = Winograd<M>::N;
  const int c_count = k.channels, f_count = k.filters;
  for (int c = 0; c < c_count; ++c)
    for (int f = 0; f < f_count; f += L) {
      vfloat g[3][3], t[N][3];
      for (int a = 0; a < 3; ++a)
        for (int b = 0; b < 3; ++b) g[a][b] = simd::load(k.kernel + ((int64_t(a) * 3 + b) * c_count + c) * f_count + f);
      for (int b = 0; b < 3; ++b) {  // t = G g
        const vfloat column[3] = {g[0][b], g[1][b], g[2][b]};
        vfloat out[N];
        Winograd<M>::kernel(column, out);
        for (int i = 0; i < N; ++i) t[i][b] = out[i];
      }
      for (int i = 0; i < N; ++i) {  // (G g) G^T
        vfloat row[N];
        Winograd<M>::kernel(t[i], row);
        for (int j = 0; j < N; ++j) simd::store(work + (i * N + j) * slab(c_count, f_count) + c * f_count + f, row[j]);
      }
    }
}

// u (N^2, tiles, C) = B^T d B for the NxN inputs d under each tile (row-major, tw per row): d's rows are src_row
// floats apart and its pixels C floats, from (M * (t / tw), M * (t % tw)) for tile t.
template <int M>
void winograd_transform_input(const float* src, int64_t src_row, int c_count, int tw, int64_t tiles, float* u) {
  constexpr int N = Winograd<M>::N;
  for (int64_t t = 0; t < tiles; ++t) {
    const float* d0 = src + M * (t / tw) * src_row + M * (t % tw) * int64_t(c_count);
    for (int c = 0; c < c_count; c += L) {
      vfloat d[N][N], e[N][N];
      for (int i = 0; i < N; ++i)
        for (int j = 0; j < N; ++j) d[i][j] = simd::load(d0 + i * src_row + j * int64_t(c_count) + c);
      for (int j = 0; j < N; ++j) {  // B^T d
        vfloat column[N], out[N];
        for (int i = 0; i < N; ++i) column[i] = d[i][j];
        Winograd<M>::input(column, out);
        for (int i = 0; i < N; ++i) e[i][j] = out[i];
      }
      for (int i = 0; i < N; ++i) {  // (B^T d) B
        vfloat row[N];
        Winograd<M>::input(e[i], row);
        for (int j = 0; j < N; ++j) simd::store(u + (i * N + j) * slab(tiles, c_count) + t * c_count + c, row[j]);
      }
    }
  }
}

// k.out = the correlation k describes (bias included), from v, its kernel transformed by winograd_transform_kernel<M>
// (in work's first floats, or in forward's cache); the rest of work (winograd_workspace<M>) holds the transformed
// inputs and the products.
template <int M>
void winograd_correlate(const Correlation& k, const float* v, float* work) {
  constexpr int N = Winograd<M>::N;
  const int c_count = k.channels, f_count = k.filters, tw = k.ow / M;
  const int64_t tiles = winograd_tiles<M>(k);
  float* u = work + kPositions<M> * slab(c_count, f_count);  // (N^2, tiles, C)
  float* m = u + kPositions<M> * slab(tiles, c_count);         // (N^2, tiles, F)
  winograd_transform_input<M>(k.src, k.src_row, c_count, tw, tiles, u);
  for (int pos = 0; pos < kPositions<M>; ++pos)  // m[pos] (tiles, F) = u[pos] (tiles, C) v[pos] (C, F)
    correlate(Correlation{u + pos * slab(tiles, c_count), c_count, c_count, 1, 1, 1, 1,
                          v + pos * slab(c_count, f_count), f_count, nullptr, m + pos * slab(tiles, f_count), 1,
                          int(tiles)});
  for (int64_t t = 0; t < tiles; ++t) {  // y = A^T m A (+ bias) for the MxM outputs of tile t
    float* y0 = k.out + (M * (t / tw) * k.ow + M * (t % tw)) * int64_t(f_count);
    for (int f = 0; f < f_count; f += L) {
      vfloat p[N][N], r[M][N];
      for (int i = 0; i < N; ++i)
        for (int j = 0; j < N; ++j) p[i][j] = simd::load(m + (i * N + j) * slab(tiles, f_count) + t * f_count + f);
      for (int j = 0; j < N; ++j) {  // A^T m
        vfloat column[N], out[M];
        for (int i = 0; i < N; ++i) column[i] = p[i][j];
        Winograd<M>::output(column, out);
        for (int i = 0; i < M; ++i) r[i][j] = out[i];
      }
      const vfloat bias = k.bias ? simd::load(k.bias + f) : simd::splat(0);
      for (int i = 0; i < M; ++i) {  // (A^T m) A
        vfloat row[M];
        Winograd<M>::output(r[i], row);
        for (int j = 0; j < M; ++j)
          simd::store(y0 + (i * k.ow + j) * int64_t(f_count) + f, activated(k, simd::add(row[j], bias)));
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
  return kPositions<2> * (int64_t(g.c) * filters + slab(tiles, g.c) + slab(tiles, filters));
}

// m += the image's sum over blocks of (B^T d B) . (A w A^T); src is the (padded) input, dy (OH, OW, F).
void winograd_kernel_gradient_image(const Window2D& g, int filters, const float* src, int64_t src_row,
                                    const float* dy, float* work) {
  const int tw = g.ow / 2;
  const int64_t tiles = int64_t(g.oh / 2) * tw;
  float* m = work;
  float* u = m + int64_t(kPositions<2>) * g.c * filters;
  float* w = u + kPositions<2> * slab(tiles, g.c);
  winograd_transform_input<2>(src, src_row, g.c, tw, tiles, u);
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
  for (int pos = 0; pos < kPositions<2>; ++pos)
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

// Winograd's tile M for k: for one image's forward pass (one_image) M = 4 where the output sizes are multiples of 4,
// else 3 where they are multiples of 3; else (and for batches) 2 where they are even; 0 for the direct sum.
int winograd_tile(const Correlation& k, bool one_image) {
  if (one_image && winograd_fits<4>(k)) return 4;
  if (one_image && winograd_fits<3>(k)) return 3;
  return winograd_fits<2>(k) ? 2 : 0;
}

// Calls fn(std::integral_constant<int, M>) for a run-time Winograd tile M of 2, 3 or 4.
template <typename Fn>
void with_tile(int tile, Fn&& fn) {
  if (tile == 4) return fn(std::integral_constant<int, 4>());
  if (tile == 3) return fn(std::integral_constant<int, 3>());
  fn(std::integral_constant<int, 2>());
}

// Forward's cache (conv2d_direct.h) for one image: a head of 64 bytes whose first float is the lane count of the
// build that filled it (0 while empty: the cache starts zeroed; so natively the two builds of the kernels do not take
// each other's) and whose second is the tile M, then the kernel (3, 3, C, F) it was made from and its transform, N^2
// slabs of (C, F).
constexpr int kCacheHead = 16;
int64_t kernel_floats(const Correlation& k) { return 9 * int64_t(k.channels) * k.filters; }
int64_t cache_floats(const Correlation& k) {
  const int tile = winograd_tile(k, true);
  return tile ? kCacheHead + kernel_floats(k) + int64_t(tile + 2) * (tile + 2) * slab(k.channels, k.filters) : 0;
}

// Whether a and b (n floats) hold the same bits; without an early exit, so that the loop is vectorised (wasm's memcmp
// goes byte by byte).
bool same_bits(const float* a, const float* b, int64_t n) {
  uint32_t differ = 0;
  for (int64_t i = 0; i < n; ++i) {
    uint32_t x, y;
    std::memcpy(&x, a + i, sizeof x);
    std::memcpy(&y, b + i, sizeof y);
    differ |= x ^ y;
  }
  return differ == 0;
}

// Runs k per image through Winograd F(MxM, 3x3) where it fits (winograd_tile), else directly. `work` holds the
// transformed kernel and the Winograd buffers; given forward's cache, one image's pass keeps the transformed kernel
// there instead, and transforms again only when k's kernel is not the one it was made from.
struct Correlator {
  Correlator() = default;  // for no correlation
  Correlator(const Correlation& k, bool one_image, float* work, float* cache)
      : tile(winograd_tile(k, one_image)), transformed(work), work(work) {
    if (tile == 0) return;
    with_tile(tile, [&](auto m) {
      constexpr int M = decltype(m)::value;
      if (!one_image || !cache) return winograd_transform_kernel<M>(k, work);
      float *kept = cache + kCacheHead, *transform = kept + kernel_floats(k);
      transformed = transform;
      if (cache[0] == L && cache[1] == M && same_bits(kept, k.kernel, kernel_floats(k))) return;
      winograd_transform_kernel<M>(k, transform);
      std::copy(k.kernel, k.kernel + kernel_floats(k), kept);
      cache[0] = L;
      cache[1] = M;
    });
  }
  void operator()(const Correlation& k) const {
    if (tile == 0) return correlate(k);
    with_tile(tile, [&](auto m) { winograd_correlate<decltype(m)::value>(k, transformed, work); });
  }
  static int64_t workspace(const Correlation& k, bool one_image) {
    const int tile = winograd_tile(k, one_image);
    int64_t floats = 0;
    if (tile) with_tile(tile, [&](auto m) { floats = winograd_workspace<decltype(m)::value>(k); });
    return floats;
  }
  int tile = 0;
  const float* transformed = nullptr;  // the kernel as winograd_transform_kernel<tile> made it
  float* work = nullptr;
};

}  // namespace

bool winograd_forward(const Window2D& g, int filters) {
  return applies(g, filters) && winograd_tile(forward_correlation(g, filters, nullptr, nullptr), g.n == 1);
}

bool winograd_kernel_gradient(const Window2D& g, int filters) {
  return applies(g, filters) && winograd_kernel_gradient_fits(g);
}

bool winograd_input_gradient(const Window2D& g, int filters) {
  return input_gradient_applies(g, filters) &&
         winograd_fits<2>(input_gradient_correlation(g, filters, nullptr));
}

namespace {

// dy padded, the flipped kernel and the correlator's buffers; 0 when the input gradient is not direct.
int64_t input_gradient_workspace(const Window2D& g, int filters) {
  if (!input_gradient_applies(g, filters)) return 0;
  return padded_dy_size(g, filters) + g.patch() * filters +
         Correlator::workspace(input_gradient_correlation(g, filters, nullptr), false);
}

}  // namespace

int64_t cache_size(const Window2D& g, int filters) {
  return g.n == 1 && applies(g, filters) ? cache_floats(forward_correlation(g, filters, nullptr, nullptr)) : 0;
}

int64_t workspace(const Window2D& g, int filters) {
  if (!applies(g, filters)) return 0;
  const int64_t forward_floats = Correlator::workspace(forward_correlation(g, filters, nullptr, nullptr), g.n == 1);
  const int64_t backward_floats = input_gradient_workspace(g, filters) +
                           (winograd_kernel_gradient_fits(g) ? winograd_kernel_gradient_workspace(g, filters) : 0);
  return padded_input_size(g) + std::max(forward_floats, backward_floats);
}

void forward(const Window2D& g, int filters, const float* x, const float* kernel, const float* bias, float* work,
             float* cache, bool relu, float* y) {
  zero_padded_input(g, work);  // work: the padded input, then the correlator's buffers
  Correlation k = forward_correlation(g, filters, kernel, bias);
  k.relu = relu;
  const Correlator correlator(k, g.n == 1, work + padded_input_size(g), cache);
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
  const Correlator correlator = dx ? Correlator(k, false, flipped + g.patch() * filters, nullptr) : Correlator();
  // Then, for Winograd's kernel gradient, its buffers (m accumulates over the images).
  const bool winograd = winograd_kernel_gradient_fits(g);
  float* winograd_work = input + padded_input_size(g) + (dx ? input_gradient_workspace(g, filters) : 0);
  if (winograd) std::fill(winograd_work, winograd_work + int64_t(kPositions<2>) * g.c * filters, 0.0f);
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
