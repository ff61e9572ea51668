// c = epilogue(A·B) with A packed once (convolution weights) and B packed per call in
// blocks that stay in cache: the usual five loops around an 8×48 register tile.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__)

#include "activation.h"

enum {
  MR = 8,     // rows of the register tile (broadcast from packed A)
  NR = 48,    // columns of the register tile (three 16-float vectors of packed B)
  KC = 128,   // depth of one block: a KC×NR panel of B stays in L1
  MC = 256,   // rows of A per block (MC×KC floats stay in L2)
  NC = 768,   // columns of B packed at a time (KC×NC floats)…
  NC_BYTES = 512 * 1024,  // …or as many as fit here when the depth is small
};

int dn_cpu_has_avx512(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f");
}

size_t dn_gemm_packed_a_count(int m, int k) {
  return (size_t)((m + MR - 1) / MR) * MR * (size_t)k;
}

void dn_gemm_pack_a(const float *a, int lda, int m, int k, float *packed) {
  for (int block = 0; block < (m + MR - 1) / MR; block++) {
    float *dst = packed + (size_t)block * MR * k;
    for (int p = 0; p < k; p++) {
      for (int r = 0; r < MR; r++) {
        int row = block * MR + r;
        dst[p * MR + r] = row < m ? a[(size_t)row * lda + p] : 0.0f;
      }
    }
  }
}

/// Packs b[kc×nc] into panels of NR columns, each kc×NR contiguous, zero-padded on the right.
DN_AVX512 static void pack_b(const float *b, int ldb, int kc, int nc, float *dst) {
  for (int j = 0; j < nc; j += NR) {
    int width = nc - j < NR ? nc - j : NR;
    __mmask16 m0 = dn_lanes(width), m1 = dn_lanes(width - 16), m2 = dn_lanes(width - 32);
    const float *src = b + j;
    for (int p = 0; p < kc; p++, dst += NR, src += ldb) {
      _mm512_store_ps(dst, _mm512_maskz_loadu_ps(m0, src));
      _mm512_store_ps(dst + 16, _mm512_maskz_loadu_ps(m1, src + 16));
      _mm512_store_ps(dst + 32, _mm512_maskz_loadu_ps(m2, src + 32));
    }
  }
}

/// One MR×(16·nv) tile over kc at row `row`, element `at` of c: accumulates, adds what c
/// already holds unless `first`, and applies the epilogue when `last`. Stores only mr rows and
/// nr columns. `nv` is a constant at every call, so each width compiles to its own
/// register-only loop.
DN_AVX512 static inline __attribute__((always_inline)) void tile(
  int nv, int kc, const float *a, const float *b, float *c, size_t at, int row, int ldc, int mr, int nr,
  int first, int last, const dn_epilogue *e
) {
  __m512 acc[MR][3];
  for (int r = 0; r < MR; r++) acc[r][0] = acc[r][1] = acc[r][2] = _mm512_setzero_ps();
  for (int p = 0; p < kc; p++, a += MR, b += NR) {
    __m512 bv[3];
    for (int v = 0; v < nv; v++) bv[v] = _mm512_load_ps(b + 16 * v);
#pragma clang loop unroll(full)
    for (int r = 0; r < MR; r++) {
      __m512 ar = _mm512_set1_ps(a[r]);
      for (int v = 0; v < nv; v++) acc[r][v] = _mm512_fmadd_ps(ar, bv[v], acc[r][v]);
    }
  }
  // A copy for the epilogue's row loop, so the accumulators themselves stay in registers.
  __m512 sums[MR][3];
#pragma clang loop unroll(full)
  for (int r = 0; r < MR; r++) {
    for (int v = 0; v < nv; v++) sums[r][v] = acc[r][v];
  }
  __mmask16 mask[3] = {dn_lanes(nr), dn_lanes(nr - 16), dn_lanes(nr - 32)};
  for (int r = 0; r < mr; r++) {
    size_t offset = at + (size_t)r * ldc;
    for (int v = 0; v < nv; v++) {
      __m512 x = sums[r][v];
      size_t o = offset + 16 * v;
      if (!first) x = _mm512_add_ps(_mm512_maskz_loadu_ps(mask[v], c + o), x);
      if (last) x = dn_finish(x, e, &e->act, row + r, o, mask[v]);
      _mm512_mask_storeu_ps(c + o, mask[v], x);
    }
  }
}

/// The last `cols` (1, 2, 4 or 8) columns of a panel for MR rows: eight rows in one 8-float
/// vector per column, so a narrow remainder costs `cols` multiply-adds per depth step instead of
/// a whole 16-column tile. Same sums in the same order as `tile`, and the same epilogue.
DN_AVX512 static inline __attribute__((always_inline)) void narrow(
  int cols, int kc, const float *a, const float *b, float *c, size_t at, int row, int ldc, int mr,
  int first, int last, const dn_epilogue *e
) {
  __m256 acc[8];
  for (int j = 0; j < cols; j++) acc[j] = _mm256_setzero_ps();
  for (int p = 0; p < kc; p++, a += MR, b += NR) {
    __m256 av = _mm256_loadu_ps(a);
    for (int j = 0; j < cols; j++) acc[j] = _mm256_fmadd_ps(av, _mm256_set1_ps(b[j]), acc[j]);
  }
  float sums[8][8];
  for (int j = 0; j < cols; j++) _mm256_storeu_ps(sums[j], acc[j]);
  for (int r = 0; r < mr; r++) {
    for (int j = 0; j < cols; j++) {
      size_t o = at + (size_t)r * ldc + j;
      float x = sums[j][r];
      if (!first) x = c[o] + x;
      if (last) x = dn_finish1(x, e, row + r, o);
      c[o] = x;
    }
  }
}

/// Writes `len` values src[ix + t·step] (zero outside [0, width), or all zero without `src`)
/// to columns j… of row p of the packed block (panels of NR columns, kc rows each).
DN_AVX512 static inline void put_run(
  float *panels, int kc, int p, int j, const float *src, int ix, int step, int width, int len
) {
  const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
  while (len > 0) {
    int at = j % NR, chunk = len < 16 ? len : 16;
    if (chunk > NR - at) chunk = NR - at;
    float *d = panels + (size_t)(j / NR) * kc * NR + (size_t)p * NR + at;
    __m512 v = _mm512_setzero_ps();
    if (src && step == 1) {
      v = _mm512_maskz_loadu_ps(dn_inside(ix, width) & dn_lanes(chunk), src + ix);
    } else if (src && step == 2) {
      __m512 lo = _mm512_maskz_loadu_ps(dn_inside(ix, width), src + ix);
      __m512 hi = _mm512_maskz_loadu_ps(dn_inside(ix + 16, width), src + ix + 16);
      v = _mm512_permutex2var_ps(lo, even, hi);
    } else if (src) {
      float values[16];
      for (int t = 0; t < chunk; t++) {
        int i = ix + t * step;
        values[t] = i >= 0 && i < width ? src[i] : 0.0f;
      }
      v = _mm512_maskz_loadu_ps(dn_lanes(chunk), values);
    }
    _mm512_mask_storeu_ps(d, dn_lanes(chunk), v);
    j += chunk;
    ix += chunk * step;
    len -= chunk;
  }
}

/// Packs rows pc…pc+kc and columns jc…jc+nc of the matrix im2col would make from `in` (row
/// (channel, ky, kx), column (oy, ox)) into panels like pack_b, zero-padded on the right.
DN_AVX512 static void pack_conv(const dn_conv_input *in, int pc, int kc, int jc, int nc, float *dst) {
  int taps = in->kh * in->kw;
  for (int p = 0; p < kc; p++) {
    int k = pc + p, ch = k / taps, ky = (k % taps) / in->kw, kx = k % in->kw;
    const float *plane = in->x + (size_t)ch * in->h * in->w;
    int dy = ky * in->dilation_h - in->top, dx = kx * in->dilation_w - in->left;
    int n = jc, j = 0;
    while (n < jc + nc) {
      int oy = n / in->ow, ox = n % in->ow;
      int run = in->ow - ox < jc + nc - n ? in->ow - ox : jc + nc - n;
      int iy = oy * in->stride_h + dy;
      const float *src = iy >= 0 && iy < in->h ? plane + (size_t)iy * in->w : NULL;
      put_run(dst, kc, p, j, src, ox * in->stride_w + dx, in->stride_w, in->w, run);
      n += run;
      j += run;
    }
    int padded = (nc + NR - 1) / NR * NR;
    if (j < padded) put_run(dst, kc, p, j, NULL, 0, 1, 0, padded - j);
  }
}

/// Packed-B scratch, one per thread, grown when a call needs more.
static _Thread_local float *scratch;
static _Thread_local size_t scratch_count;

/// The five loops, B from a matrix (`conv` NULL) or from a convolution's input; columns
/// first…first+columns of c.
DN_AVX512 static inline __attribute__((always_inline)) void drive(
  int m, int first_column, int columns, int k, const float *packed_a, const float *b, int ldb,
  const dn_conv_input *conv, float *c, int ldc, const dn_epilogue *e
) {
  // Shallow products take wide column blocks: each tile row then streams along a long
  // stretch of c instead of hopping between many short ones.
  int kc_max = k < KC ? k : KC;
  int block = (int)(NC_BYTES / sizeof(float) / (size_t)kc_max) / NR * NR;
  if (block < NC) block = NC;
  size_t need = (size_t)kc_max * (size_t)((block + NR - 1) / NR) * NR;
  if (scratch_count < need) {
    free(scratch);
    scratch = aligned_alloc(64, need * sizeof(float));
    scratch_count = scratch ? need : 0;
    if (!scratch) abort();  // out of memory, as Swift's own allocations treat it
  }
  int n = first_column + columns;
  for (int jc = first_column; jc < n; jc += block) {
    int nc = n - jc < block ? n - jc : block;
    for (int pc = 0; pc < k; pc += KC) {
      int kc = k - pc < KC ? k - pc : KC;
      int first = pc == 0, last = pc + kc == k;
      if (conv) pack_conv(conv, pc, kc, jc, nc, scratch);
      else pack_b(b + (size_t)pc * ldb + jc, ldb, kc, nc, scratch);
      for (int ic = 0; ic < m; ic += MC) {
        int mc = m - ic < MC ? m - ic : MC;
        for (int jr = 0; jr < nc; jr += NR) {
          int nr = nc - jr < NR ? nc - jr : NR;
          const float *panel = scratch + (size_t)(jr / NR) * kc * NR;
          for (int ir = 0; ir < mc; ir += MR) {
            int row = ic + ir, mr = mc - ir < MR ? mc - ir : MR;
            const float *a = packed_a + (size_t)(row / MR) * MR * k + (size_t)pc * MR;
            size_t at = (size_t)row * ldc + jc + jr;
            // The last panel of a block may be narrower: whole vectors as a smaller tile, the
            // rest as narrow columns.
            int full = nr / 16 * 16;
            if (full == 48) tile(3, kc, a, panel, c, at, row, ldc, mr, nr, first, last, e);
            else if (full == 32) tile(2, kc, a, panel, c, at, row, ldc, mr, full, first, last, e);
            else if (full == 16) tile(1, kc, a, panel, c, at, row, ldc, mr, full, first, last, e);
            for (int j = full; j < nr;) {
              int cols = nr - j >= 8 ? 8 : nr - j >= 4 ? 4 : nr - j >= 2 ? 2 : 1;
              if (cols == 8) narrow(8, kc, a, panel + j, c, at + j, row, ldc, mr, first, last, e);
              else if (cols == 4) narrow(4, kc, a, panel + j, c, at + j, row, ldc, mr, first, last, e);
              else if (cols == 2) narrow(2, kc, a, panel + j, c, at + j, row, ldc, mr, first, last, e);
              else narrow(1, kc, a, panel + j, c, at + j, row, ldc, mr, first, last, e);
              j += cols;
            }
          }
        }
      }
    }
  }
}

DN_AVX512 void dn_gemm_packed(
  int m, int n, int k, const float *packed_a, const float *b, int ldb, float *c, int ldc, const dn_epilogue *epilogue
) {
  drive(m, 0, n, k, packed_a, b, ldb, NULL, c, ldc, epilogue);
}

DN_AVX512 void dn_conv_packed(
  int m, const float *packed_a, const dn_conv_input *input, int first_column, int columns, float *c, int ldc,
  const dn_epilogue *epilogue
) {
  int k = input->channels * input->kh * input->kw;
  drive(m, first_column, columns, k, packed_a, NULL, 0, input, c, ldc, epilogue);
}

#endif
