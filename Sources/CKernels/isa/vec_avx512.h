// The vector vocabulary of the kernel bodies on AVX-512F: 16 float lanes, masks as __mmask16.
// Included by avx512.c only, before its functions are given the AVX-512 target.
#ifndef DN_VEC_AVX512_H
#define DN_VEC_AVX512_H

#include <immintrin.h>

#define DN_W 16                 // float lanes per vector
#define DN_TILE_ROWS 8          // rows of the GEMM register tile (32 registers hold 8×3 sums)
#define DN_TILE_VECTORS 3       // vectors per tile row
#define DN_SUFFIX(name) name##_avx512

typedef __m512 vf;
typedef __mmask16 vmask;

static inline vf v_zero(void) { return _mm512_setzero_ps(); }
static inline vf v_set1(float x) { return _mm512_set1_ps(x); }
static inline vf v_load(const float *p) { return _mm512_load_ps(p); }
static inline vf v_loadu(const float *p) { return _mm512_loadu_ps(p); }
static inline void v_store(float *p, vf x) { _mm512_store_ps(p, x); }
static inline void v_storeu(float *p, vf x) { _mm512_storeu_ps(p, x); }
static inline vf v_add(vf a, vf b) { return _mm512_add_ps(a, b); }
static inline vf v_mul(vf a, vf b) { return _mm512_mul_ps(a, b); }
/// a·b + c, rounded once.
static inline vf v_fma(vf a, vf b, vf c) { return _mm512_fmadd_ps(a, b, c); }

/// The first `n` lanes (none for n ≤ 0, all for n ≥ 16).
static inline vmask v_lanes(int n) {
  return n >= 16 ? (vmask)0xFFFF : (vmask)((1u << (n > 0 ? n : 0)) - 1u);
}
/// Lanes `l` of a load starting at index `start` with 0 ≤ start + l < width.
static inline vmask v_inside(int start, int width) {
  int lo = start < 0 ? -start : 0, hi = width - start;
  if (hi <= lo) return 0;
  return (vmask)(v_lanes(hi) & ~v_lanes(lo));
}
static inline int v_all(vmask m) { return m == (vmask)0xFFFF; }
/// `p[l]` in the lanes of `m`, `fill` elsewhere; lanes outside `m` are never read.
static inline vf v_load_masked(vmask m, const float *p, vf fill) { return _mm512_mask_loadu_ps(fill, m, p); }
/// Stores the lanes of `m` only.
static inline void v_store_masked(float *p, vmask m, vf x) { _mm512_mask_storeu_ps(p, m, x); }

/// a >= b ? x : y, lane by lane (false where either is NaN).
static inline vf v_select_ge(vf a, vf b, vf x, vf y) { return _mm512_mask_mov_ps(y, _mm512_cmp_ps_mask(a, b, _CMP_GE_OQ), x); }
/// a < b ? x : y, lane by lane (false where either is NaN).
static inline vf v_select_lt(vf a, vf b, vf x, vf y) { return _mm512_mask_mov_ps(y, _mm512_cmp_ps_mask(a, b, _CMP_LT_OQ), x); }

/// Lanes 0, 2, 4, … of the 32 floats lo ++ hi (a stride-2 gather).
static inline vf v_even(vf lo, vf hi) {
  return _mm512_permutex2var_ps(lo, _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30), hi);
}
/// Lanes 1, 3, 5, … of lo ++ hi.
static inline vf v_odd(vf lo, vf hi) {
  return _mm512_permutex2var_ps(lo, _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31), hi);
}

#include "v8_x86.h"

#endif
