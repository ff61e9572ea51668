// Eight rows of the GEMM at once, for a narrow remainder of columns: one AVX vector on x86-64
// (AVX2 and AVX-512 alike). Included by vec_avx2.h and vec_avx512.h inside their target.
#ifndef DN_V8_X86_H
#define DN_V8_X86_H

#include <immintrin.h>

typedef __m256 v8;
static inline v8 v8_zero(void) { return _mm256_setzero_ps(); }
static inline v8 v8_loadu(const float *p) { return _mm256_loadu_ps(p); }
static inline v8 v8_fma(v8 a, float b, v8 c) { return _mm256_fmadd_ps(a, _mm256_set1_ps(b), c); }
static inline void v8_storeu(float *p, v8 x) { _mm256_storeu_ps(p, x); }

#endif
