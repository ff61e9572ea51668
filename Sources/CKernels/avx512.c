// The kernel set for AVX-512F (x86-64 only; dispatch.c checks the CPU at run time).
#include "dn_kernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

#include "isa/target_begin.h"
DN_TARGET_BEGIN("avx512f,avx2,fma")
#include "isa/vec_avx512.h"
#include "body/kernel_set.h"
DN_TARGET_END

const dn_kernel_set dn_kernels_avx512 = {
  DN_ISA_AVX512, gemm_packed_avx512, conv_packed_avx512, depthwise3x3_avx512, maxpool2d_avx512,
};
#endif
