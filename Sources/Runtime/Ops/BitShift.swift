import ModelGraph

/// `Z = X << Y` or `X >> Y` (`direction` LEFT or RIGHT) on unsigned integers, with numpy
/// broadcasting; shifts of the type's width or more give 0.
struct BitShift: BinaryBroadcastKernel {
  static let key = OpKey("BitShift", since: 11)
  let left: Bool

  init(node: Node, opset: Int) throws(RuntimeError) {
    let direction = try node.string("direction", default: "")
    guard direction == "LEFT" || direction == "RIGHT" else {
      throw .attribute(name: "direction", expected: "LEFT or RIGHT", found: "'\(direction)'")
    }
    left = direction == "LEFT"
  }

  /// Float inputs are outside the op's types (the checker rejects them); they give NaN.
  func apply(_ a: Float, _ b: Float) -> Float { .nan }

  func apply(_ a: Int64, _ b: Int64) -> Int64 {
    let x = UInt64(bitPattern: a)
    guard (0..<64).contains(b) else { return 0 }
    return Int64(bitPattern: left ? x << UInt64(b) : x >> UInt64(b))
  }
}
