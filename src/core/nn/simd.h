// The widest float vector the build targets, behind a few functions, so one kernel source compiles to AVX-512 (the
// native -march=native build on this machine), AVX2 + FMA, SSE2 (the portable x86-64 build), wasm SIMD128 (the web
// build) or plain scalars. Kernels pick their register tiles from kRegisters.
//
// simd4 is the common ground of every build: 4 lanes (SSE2 on x86-64, SIMD128 in wasm, four scalars elsewhere) whose
// fmadd rounds the product before adding it, as IEEE single precision does on every platform. A kernel compiled
// against simd4 (with -ffp-contract=off, which the core uses, so the compiler fuses nothing itself) gives the same
// bits natively and in the browser: Numerics::Reproducible. A translation unit that defines HEBBLAB_SIMD_PORTABLE
// before including this header gets simd4 under the name simd. relu(x) is x > 0 ? x : 0 in each lane, as
// activation_forward's ReLU: NaN and -0 give +0, in every build.
#pragma once

#if defined(__SSE2__) || defined(__AVX512F__) || defined(__AVX2__)
#include <immintrin.h>
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace hebblab {

namespace simd4 {
#if defined(__SSE2__)
using vfloat = __m128;
constexpr int kLanes = 4, kRegisters = 16;
inline vfloat load(const float* p) { return _mm_loadu_ps(p); }
inline void store(float* p, vfloat v) { _mm_storeu_ps(p, v); }
inline vfloat splat(float x) { return _mm_set1_ps(x); }
inline vfloat fmadd(vfloat a, vfloat b, vfloat c) { return _mm_add_ps(_mm_mul_ps(a, b), c); }  // a * b + c
inline vfloat add(vfloat a, vfloat b) { return _mm_add_ps(a, b); }
inline vfloat sub(vfloat a, vfloat b) { return _mm_sub_ps(a, b); }
inline vfloat mul(vfloat a, vfloat b) { return _mm_mul_ps(a, b); }
inline vfloat relu(vfloat x) { return _mm_and_ps(x, _mm_cmpgt_ps(x, _mm_setzero_ps())); }
#elif defined(__wasm_simd128__)
using vfloat = v128_t;
constexpr int kLanes = 4, kRegisters = 16;
inline vfloat load(const float* p) { return wasm_v128_load(p); }
inline void store(float* p, vfloat v) { wasm_v128_store(p, v); }
inline vfloat splat(float x) { return wasm_f32x4_splat(x); }
inline vfloat fmadd(vfloat a, vfloat b, vfloat c) { return wasm_f32x4_add(wasm_f32x4_mul(a, b), c); }
inline vfloat add(vfloat a, vfloat b) { return wasm_f32x4_add(a, b); }
inline vfloat sub(vfloat a, vfloat b) { return wasm_f32x4_sub(a, b); }
inline vfloat mul(vfloat a, vfloat b) { return wasm_f32x4_mul(a, b); }
inline vfloat relu(vfloat x) { return wasm_v128_and(x, wasm_f32x4_gt(x, wasm_f32x4_splat(0))); }
#else
struct vfloat {
  float v[4];
};
constexpr int kLanes = 4, kRegisters = 16;
template <typename Op>
inline vfloat each(vfloat a, vfloat b, Op op) {
  for (int i = 0; i < 4; ++i) a.v[i] = op(a.v[i], b.v[i]);
  return a;
}
inline vfloat load(const float* p) { return {{p[0], p[1], p[2], p[3]}}; }
inline void store(float* p, vfloat v) {
  for (int i = 0; i < 4; ++i) p[i] = v.v[i];
}
inline vfloat splat(float x) { return {{x, x, x, x}}; }
inline vfloat add(vfloat a, vfloat b) { return each(a, b, [](float x, float y) { return x + y; }); }
inline vfloat sub(vfloat a, vfloat b) { return each(a, b, [](float x, float y) { return x - y; }); }
inline vfloat mul(vfloat a, vfloat b) { return each(a, b, [](float x, float y) { return x * y; }); }
inline vfloat fmadd(vfloat a, vfloat b, vfloat c) { return add(mul(a, b), c); }
inline vfloat relu(vfloat x) {
  for (float& v : x.v) v = v > 0 ? v : 0;
  return x;
}
#endif
}  // namespace simd4

#ifdef HEBBLAB_SIMD_PORTABLE
namespace simd = simd4;
#else
namespace simd {
#if defined(__AVX512F__)
using vfloat = __m512;
constexpr int kLanes = 16, kRegisters = 32;
inline vfloat load(const float* p) { return _mm512_loadu_ps(p); }
inline void store(float* p, vfloat v) { _mm512_storeu_ps(p, v); }
inline vfloat splat(float x) { return _mm512_set1_ps(x); }
inline vfloat fmadd(vfloat a, vfloat b, vfloat c) { return _mm512_fmadd_ps(a, b, c); }  // a * b + c
inline vfloat add(vfloat a, vfloat b) { return _mm512_add_ps(a, b); }
inline vfloat sub(vfloat a, vfloat b) { return _mm512_sub_ps(a, b); }
inline vfloat mul(vfloat a, vfloat b) { return _mm512_mul_ps(a, b); }
inline vfloat relu(vfloat x) { return _mm512_maskz_mov_ps(_mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_GT_OQ), x); }
#elif defined(__AVX2__) && defined(__FMA__)
using vfloat = __m256;
constexpr int kLanes = 8, kRegisters = 16;
inline vfloat load(const float* p) { return _mm256_loadu_ps(p); }
inline void store(float* p, vfloat v) { _mm256_storeu_ps(p, v); }
inline vfloat splat(float x) { return _mm256_set1_ps(x); }
inline vfloat fmadd(vfloat a, vfloat b, vfloat c) { return _mm256_fmadd_ps(a, b, c); }
inline vfloat add(vfloat a, vfloat b) { return _mm256_add_ps(a, b); }
inline vfloat sub(vfloat a, vfloat b) { return _mm256_sub_ps(a, b); }
inline vfloat mul(vfloat a, vfloat b) { return _mm256_mul_ps(a, b); }
inline vfloat relu(vfloat x) { return _mm256_and_ps(x, _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_GT_OQ)); }
#else
using namespace simd4;  // SSE2, SIMD128 or scalars: the 4 lanes are already the widest
#endif
}  // namespace simd
#endif

}  // namespace hebblab
