import Foundation
import ModelGraph

/// A window function of length `size` (input 0): `w[n] = value(n, N)` with `N = size` when
/// `periodic` (default) and `size − 1` otherwise, in `output_datatype` (default float32).
protocol WindowKernel: Kernel {
  var periodic: Bool { get }
  var dtype: DType { get }
  init(periodic: Bool, dtype: DType)
  func value(_ n: Double, _ N: Double) -> Double
}

extension WindowKernel {
  static var arity: ClosedRange<Int> { 1...1 }

  init(node: Node, opset: Int) throws(RuntimeError) {
    let type = try node.int("output_datatype", default: 1)
    guard let dtype = DType(rawValue: Int32(truncatingIfNeeded: type)), dtype.computeClass != nil else {
      throw .attribute(name: "output_datatype", expected: "a numeric ONNX data type", found: "\(type)")
    }
    self.init(periodic: try node.int("periodic", default: 1) != 0, dtype: dtype)
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    guard let size = try inputs.ints(0)?.first, (0..<Int(Int32.max)).contains(size) else {
      throw .shape(input: 0, expected: "a non-negative scalar size", found: try inputs.required(0).shape)
    }
    let N = Double(periodic ? size : size - 1)
    let w = (0..<size).map { Float(value(Double($0), N)) }
    return [Tensor(w, shape: [size]).cast(to: dtype) ?? Tensor(w, shape: [size])]
  }
}
