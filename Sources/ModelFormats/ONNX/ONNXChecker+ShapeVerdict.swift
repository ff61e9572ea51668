import CONNXChecker
import Foundation
import ModelGraph

extension ONNXChecker {
  /// Whether libonnx's shape inference accepts the model (`strict`: every node's shapes must be
  /// inferable), without decoding the inferred model back — so it also works on a model whose
  /// large weights were cut short for checking.
  public static func shapeInferenceVerdict(_ model: Model, strict: Bool = true) -> CheckVerdict {
    let bytes: [UInt8]
    do { bytes = try ONNXFile.encode(model) } catch { return .invalid("cannot serialize the model: \(error)") }
    var out: UnsafeMutableRawPointer?
    var length = 0
    var message: UnsafeMutablePointer<CChar>?
    let status = bytes.withUnsafeBytes {
      deltann_infer_shapes($0.baseAddress, $0.count, nil, strict ? 1 : 0, 1, &out, &length, &message)
    }
    free(out)
    let text = message.map { String(cString: $0) } ?? ""
    free(message)
    switch Int(status) {
    case DELTANN_CHECK_OK: return .valid
    case DELTANN_CHECK_CANNOT_CHECK: return .cannotCheck(text)
    default: return .invalid(text)
    }
  }
}
