// Hand-written AVX-512 float32 kernels for the interpreter's hot paths: a matrix product
// whose left operand (convolution weights) is packed once, and 3×3 depthwise convolution,
// both applying bias, then a per-channel scale, then an activation before storing a result.
// Callers check dn_cpu_has_avx512() and fall back to their portable code otherwise.
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

/// Whether this CPU runs the kernels below.
int dn_cpu_has_avx512(void);

/// Floats needed to pack an m×k row-major matrix with dn_gemm_pack_a.
size_t dn_gemm_packed_a_count(int m, int k);

/// Packs `a` (m×k, row stride lda) into row blocks of 8, zero-padded.
void dn_gemm_pack_a(const float *a, int lda, int m, int k, float *packed);

/// c[m×n] = epilogue(packed_a · b) by row, b row-major k×n (row stride ldb), c row stride ldc
/// (the epilogue's extra outputs too). Requires k ≥ 1. Each element's sum runs
/// over k in the same order whatever n is, so splitting the columns among threads gives
/// identical results.
void dn_gemm_packed(int m, int n, int k, const float *packed_a, const float *b, int ldb,
                    float *c, int ldc, const dn_epilogue *epilogue);

/// A convolution's input read in place as the k×n matrix im2col would make: row
/// (channel, ky, kx) of k = channels·kh·kw, column (oy, ox) of n = oh·ow, zero in the padding.
typedef struct {
  const float *x;  // channels × h × w
  int channels, h, w, kh, kw;
  int stride_h, stride_w, dilation_h, dilation_w, top, left;
  int oh, ow;
} dn_conv_input;

/// Columns first_column…first_column+columns of c[m×n] = epilogue(packed_a · im2col(input)),
/// c (and the epilogue's extra outputs) pointing at column 0 (row stride ldc), without building
/// the im2col matrix. Same order of sums as dn_gemm_packed.
void dn_conv_packed(int m, const float *packed_a, const dn_conv_input *input, int first_column,
                    int columns, float *c, int ldc, const dn_epilogue *epilogue);

/// Output channels first..<first+count of a 3×3 depthwise convolution, stride 1 or 2, no
/// dilation, one batch item: channel c reads input plane c / multiplier of `x` (h×w planes)
/// and its filter weights[9c…], and writes plane c − first of `y` (oh×ow planes):
/// y[oy, ox] = epilogue(Σ w[ky, kx] · x[oy·s − top + ky, ox·s − left + kx]) for channel c, zero
/// outside x (the bottom and right padding follow from oh and ow). The epilogue's bias and
/// scale are indexed by channel; its extra outputs are laid out like y.
void dn_depthwise3x3(const float *x, int h, int w, int top, int left, int stride, int multiplier,
                     int first, int count, const float *weights, float *y, int oh, int ow,
                     const dn_epilogue *epilogue);

/// Max pooling of `planes` h×w planes with a kh×kw window, the same stride 1 or 2 on both
/// axes, no dilation: y[oy, ox] = max of x[oy·s − top + ky, ox·s − left + kx] inside x (−∞ for
/// a window entirely outside), compared as `v >= m ? v : m` in row-major window order.
void dn_maxpool2d(const float *x, int planes, int h, int w, int top, int left, int kh, int kw,
                  int stride, float *y, int oh, int ow);

#ifdef __cplusplus
}
#endif

#endif
