import Foundation
import ModelGraph

/// `Y = condition ? X : Y` elementwise, the three broadcast together (numpy rules).
struct Where: Kernel, AttributeFree {
  static let key = OpKey("Where", since: 9)
  static let arity: ClosedRange<Int> = 3...3

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let c = try inputs.required(0), x = try inputs.required(1), y = try inputs.required(2)
    guard c.dtype == .bool else { throw .dtype(input: 0, expected: "bool", found: c.dtype) }
    guard x.dtype == y.dtype else { throw .dtype(input: 2, expected: x.dtype.name, found: y.dtype) }
    let size = try x.elementSize(input: 1)
    let plan = try Broadcast([c.shape, x.shape, y.shape])
    let condition = c.truthValues()
    return [Tensor.raw(dtype: x.dtype, shape: plan.shape) { dst in
      guard let out = dst.baseAddress, let a = x.bytes.baseAddress, let b = y.bytes.baseAddress else { return }
      plan.forEachTriple { o, k, i, j in
        memcpy(out + o * size, condition[k] ? a + i * size : b + j * size, size)
      }
    }]
  }
}
