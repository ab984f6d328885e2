// Direct Conv2D kernels for float (implicit GEMM): the same products as im2col + GEMM, read straight from the
// channels-last images with hand-written SIMD register tiles (simd.h), so no patch matrix is written, re-read or
// scattered back, and nothing is packed. 3x3 windows with strides 1 take Winograd's F(2x2, 3x3) (F(3x3, 2x2) for the
// kernel gradient): 16 multiplications per 2x2 outputs (or 3x3 kernel values) instead of 36; one image's forward pass
// takes F(4x4, 3x3) or F(3x3, 3x3) where it fits: 36 per 4x4 outputs instead of 144, 25 per 3x3 instead of 81.
// conv2d_forward and conv2d_backward (kernels.h) use them where they apply and fall back to im2col + GEMM elsewhere;
// their reference twins are conv2d_*_reference, which the tests hold them to.
#pragma once
#include <cstdint>

#include "core/nn/kernels.h"

namespace hebblab {

// The kernels come in two builds of one source (conv2d_direct.cpp), alike but for their vectors: direct:: has the
// build's widest (simd.h: AVX-512 natively here, 16 lanes) and fused multiply-adds where the CPU has them; direct4::
// has simd4's 4 lanes whose products are rounded before they are added, so its results are the same bits in every
// build (Numerics::Reproducible). What "whole vectors" means below depends on the build's lanes.
//
// applies: forward and the kernel gradient apply: the filters fill whole SIMD vectors (filters % lanes == 0).
// input_gradient_applies: the input gradient as well: strides 1 and the input channels fill whole vectors.
// winograd_forward, winograd_input_gradient, winograd_kernel_gradient: whether the forward pass, the input gradient
//   and the kernel gradient take Winograd (F(2x2, 3x3); F(3x3, 2x2) for the kernel gradient): 3x3 windows, strides 1,
//   even output sizes (OH and OW; for the input gradient H and W) and input channels in whole vectors. The forward
//   pass of one image (N = 1) takes F(4x4, 3x3) instead where OH and OW are multiples of 4, else F(3x3, 3x3) where
//   they are multiples of 3 (odd ones too).
// workspace: floats the kernels need: the zero-padded input image, and the zero-padded dy image and the flipped,
//   transposed kernel.
// cache_size: floats of forward's cache; 0 for batches (N > 1), which keep no cache, and where one image's forward
//   pass does not take Winograd.
// forward: x (N, H, W, C), kernel (KH, KW, C, F), bias (F) -> y (N, OH, OW, F). cache: null, or cache_size() floats
//   that the caller keeps from call to call, zeros at first: one image's Winograd pass keeps its transformed kernel
//   there with the kernel it was made from, and transforms again only when given another kernel: the CNN lab runs
//   every paint stroke through the same weights, and the transform took about 8% of that pass in wasm. relu: y =
//   max(z, 0) (simd::relu, as activation_forward's ReLU), applied as the outputs are stored: a pass over y less.
// backward: x (N, H, W, C), kernel (KH, KW, C, F), dy (N, OH, OW, F) -> dkernel (KH, KW, C, F) = the sum over n, i, j
//   of patch (i, j) of x times dy[n, i, j, :], dbias (F), and dx (N, H, W, C) unless null (only where
//   input_gradient_applies): dy zero-padded by KH-1 rows and KW-1 columns on each side, correlated with the kernel
//   flipped in both directions and transposed to (KH, KW, F, C). All overwritten.
#define HEBBLAB_DIRECT_CONV2D_KERNELS                                                                             \
  bool applies(const Window2D& g, int filters);                                                                   \
  bool input_gradient_applies(const Window2D& g, int filters);                                                    \
  bool winograd_forward(const Window2D& g, int filters);                                                          \
  bool winograd_input_gradient(const Window2D& g, int filters);                                                   \
  bool winograd_kernel_gradient(const Window2D& g, int filters);                                                  \
  int64_t workspace(const Window2D& g, int filters);                                                              \
  int64_t cache_size(const Window2D& g, int filters);                                                             \
  void forward(const Window2D& g, int filters, const float* x, const float* kernel, const float* bias, float* work, \
               float* cache, bool relu, float* y);                                                                \
  void backward(const Window2D& g, int filters, const float* x, const float* kernel, const float* dy, float* work, \
                float* dkernel, float* dbias, float* dx);
namespace direct {
HEBBLAB_DIRECT_CONV2D_KERNELS
}
namespace direct4 {
HEBBLAB_DIRECT_CONV2D_KERNELS
}
#undef HEBBLAB_DIRECT_CONV2D_KERNELS

}  // namespace hebblab
