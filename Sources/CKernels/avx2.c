// The kernel set for AVX2 + FMA (x86-64 only; dispatch.c checks the CPU at run time).
#include "dn_kernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

#include "isa/target_begin.h"
DN_TARGET_BEGIN("avx2,fma")
#include "isa/vec_avx2.h"
#include "body/kernel_set.h"
DN_TARGET_END

const dn_kernel_set dn_kernels_avx2 = {
  DN_ISA_AVX2, gemm_packed_avx2, conv_packed_avx2, depthwise3x3_avx2, maxpool2d_avx2,
};
#endif
