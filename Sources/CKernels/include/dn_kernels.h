// Hand-written float32 kernels for the interpreter's hot paths, one set per instruction-set
// level (AVX-512, AVX2+FMA, NEON) written once over a small vector vocabulary: a matrix product
// whose left operand (convolution weights) is packed once, convolution windows packed straight
// from the input, 3×3 depthwise convolution, all applying bias, a per-channel scale and shift,
// then an activation before storing a result; and 2-D max pooling. Callers pick a set with
// dn_kernel_set_for() and fall back to their portable code when it returns NULL.
#ifndef DN_KERNELS_H
#define DN_KERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Elementwise activation applied to each stored value. The comparisons mirror the
/// interpreter's unfused kernels exactly (NaN propagates, max(-0, 0) is +0).
typedef enum {
  DN_ACTIVATION_NONE = 0,
  DN_ACTIVATION_RELU = 1,       // 0 >= x ? 0 : x
  DN_ACTIVATION_CLIP = 2,       // t = lo >= x ? lo : x; hi < t ? hi : t
  DN_ACTIVATION_LEAKY_RELU = 3  // x >= 0 ? x : alpha * x
} dn_activation_kind;

typedef struct {
  dn_activation_kind kind;
  float lo, hi, alpha;
} dn_activation;

/// What happens to a finished value before it is stored: + bias[channel], then · scale[channel],
/// then + shift[channel], then the activation (bias, scale and shift may be NULL). `biased` and
/// `scaled`, when not NULL, also receive the value after the bias and after the scale and shift,
/// laid out like the output, for runs that capture those intermediate tensors.
typedef struct {
  const float *bias, *scale, *shift;
  dn_activation act;
  float *biased, *scaled;
} dn_epilogue;

/// A convolution's input read in place as the k×n matrix im2col would make: row
/// (channel, ky, kx) of k = channels·kh·kw, column (oy, ox) of n = oh·ow, zero in the padding.
typedef struct {
  const float *x;  // channels × h × w
  int channels, h, w, kh, kw;
  int stride_h, stride_w, dilation_h, dilation_w, top, left;
  int oh, ow;
} dn_conv_input;

/// Instruction-set levels with a kernel set. PORTABLE has none: callers use their own code.
typedef enum { DN_ISA_PORTABLE = 0, DN_ISA_AVX2 = 1, DN_ISA_AVX512 = 2, DN_ISA_NEON = 3 } dn_isa;

/// One level's kernels. Every set computes each element's sums in the same order (k ascending,
/// fused multiply-adds), so their results agree to within rounding of the horizontal adds they
/// never do: the sets give identical bits on the same inputs in practice, and the tests hold
/// them to the portable code within a float tolerance.
typedef struct {
  dn_isa isa;
  /// c[m×n] = epilogue(packed_a · b) by row, b row-major k×n (row stride ldb), c row stride ldc
  /// (the epilogue's extra outputs too). Requires k ≥ 1. Each element's sum runs over k in the
  /// same order whatever n is, so splitting the columns among threads gives identical results.
  void (*gemm_packed)(int m, int n, int k, const float *packed_a, const float *b, int ldb, float *c, int ldc,
                      const dn_epilogue *epilogue);
  /// Columns first_column…first_column+columns of c[m×n] = epilogue(packed_a · im2col(input)),
  /// c (and the epilogue's extra outputs) pointing at column 0 (row stride ldc), without building
  /// the im2col matrix. Same order of sums as gemm_packed.
  void (*conv_packed)(int m, const float *packed_a, const dn_conv_input *input, int first_column, int columns,
                      float *c, int ldc, const dn_epilogue *epilogue);
  /// Output channels first..<first+count of a 3×3 depthwise convolution, stride 1 or 2, no
  /// dilation, one batch item: channel c reads input plane c / multiplier of `x` (h×w planes)
  /// and its filter weights[9c…], and writes plane c − first of `y` (oh×ow planes):
  /// y[oy, ox] = epilogue(Σ w[ky, kx] · x[oy·s − top + ky, ox·s − left + kx]) for channel c, zero
  /// outside x (the bottom and right padding follow from oh and ow). The epilogue's bias and
  /// scale are indexed by channel; its extra outputs are laid out like y.
  void (*depthwise3x3)(const float *x, int h, int w, int top, int left, int stride, int multiplier, int first,
                       int count, const float *weights, float *y, int oh, int ow, const dn_epilogue *epilogue);
  /// Max pooling of `planes` h×w planes with a kh×kw window, the same stride 1 or 2 on both
  /// axes, no dilation: y[oy, ox] = max of x[oy·s − top + ky, ox·s − left + kx] inside x (−∞ for
  /// a window entirely outside), compared as `v >= m ? v : m` in row-major window order.
  void (*maxpool2d)(const float *x, int planes, int h, int w, int top, int left, int kh, int kw, int stride,
                    float *y, int oh, int ow);
} dn_kernel_set;

/// The kernels of `isa` when this build has them and this CPU runs them, else NULL.
const dn_kernel_set *dn_kernel_set_for(dn_isa isa);

/// The widest level this CPU runs (PORTABLE when none).
dn_isa dn_best_isa(void);

/// Rows of A packed together; the same for every level, so one packed matrix serves all.
enum { DN_MR = 8 };

/// Floats needed to pack an m×k row-major matrix with dn_gemm_pack_a.
size_t dn_gemm_packed_a_count(int m, int k);

/// Packs `a` (m×k, row stride lda) into row blocks of DN_MR, zero-padded.
void dn_gemm_pack_a(const float *a, int lda, int m, int k, float *packed);

#ifdef __cplusplus
}
#endif

#endif
