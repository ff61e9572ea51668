// The kernel bodies, compiled for the ISA whose vocabulary (isa/vec_*.h) and target the
// including file set up, gathered into that ISA's dn_kernel_set.
#include <stddef.h>

#include "dn_kernels.h"
#include "epilogue.h"
#include "gemm.h"
#include "depthwise.h"
#include "maxpool.h"
