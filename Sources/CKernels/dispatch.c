// Which kernel set this CPU runs, and the packing of A that every set shares.
#include "dn_kernels.h"

extern const dn_kernel_set dn_kernels_avx512, dn_kernels_avx2, dn_kernels_neon;

const dn_kernel_set *dn_kernel_set_for(dn_isa isa) {
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (isa == DN_ISA_AVX512 && __builtin_cpu_supports("avx512f")) return &dn_kernels_avx512;
  if (isa == DN_ISA_AVX2 && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return &dn_kernels_avx2;
#elif defined(__aarch64__)
  if (isa == DN_ISA_NEON) return &dn_kernels_neon;
#endif
  (void)isa;
  return NULL;
}

dn_isa dn_best_isa(void) {
  static const dn_isa widest_first[] = {DN_ISA_AVX512, DN_ISA_AVX2, DN_ISA_NEON};
  for (size_t i = 0; i < sizeof widest_first / sizeof widest_first[0]; i++) {
    if (dn_kernel_set_for(widest_first[i])) return widest_first[i];
  }
  return DN_ISA_PORTABLE;
}

size_t dn_gemm_packed_a_count(int m, int k) {
  return (size_t)((m + DN_MR - 1) / DN_MR) * DN_MR * (size_t)k;
}

void dn_gemm_pack_a(const float *a, int lda, int m, int k, float *packed) {
  for (int block = 0; block < (m + DN_MR - 1) / DN_MR; block++) {
    float *dst = packed + (size_t)block * DN_MR * k;
    for (int p = 0; p < k; p++) {
      for (int r = 0; r < DN_MR; r++) {
        int row = block * DN_MR + r;
        dst[p * DN_MR + r] = row < m ? a[(size_t)row * lda + p] : 0.0f;
      }
    }
  }
}
