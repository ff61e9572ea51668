// The kernels are x86-64 AVX-512 code; elsewhere (arm64 Macs, aarch64 Linux) this file stands
// in so the package builds, and dn_cpu_has_avx512() keeps every caller on its portable code.
#include <stdlib.h>

#include "dn_kernels.h"

#if !defined(__x86_64__)

int dn_cpu_has_avx512(void) { return 0; }

size_t dn_gemm_packed_a_count(int m, int k) { (void)m; (void)k; abort(); }

void dn_gemm_pack_a(const float *a, int lda, int m, int k, float *packed) {
  (void)a; (void)lda; (void)m; (void)k; (void)packed;
  abort();
}

void dn_gemm_packed(int m, int n, int k, const float *packed_a, const float *b, int ldb, float *c, int ldc,
                    const dn_epilogue *epilogue) {
  (void)m; (void)n; (void)k; (void)packed_a; (void)b; (void)ldb; (void)c; (void)ldc; (void)epilogue;
  abort();
}

void dn_conv_packed(int m, const float *packed_a, const dn_conv_input *input, int first_column, int columns,
                    float *c, int ldc, const dn_epilogue *epilogue) {
  (void)m; (void)packed_a; (void)input; (void)first_column; (void)columns; (void)c; (void)ldc; (void)epilogue;
  abort();
}

void dn_depthwise3x3(const float *x, int h, int w, int top, int left, int stride, int multiplier, int first,
                     int count, const float *weights, float *y, int oh, int ow, const dn_epilogue *epilogue) {
  (void)x; (void)h; (void)w; (void)top; (void)left; (void)stride; (void)multiplier; (void)first; (void)count;
  (void)weights; (void)y; (void)oh; (void)ow; (void)epilogue;
  abort();
}

void dn_maxpool2d(const float *x, int planes, int h, int w, int top, int left, int kh, int kw, int stride,
                  float *y, int oh, int ow) {
  (void)x; (void)planes; (void)h; (void)w; (void)top; (void)left; (void)kh; (void)kw; (void)stride; (void)y;
  (void)oh; (void)ow;
  abort();
}

#endif
