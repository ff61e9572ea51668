// DN_TARGET_BEGIN("isa,…") … DN_TARGET_END compiles every function between them for that
// instruction set (the intrinsics headers must come before), with clang or GCC.
#ifndef DN_TARGET_BEGIN_H
#define DN_TARGET_BEGIN_H

#define DN_PRAGMA(x) _Pragma(#x)
#if defined(__clang__)
#define DN_TARGET_BEGIN(isa) DN_PRAGMA(clang attribute push(__attribute__((target(isa))), apply_to = function))
#define DN_TARGET_END DN_PRAGMA(clang attribute pop)
#else
#define DN_TARGET_BEGIN(isa) DN_PRAGMA(GCC push_options) DN_PRAGMA(GCC target(isa))
#define DN_TARGET_END DN_PRAGMA(GCC pop_options)
#endif

#endif
