import ModelGraph

/// `X` converted to the dtype named by `to`, with numpy's `astype` rules: floats truncate
/// toward zero into integers, integers wrap, non-zero is `true`, float16/bfloat16 round to
/// nearest even. Strings parse as numbers and numbers print in their shortest round-trip form.
struct Cast: Kernel {
  static let key = OpKey("Cast", since: 6)
  static let arity: ClosedRange<Int> = 1...1
  let target: DType

  init(node: Node, opset: Int) throws(RuntimeError) {
    guard let to = try node.int("to"), let target = DType(rawValue: Int32(truncatingIfNeeded: to)) else {
      throw .attribute(name: "to", expected: "an ONNX TensorProto.DataType number", found: "\(node.attributes["to"].map(Node.kind) ?? "absent")")
    }
    self.target = target
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    [try Self.cast(try inputs.required(0), to: target)]
  }

  static func cast(_ x: Tensor, to target: DType) throws(RuntimeError) -> Tensor {
    if x.dtype == target { return x }
    if target == .string, x.dtype.computeClass != nil {
      let text = x.dtype.computeClass == .float ? (x.floats() ?? []).map { "\($0)" } : (x.int64s() ?? []).map { "\($0)" }
      return Tensor(strings: text.map { Array($0.utf8) }, shape: x.shape)
    }
    if x.dtype == .string, target.computeClass != nil {
      let numbers = try x.strings.map { s throws(RuntimeError) in
        guard let v = Float(String(decoding: s, as: UTF8.self)) else { throw .unsupported("Cast of the string '\(String(decoding: s, as: UTF8.self))' to a number") }
        return v
      }
      return try cast(Tensor(numbers, shape: x.shape), to: target)
    }
    guard let y = x.cast(to: target) else { throw .unsupported("Cast from \(x.dtype.name) to \(target.name)") }
    return y
  }
}
