// The kernel set for AArch64 NEON, part of every AArch64 CPU.
#include "dn_kernels.h"

#if defined(__aarch64__)
#include "isa/vec_neon.h"
#include "body/kernel_set.h"

const dn_kernel_set dn_kernels_neon = {
  DN_ISA_NEON, gemm_packed_neon, conv_packed_neon, depthwise3x3_neon, maxpool2d_neon,
};
#endif
