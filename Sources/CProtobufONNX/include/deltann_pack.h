#ifndef DELTANN_PACK_H
#define DELTANN_PACK_H

#include <stddef.h>
#include "onnx/onnx.pb-c.h"

/// Serializes `model` straight into the open file `fd` through a 1 MiB buffer; large byte
/// fields (tensor raw_data) are written from their own memory, never copied into one big array.
/// Returns 0, or the errno of the failed write.
int deltann_pack_model_to_fd(const Onnx__ModelProto *model, int fd);

#endif
