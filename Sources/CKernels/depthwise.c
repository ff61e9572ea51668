// 3×3 depthwise convolution, sixteen outputs of a row at a time straight from the input:
// masked loads read zeros where a window hangs over the left or right edge (the masks depend
// only on the column, so they are made once per call), rows above or below the input are
// skipped, and the interior runs without masks. Each stride and activation gets its own copy
// of the loop (`planes` is inlined with constant arguments).
#include <stdlib.h>

#if defined(__x86_64__)

#include "activation.h"

/// Σ over one filter row for sixteen outputs whose first window starts at `p` (stride 1 or 2),
/// reading only the lanes `m` selects (m[0] for p, m[1] for p + 1 or p + 16, m[2] for p + 2,
/// m[3] for p + 18).
DN_AVX512 static inline __attribute__((always_inline)) __m512 filter_row(
  const float *p, __m512 t0, __m512 t1, __m512 t2, int stride, const __mmask16 *m
) {
  if (stride == 1) {
    __m512 s = _mm512_mul_ps(t0, _mm512_maskz_loadu_ps(m[0], p));
    s = _mm512_fmadd_ps(t1, _mm512_maskz_loadu_ps(m[1], p + 1), s);
    return _mm512_fmadd_ps(t2, _mm512_maskz_loadu_ps(m[2], p + 2), s);
  }
  const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
  const __m512i odd = _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
  __m512 lo = _mm512_maskz_loadu_ps(m[0], p), hi = _mm512_maskz_loadu_ps(m[1], p + 16);
  __m512 lo2 = _mm512_maskz_loadu_ps(m[2], p + 2), hi2 = _mm512_maskz_loadu_ps(m[3], p + 18);
  __m512 s = _mm512_mul_ps(t0, _mm512_permutex2var_ps(lo, even, hi));
  s = _mm512_fmadd_ps(t1, _mm512_permutex2var_ps(lo, odd, hi), s);
  return _mm512_fmadd_ps(t2, _mm512_permutex2var_ps(lo2, even, hi2), s);
}

static const __mmask16 all[4] = {0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF};

DN_AVX512 static inline __attribute__((always_inline)) void planes(
  const float *x, int h, int w, int top, int left, int stride, int multiplier, int first, int count,
  const float *weights, float *y, int oh, int ow, const dn_epilogue *e, dn_activation act,
  const __mmask16 *masks, const unsigned char *masked
) {
  for (int c = first; c < first + count; c++) {
    const float *src = x + (size_t)(c / multiplier) * h * w, *wc = weights + 9 * c;
    size_t plane = (size_t)(c - first) * oh * ow;
    __m512 t[9];
    for (int i = 0; i < 9; i++) t[i] = _mm512_set1_ps(wc[i]);
    for (int oy = 0; oy < oh; oy++) {
      size_t line = plane + (size_t)oy * ow;
      int iy = oy * stride - top;
      const float *r0 = src + (ptrdiff_t)iy * w, *r1 = r0 + w, *r2 = r1 + w;
      int v0 = iy >= 0 && iy < h, v1 = iy + 1 >= 0 && iy + 1 < h, v2 = iy + 2 >= 0 && iy + 2 < h;
      for (int o = 0, v = 0; o < ow; o += 16, v++) {
        int col = o * stride - left;
        __m512 p0, p1, p2;
        const __mmask16 *m = masked[v] ? masks + 4 * v : all;
        if (v0 && v1 && v2) {
          p0 = filter_row(r0 + col, t[0], t[1], t[2], stride, m);
          p1 = filter_row(r1 + col, t[3], t[4], t[5], stride, m);
          p2 = filter_row(r2 + col, t[6], t[7], t[8], stride, m);
        } else {
          p0 = v0 ? filter_row(r0 + col, t[0], t[1], t[2], stride, m) : _mm512_setzero_ps();
          p1 = v1 ? filter_row(r1 + col, t[3], t[4], t[5], stride, m) : _mm512_setzero_ps();
          p2 = v2 ? filter_row(r2 + col, t[6], t[7], t[8], stride, m) : _mm512_setzero_ps();
        }
        __mmask16 lanes = dn_lanes(ow - o);
        __m512 acc = _mm512_add_ps(_mm512_add_ps(p0, p1), p2);
        _mm512_mask_storeu_ps(y + line + o, lanes, dn_finish(acc, e, &act, c, line + o, lanes));
      }
    }
  }
}

DN_AVX512 void dn_depthwise3x3(
  const float *x, int h, int w, int top, int left, int stride, int multiplier, int first, int count,
  const float *weights, float *y, int oh, int ow, const dn_epilogue *epilogue
) {
  int vectors = (ow + 15) / 16;
  __mmask16 *masks = malloc(sizeof(__mmask16) * 4 * (size_t)vectors);
  unsigned char *masked = malloc((size_t)vectors);
  if (!masks || !masked) abort();  // out of memory, as Swift's own allocations treat it
  for (int v = 0; v < vectors; v++) {
    int col = 16 * v * stride - left;
    __mmask16 *m = masks + 4 * v;
    m[0] = dn_inside(col, w);
    m[1] = dn_inside(col + (stride == 1 ? 1 : 16), w);
    m[2] = dn_inside(col + 2, w);
    m[3] = dn_inside(col + 18, w);
    masked[v] = (m[0] & m[1] & m[2] & (stride == 1 ? 0xFFFF : m[3])) != 0xFFFF;
  }
#define DN_PLANES(s, which) \
  do { \
    dn_activation a = epilogue->act; \
    a.kind = which; \
    planes(x, h, w, top, left, s, multiplier, first, count, weights, y, oh, ow, epilogue, a, masks, masked); \
  } while (0)
#define DN_KINDS(s) \
  switch (epilogue->act.kind) { \
  case DN_ACTIVATION_NONE: DN_PLANES(s, DN_ACTIVATION_NONE); break; \
  case DN_ACTIVATION_RELU: DN_PLANES(s, DN_ACTIVATION_RELU); break; \
  case DN_ACTIVATION_CLIP: DN_PLANES(s, DN_ACTIVATION_CLIP); break; \
  case DN_ACTIVATION_LEAKY_RELU: DN_PLANES(s, DN_ACTIVATION_LEAKY_RELU); break; \
  }
  if (stride == 1) { DN_KINDS(1) } else { DN_KINDS(2) }
#undef DN_KINDS
#undef DN_PLANES
  free(masks);
  free(masked);
}

#endif
