// c = epilogue(A·B) with A packed once (convolution weights, dispatch.c packs it in blocks of
// DN_MR rows) and B packed per call in blocks that stay in cache: the usual five loops around a
// DN_TILE_ROWS × NR register tile of NV vectors. Written once over the vector vocabulary;
// each ISA's file includes it. Every element's sum runs over k in the same order, whatever the
// ISA's width, the tile or the column split, so all of them give the same bits.
#ifndef DN_BODY_GEMM_H
#define DN_BODY_GEMM_H

#include <stdlib.h>

// Unrolls the tile's row loops whichever compiler builds the kernels (the package uses clang,
// the AArch64 cross test GCC).
#if defined(__clang__)
#define DN_UNROLL _Pragma("clang loop unroll(full)")
#else
#define DN_UNROLL _Pragma("GCC unroll 8")
#endif

enum {
  NV = DN_TILE_VECTORS,  // vectors per tile row
  NR = NV * DN_W,    // columns of a packed B panel
  NV_MAX = 3,        // the widest tile row of any level: `tile` is sized for it, so every width compiles
  KC = 128,          // depth of one block: a KC×NR panel of B stays in L1
  MC = 256,          // rows of A per block (MC×KC floats stay in L2)
  NC = 768,          // columns of B packed at a time (KC×NC floats)…
  NC_BYTES = 512 * 1024,  // …or as many as fit here when the depth is small
};

/// Packs b[kc×nc] into panels of NR columns, each kc×NR contiguous, zero-padded on the right.
static void pack_b(const float *b, int ldb, int kc, int nc, float *dst) {
  for (int j = 0; j < nc; j += NR) {
    int width = nc - j < NR ? nc - j : NR;
    const float *src = b + j;
    for (int p = 0; p < kc; p++, dst += NR, src += ldb) {
      for (int v = 0; v < NV; v++) {
        int n = width - DN_W * v;
        v_store(dst + DN_W * v, n >= DN_W ? v_loadu(src + DN_W * v) : v_load_masked(v_lanes(n), src + DN_W * v, v_zero()));
      }
    }
  }
}

/// DN_TILE_ROWS rows (from row `r0` of a DN_MR-row block of packed A) × `nv` whole vectors over kc,
/// at element `at` of c: accumulates, adds what c already holds unless `first`, and applies the
/// epilogue when `last`. Stores only rows below `mr`. `nv` is a constant at every call, so each
/// width compiles to its own register-only loop.
static inline __attribute__((always_inline)) void tile(
  int nv, int kc, const float *a, const float *b, float *c, size_t at, int row, int ldc, int mr,
  int first, int last, const dn_epilogue *e
) {
  vf acc[DN_TILE_ROWS][NV_MAX];
  for (int r = 0; r < DN_TILE_ROWS; r++) for (int v = 0; v < nv; v++) acc[r][v] = v_zero();
  for (int p = 0; p < kc; p++, a += DN_MR, b += NR) {
    vf bv[NV_MAX];
    for (int v = 0; v < nv; v++) bv[v] = v_load(b + DN_W * v);
DN_UNROLL
    for (int r = 0; r < DN_TILE_ROWS; r++) {
      vf ar = v_set1(a[r]);
      for (int v = 0; v < nv; v++) acc[r][v] = v_fma(ar, bv[v], acc[r][v]);
    }
  }
  // A copy for the epilogue's row loop, so the accumulators themselves stay in registers.
  vf sums[DN_TILE_ROWS][NV_MAX];
DN_UNROLL
  for (int r = 0; r < DN_TILE_ROWS; r++) for (int v = 0; v < nv; v++) sums[r][v] = acc[r][v];
  for (int r = 0; r < mr && r < DN_TILE_ROWS; r++) {
    size_t offset = at + (size_t)r * ldc;
    for (int v = 0; v < nv; v++) {
      vf x = sums[r][v];
      size_t o = offset + DN_W * v;
      if (!first) x = v_add(v_loadu(c + o), x);
      if (last) x = finish(x, e, &e->act, row + r, o, DN_W);
      v_storeu(c + o, x);
    }
  }
}

/// The last `cols` (1, 2, 4 or 8) columns of a panel for a DN_MR-row block: eight rows in one
/// 8-float vector per column, so a narrow remainder costs `cols` multiply-adds per depth step
/// instead of a whole tile. Same sums in the same order as `tile`, and the same epilogue.
static inline __attribute__((always_inline)) void narrow(
  int cols, int kc, const float *a, const float *b, float *c, size_t at, int row, int ldc, int mr,
  int first, int last, const dn_epilogue *e
) {
  v8 acc[8];
  for (int j = 0; j < cols; j++) acc[j] = v8_zero();
  for (int p = 0; p < kc; p++, a += DN_MR, b += NR) {
    v8 av = v8_loadu(a);
    for (int j = 0; j < cols; j++) acc[j] = v8_fma(av, b[j], acc[j]);
  }
  float sums[8][8];
  for (int j = 0; j < cols; j++) v8_storeu(sums[j], acc[j]);
  for (int r = 0; r < mr; r++) {
    for (int j = 0; j < cols; j++) {
      size_t o = at + (size_t)r * ldc + j;
      float x = sums[j][r];
      if (!first) x = c[o] + x;
      if (last) x = finish1(x, e, row + r, o);
      c[o] = x;
    }
  }
}

/// Writes `len` values src[ix + t·step] (zero outside [0, width), or all zero without `src`)
/// to columns j… of row p of the packed block (panels of NR columns, kc rows each).
static inline void put_run(float *panels, int kc, int p, int j, const float *src, int ix, int step, int width, int len) {
  while (len > 0) {
    int at = j % NR, chunk = len < DN_W ? len : DN_W;
    if (chunk > NR - at) chunk = NR - at;
    float *d = panels + (size_t)(j / NR) * kc * NR + (size_t)p * NR + at;
    vf v = v_zero();
    if (src && step == 1) {
      vmask inside = v_inside(ix, width);
      v = v_all(inside) ? v_loadu(src + ix) : v_load_masked(inside, src + ix, v_zero());
    } else if (src && step == 2) {
      vmask in0 = v_inside(ix, width), in1 = v_inside(ix + DN_W, width);
      vf lo = v_all(in0) ? v_loadu(src + ix) : v_load_masked(in0, src + ix, v_zero());
      vf hi = v_all(in1) ? v_loadu(src + ix + DN_W) : v_load_masked(in1, src + ix + DN_W, v_zero());
      v = v_even(lo, hi);
    } else if (src) {
      float values[DN_W];
      for (int t = 0; t < DN_W; t++) {
        int i = ix + t * step;
        values[t] = t < chunk && i >= 0 && i < width ? src[i] : 0.0f;
      }
      v = v_loadu(values);
    }
    store_first(d, v, chunk);
    j += chunk;
    ix += chunk * step;
    len -= chunk;
  }
}

/// Packs rows pc…pc+kc and columns jc…jc+nc of the matrix im2col would make from `in` (row
/// (channel, ky, kx), column (oy, ox)) into panels like pack_b, zero-padded on the right.
static void pack_conv(const dn_conv_input *in, int pc, int kc, int jc, int nc, float *dst) {
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

/// One panel of packed B against rows ir… of a block: whole vectors as tiles of DN_TILE_ROWS
/// rows, the rest as narrow columns.
static inline __attribute__((always_inline)) void panel(
  int nr, int kc, const float *a, const float *b, float *c, size_t at, int row, int ldc, int mr,
  int first, int last, const dn_epilogue *e
) {
  int full = nr / DN_W;  // whole vectors, at most NV
  for (int r0 = 0; r0 < mr; r0 += DN_TILE_ROWS) {
    const float *ar = a + r0;
    size_t o = at + (size_t)r0 * ldc;
    if (full == 3) tile(3, kc, ar, b, c, o, row + r0, ldc, mr - r0, first, last, e);
    else if (full == 2) tile(2, kc, ar, b, c, o, row + r0, ldc, mr - r0, first, last, e);
    else if (full == 1) tile(1, kc, ar, b, c, o, row + r0, ldc, mr - r0, first, last, e);
  }
  for (int j = full * DN_W; j < nr;) {
    int cols = nr - j >= 8 ? 8 : nr - j >= 4 ? 4 : nr - j >= 2 ? 2 : 1;
    if (cols == 8) narrow(8, kc, a, b + j, c, at + j, row, ldc, mr, first, last, e);
    else if (cols == 4) narrow(4, kc, a, b + j, c, at + j, row, ldc, mr, first, last, e);
    else if (cols == 2) narrow(2, kc, a, b + j, c, at + j, row, ldc, mr, first, last, e);
    else narrow(1, kc, a, b + j, c, at + j, row, ldc, mr, first, last, e);
    j += cols;
  }
}

/// The five loops, B from a matrix (`conv` NULL) or from a convolution's input; columns
/// first…first+columns of c.
static inline __attribute__((always_inline)) void drive(
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
          const float *b_panel = scratch + (size_t)(jr / NR) * kc * NR;
          for (int ir = 0; ir < mc; ir += DN_MR) {
            int row = ic + ir, mr = mc - ir < DN_MR ? mc - ir : DN_MR;
            const float *a = packed_a + (size_t)(row / DN_MR) * DN_MR * k + (size_t)pc * DN_MR;
            panel(nr, kc, a, b_panel, c, (size_t)row * ldc + jc + jr, row, ldc, mr, first, last, e);
          }
        }
      }
    }
  }
}

static void DN_SUFFIX(gemm_packed)(
  int m, int n, int k, const float *packed_a, const float *b, int ldb, float *c, int ldc, const dn_epilogue *epilogue
) {
  drive(m, 0, n, k, packed_a, b, ldb, NULL, c, ldc, epilogue);
}

static void DN_SUFFIX(conv_packed)(
  int m, const float *packed_a, const dn_conv_input *input, int first_column, int columns, float *c, int ldc,
  const dn_epilogue *epilogue
) {
  int k = input->channels * input->kh * input->kw;
  drive(m, first_column, columns, k, packed_a, NULL, 0, input, c, ldc, epilogue);
}

#endif
