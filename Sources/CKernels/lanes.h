// Lane masks for partial 16-float vectors.
#ifndef DN_LANES_H
#define DN_LANES_H

#include <immintrin.h>

#define DN_AVX512 __attribute__((target("avx512f")))

/// The first `n` (0…16) lanes.
DN_AVX512 static inline __mmask16 dn_lanes(int n) {
  return n >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (n > 0 ? n : 0)) - 1u);
}

/// Lanes `l` of a 16-float load starting at index `start` with 0 ≤ start + l < width.
DN_AVX512 static inline __mmask16 dn_inside(int start, int width) {
  int lo = start < 0 ? -start : 0, hi = width - start;
  if (hi <= lo) return 0;
  return (__mmask16)(dn_lanes(hi) & ~dn_lanes(lo));
}

#endif
