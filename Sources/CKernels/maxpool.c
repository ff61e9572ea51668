// 2-D max pooling of whole planes, sixteen outputs of a row at a time: masked loads leave
// window positions outside the input at −∞ (padding never wins), stride-2 rows are gathered
// with permutes. The comparison is the scalar kernel's `v >= m ? v : m` in the same window
// order, so results agree bit for bit (NaN never replaces a value, equal zeros keep the last).
#if defined(__x86_64__)

#include "dn_kernels.h"
#include "lanes.h"

DN_AVX512 static inline __attribute__((always_inline)) void pool(
  const float *x, int planes, int h, int w, int top, int left, int kh, int kw, int stride, float *y,
  int oh, int ow
) {
  const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
  const __m512 lowest = _mm512_set1_ps(-__builtin_inff());
  for (int p = 0; p < planes; p++) {
    const float *src = x + (size_t)p * h * w;
    float *dst = y + (size_t)p * oh * ow;
    for (int oy = 0; oy < oh; oy++) {
      for (int o = 0; o < ow; o += 16) {
        __m512 m = lowest;
        int col = o * stride - left;
        for (int ky = 0; ky < kh; ky++) {
          int iy = oy * stride - top + ky;
          if (iy < 0 || iy >= h) continue;
          const float *row = src + (size_t)iy * w;
          for (int kx = 0; kx < kw; kx++) {
            int start = col + kx;
            __m512 v;
            if (stride == 1) {
              v = _mm512_mask_loadu_ps(lowest, dn_inside(start, w), row + start);
            } else {
              __m512 lo = _mm512_mask_loadu_ps(lowest, dn_inside(start, w), row + start);
              __m512 hi = _mm512_mask_loadu_ps(lowest, dn_inside(start + 16, w), row + start + 16);
              v = _mm512_permutex2var_ps(lo, even, hi);
            }
            m = _mm512_mask_mov_ps(m, _mm512_cmp_ps_mask(v, m, _CMP_GE_OQ), v);
          }
        }
        _mm512_mask_storeu_ps(dst + (size_t)oy * ow + o, dn_lanes(ow - o), m);
      }
    }
  }
}

DN_AVX512 void dn_maxpool2d(
  const float *x, int planes, int h, int w, int top, int left, int kh, int kw, int stride, float *y,
  int oh, int ow
) {
  if (stride == 1) pool(x, planes, h, w, top, left, kh, kw, 1, y, oh, ow);
  else pool(x, planes, h, w, top, left, kh, kw, 2, y, oh, ow);
}

#endif
