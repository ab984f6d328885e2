// The widest float vector the build targets, behind a few functions, so one kernel source compiles to AVX-512 (the
// native -march=native build on this machine), AVX2 + FMA, SSE2 (the portable x86-64 build), wasm SIMD128 (the web
// build) or plain scalars. Kernels pick their register tiles from kRegisters.
#pragma once

#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__)) || defined(__SSE2__)
#include <immintrin.h>
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace hebblab::simd {

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
#elif defined(__SSE2__)
using vfloat = __m128;
constexpr int kLanes = 4, kRegisters = 16;
inline vfloat load(const float* p) { return _mm_loadu_ps(p); }
inline void store(float* p, vfloat v) { _mm_storeu_ps(p, v); }
inline vfloat splat(float x) { return _mm_set1_ps(x); }
inline vfloat fmadd(vfloat a, vfloat b, vfloat c) { return _mm_add_ps(_mm_mul_ps(a, b), c); }
inline vfloat add(vfloat a, vfloat b) { return _mm_add_ps(a, b); }
inline vfloat sub(vfloat a, vfloat b) { return _mm_sub_ps(a, b); }
inline vfloat mul(vfloat a, vfloat b) { return _mm_mul_ps(a, b); }
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
#else
using vfloat = float;
constexpr int kLanes = 1, kRegisters = 16;
inline vfloat load(const float* p) { return *p; }
inline void store(float* p, vfloat v) { *p = v; }
inline vfloat splat(float x) { return x; }
inline vfloat fmadd(vfloat a, vfloat b, vfloat c) { return a * b + c; }
inline vfloat add(vfloat a, vfloat b) { return a + b; }
inline vfloat sub(vfloat a, vfloat b) { return a - b; }
inline vfloat mul(vfloat a, vfloat b) { return a * b; }
#endif

}  // namespace hebblab::simd
