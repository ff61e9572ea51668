// 3×3 depthwise convolution, a vector of outputs of a row at a time straight from the input:
// masked loads read zeros where a window hangs over the left or right edge (the masks depend
// only on the column, so they are made once per call), rows above or below the input are
// skipped, and the interior runs without masks. Each stride and activation gets its own copy
// of the loop (`planes` is inlined with constant arguments). Written once over the vector
// vocabulary; each ISA's file includes it.
#ifndef DN_BODY_DEPTHWISE_H
#define DN_BODY_DEPTHWISE_H

#include <stdlib.h>

/// Loads `p` in the lanes of `m`, zero elsewhere, or all lanes when the window is interior.
static inline __attribute__((always_inline)) vf taps(const float *p, int masked, vmask m) {
  return masked ? v_load_masked(m, p, v_zero()) : v_loadu(p);
}

/// Σ over one filter row for a vector of outputs whose first window starts at `p` (stride 1 or
/// 2), reading only the lanes `m` selects when `masked` (m[0] for p, m[1] for p + 1 or p + W,
/// m[2] for p + 2, m[3] for p + W + 2).
static inline __attribute__((always_inline)) vf filter_row(
  const float *p, vf t0, vf t1, vf t2, int stride, int masked, const vmask *m
) {
  if (stride == 1) {
    vf s = v_mul(t0, taps(p, masked, m[0]));
    s = v_fma(t1, taps(p + 1, masked, m[1]), s);
    return v_fma(t2, taps(p + 2, masked, m[2]), s);
  }
  vf lo = taps(p, masked, m[0]), hi = taps(p + DN_W, masked, m[1]);
  vf lo2 = taps(p + 2, masked, m[2]), hi2 = taps(p + DN_W + 2, masked, m[3]);
  vf s = v_mul(t0, v_even(lo, hi));
  s = v_fma(t1, v_odd(lo, hi), s);
  return v_fma(t2, v_even(lo2, hi2), s);
}

static inline __attribute__((always_inline)) void planes(
  const float *x, int h, int w, int top, int left, int stride, int multiplier, int first, int count,
  const float *weights, float *y, int oh, int ow, const dn_epilogue *e, dn_activation act,
  const vmask *masks, const unsigned char *masked
) {
  for (int c = first; c < first + count; c++) {
    const float *src = x + (size_t)(c / multiplier) * h * w, *wc = weights + 9 * c;
    size_t plane = (size_t)(c - first) * oh * ow;
    vf t[9];
    for (int i = 0; i < 9; i++) t[i] = v_set1(wc[i]);
    for (int oy = 0; oy < oh; oy++) {
      size_t line = plane + (size_t)oy * ow;
      int iy = oy * stride - top;
      const float *r0 = src + (ptrdiff_t)iy * w, *r1 = r0 + w, *r2 = r1 + w;
      int v0 = iy >= 0 && iy < h, v1 = iy + 1 >= 0 && iy + 1 < h, v2 = iy + 2 >= 0 && iy + 2 < h;
      for (int o = 0, v = 0; o < ow; o += DN_W, v++) {
        int col = o * stride - left, mk = masked[v];
        const vmask *m = masks + 4 * v;
        vf p0, p1, p2;
        if (v0 && v1 && v2) {
          p0 = filter_row(r0 + col, t[0], t[1], t[2], stride, mk, m);
          p1 = filter_row(r1 + col, t[3], t[4], t[5], stride, mk, m);
          p2 = filter_row(r2 + col, t[6], t[7], t[8], stride, mk, m);
        } else {
          p0 = v0 ? filter_row(r0 + col, t[0], t[1], t[2], stride, mk, m) : v_zero();
          p1 = v1 ? filter_row(r1 + col, t[3], t[4], t[5], stride, mk, m) : v_zero();
          p2 = v2 ? filter_row(r2 + col, t[6], t[7], t[8], stride, mk, m) : v_zero();
        }
        vf acc = v_add(v_add(p0, p1), p2);
        store_first(y + line + o, finish(acc, e, &act, c, line + o, ow - o), ow - o);
      }
    }
  }
}

static void DN_SUFFIX(depthwise3x3)(
  const float *x, int h, int w, int top, int left, int stride, int multiplier, int first, int count,
  const float *weights, float *y, int oh, int ow, const dn_epilogue *epilogue
) {
  int vectors = (ow + DN_W - 1) / DN_W;
  // Vector masks must be aligned like vectors (AVX2 stores them with aligned moves).
  size_t mask_bytes = (sizeof(vmask) * 4 * (size_t)vectors + 63) / 64 * 64;
  vmask *masks = aligned_alloc(64, mask_bytes);
  unsigned char *masked = malloc((size_t)vectors);
  if (!masks || !masked) abort();  // out of memory, as Swift's own allocations treat it
  for (int v = 0; v < vectors; v++) {
    int col = DN_W * v * stride - left;
    vmask *m = masks + 4 * v;
    m[0] = v_inside(col, w);
    m[1] = v_inside(col + (stride == 1 ? 1 : DN_W), w);
    m[2] = v_inside(col + 2, w);
    m[3] = v_inside(col + DN_W + 2, w);
    masked[v] = !(v_all(m[0]) && v_all(m[1]) && v_all(m[2]) && (stride == 1 || v_all(m[3])));
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
