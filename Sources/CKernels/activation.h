// The activation epilogue shared by the kernels, on 16 floats at a time.
#ifndef DN_ACTIVATION_H
#define DN_ACTIVATION_H

#include "dn_kernels.h"
#include "lanes.h"

/// act(x), with the same comparisons as the interpreter's scalar kernels so fused and unfused
/// runs agree bit for bit (NaN stays NaN; relu(−0) is +0).
DN_AVX512 static inline __m512 dn_activate(__m512 x, const dn_activation *act) {
  switch (act->kind) {
  case DN_ACTIVATION_NONE:
    return x;
  case DN_ACTIVATION_RELU: {
    __m512 zero = _mm512_setzero_ps();
    return _mm512_mask_mov_ps(x, _mm512_cmp_ps_mask(zero, x, _CMP_GE_OQ), zero);
  }
  case DN_ACTIVATION_CLIP: {
    __m512 lo = _mm512_set1_ps(act->lo), hi = _mm512_set1_ps(act->hi);
    __m512 t = _mm512_mask_mov_ps(x, _mm512_cmp_ps_mask(lo, x, _CMP_GE_OQ), lo);
    return _mm512_mask_mov_ps(t, _mm512_cmp_ps_mask(hi, t, _CMP_LT_OQ), hi);
  }
  case DN_ACTIVATION_LEAKY_RELU: {
    __m512 scaled = _mm512_mul_ps(x, _mm512_set1_ps(act->alpha));
    return _mm512_mask_mov_ps(scaled, _mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_GE_OQ), x);
  }
  }
  return x;
}

/// The same activation on one float, with the same comparisons.
static inline float dn_activate1(float x, const dn_activation *act) {
  switch (act->kind) {
  case DN_ACTIVATION_NONE:
    return x;
  case DN_ACTIVATION_RELU:
    return 0.0f >= x ? 0.0f : x;
  case DN_ACTIVATION_CLIP: {
    float t = act->lo >= x ? act->lo : x;
    return act->hi < t ? act->hi : t;
  }
  case DN_ACTIVATION_LEAKY_RELU:
    return x >= 0.0f ? x : x * act->alpha;
  }
  return x;
}

/// The whole epilogue on sixteen values of `channel`, element `at` of the outputs (lanes
/// `lanes`): + bias, the biased copy, · scale, + shift, the scaled copy, then `act` (the
/// epilogue's own activation, or a copy whose kind the caller made a constant).
DN_AVX512 static inline __m512 dn_finish(
  __m512 x, const dn_epilogue *e, const dn_activation *act, int channel, size_t at, __mmask16 lanes
) {
  if (e->bias) x = _mm512_add_ps(x, _mm512_set1_ps(e->bias[channel]));
  if (e->biased) _mm512_mask_storeu_ps(e->biased + at, lanes, x);
  if (e->scale) x = _mm512_mul_ps(x, _mm512_set1_ps(e->scale[channel]));
  if (e->shift) x = _mm512_add_ps(x, _mm512_set1_ps(e->shift[channel]));
  if (e->scaled) _mm512_mask_storeu_ps(e->scaled + at, lanes, x);
  return dn_activate(x, act);
}

/// The same on one value.
static inline float dn_finish1(float x, const dn_epilogue *e, int channel, size_t at) {
  if (e->bias) x = x + e->bias[channel];
  if (e->biased) e->biased[at] = x;
  if (e->scale) x = x * e->scale[channel];
  if (e->shift) x = x + e->shift[channel];
  if (e->scaled) e->scaled[at] = x;
  return dn_activate1(x, &e->act);
}

#endif
