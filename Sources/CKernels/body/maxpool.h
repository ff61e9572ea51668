// 2-D max pooling of whole planes, a vector of outputs of a row at a time: masked loads leave
// window positions outside the input at −∞ (padding never wins), stride-2 rows are gathered
// with permutes. The comparison is the scalar kernel's `v >= m ? v : m` in the same window
// order, so results agree bit for bit (NaN never replaces a value, equal zeros keep the last).
// Written once over the vector vocabulary; each ISA's file includes it.
#ifndef DN_BODY_MAXPOOL_H
#define DN_BODY_MAXPOOL_H

/// x[start…] in the lanes inside [0, width), −∞ elsewhere.
static inline __attribute__((always_inline)) vf window_row(const float *row, int start, int width, vf lowest) {
  vmask inside = v_inside(start, width);
  return v_all(inside) ? v_loadu(row + start) : v_load_masked(inside, row + start, lowest);
}

static inline __attribute__((always_inline)) void pool(
  const float *x, int planes, int h, int w, int top, int left, int kh, int kw, int stride, float *y,
  int oh, int ow
) {
  const vf lowest = v_set1(-__builtin_inff());
  for (int p = 0; p < planes; p++) {
    const float *src = x + (size_t)p * h * w;
    float *dst = y + (size_t)p * oh * ow;
    for (int oy = 0; oy < oh; oy++) {
      for (int o = 0; o < ow; o += DN_W) {
        vf m = lowest;
        int col = o * stride - left;
        for (int ky = 0; ky < kh; ky++) {
          int iy = oy * stride - top + ky;
          if (iy < 0 || iy >= h) continue;
          const float *row = src + (size_t)iy * w;
          for (int kx = 0; kx < kw; kx++) {
            int start = col + kx;
            vf v = stride == 1 ? window_row(row, start, w, lowest)
                               : v_even(window_row(row, start, w, lowest), window_row(row, start + DN_W, w, lowest));
            m = v_select_ge(v, m, v, m);
          }
        }
        store_first(dst + (size_t)oy * ow + o, m, ow - o);
      }
    }
  }
}

static void DN_SUFFIX(maxpool2d)(
  const float *x, int planes, int h, int w, int top, int left, int kh, int kw, int stride, float *y, int oh, int ow
) {
  if (stride == 1) pool(x, planes, h, w, top, left, kh, kw, 1, y, oh, ow);
  else pool(x, planes, h, w, top, left, kh, kw, 2, y, oh, ow);
}

#endif
