// The numerical kernels of the network engine, channels-last. Each heavy kernel comes twice: a fast one (direct SIMD
// convolution, or im2col + GEMM) and a plain *_reference one written straight from the definition, which tests hold
// equal. Templated on the scalar: float for training, double for the gradient checks. Max pooling is memory-bound and
// has one kernel.
#pragma once
#include <cstdint>

namespace hebblab {

// How the fast kernels compute. Fast: the build's widest vectors and fused multiply-adds (AVX-512 natively here), and
// Eigen's GEMMs natively. Reproducible: 4-wide vectors whose products are rounded before they are added (simd4), and
// one GEMM (gemm4) in every build, each sum in one fixed order: the same bits natively, under node and in the
// browser. In wasm the two are the same kernels. The reference kernels and double ignore it.
enum class Numerics { Fast, Reproducible };

// Keras's padding: 'valid' (no padding, out = floor((n - k) / s) + 1) or 'same' (out = ceil(n / s), zeros around the
// input; of an odd total the extra row/column goes at the bottom/right).
enum class Padding { Valid, Same };

// Where a 2-D window (convolution kernel or pooling window) sits for each output position.
struct Window2D {
  int n = 0, h = 0, w = 0, c = 0;  // input (N, H, W, C)
  int kh = 1, kw = 1;              // window (KH, KW)
  int sh = 1, sw = 1;              // strides
  int oh = 0, ow = 0;              // output (OH, OW); 0 when the window does not fit ('valid' with k > n)
  int pad_top = 0, pad_left = 0;   // zeros before the first row / column
  int64_t patch() const { return int64_t(kh) * kw * c; }        // one im2col row: (KH, KW, C)
  int64_t out_pixels() const { return int64_t(n) * oh * ow; }   // im2col rows: (N, OH, OW)
};
Window2D make_window(int n, int h, int w, int c, int kh, int kw, int sh, int sw, Padding padding);

// --- Conv2D --------------------------------------------------------------------------------------------------------
// y[n,i,j,f] = bias[f] + sum_{a,b,c} x[n, i*sh - pad_top + a, j*sw - pad_left + b, c] * kernel[a,b,c,f]
// input x (N, H, W, C), kernel (KH, KW, C, F), bias (F), output y (N, OH, OW, F).
template <typename T>
void conv2d_forward_reference(const Window2D& g, int filters, const T* x, const T* kernel, const T* bias, T* y);
// dy (N, OH, OW, F) -> dkernel (KH, KW, C, F), dbias (F), dx (N, H, W, C); all overwritten, dx skipped when null.
template <typename T>
void conv2d_backward_reference(const Window2D& g, int filters, const T* x, const T* kernel, const T* dy, T* dkernel,
                               T* dbias, T* dx);

// The fast versions, computed as `numerics` says. In float, where the filters fill whole SIMD vectors, they are the
// direct kernels of conv2d_direct.h (the input gradient only for strides 1 and input channels that fill whole
// vectors). Elsewhere,
// and always for double, they are GEMMs a few images at a time: cols holds one chunk's patches (im2col). Chunks keep
// the patches in cache (a whole batch's are 21 MB for the lecture's second Conv2D), which makes the GEMMs about twice
// as fast. Backward re-extracts each chunk's patches for dkernel += cols^T dy, then reuses them for
// dcols = dy kernel^T, added back into dx (col2im). cols is the workspace of either: conv2d_workspace(g, filters,
// numerics) values.
// cache: null, or conv2d_cache_size(g, filters, numerics) values (0 for double) that the caller keeps from call to
// call, zeros at first, in which one image's forward pass keeps the transformed kernel while the kernel is unchanged
// (conv2d_direct.h). relu: y = max(z, 0) for the sums z (activation_forward's ReLU, the same bits), in the direct
// kernels' stores (a pass over y less), elsewhere after them; so for Dense.
int64_t conv2d_workspace(const Window2D& g, int filters, Numerics numerics = Numerics::Fast);
template <typename T>
int64_t conv2d_cache_size(const Window2D& g, int filters, Numerics numerics = Numerics::Fast);
template <typename T>
void conv2d_forward(const Window2D& g, int filters, const T* x, const T* kernel, const T* bias, T* cols, T* y,
                    Numerics numerics = Numerics::Fast, T* cache = nullptr, bool relu = false);
template <typename T>
void conv2d_backward(const Window2D& g, int filters, const T* x, const T* kernel, const T* dy, T* cols, T* dkernel,
                     T* dbias, T* dx, Numerics numerics = Numerics::Fast);

// --- Dense ---------------------------------------------------------------------------------------------------------
// y = x kernel + bias: x (N, D), kernel (D, U), bias (U), y (N, U).
template <typename T>
void dense_forward_reference(int n, int d, int u, const T* x, const T* kernel, const T* bias, T* y);
// dy (N, U) -> dkernel = x^T dy (D, U), dbias = sum_n dy (U), dx = dy kernel^T (N, D); dx skipped when null.
template <typename T>
void dense_backward_reference(int n, int d, int u, const T* x, const T* kernel, const T* dy, T* dkernel, T* dbias,
                              T* dx);
template <typename T>
void dense_forward(int n, int d, int u, const T* x, const T* kernel, const T* bias, T* y,
                   Numerics numerics = Numerics::Fast, bool relu = false);
template <typename T>
void dense_backward(int n, int d, int u, const T* x, const T* kernel, const T* dy, T* dkernel, T* dbias, T* dx,
                    Numerics numerics = Numerics::Fast);

// --- the 4-wide GEMM ------------------------------------------------------------------------------------------------
// The float GEMMs of the fast kernels in wasm (Eigen 3.4 has no wasm SIMD backend) and, in every build, under
// Numerics::Reproducible: C (M, N) = (or, accumulating, +=) L (M, K) B (K, N), B and C row-major,
// L(i, p) = a[i * a_row + p * a_col], which reads a row-major A (a_row = K, a_col = 1) or the transpose of a row-major
// (K, M) matrix (a_row = 1, a_col = M).
void gemm4(int64_t m, int64_t n, int64_t k, const float* a, int64_t a_row, int64_t a_col, const float* b, float* c,
           bool accumulate);
void gemm4_reference(int64_t m, int64_t n, int64_t k, const float* a, int64_t a_row, int64_t a_col, const float* b,
                     float* c, bool accumulate);

// --- MaxPooling2D --------------------------------------------------------------------------------------------------
// x (N, H, W, C) -> y (N, OH, OW, C), argmax (N, OH, OW, C): the index into x of each window's maximum (the first
// one in row-major window order on ties; padding never wins), which backward routes the gradient to; argmax may be
// null (inference).
template <typename T>
void max_pool2d_forward(const Window2D& g, const T* x, T* y, int32_t* argmax);
// dy (N, OH, OW, C) -> dx (N, H, W, C), overwritten.
template <typename T>
void max_pool2d_backward(const Window2D& g, const T* dy, const int32_t* argmax, T* dx);

}  // namespace hebblab
