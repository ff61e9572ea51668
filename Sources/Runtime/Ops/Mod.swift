import Foundation
import ModelGraph

/// `C = A mod B` with numpy broadcasting: the sign follows the divisor (Python's `%`), or the
/// dividend with `fmod = 1` (C's `fmod`, required for floats). An integer divisor of 0 gives 0.
struct Mod: BinaryBroadcastKernel {
  static let key = OpKey("Mod", since: 10)
  let cStyle: Bool

  init(node: Node, opset: Int) throws(RuntimeError) { cStyle = try node.int("fmod", default: 0) != 0 }

  func apply(_ a: Float, _ b: Float) -> Float {
    let r = fmod(a, b)
    return cStyle || r == 0 || (r < 0) == (b < 0) ? r : r + b
  }

  func apply(_ a: Int64, _ b: Int64) -> Int64 {
    guard b != 0 else { return 0 }
    let r = a.remainderReportingOverflow(dividingBy: b).partialValue
    return cStyle || r == 0 || (r < 0) == (b < 0) ? r : r + b
  }
}
