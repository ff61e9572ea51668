#ifndef DELTANN_ONNX_CHECKER_H
#define DELTANN_ONNX_CHECKER_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Results of the functions below.
enum {
  DELTANN_CHECK_OK = 0,
  /// The checker or shape inference rejected the model; `message` says why.
  DELTANN_CHECK_INVALID = 1,
  /// The model is newer than this libonnx (IR or default-domain opset); `message` says which.
  DELTANN_CHECK_CANNOT_CHECK = 2,
  /// The bytes are not a ModelProto.
  DELTANN_CHECK_UNPARSABLE = 3,
};

/// The IR version and default-domain opset this libonnx build knows.
int deltann_checker_max_ir_version(void);
int deltann_checker_max_opset(void);

/// Runs `onnx::checker::check_model` on a serialized model: `bytes`, or when `bytes` is NULL the
/// file at `model_path`. `model_path` (may be NULL) also says where external data lives.
/// `*message` receives malloc'ed text (free it) or NULL.
int deltann_check_model(const void *bytes, size_t length, const char *model_path, char **message);

/// Runs `onnx::shape_inference::InferShapes` (types checked, node errors raised when `strict`) on
/// `bytes`, or when `bytes` is NULL on the file at `model_path`. On success `*out`/`*out_length`
/// receive the malloc'ed serialized model with value_info added; with `value_info_only` the
/// result keeps only the graph's inputs, outputs and value_info (no nodes, no weights).
int deltann_infer_shapes(const void *bytes, size_t length, const char *model_path, int strict, int value_info_only,
                         void **out, size_t *out_length, char **message);

#ifdef __cplusplus
}
#endif
#endif
