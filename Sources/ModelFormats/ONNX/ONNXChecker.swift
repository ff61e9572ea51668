import CONNXChecker
import Foundation
import ModelGraph

/// What libonnx's checker says about a model.
public enum CheckVerdict: Sendable, Hashable {
  case valid
  /// The checker rejected the model; the text is libonnx's.
  case invalid(String)
  /// The model is newer than the system libonnx (or too large for it) and was not checked.
  case cannotCheck(String)

  /// `valid`, `invalid` or `cannot check`.
  public var status: String {
    switch self {
    case .valid: "valid"
    case .invalid: "invalid"
    case .cannotCheck: "cannot check"
    }
  }

  public var message: String {
    switch self {
    case .valid: ""
    case .invalid(let m), .cannotCheck(let m): m
    }
  }
}

/// The system libonnx's model checker and shape inference (ONNX 1.12: IR 8, opset 17).
///
/// ```swift
/// let verdict = ONNXChecker.check(model)          // .valid, .invalid(why), .cannotCheck(why)
/// let typed = try ONNXChecker.inferShapes(model)  // value_info filled in
/// ```
public enum ONNXChecker {
  public static var knownIRVersion: Int { Int(deltann_checker_max_ir_version()) }
  public static var knownOpset: Int { Int(deltann_checker_max_opset()) }

  /// Checks a model by serializing it (tensors inline).
  public static func check(_ model: Model) -> CheckVerdict {
    do {
      return try ONNXFile.encode(model).withBytes { (b) throws(FormatError) in check(bytes: b) }
    } catch {
      return .invalid("cannot serialize the model: \(error)")
    }
  }

  /// Checks a model file (libonnx reads it itself); external data is looked up beside it.
  public static func check(file url: URL) -> CheckVerdict {
    var message: UnsafeMutablePointer<CChar>?
    let status = url.path.withCString { deltann_check_model(nil, 0, $0, &message) }
    return verdict(status, take(message))
  }

  /// Checks serialized bytes; `modelFile` says where their external data lives.
  public static func check(bytes: UnsafeRawBufferPointer, modelFile: URL? = nil) -> CheckVerdict {
    // A non-null pointer even for zero bytes: a null one would mean "read the file".
    let base = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)
    var message: UnsafeMutablePointer<CChar>?
    let status = modelFile.map { url in
      url.path.withCString { deltann_check_model(base, bytes.count, $0, &message) }
    } ?? deltann_check_model(base, bytes.count, nil, &message)
    return verdict(status, take(message))
  }

  /// The model with `value_info` added by libonnx's shape inference (`strict`: a node whose
  /// shapes cannot be inferred is an error).
  public static func inferShapes(_ model: Model, strict: Bool = true) throws(FormatError) -> Model {
    try ONNXFile.encode(model).withBytes { (b) throws(FormatError) in
      try inferShapes(bytes: b, file: "<model>", folder: nil, strict: strict)
    }
  }

  /// Shape inference on serialized bytes; `folder` resolves external data of the result.
  public static func inferShapes(
    bytes: UnsafeRawBufferPointer, file: String, folder: URL?, strict: Bool = true
  ) throws(FormatError) -> Model {
    try inferShapes(bytes: bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), count: bytes.count, path: nil,
                    file: file, folder: folder, strict: strict, valueInfoOnly: false)
  }

  /// Shape inference on a model file that libonnx reads itself. With `valueInfoOnly` the result
  /// keeps only the main graph's inputs, outputs and `value_info` (no nodes or weights), which
  /// is all a summary needs and keeps memory low.
  public static func inferShapes(file url: URL, strict: Bool = true, valueInfoOnly: Bool = false) throws(FormatError) -> Model {
    try inferShapes(bytes: nil, count: 0, path: url.path, file: url.path, folder: url.deletingLastPathComponent(),
                    strict: strict, valueInfoOnly: valueInfoOnly)
  }

  private static func inferShapes(
    bytes: UnsafeRawPointer?, count: Int, path: String?, file: String, folder: URL?, strict: Bool, valueInfoOnly: Bool
  ) throws(FormatError) -> Model {
    var out: UnsafeMutableRawPointer?
    var length = 0
    var message: UnsafeMutablePointer<CChar>?
    let flags = (strict ? Int32(1) : 0, valueInfoOnly ? Int32(1) : 0)
    let status = path.map { p in
      p.withCString { deltann_infer_shapes(bytes, count, $0, flags.0, flags.1, &out, &length, &message) }
    } ?? deltann_infer_shapes(bytes, count, nil, flags.0, flags.1, &out, &length, &message)
    let text = take(message)
    defer { free(out) }
    switch verdict(status, text) {
    case .valid:
      return try ONNXFile.decode(UnsafeRawBufferPointer(start: out, count: length), file: file, folder: folder, validate: false)
    case .invalid(let m): throw .shapeInference(file: file, problem: m)
    case .cannotCheck(let m): throw .newerThanLibONNX(file: file, problem: m)
    }
  }

  private static func verdict(_ status: Int32, _ message: String) -> CheckVerdict {
    switch Int(status) {
    case DELTANN_CHECK_OK: .valid
    case DELTANN_CHECK_CANNOT_CHECK: .cannotCheck(message)
    default: .invalid(message)
    }
  }

  /// Copies and frees text malloc'ed by the shim.
  private static func take(_ p: UnsafeMutablePointer<CChar>?) -> String {
    guard let p else { return "" }
    defer { free(p) }
    return String(cString: p)
  }
}
