#ifndef DELTANN_ONNX_CHECKER_H
#define DELTANN_ONNX_CHECKER_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The IR version and default-domain opset this libonnx build knows.
int deltann_checker_max_ir_version(void);
int deltann_checker_max_opset(void);

#ifdef __cplusplus
}
#endif
#endif
