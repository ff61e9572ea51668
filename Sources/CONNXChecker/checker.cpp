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
#include <fstream>
#include <string>

// Exported by libonnx 1.12 but not declared in its headers: the check with a context, so the
// model's folder (for external data) can be set without parsing the file a second time.
namespace onnx {
namespace checker {
void check_model(const ModelProto &model, CheckerContext &ctx);
}
}  // namespace onnx

namespace {

char *copy(const std::string &text) {
  char *p = static_cast<char *>(std::malloc(text.size() + 1));
  if (p) std::memcpy(p, text.c_str(), text.size() + 1);
  return p;
}

int max_opset() {
  return onnx::OpSchemaRegistry::DomainToVersionRange::Instance().Map().at(onnx::ONNX_DOMAIN).second;
}

/// Parses `bytes` (or the file at `path` when `bytes` is NULL), then refuses models newer than
/// this libonnx with a clear sentence.
int parse_and_gate(const void *bytes, size_t length, const char *path, onnx::ModelProto &model, char **message) {
  if (bytes == nullptr && path != nullptr) {
    std::ifstream stream(path, std::ios::in | std::ios::binary);
    if (!stream || !model.ParseFromIstream(&stream)) {
      *message = copy(std::string("libonnx cannot read ") + path + " as a ModelProto");
      return DELTANN_CHECK_UNPARSABLE;
    }
  } else if (length > static_cast<size_t>(INT_MAX)) {
    *message = copy("the model is larger than 2 GiB inline; libonnx cannot parse it (write it with external data)");
    return DELTANN_CHECK_CANNOT_CHECK;
  } else if (!model.ParseFromArray(bytes, static_cast<int>(length))) {
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
    int status = parse_and_gate(bytes, length, model_path, model, message);
    if (status != DELTANN_CHECK_OK) return status;
    onnx::checker::CheckerContext context;
    if (model_path) {
      // As check_model(path) does: the folder with a trailing separator.
      std::string path(model_path);
      size_t slash = path.find_last_of("/");
      if (slash != std::string::npos) context.set_model_dir(path.substr(0, slash + 1));
    }
    onnx::checker::check_model(model, context);
    return DELTANN_CHECK_OK;
  } catch (const std::exception &e) {
    *message = copy(e.what());
  } catch (...) {
    *message = copy("libonnx threw an unknown C++ exception");
  }
  return DELTANN_CHECK_INVALID;
}

extern "C" int deltann_infer_shapes(const void *bytes, size_t length, const char *model_path, int strict,
                                    int value_info_only, void **out, size_t *out_length, char **message) {
  *message = nullptr;
  *out = nullptr;
  *out_length = 0;
  try {
    onnx::ModelProto model;
    int status = parse_and_gate(bytes, length, model_path, model, message);
    if (status != DELTANN_CHECK_OK) return status;
    onnx::ShapeInferenceOptions options(/*check_type=*/true, /*error_mode=*/strict ? 1 : 0,
                                        /*enable_data_propagation=*/false);
    onnx::shape_inference::InferShapes(model, onnx::OpSchemaRegistry::Instance(), options);
    if (value_info_only) {
      onnx::GraphProto *graph = model.mutable_graph();
      graph->clear_node();
      graph->clear_initializer();
      graph->clear_sparse_initializer();
      model.clear_functions();
      model.clear_training_info();
    }
    size_t size = model.ByteSizeLong();
    void *buffer = std::malloc(size ? size : 1);
    if (!buffer) {
      *message = copy("out of memory");
      return DELTANN_CHECK_INVALID;
    }
    if (size > static_cast<size_t>(INT_MAX) || !model.SerializeToArray(buffer, static_cast<int>(size))) {
      std::free(buffer);
      *message = copy("libonnx could not serialize the inferred model (over 2 GiB?)");
      return DELTANN_CHECK_INVALID;
    }
    *out = buffer;
    *out_length = size;
    return DELTANN_CHECK_OK;
  } catch (const std::exception &e) {
    *message = copy(e.what());
  } catch (...) {
    *message = copy("libonnx threw an unknown C++ exception");
  }
  return DELTANN_CHECK_INVALID;
}
