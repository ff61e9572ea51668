// 3×3 depthwise convolution of one plane, sixteen outputs at a time straight from the input:
// masked loads read zeros where a window hangs over the left or right edge, and rows above or
// below the input are skipped.
#include "activation.h"

/// Lanes `l` of a 16-float load starting at column `start` with 0 ≤ start + l < width.
DN_AVX512 static inline __mmask16 inside(int start, int width) {
  int lo = start < 0 ? -start : 0, hi = width - start;
  if (hi <= lo) return 0;
  return (__mmask16)(dn_lanes(hi) & ~dn_lanes(lo));
}

DN_AVX512 void dn_depthwise3x3(
  const float *x, int h, int w, int top, int left, int stride, const float *weights, float bias,
  float scale, float *y, int oh, int ow, dn_activation act
) {
  __m512 t[9];
  for (int i = 0; i < 9; i++) t[i] = _mm512_set1_ps(weights[i]);
  const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
  const __m512i odd = _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
  const __m512 b = _mm512_set1_ps(bias), sc = _mm512_set1_ps(scale);
  for (int oy = 0; oy < oh; oy++) {
    float *out = y + (size_t)oy * ow;
    for (int o = 0; o < ow; o += 16) {
      __m512 acc = _mm512_setzero_ps();
      int col = o * stride - left;
      if (stride == 1) {
        __mmask16 m0 = inside(col, w), m1 = inside(col + 1, w), m2 = inside(col + 2, w);
        for (int k = 0; k < 3; k++) {
          int iy = oy - top + k;
          if (iy < 0 || iy >= h) continue;
          const float *p = x + (size_t)iy * w + col;
          acc = _mm512_fmadd_ps(t[3 * k], _mm512_maskz_loadu_ps(m0, p), acc);
          acc = _mm512_fmadd_ps(t[3 * k + 1], _mm512_maskz_loadu_ps(m1, p + 1), acc);
          acc = _mm512_fmadd_ps(t[3 * k + 2], _mm512_maskz_loadu_ps(m2, p + 2), acc);
        }
      } else {
        __mmask16 m0 = inside(col, w), m1 = inside(col + 16, w), m2 = inside(col + 2, w), m3 = inside(col + 18, w);
        for (int k = 0; k < 3; k++) {
          int iy = 2 * oy - top + k;
          if (iy < 0 || iy >= h) continue;
          const float *p = x + (size_t)iy * w + col;
          __m512 lo = _mm512_maskz_loadu_ps(m0, p), hi = _mm512_maskz_loadu_ps(m1, p + 16);
          __m512 lo2 = _mm512_maskz_loadu_ps(m2, p + 2), hi2 = _mm512_maskz_loadu_ps(m3, p + 18);
          acc = _mm512_fmadd_ps(t[3 * k], _mm512_permutex2var_ps(lo, even, hi), acc);
          acc = _mm512_fmadd_ps(t[3 * k + 1], _mm512_permutex2var_ps(lo, odd, hi), acc);
          acc = _mm512_fmadd_ps(t[3 * k + 2], _mm512_permutex2var_ps(lo2, even, hi2), acc);
        }
      }
      acc = _mm512_mul_ps(_mm512_add_ps(acc, b), sc);
      _mm512_mask_storeu_ps(out + o, dn_lanes(ow - o), dn_activate(acc, &act));
    }
  }
}
