// The activation epilogue every kernel applies before it stores a value, written once over the
// vector vocabulary (isa/vec_*.h) and included by each ISA's file.
#ifndef DN_BODY_EPILOGUE_H
#define DN_BODY_EPILOGUE_H

/// act(x), with the same comparisons as the interpreter's scalar kernels so fused and unfused
/// runs agree bit for bit (NaN stays NaN; relu(−0) is +0).
static inline vf activate(vf x, const dn_activation *act) {
  switch (act->kind) {
  case DN_ACTIVATION_NONE:
    return x;
  case DN_ACTIVATION_RELU:
    return v_select_ge(v_zero(), x, v_zero(), x);
  case DN_ACTIVATION_CLIP: {
    vf lo = v_set1(act->lo), hi = v_set1(act->hi);
    vf t = v_select_ge(lo, x, lo, x);
    return v_select_lt(hi, t, hi, t);
  }
  case DN_ACTIVATION_LEAKY_RELU:
    return v_select_ge(x, v_zero(), x, v_mul(x, v_set1(act->alpha)));
  }
  return x;
}

/// The same activation on one float, with the same comparisons.
static inline float activate1(float x, const dn_activation *act) {
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

/// Stores the first `n` lanes of `x` at `p` (all of them when n ≥ DN_W).
static inline void store_first(float *p, vf x, int n) {
  if (n >= DN_W) v_storeu(p, x);
  else v_store_masked(p, v_lanes(n), x);
}

/// The whole epilogue on a vector of `channel`, element `at` of the outputs (its first `n`
/// lanes are real): + bias, the biased copy, · scale, + shift, the scaled copy, then `act` (the
/// epilogue's own activation, or a copy whose kind the caller made a constant).
static inline vf finish(vf x, const dn_epilogue *e, const dn_activation *act, int channel, size_t at, int n) {
  if (e->bias) x = v_add(x, v_set1(e->bias[channel]));
  if (e->biased) store_first(e->biased + at, x, n);
  if (e->scale) x = v_mul(x, v_set1(e->scale[channel]));
  if (e->shift) x = v_add(x, v_set1(e->shift[channel]));
  if (e->scaled) store_first(e->scaled + at, x, n);
  return activate(x, act);
}

/// The same on one value.
static inline float finish1(float x, const dn_epilogue *e, int channel, size_t at) {
  if (e->bias) x = x + e->bias[channel];
  if (e->biased) e->biased[at] = x;
  if (e->scale) x = x * e->scale[channel];
  if (e->shift) x = x + e->shift[channel];
  if (e->scaled) e->scaled[at] = x;
  return activate1(x, &e->act);
}

#endif
