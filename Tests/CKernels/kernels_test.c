// The C kernels of every instruction-set level this CPU runs against plain scalar references
// (double sums; max pooling bit for bit), built without Swift so the AArch64 NEON set can be
// cross-compiled and run under qemu-user (scripts/test-kernels.sh). Prints one line per level
// and closes with "N passed, M failed"; exits non-zero on any failure.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dn_kernels.h"

static int passed, failed;
static unsigned long long state = 1;

static float next_value(void) {
  state = state * 6364136223846793005ULL + 1442695040888963407ULL;
  return (float)(state >> 40) / (float)(1 << 24) - 0.5f;
}

static float *values(size_t n) {
  float *v = malloc(n * sizeof(float) + 1);
  for (size_t i = 0; i < n; i++) v[i] = next_value();
  return v;
}

static float activate(float x, dn_activation a) {
  switch (a.kind) {
  case DN_ACTIVATION_RELU: return 0.0f >= x ? 0.0f : x;
  case DN_ACTIVATION_CLIP: { float t = a.lo >= x ? a.lo : x; return a.hi < t ? a.hi : t; }
  case DN_ACTIVATION_LEAKY_RELU: return x >= 0.0f ? x : x * a.alpha;
  default: return x;
  }
}

/// Fails unless every |got − want| ≤ tolerance (NaN fails).
static void check(const char *what, const float *got, const float *want, size_t n, float tolerance) {
  float worst = 0;
  int bad = 0;
  for (size_t i = 0; i < n; i++) {
    float d = fabsf(got[i] - want[i]);
    if (isnan(d) || d > tolerance) bad = 1;
    if (d > worst) worst = d;
  }
  if (!bad) passed++;
  else { failed++; printf("FAIL %s: max |diff| %g > %g (or NaN)\n", what, worst, tolerance); }
}

static const dn_activation activations[] = {
  {DN_ACTIVATION_NONE, 0, 0, 0}, {DN_ACTIVATION_RELU, 0, 0, 0}, {DN_ACTIVATION_CLIP, -0.2f, 0.25f, 0},
  {DN_ACTIVATION_LEAKY_RELU, 0, 0, 0.1f},
};

static void test_gemm(const dn_kernel_set *set) {
  static const int shapes[][3] = {{1, 1, 1}, {8, 48, 128}, {7, 49, 129}, {17, 100, 300}, {5, 27, 3}, {9, 13, 130}};
  for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
    int m = shapes[s][0], n = shapes[s][1], k = shapes[s][2];
    float *a = values((size_t)m * k), *b = values((size_t)k * n), *bias = values(m), *scale = values(m);
    float *packed = malloc(dn_gemm_packed_a_count(m, k) * sizeof(float));
    float *c = malloc((size_t)m * n * sizeof(float)), *want = malloc((size_t)m * n * sizeof(float));
    dn_gemm_pack_a(a, k, m, k, packed);
    for (int t = 0; t < 4; t++) {
      dn_epilogue e = {t % 2 ? NULL : bias, t < 2 ? scale : NULL, NULL, activations[t], NULL, NULL};
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double sum = 0;
          for (int p = 0; p < k; p++) sum += (double)a[i * k + p] * b[p * n + j];
          float v = (float)(sum + (e.bias ? e.bias[i] : 0)) * (e.scale ? e.scale[i] : 1);
          want[i * n + j] = activate(v, e.act);
        }
      }
      set->gemm_packed(m, n, k, packed, b, n, c, n, &e);
      char what[96];
      snprintf(what, sizeof what, "gemm m %d n %d k %d activation %d", m, n, k, t);
      check(what, c, want, (size_t)m * n, 1e-5f * sqrtf((float)k) + 1e-6f);
    }
    free(a); free(b); free(bias); free(scale); free(packed); free(c); free(want);
  }
}

static void test_conv(const dn_kernel_set *set) {
  // channels, h, w, kh, kw, stride, dilation, top, left, bottom, right
  static const int cases[][11] = {
    {3, 13, 17, 3, 3, 1, 1, 1, 1, 1, 1}, {2, 13, 17, 7, 7, 2, 1, 3, 3, 3, 3}, {4, 12, 15, 3, 2, 3, 1, 2, 0, 1, 1},
    {2, 16, 16, 3, 3, 1, 2, 2, 2, 2, 2}, {5, 9, 50, 1, 1, 2, 1, 0, 0, 0, 0},
  };
  for (size_t s = 0; s < sizeof cases / sizeof cases[0]; s++) {
    const int *q = cases[s];
    int ch = q[0], h = q[1], w = q[2], kh = q[3], kw = q[4], st = q[5], dl = q[6], top = q[7], left = q[8];
    int oh = (h + top + q[9] - dl * (kh - 1) - 1) / st + 1, ow = (w + left + q[10] - dl * (kw - 1) - 1) / st + 1;
    int m = 10, k = ch * kh * kw, n = oh * ow;
    float *x = values((size_t)ch * h * w), *wt = values((size_t)m * k), *bias = values(m);
    float *packed = malloc(dn_gemm_packed_a_count(m, k) * sizeof(float));
    float *y = malloc((size_t)m * n * sizeof(float)), *want = malloc((size_t)m * n * sizeof(float));
    dn_gemm_pack_a(wt, k, m, k, packed);
    for (int o = 0; o < m; o++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          double sum = 0;
          for (int c = 0; c < ch; c++) for (int ky = 0; ky < kh; ky++) for (int kx = 0; kx < kw; kx++) {
            int iy = oy * st - top + ky * dl, ix = ox * st - left + kx * dl;
            if (iy >= 0 && iy < h && ix >= 0 && ix < w) sum += (double)wt[o * k + (c * kh + ky) * kw + kx] * x[(c * h + iy) * w + ix];
          }
          want[o * n + oy * ow + ox] = activate((float)(sum + bias[o]), activations[1]);
        }
      }
    }
    dn_conv_input in = {x, ch, h, w, kh, kw, st, st, dl, dl, top, left, oh, ow};
    dn_epilogue e = {bias, NULL, NULL, activations[1], NULL, NULL};
    // Two column ranges, as two threads would split them.
    set->conv_packed(m, packed, &in, 0, n / 2, y, n, &e);
    set->conv_packed(m, packed, &in, n / 2, n - n / 2, y, n, &e);
    char what[96];
    snprintf(what, sizeof what, "conv %dx%d stride %d dilation %d on %dx%d", kh, kw, st, dl, h, w);
    check(what, y, want, (size_t)m * n, 1e-5f * sqrtf((float)k) + 1e-6f);
    free(x); free(wt); free(bias); free(packed); free(y); free(want);
  }
}

static void test_depthwise(const dn_kernel_set *set) {
  int ch = 3, h = 23, w = 41, multiplier = 2, m = ch * multiplier;
  float *x = values((size_t)ch * h * w), *wt = values((size_t)m * 9), *bias = values(m), *scale = values(m);
  for (int stride = 1; stride <= 2; stride++) {
    for (int pad = 0; pad <= 2; pad++) {
      int oh = (h + 2 * pad - 3) / stride + 1, ow = (w + 2 * pad - 3) / stride + 1, n = oh * ow;
      float *y = malloc((size_t)m * n * sizeof(float)), *want = malloc((size_t)m * n * sizeof(float));
      float *scaled = malloc((size_t)m * n * sizeof(float)), *scaled_want = malloc((size_t)m * n * sizeof(float));
      for (int c = 0; c < m; c++) for (int oy = 0; oy < oh; oy++) for (int ox = 0; ox < ow; ox++) {
        double sum = 0;
        for (int ky = 0; ky < 3; ky++) for (int kx = 0; kx < 3; kx++) {
          int iy = oy * stride - pad + ky, ix = ox * stride - pad + kx;
          if (iy >= 0 && iy < h && ix >= 0 && ix < w) sum += (double)wt[c * 9 + ky * 3 + kx] * x[((c / multiplier) * h + iy) * w + ix];
        }
        float v = ((float)sum + bias[c]) * scale[c];
        scaled_want[c * n + oy * ow + ox] = v;
        want[c * n + oy * ow + ox] = activate(v, activations[2]);
      }
      dn_epilogue e = {bias, scale, NULL, activations[2], NULL, scaled};
      set->depthwise3x3(x, h, w, pad, pad, stride, multiplier, 0, m, wt, y, oh, ow, &e);
      char what[96];
      snprintf(what, sizeof what, "depthwise stride %d pad %d", stride, pad);
      check(what, y, want, (size_t)m * n, 1e-5f);
      snprintf(what, sizeof what, "depthwise stride %d pad %d, the kept scaled values", stride, pad);
      check(what, scaled, scaled_want, (size_t)m * n, 1e-5f);
      free(y); free(want); free(scaled); free(scaled_want);
    }
  }
  free(x); free(wt); free(bias); free(scale);
}

static void test_maxpool(const dn_kernel_set *set) {
  int planes = 3, h = 21, w = 37;
  float *x = values((size_t)planes * h * w);
  for (int i = 0; i < planes * h * w; i += 11) x[i] = 0.0f;
  for (int i = 5; i < planes * h * w; i += 13) x[i] = -0.0f;
  for (int i = 7; i < planes * h * w; i += 29) x[i] = NAN;
  static const int cases[][4] = {{3, 3, 2, 1}, {2, 2, 1, 0}, {3, 5, 1, 1}, {1, 1, 2, 0}};  // kh, kw, stride, pad
  for (size_t s = 0; s < sizeof cases / sizeof cases[0]; s++) {
    int kh = cases[s][0], kw = cases[s][1], st = cases[s][2], pad = cases[s][3];
    int oh = (h + 2 * pad - kh) / st + 1, ow = (w + 2 * pad - kw) / st + 1;
    size_t n = (size_t)planes * oh * ow;
    float *y = malloc(n * sizeof(float)), *want = malloc(n * sizeof(float));
    for (int p = 0; p < planes; p++) for (int oy = 0; oy < oh; oy++) for (int ox = 0; ox < ow; ox++) {
      float best = -INFINITY;
      for (int ky = 0; ky < kh; ky++) for (int kx = 0; kx < kw; kx++) {
        int iy = oy * st - pad + ky, ix = ox * st - pad + kx;
        if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
        float v = x[(p * h + iy) * w + ix];
        best = v >= best ? v : best;
      }
      want[(p * oh + oy) * ow + ox] = best;
    }
    set->maxpool2d(x, planes, h, w, pad, pad, kh, kw, st, y, oh, ow);
    if (memcmp(y, want, n * sizeof(float)) == 0) passed++;
    else { failed++; printf("FAIL maxpool %dx%d stride %d pad %d: not bit-identical\n", kh, kw, st, pad); }
    free(y); free(want);
  }
  free(x);
}

int main(void) {
  static const struct { dn_isa isa; const char *name; } levels[] = {
    {DN_ISA_AVX2, "avx2"}, {DN_ISA_AVX512, "avx512"}, {DN_ISA_NEON, "neon"},
  };
  int tested = 0;
  for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
    const dn_kernel_set *set = dn_kernel_set_for(levels[i].isa);
    if (!set) { printf("%s: not on this CPU\n", levels[i].name); continue; }
    int before = failed;
    test_gemm(set);
    test_conv(set);
    test_depthwise(set);
    test_maxpool(set);
    printf("%s: %s\n", levels[i].name, failed == before ? "ok" : "FAILED");
    tested++;
  }
  if (tested == 0) { printf("no kernel set runs on this CPU\n"); failed++; }
  printf("kernels: %d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
