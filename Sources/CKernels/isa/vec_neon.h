// The vector vocabulary of the kernel bodies on AArch64 NEON: 4 float lanes, masks as vectors of
// all-ones lanes. NEON has no fault-free masked load, so a partial load goes lane by lane.
#ifndef DN_VEC_NEON_H
#define DN_VEC_NEON_H

#include <arm_neon.h>

#define DN_W 4
#define DN_TILE_ROWS 8          // 8×3 sums + 3 B vectors + a broadcast fit the 32 registers
#define DN_TILE_VECTORS 3       // vectors per tile row
#define DN_SUFFIX(name) name##_neon

typedef float32x4_t vf;
typedef uint32x4_t vmask;

static inline vf v_zero(void) { return vdupq_n_f32(0.0f); }
static inline vf v_set1(float x) { return vdupq_n_f32(x); }
static inline vf v_load(const float *p) { return vld1q_f32(p); }
static inline vf v_loadu(const float *p) { return vld1q_f32(p); }
static inline void v_store(float *p, vf x) { vst1q_f32(p, x); }
static inline void v_storeu(float *p, vf x) { vst1q_f32(p, x); }
static inline vf v_add(vf a, vf b) { return vaddq_f32(a, b); }
static inline vf v_mul(vf a, vf b) { return vmulq_f32(a, b); }
static inline vf v_fma(vf a, vf b, vf c) { return vfmaq_f32(c, a, b); }

static inline int32x4_t v_iota(void) { const int32_t l[4] = {0, 1, 2, 3}; return vld1q_s32(l); }
static inline vmask v_lanes(int n) { return vcltq_s32(v_iota(), vdupq_n_s32(n)); }
static inline vmask v_inside(int start, int width) {
  int32_t l0 = -start, l1 = width - start;
  return vandq_u32(vcgeq_s32(v_iota(), vdupq_n_s32(l0)), vcltq_s32(v_iota(), vdupq_n_s32(l1)));
}
static inline int v_all(vmask m) { return vminvq_u32(m) == 0xFFFFFFFFu; }
static inline vf v_load_masked(vmask m, const float *p, vf fill) {
  if (v_all(m)) return vld1q_f32(p);
  uint32_t lanes[4];
  float values[4];
  vst1q_u32(lanes, m);
  vst1q_f32(values, fill);
  for (int l = 0; l < 4; l++) if (lanes[l]) values[l] = p[l];
  return vld1q_f32(values);
}
static inline void v_store_masked(float *p, vmask m, vf x) {
  uint32_t lanes[4];
  float values[4];
  vst1q_u32(lanes, m);
  vst1q_f32(values, x);
  for (int l = 0; l < 4; l++) if (lanes[l]) p[l] = values[l];
}

static inline vf v_select_ge(vf a, vf b, vf x, vf y) { return vbslq_f32(vcgeq_f32(a, b), x, y); }
static inline vf v_select_lt(vf a, vf b, vf x, vf y) { return vbslq_f32(vcltq_f32(a, b), x, y); }
static inline vf v_even(vf lo, vf hi) { return vuzp1q_f32(lo, hi); }
static inline vf v_odd(vf lo, vf hi) { return vuzp2q_f32(lo, hi); }

typedef struct { float32x4_t lo, hi; } v8;
static inline v8 v8_zero(void) { v8 r = {vdupq_n_f32(0.0f), vdupq_n_f32(0.0f)}; return r; }
static inline v8 v8_loadu(const float *p) { v8 r = {vld1q_f32(p), vld1q_f32(p + 4)}; return r; }
static inline v8 v8_fma(v8 a, float b, v8 c) {
  v8 r = {vfmaq_n_f32(c.lo, a.lo, b), vfmaq_n_f32(c.hi, a.hi, b)};
  return r;
}
static inline void v8_storeu(float *p, v8 x) { vst1q_f32(p, x.lo); vst1q_f32(p + 4, x.hi); }

#endif
