#include "onnx_checker.h"
#include <onnx/defs/schema.h>
#include <onnx/onnx_pb.h>

extern "C" int deltann_checker_max_ir_version(void) { return onnx::IR_VERSION; }
extern "C" int deltann_checker_max_opset(void) {
  return onnx::OpSchemaRegistry::DomainToVersionRange::Instance().Map().at(onnx::ONNX_DOMAIN).second;
}
