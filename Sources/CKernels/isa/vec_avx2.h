// The vector vocabulary of the kernel bodies on AVX2 + FMA: 8 float lanes, masks as integer
// vectors of all-ones lanes. Included by avx2.c only, before its functions are given the target.
#ifndef DN_VEC_AVX2_H
#define DN_VEC_AVX2_H

#include <immintrin.h>

#define DN_W 8
#define DN_TILE_ROWS 4          // 4×2 sums, 2 B vectors and a broadcast: 11 of the 16 registers
#define DN_TILE_VECTORS 2       // (4×3 would need all 16, and the compiler spills one)
#define DN_SUFFIX(name) name##_avx2

typedef __m256 vf;
typedef __m256i vmask;

static inline vf v_zero(void) { return _mm256_setzero_ps(); }
static inline vf v_set1(float x) { return _mm256_set1_ps(x); }
static inline vf v_load(const float *p) { return _mm256_load_ps(p); }
static inline vf v_loadu(const float *p) { return _mm256_loadu_ps(p); }
static inline void v_store(float *p, vf x) { _mm256_store_ps(p, x); }
static inline void v_storeu(float *p, vf x) { _mm256_storeu_ps(p, x); }
static inline vf v_add(vf a, vf b) { return _mm256_add_ps(a, b); }
static inline vf v_mul(vf a, vf b) { return _mm256_mul_ps(a, b); }
static inline vf v_fma(vf a, vf b, vf c) { return _mm256_fmadd_ps(a, b, c); }

static inline __m256i v_iota(void) { return _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7); }
/// The first `n` lanes.
static inline vmask v_lanes(int n) { return _mm256_cmpgt_epi32(_mm256_set1_epi32(n), v_iota()); }
/// Lanes `l` with 0 ≤ start + l < width.
static inline vmask v_inside(int start, int width) {
  __m256i l = v_iota();
  return _mm256_andnot_si256(_mm256_cmpgt_epi32(_mm256_set1_epi32(-start), l),
                             _mm256_cmpgt_epi32(_mm256_set1_epi32(width - start), l));
}
static inline int v_all(vmask m) { return _mm256_movemask_ps(_mm256_castsi256_ps(m)) == 0xFF; }
/// vmaskmovps never touches the lanes it leaves out, so a window hanging over an edge is safe.
static inline vf v_load_masked(vmask m, const float *p, vf fill) {
  return _mm256_blendv_ps(fill, _mm256_maskload_ps(p, m), _mm256_castsi256_ps(m));
}
static inline void v_store_masked(float *p, vmask m, vf x) { _mm256_maskstore_ps(p, m, x); }

static inline vf v_select_ge(vf a, vf b, vf x, vf y) { return _mm256_blendv_ps(y, x, _mm256_cmp_ps(a, b, _CMP_GE_OQ)); }
static inline vf v_select_lt(vf a, vf b, vf x, vf y) { return _mm256_blendv_ps(y, x, _mm256_cmp_ps(a, b, _CMP_LT_OQ)); }

/// Lanes 0, 2, 4, … of lo ++ hi: shuffle within 128-bit halves, then put the 64-bit pairs in order.
static inline vf v_even(vf lo, vf hi) {
  __m256 s = _mm256_shuffle_ps(lo, hi, _MM_SHUFFLE(2, 0, 2, 0));
  return _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(s), _MM_SHUFFLE(3, 1, 2, 0)));
}
static inline vf v_odd(vf lo, vf hi) {
  __m256 s = _mm256_shuffle_ps(lo, hi, _MM_SHUFFLE(3, 1, 3, 1));
  return _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(s), _MM_SHUFFLE(3, 1, 2, 0)));
}

#include "v8_x86.h"

#endif
