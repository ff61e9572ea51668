// The only C++ in DeltaNN: libonnx's checker and shape inference behind a C interface.
// Every C++ exception is caught here; Swift sees a status code and malloc'ed text.
#include "onnx_checker.h"
#include <onnx/checker.h>
#include <onnx/defs/schema.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <climits>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>

namespace {

char *copy(const std::string &text) {
  char *p = static_cast<char *>(std::malloc(text.size() + 1));
  if (p) std::memcpy(p, text.c_str(), text.size() + 1);
  return p;
}

int max_opset() {
  return onnx::OpSchemaRegistry::DomainToVersionRange::Instance().Map().at(onnx::ONNX_DOMAIN).second;
}

/// Parses `bytes`, then refuses models newer than this libonnx with a clear sentence.
int parse_and_gate(const void *bytes, size_t length, onnx::ModelProto &model, char **message) {
  if (length > static_cast<size_t>(INT_MAX)) {
    *message = copy("the model is larger than 2 GiB inline; libonnx cannot parse it (write it with external data)");
    return DELTANN_CHECK_CANNOT_CHECK;
  }
  if (!model.ParseFromArray(bytes, static_cast<int>(length))) {
    *message = copy("libonnx cannot parse the bytes as a ModelProto");
    return DELTANN_CHECK_UNPARSABLE;
  }
  long long opset = 0;
  for (const auto &o : model.opset_import()) {
    if (o.domain().empty() || o.domain() == "ai.onnx") opset = o.version();
  }
  const long long ir = model.ir_version();
  if (ir > onnx::IR_VERSION || opset > max_opset()) {
    *message = copy("checker knows IR " + std::to_string(onnx::IR_VERSION) + " / opset " +
                    std::to_string(max_opset()) + "; this model is IR " + std::to_string(ir) +
                    " / opset " + std::to_string(opset));
    return DELTANN_CHECK_CANNOT_CHECK;
  }
  return DELTANN_CHECK_OK;
}

}  // namespace

extern "C" int deltann_checker_max_ir_version(void) { return onnx::IR_VERSION; }

extern "C" int deltann_checker_max_opset(void) {
  try {
    return max_opset();
  } catch (...) {
    return 0;
  }
}

extern "C" int deltann_check_model(const void *bytes, size_t length, const char *model_path, char **message) {
  *message = nullptr;
  try {
    onnx::ModelProto model;
    int status = parse_and_gate(bytes, length, model, message);
    if (status != DELTANN_CHECK_OK) return status;
    if (model_path) {
      onnx::checker::check_model(std::string(model_path));
    } else {
      onnx::checker::check_model(model);
    }
    return DELTANN_CHECK_OK;
  } catch (const std::exception &e) {
    *message = copy(e.what());
  } catch (...) {
    *message = copy("libonnx threw an unknown C++ exception");
  }
  return DELTANN_CHECK_INVALID;
}

extern "C" int deltann_infer_shapes(const void *bytes, size_t length, int strict, void **out, size_t *out_length,
                                    char **message) {
  *message = nullptr;
  *out = nullptr;
  *out_length = 0;
  try {
    onnx::ModelProto model;
    int status = parse_and_gate(bytes, length, model, message);
    if (status != DELTANN_CHECK_OK) return status;
    onnx::ShapeInferenceOptions options(/*check_type=*/true, /*error_mode=*/strict ? 1 : 0,
                                        /*enable_data_propagation=*/false);
    onnx::shape_inference::InferShapes(model, onnx::OpSchemaRegistry::Instance(), options);
    std::string serialized;
    if (!model.SerializeToString(&serialized)) {
      *message = copy("libonnx could not serialize the inferred model");
      return DELTANN_CHECK_INVALID;
    }
    void *buffer = std::malloc(serialized.size() ? serialized.size() : 1);
    if (!buffer) {
      *message = copy("out of memory");
      return DELTANN_CHECK_INVALID;
    }
    std::memcpy(buffer, serialized.data(), serialized.size());
    *out = buffer;
    *out_length = serialized.size();
    return DELTANN_CHECK_OK;
  } catch (const std::exception &e) {
    *message = copy(e.what());
  } catch (...) {
    *message = copy("libonnx threw an unknown C++ exception");
  }
  return DELTANN_CHECK_INVALID;
}
