// 3×3 depthwise convolution of one plane: the plane is copied once into a zero-padded
// scratch plane, then each output row takes its nine taps sixteen outputs at a time.
#include "activation.h"

/// Zero slack after each scratch row: sixteen stride-2 outputs read 34 floats from their start.
enum { SLACK = 32 };

size_t dn_depthwise3x3_scratch_count(int h, int w, int top, int left, int bottom, int right) {
  return (size_t)(h + top + bottom) * (size_t)(w + left + right + SLACK);
}

DN_AVX512 void dn_depthwise3x3(
  const float *x, int h, int w, int top, int left, int bottom, int right, int stride,
  const float *weights, float bias, float *y, int oh, int ow, dn_activation act, float *scratch
) {
  size_t row_stride = (size_t)(w + left + right + SLACK);
  int rows = h + top + bottom;
  for (int r = 0; r < rows; r++) {
    float *dst = scratch + r * row_stride;
    int inside = r >= top && r < top + h;
    for (size_t i = 0; i < row_stride; i++) dst[i] = 0.0f;
    if (inside) {
      const float *src = x + (size_t)(r - top) * w;
      for (int i = 0; i < w; i++) dst[left + i] = src[i];
    }
  }
  __m512 t[9];
  for (int i = 0; i < 9; i++) t[i] = _mm512_set1_ps(weights[i]);
  const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
  const __m512i odd = _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
  const __m512 b = _mm512_set1_ps(bias);
  for (int oy = 0; oy < oh; oy++) {
    const float *line = scratch + (size_t)oy * stride * row_stride;
    float *out = y + (size_t)oy * ow;
    for (int o = 0; o < ow; o += 16) {
      __m512 acc = b;
      for (int k = 0; k < 3; k++) {
        const float *p = line + k * row_stride + (size_t)o * stride;
        if (stride == 1) {
          acc = _mm512_fmadd_ps(t[3 * k], _mm512_loadu_ps(p), acc);
          acc = _mm512_fmadd_ps(t[3 * k + 1], _mm512_loadu_ps(p + 1), acc);
          acc = _mm512_fmadd_ps(t[3 * k + 2], _mm512_loadu_ps(p + 2), acc);
        } else {
          __m512 lo = _mm512_loadu_ps(p), hi = _mm512_loadu_ps(p + 16);
          __m512 lo2 = _mm512_loadu_ps(p + 2), hi2 = _mm512_loadu_ps(p + 18);
          acc = _mm512_fmadd_ps(t[3 * k], _mm512_permutex2var_ps(lo, even, hi), acc);
          acc = _mm512_fmadd_ps(t[3 * k + 1], _mm512_permutex2var_ps(lo, odd, hi), acc);
          acc = _mm512_fmadd_ps(t[3 * k + 2], _mm512_permutex2var_ps(lo2, even, hi2), acc);
        }
      }
      _mm512_mask_storeu_ps(out + o, dn_lanes(ow - o), dn_activate(acc, &act));
    }
  }
}
