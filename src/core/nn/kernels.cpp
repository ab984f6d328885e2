// The kernels: loops from the definitions (the references) and the fast versions: direct SIMD convolution where it
// applies (conv2d_direct.cpp), elsewhere im2col + GEMM. Natively the GEMMs are Eigen's; in wasm (Eigen has no wasm
// SIMD backend) and under Numerics::Reproducible the float ones are the hand-written 4-wide gemm4.
#include "kernels.h"

#include "conv2d_direct.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <type_traits>
#include <vector>

// GCC 12 reports a false maybe-uninitialized inside its own AVX-512 intrinsics when it inlines Eigen's GEMM
// (GCC bug 105593); the pragma must precede Eigen's headers to cover them.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <Eigen/Core>
#include "core/nn/activations.h"
#include "core/nn/simd.h"

namespace hebblab {
namespace {

template <typename T>
using RowMatrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <typename T>
using MatrixMap = Eigen::Map<RowMatrix<T>>;
template <typename T>
using ConstMatrixMap = Eigen::Map<const RowMatrix<T>>;

// Columns [first, N) of gemm4, one plain sum per element: the reference, and the kernel's leftover columns.
void gemm4_reference_columns(int64_t m, int64_t n, int64_t k, const float* a, int64_t a_row, int64_t a_col,
                             const float* b, float* c, bool accumulate, int64_t first) {
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = first; j < n; ++j) {
      float sum = accumulate ? c[i * n + j] : 0.0f;
      for (int64_t p = 0; p < k; ++p) sum += a[i * a_row + p * a_col] * b[p * n + j];
      c[i * n + j] = sum;
    }
}

// Whether a GEMM goes to gemm4: in float, always in wasm (Eigen has no SIMD128 backend) and under
// Numerics::Reproducible natively; Eigen's otherwise.
template <typename T>
bool uses_gemm4(Numerics numerics) {
  (void)numerics;
  if constexpr (!std::is_same_v<T, float>) return false;
#ifdef __wasm_simd128__
  return true;
#else
  return numerics == Numerics::Reproducible;
#endif
}

// The direct kernels of a Numerics (conv2d_direct.h).
struct DirectKernels {
  bool (*applies)(const Window2D& g, int filters);
  bool (*input_gradient_applies)(const Window2D& g, int filters);
  int64_t (*workspace)(const Window2D& g, int filters);
  int64_t (*cache_size)(const Window2D& g, int filters);
  void (*forward)(const Window2D& g, int filters, const float* x, const float* kernel, const float* bias, float* work,
                  float* cache, bool relu, float* y);
  void (*backward)(const Window2D& g, int filters, const float* x, const float* kernel, const float* dy, float* work,
                   float* dkernel, float* dbias, float* dx);
};
const DirectKernels& direct_kernels(Numerics numerics) {
  static const DirectKernels fast{direct::applies, direct::input_gradient_applies, direct::workspace,
                                  direct::cache_size, direct::forward, direct::backward};
  static const DirectKernels portable{direct4::applies, direct4::input_gradient_applies, direct4::workspace,
                                      direct4::cache_size, direct4::forward, direct4::backward};
  return numerics == Numerics::Reproducible ? portable : fast;
}

// The three products of the kernels on row-major matrices, with Eigen or gemm4 (uses_gemm4).
// c (M, N) (+)= a (M, K) b (K, N).
template <typename T>
void mul_nn(int64_t m, int64_t n, int64_t k, const T* a, const T* b, T* c, bool accumulate, Numerics numerics) {
  if constexpr (std::is_same_v<T, float>)
    if (uses_gemm4<T>(numerics)) return gemm4(m, n, k, a, k, 1, b, c, accumulate);
  MatrixMap<T> out(c, m, n);
  if (accumulate) out.noalias() += ConstMatrixMap<T>(a, m, k) * ConstMatrixMap<T>(b, k, n);
  else out.noalias() = ConstMatrixMap<T>(a, m, k) * ConstMatrixMap<T>(b, k, n);
}

// c (M, N) (+)= a^T b for a (K, M), b (K, N).
template <typename T>
void mul_tn(int64_t m, int64_t n, int64_t k, const T* a, const T* b, T* c, bool accumulate, Numerics numerics) {
  if constexpr (std::is_same_v<T, float>)
    if (uses_gemm4<T>(numerics)) return gemm4(m, n, k, a, 1, m, b, c, accumulate);
  MatrixMap<T> out(c, m, n);
  if (accumulate) out.noalias() += ConstMatrixMap<T>(a, k, m).transpose() * ConstMatrixMap<T>(b, k, n);
  else out.noalias() = ConstMatrixMap<T>(a, k, m).transpose() * ConstMatrixMap<T>(b, k, n);
}

// c (M, N) = a b^T for a (M, K), b (N, K).
template <typename T>
void mul_nt_eigen(int64_t m, int64_t n, int64_t k, const T* a, const T* b, T* c) {
  MatrixMap<T>(c, m, n).noalias() = ConstMatrixMap<T>(a, m, k) * ConstMatrixMap<T>(b, n, k).transpose();
}
template <typename T>
void mul_nt(int64_t m, int64_t n, int64_t k, const T* a, const T* b, T* c, Numerics numerics) {
  if constexpr (std::is_same_v<T, float>) {
    if (!uses_gemm4<T>(numerics)) return mul_nt_eigen(m, n, k, a, b, c);
    // b^T (K, N) row-major, so the kernel reads B's rows as vectors; kept between calls (at most the Dense kernel's
    // 4608 x 128), so no step allocates.
    thread_local std::vector<float> bt;
    bt.resize(size_t(k * n));
    for (int64_t r = 0; r < n; ++r)
      for (int64_t p = 0; p < k; ++p) bt[size_t(p * n + r)] = b[r * k + p];
    gemm4(m, n, k, a, k, 1, bt.data(), c, false);
  } else {
    mul_nt_eigen(m, n, k, a, b, c);
  }
}

// Input index of output row i's window row a (may be outside the image: padding).
inline int source_row(const Window2D& g, int i, int a) { return i * g.sh - g.pad_top + a; }
inline int source_col(const Window2D& g, int j, int b) { return j * g.sw - g.pad_left + b; }
inline bool inside(const Window2D& g, int ih, int iw) { return ih >= 0 && ih < g.h && iw >= 0 && iw < g.w; }
inline int64_t pixel(const Window2D& g, int n, int ih, int iw) { return (int64_t(n) * g.h + ih) * g.w + iw; }

// cols (N*OH*OW, KH*KW*C) from x (N, H, W, C); padding reads as zeros. Channels-last makes each window row (a) of a
// patch one contiguous run of KW*C values in x, copied in one go when it lies inside the image: for the first Conv2D
// (C = 1) one 3-float copy instead of three memcpy calls of one float each, whose call overhead dominated.
template <typename T>
void im2col(const Window2D& g, const T* x, T* cols) {
  const int64_t run = int64_t(g.kw) * g.c;
  T* out = cols;
  for (int n = 0; n < g.n; ++n)
    for (int i = 0; i < g.oh; ++i)
      for (int j = 0; j < g.ow; ++j) {
        const int iw0 = source_col(g, j, 0);
        const bool columns_inside = iw0 >= 0 && iw0 + g.kw <= g.w;
        for (int a = 0; a < g.kh; ++a) {
          const int ih = source_row(g, i, a);
          if (columns_inside && ih >= 0 && ih < g.h) {
            const T* in = x + pixel(g, n, ih, iw0) * g.c;
            for (int64_t k = 0; k < run; ++k) out[k] = in[k];
            out += run;
            continue;
          }
          for (int b = 0; b < g.kw; ++b, out += g.c) {
            const int iw = iw0 + b;
            if (inside(g, ih, iw)) std::memcpy(out, x + pixel(g, n, ih, iw) * g.c, sizeof(T) * size_t(g.c));
            else std::fill(out, out + g.c, T(0));
          }
        }
      }
}

// dx (N, H, W, C) = the sum of every patch row of dcols (N*OH*OW, KH*KW*C) back at the pixels it came from.
template <typename T>
void col2im(const Window2D& g, const T* dcols, T* dx) {
  std::fill(dx, dx + int64_t(g.n) * g.h * g.w * g.c, T(0));
  const T* in = dcols;
  for (int n = 0; n < g.n; ++n)
    for (int i = 0; i < g.oh; ++i)
      for (int j = 0; j < g.ow; ++j)
        for (int a = 0; a < g.kh; ++a)
          for (int b = 0; b < g.kw; ++b, in += g.c) {
            const int ih = source_row(g, i, a), iw = source_col(g, j, b);
            if (!inside(g, ih, iw)) continue;
            T* out = dx + pixel(g, n, ih, iw) * g.c;
            for (int c = 0; c < g.c; ++c) out[c] += in[c];
          }
}

// dbias (U) = sum over the rows of dy (R, U).
template <typename T>
void sum_rows(int64_t rows, int u, const T* dy, T* dbias) {
  std::fill(dbias, dbias + u, T(0));
  for (int64_t r = 0; r < rows; ++r)
    for (int k = 0; k < u; ++k) dbias[k] += dy[r * u + k];
}

// y (R, U) = x (R, D) kernel (D, U) + bias (U): the GEMM behind Dense and, on im2col rows, Conv2D.
template <typename T>
void gemm_bias(int64_t rows, int64_t d, int u, const T* x, const T* kernel, const T* bias, T* y, Numerics numerics) {
  MatrixMap<T>(y, rows, u).rowwise() = Eigen::Map<const Eigen::Matrix<T, 1, Eigen::Dynamic>>(bias, u);
  mul_nn(rows, u, d, x, kernel, y, true, numerics);
}

// dkernel (D, U) = x^T dy and dbias; dx (R, D) = dy kernel^T when asked for.
template <typename T>
void gemm_bias_backward(int64_t rows, int64_t d, int u, const T* x, const T* kernel, const T* dy, T* dkernel,
                        T* dbias, T* dx, Numerics numerics) {
  mul_tn(d, u, rows, x, dy, dkernel, false, numerics);
  sum_rows(rows, u, dy, dbias);
  if (dx) mul_nt(rows, d, u, dy, kernel, dx, numerics);
}

// Images per chunk: as many as keep one chunk's patches within about 512 KB (the L2 cache), at least one.
int chunk_images(const Window2D& g) {
  const int64_t per_image = int64_t(g.oh) * g.ow * g.patch() * int64_t(sizeof(float));
  return static_cast<int>(std::clamp<int64_t>((512 << 10) / std::max<int64_t>(per_image, 1), 1, std::max(g.n, 1)));
}

// g for a chunk of `count` images of its batch (the pointers are offset by the caller).
Window2D chunk(const Window2D& g, int count) {
  Window2D c = g;
  c.n = count;
  return c;
}

}  // namespace

Window2D make_window(int n, int h, int w, int c, int kh, int kw, int sh, int sw, Padding padding) {
  Window2D g;
  g.n = n, g.h = h, g.w = w, g.c = c, g.kh = kh, g.kw = kw, g.sh = sh, g.sw = sw;
  if (padding == Padding::Valid) {
    g.oh = h >= kh ? (h - kh) / sh + 1 : 0;
    g.ow = w >= kw ? (w - kw) / sw + 1 : 0;
  } else {
    // in 64 bits, so that no stride (up to INT_MAX) overflows
    g.oh = int((int64_t(h) + sh - 1) / sh);
    g.ow = int((int64_t(w) + sw - 1) / sw);
    g.pad_top = int(std::max((g.oh - 1) * int64_t(sh) + kh - h, int64_t(0)) / 2);
    g.pad_left = int(std::max((g.ow - 1) * int64_t(sw) + kw - w, int64_t(0)) / 2);
  }
  return g;
}

// The micro-kernel keeps a 4 x 8 block of C in eight 4-lane accumulators and, for each p, adds L(i, p) (splatted)
// times B's row p (two vectors): 10 live vectors, which V8 keeps in x64's 16 XMM registers. The 8 columns of B
// (K x 32 bytes) stay in cache while the row blocks walk down C. Leftover rows (M % 4; all of a single-image Dense
// layer) add L(i, p) B's row p to C's row for each p, reading B once front to back instead of in 8-column strips
// (2.4 MB for the lecture's Dense(128)). Leftover columns (N % 8, e.g. the 10 classes) go as scalars. Every element's
// sum runs over p in order from C's (or zero), each product rounded first: the same bits in every build.
void gemm4(int64_t m, int64_t n, int64_t k, const float* a, int64_t a_row, int64_t a_col, const float* b, float* c,
           bool accumulate) {
  using simd4::vfloat;
  const int64_t n8 = n - n % 8, m4 = m - m % 4;
  const vfloat zero = simd4::splat(0);
  for (int64_t j = 0; j < n8; j += 8) {
    for (int64_t i = 0; i < m4; i += 4) {
      float* c0 = c + i * n + j;
      vfloat acc[4][2];
      for (int r = 0; r < 4; ++r)
        for (int h = 0; h < 2; ++h) acc[r][h] = accumulate ? simd4::load(c0 + r * n + 4 * h) : zero;
      const float* l = a + i * a_row;
      const float* bp = b + j;
      for (int64_t p = 0; p < k; ++p, l += a_col, bp += n) {
        const vfloat b0 = simd4::load(bp), b1 = simd4::load(bp + 4);
        for (int r = 0; r < 4; ++r) {
          const vfloat x = simd4::splat(l[r * a_row]);
          acc[r][0] = simd4::add(acc[r][0], simd4::mul(x, b0));
          acc[r][1] = simd4::add(acc[r][1], simd4::mul(x, b1));
        }
      }
      for (int r = 0; r < 4; ++r)
        for (int h = 0; h < 2; ++h) simd4::store(c0 + r * n + 4 * h, acc[r][h]);
    }
  }
  for (int64_t i = m4; i < m; ++i) {
    float* ci = c + i * n;
    if (!accumulate) std::fill(ci, ci + n8, 0.0f);
    const float* l = a + i * a_row;
    const float* bp = b;
    for (int64_t p = 0; p < k; ++p, l += a_col, bp += n) {
      const vfloat x = simd4::splat(*l);
      for (int64_t j = 0; j < n8; j += 4)
        simd4::store(ci + j, simd4::add(simd4::load(ci + j), simd4::mul(x, simd4::load(bp + j))));
    }
  }
  if (n8 < n) gemm4_reference_columns(m, n, k, a, a_row, a_col, b, c, accumulate, n8);
}

void gemm4_reference(int64_t m, int64_t n, int64_t k, const float* a, int64_t a_row, int64_t a_col, const float* b,
                     float* c, bool accumulate) {
  gemm4_reference_columns(m, n, k, a, a_row, a_col, b, c, accumulate, 0);
}

template <typename T>
void conv2d_forward_reference(const Window2D& g, int filters, const T* x, const T* kernel, const T* bias, T* y) {
  for (int n = 0; n < g.n; ++n)
    for (int i = 0; i < g.oh; ++i)
      for (int j = 0; j < g.ow; ++j)
        for (int f = 0; f < filters; ++f) {
          T sum = bias[f];
          for (int a = 0; a < g.kh; ++a)
            for (int b = 0; b < g.kw; ++b) {
              const int ih = source_row(g, i, a), iw = source_col(g, j, b);
              if (!inside(g, ih, iw)) continue;
              for (int c = 0; c < g.c; ++c)
                sum += x[pixel(g, n, ih, iw) * g.c + c] * kernel[((int64_t(a) * g.kw + b) * g.c + c) * filters + f];
            }
          y[((int64_t(n) * g.oh + i) * g.ow + j) * filters + f] = sum;
        }
}

template <typename T>
void conv2d_backward_reference(const Window2D& g, int filters, const T* x, const T* kernel, const T* dy, T* dkernel,
                               T* dbias, T* dx) {
  std::fill(dkernel, dkernel + g.patch() * filters, T(0));
  std::fill(dbias, dbias + filters, T(0));
  if (dx) std::fill(dx, dx + int64_t(g.n) * g.h * g.w * g.c, T(0));
  for (int n = 0; n < g.n; ++n)
    for (int i = 0; i < g.oh; ++i)
      for (int j = 0; j < g.ow; ++j)
        for (int f = 0; f < filters; ++f) {
          const T grad = dy[((int64_t(n) * g.oh + i) * g.ow + j) * filters + f];
          dbias[f] += grad;
          for (int a = 0; a < g.kh; ++a)
            for (int b = 0; b < g.kw; ++b) {
              const int ih = source_row(g, i, a), iw = source_col(g, j, b);
              if (!inside(g, ih, iw)) continue;
              for (int c = 0; c < g.c; ++c) {
                const int64_t xi = pixel(g, n, ih, iw) * g.c + c;
                const int64_t ki = ((int64_t(a) * g.kw + b) * g.c + c) * filters + f;
                dkernel[ki] += x[xi] * grad;
                if (dx) dx[xi] += kernel[ki] * grad;
              }
            }
        }
}

int64_t conv2d_workspace(const Window2D& g, int filters, Numerics numerics) {
  return std::max(chunk_images(g) * int64_t(g.oh) * g.ow * g.patch(), direct_kernels(numerics).workspace(g, filters));
}

template <typename T>
int64_t conv2d_cache_size(const Window2D& g, int filters, Numerics numerics) {
  if constexpr (std::is_same_v<T, float>) return direct_kernels(numerics).cache_size(g, filters);
  return 0;
}

template <typename T>
void conv2d_forward(const Window2D& g, int filters, const T* x, const T* kernel, const T* bias, T* cols, T* y,
                    Numerics numerics, T* cache, bool relu) {
  if constexpr (std::is_same_v<T, float>) {
    const DirectKernels& direct = direct_kernels(numerics);
    if (direct.applies(g, filters)) return direct.forward(g, filters, x, kernel, bias, cols, cache, relu, y);
  }
  const int step = chunk_images(g);
  const int64_t x_image = int64_t(g.h) * g.w * g.c, y_image = int64_t(g.oh) * g.ow * filters;
  for (int first = 0; first < g.n; first += step) {
    const Window2D c = chunk(g, std::min(step, g.n - first));
    im2col(c, x + first * x_image, cols);
    gemm_bias(c.out_pixels(), c.patch(), filters, cols, kernel, bias, y + first * y_image, numerics);
  }
  if (relu) activation_forward(Activation::Relu, g.out_pixels(), filters, y, y);
}

// The direct kernels where they apply (float; see conv2d_direct.h), im2col + GEMM for the rest.
template <typename T>
void conv2d_backward(const Window2D& g, int filters, const T* x, const T* kernel, const T* dy, T* cols, T* dkernel,
                     T* dbias, T* dx, Numerics numerics) {
  bool direct = false, direct_input = false;
  if constexpr (std::is_same_v<T, float>) {
    const DirectKernels& kernels = direct_kernels(numerics);
    direct = kernels.applies(g, filters);
    direct_input = dx && kernels.input_gradient_applies(g, filters);
    if (direct) kernels.backward(g, filters, x, kernel, dy, cols, dkernel, dbias, direct_input ? dx : nullptr);
  }
  const bool gemm_input = dx && !direct_input;
  if (direct && !gemm_input) return;
  if (!direct) {
    sum_rows(g.out_pixels(), filters, dy, dbias);
    std::fill(dkernel, dkernel + g.patch() * filters, T(0));
  }
  const int step = chunk_images(g);
  const int64_t x_image = int64_t(g.h) * g.w * g.c, y_image = int64_t(g.oh) * g.ow * filters;
  for (int first = 0; first < g.n; first += step) {
    const Window2D c = chunk(g, std::min(step, g.n - first));
    const T* grad = dy + first * y_image;
    im2col(c, x + first * x_image, cols);
    if (!direct) mul_tn(c.patch(), filters, c.out_pixels(), cols, grad, dkernel, true, numerics);  // += patches^T dy
    if (!gemm_input) continue;
    mul_nt(c.out_pixels(), c.patch(), filters, grad, kernel, cols, numerics);  // dcols, over the patches done with
    col2im(c, cols, dx + first * x_image);
  }
}

template <typename T>
void dense_forward_reference(int n, int d, int u, const T* x, const T* kernel, const T* bias, T* y) {
  for (int r = 0; r < n; ++r)
    for (int k = 0; k < u; ++k) {
      T sum = bias[k];
      for (int i = 0; i < d; ++i) sum += x[int64_t(r) * d + i] * kernel[int64_t(i) * u + k];
      y[int64_t(r) * u + k] = sum;
    }
}

template <typename T>
void dense_backward_reference(int n, int d, int u, const T* x, const T* kernel, const T* dy, T* dkernel, T* dbias,
                              T* dx) {
  for (int k = 0; k < u; ++k) {
    T sum = 0;
    for (int r = 0; r < n; ++r) sum += dy[int64_t(r) * u + k];
    dbias[k] = sum;
  }
  for (int i = 0; i < d; ++i)
    for (int k = 0; k < u; ++k) {
      T sum = 0;
      for (int r = 0; r < n; ++r) sum += x[int64_t(r) * d + i] * dy[int64_t(r) * u + k];
      dkernel[int64_t(i) * u + k] = sum;
    }
  if (!dx) return;
  for (int r = 0; r < n; ++r)
    for (int i = 0; i < d; ++i) {
      T sum = 0;
      for (int k = 0; k < u; ++k) sum += dy[int64_t(r) * u + k] * kernel[int64_t(i) * u + k];
      dx[int64_t(r) * d + i] = sum;
    }
}

// Dense is a 1x1 convolution over one row of N pixels of D channels, so in float the direct kernels take it where the
// units fill whole SIMD vectors (the lecture's Dense(128), not its Dense(10)).
Window2D dense_window(int n, int d) { return make_window(1, 1, n, d, 1, 1, 1, 1, Padding::Valid); }

template <typename T>
void dense_forward(int n, int d, int u, const T* x, const T* kernel, const T* bias, T* y, Numerics numerics,
                   bool relu) {
  if constexpr (std::is_same_v<T, float>) {
    const Window2D g = dense_window(n, d);
    const DirectKernels& direct = direct_kernels(numerics);
    if (direct.applies(g, u)) return direct.forward(g, u, x, kernel, bias, nullptr, nullptr, relu, y);  // no padding
  }
  gemm_bias<T>(n, d, u, x, kernel, bias, y, numerics);
  if (relu) activation_forward(Activation::Relu, n, u, y, y);
}

template <typename T>
void dense_backward(int n, int d, int u, const T* x, const T* kernel, const T* dy, T* dkernel, T* dbias, T* dx,
                    Numerics numerics) {
  if constexpr (std::is_same_v<T, float>) {
    const Window2D g = dense_window(n, d);
    const DirectKernels& direct = direct_kernels(numerics);
    if (direct.applies(g, u)) {
      direct.backward(g, u, x, kernel, dy, nullptr, dkernel, dbias, nullptr);  // no padding, no workspace
      if (dx) mul_nt<T>(n, d, u, dy, kernel, dx, numerics);
      return;
    }
  }
  gemm_bias_backward<T>(n, d, u, x, kernel, dy, dkernel, dbias, dx, numerics);
}

// best[c], where[c] = in[c], base + c for each channel c where in[c] > best[c]: branch-free selects on pointers that
// never overlap, which the compiler turns into SIMD compares and blends (clang for wasm only once each value is read
// into a local first; with the comparison kept in a bool it stayed scalar).
template <typename T>
void keep_larger(int channels, const T* __restrict in, int32_t base, T* __restrict best, int32_t* __restrict where) {
  for (int c = 0; c < channels; ++c) {
    const T v = in[c], b = best[c];
    const int32_t w = where[c];
    best[c] = v > b ? v : b;
    where[c] = v > b ? base + c : w;
  }
}

// best[c] = in[c] where in[c] > best[c] (inference: no argmax).
template <typename T>
void keep_max(int channels, const T* __restrict in, T* __restrict best) {
  for (int c = 0; c < channels; ++c) best[c] = in[c] > best[c] ? in[c] : best[c];
}

template <typename T>
void max_pool2d_forward(const Window2D& g, const T* x, T* y, int32_t* argmax) {
  // Channels innermost: the first window position inside the image is copied (in a loop the compiler vectorises; wasm
  // made std::copy a call to memmove), each later one kept where larger. The window's rows and columns inside the
  // image are worked out once per output pixel, not tested at each position.
  int64_t out = 0;
  for (int n = 0; n < g.n; ++n)
    for (int i = 0; i < g.oh; ++i) {
      const int ih0 = source_row(g, i, 0), a0 = std::max(0, -ih0), a1 = std::min(g.kh, g.h - ih0);
      for (int j = 0; j < g.ow; ++j, out += g.c) {
        const int iw0 = source_col(g, j, 0), b0 = std::max(0, -iw0), b1 = std::min(g.kw, g.w - iw0);
        T* best = y + out;
        int32_t* where = argmax ? argmax + out : nullptr;
        bool first = true;
        for (int a = a0; a < a1; ++a)
          for (int b = b0; b < b1; ++b) {
            const int32_t base = static_cast<int32_t>(pixel(g, n, ih0 + a, iw0 + b) * g.c);
            const T* in = x + base;
            if (first) {
              for (int c = 0; c < g.c; ++c) best[c] = in[c];
              for (int c = 0; where && c < g.c; ++c) where[c] = base + c;
              first = false;
            } else if (where) {
              keep_larger(g.c, in, base, best, where);
            } else {
              keep_max(g.c, in, best);
            }
          }
      }
    }
}

template <typename T>
void max_pool2d_backward(const Window2D& g, const T* dy, const int32_t* argmax, T* dx) {
  std::fill(dx, dx + int64_t(g.n) * g.h * g.w * g.c, T(0));
  const int64_t outputs = g.out_pixels() * g.c;
  for (int64_t k = 0; k < outputs; ++k) dx[argmax[k]] += dy[k];
}

#define HEBBLAB_KERNELS(T)                                                                                        \
  template void conv2d_forward_reference<T>(const Window2D&, int, const T*, const T*, const T*, T*);              \
  template void conv2d_backward_reference<T>(const Window2D&, int, const T*, const T*, const T*, T*, T*, T*);     \
  template int64_t conv2d_cache_size<T>(const Window2D&, int, Numerics);                                          \
  template void conv2d_forward<T>(const Window2D&, int, const T*, const T*, const T*, T*, T*, Numerics, T*, bool); \
  template void conv2d_backward<T>(const Window2D&, int, const T*, const T*, const T*, T*, T*, T*, T*, Numerics); \
  template void dense_forward_reference<T>(int, int, int, const T*, const T*, const T*, T*);                      \
  template void dense_backward_reference<T>(int, int, int, const T*, const T*, const T*, T*, T*, T*);             \
  template void dense_forward<T>(int, int, int, const T*, const T*, const T*, T*, Numerics, bool);                \
  template void dense_backward<T>(int, int, int, const T*, const T*, const T*, T*, T*, T*, Numerics);             \
  template void max_pool2d_forward<T>(const Window2D&, const T*, T*, int32_t*);                                   \
  template void max_pool2d_backward<T>(const Window2D&, const T*, const int32_t*, T*);
HEBBLAB_KERNELS(float)
HEBBLAB_KERNELS(double)
#undef HEBBLAB_KERNELS

}  // namespace hebblab
