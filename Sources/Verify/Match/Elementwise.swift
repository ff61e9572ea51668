import Foundation
import ModelGraph

/// Evaluates a single-input elementwise subgraph (an activation however a converter spelled
/// it: `Elu` then a select for Keras' alpha, PReLU as `Relu(x) − α·Relu(−x)`, hard sigmoid as
/// `Clip(x + 3, 0, 6) / 6`) on probe values, per element, so that two spellings can be
/// compared by what they compute. Constants are scalars, per-channel or per-element tensors.
struct Elementwise {
  /// Probe inputs: both signs, around the usual clip and threshold points.
  static let probes: [Float] = stride(from: -7.0, through: 7.0, by: 0.25).map { Float($0) }

  /// Ops the evaluator knows; a region holding any other op is not evaluated.
  static let ops: Set<String> = [
    "Abs", "Add", "Cast", "Clip", "Div", "Elu", "Equal", "Erf", "Exp", "Greater", "GreaterOrEqual", "HardSigmoid",
    "HardSwish", "Identity", "LeakyRelu", "Less", "LessOrEqual", "Max", "Min", "Mul", "Neg", "Not", "PRelu", "Relu",
    "Selu", "Sigmoid", "Softplus", "Softsign", "Sqrt", "Sub", "Tanh", "Where",
  ]

  /// Elements a constant may vary over (1 for scalars only); probes are laid out
  /// `element · probes + probe`.
  let elements: Int
  /// Identity/Cast/Transpose outputs → inputs, looked through when a value is not in the region.
  let aliases: [String: String]
  /// A constant operand of a node as `elements` values in a layout both sides share, or one
  /// value for a scalar; `nil` when the name is no constant.
  let constant: (String, Node) -> [Float]?

  /// The region's output for every element and probe, or `nil` when an op or a constant's
  /// shape is outside what the evaluator handles.
  func run(_ nodes: [Node], input: String, output: String) -> [Float]? {
    let n = elements * Self.probes.count
    var env: [String: [Float]] = [input: (0..<n).map { Self.probes[$0 % Self.probes.count] }]
    func value(_ name: String, _ node: Node) -> [Float]? {
      if let v = env[name] { return v }
      if let a = aliases[name] { return value(a, node) }
      guard let c = constant(name, node) else { return nil }
      if c.count == 1 { return [Float](repeating: c[0], count: n) }
      guard c.count == elements else { return nil }
      return (0..<n).map { c[$0 / Self.probes.count] }
    }
    for node in nodes {
      guard Self.ops.contains(node.opType), let out = node.outputs.first else { return nil }
      let inputs = node.inputs.map { $0.isEmpty ? nil : value($0, node) }
      guard let x = inputs.first ?? nil else { return nil }
      func operand(_ i: Int) -> [Float]? { i < inputs.count ? inputs[i] : nil }
      func attr(_ key: String, _ fallback: Float) -> Float { node.attributes[key]?.float ?? fallback }
      func binary(_ f: (Float, Float) -> Float) -> [Float]? { operand(1).map { y in zip(x, y).map(f) } }
      func unary(_ f: (Float) -> Float) -> [Float] { x.map(f) }
      let result: [Float]?
      switch node.opType {
      case "Identity", "Cast": result = x
      case "Abs": result = unary { abs($0) }
      case "Neg": result = unary { -$0 }
      case "Relu": result = unary { max($0, 0) }
      case "Exp": result = unary { Foundation.exp($0) }
      case "Erf": result = unary { Foundation.erf($0) }
      case "Sqrt": result = unary { $0.squareRoot() }
      case "Sigmoid": result = unary { 1 / (1 + Foundation.exp(-$0)) }
      case "Tanh": result = unary { Foundation.tanh($0) }
      case "Softplus": result = unary { Foundation.log1p(Foundation.exp($0)) }
      case "Softsign": result = unary { $0 / (1 + abs($0)) }
      case "Not": result = unary { $0 == 0 ? 1 : 0 }
      case "Elu": let a = attr("alpha", 1); result = unary { $0 < 0 ? a * (Foundation.exp($0) - 1) : $0 }
      case "LeakyRelu": let a = attr("alpha", 0.01); result = unary { $0 < 0 ? a * $0 : $0 }
      case "Selu":
        let a = attr("alpha", 1.6732632), g = attr("gamma", 1.050701)
        result = unary { g * ($0 <= 0 ? a * (Foundation.exp($0) - 1) : $0) }
      case "HardSigmoid":
        let a = attr("alpha", 0.2), b = attr("beta", 0.5)
        result = unary { min(max(a * $0 + b, 0), 1) }
      case "HardSwish": result = unary { $0 * min(max($0 / 6 + 0.5, 0), 1) }
      case "Clip":
        let lo = operand(1) ?? [Float](repeating: attr("min", -.infinity), count: n)
        let hi = operand(2) ?? [Float](repeating: attr("max", .infinity), count: n)
        result = (0..<n).map { min(max(x[$0], lo[$0]), hi[$0]) }
      case "PRelu": result = binary { $0 < 0 ? $1 * $0 : $0 }
      case "Add": result = binary(+)
      case "Sub": result = binary(-)
      case "Mul": result = binary(*)
      case "Div": result = binary(/)
      case "Min": result = binary { min($0, $1) }
      case "Max": result = binary { max($0, $1) }
      case "Greater": result = binary { $0 > $1 ? 1 : 0 }
      case "GreaterOrEqual": result = binary { $0 >= $1 ? 1 : 0 }
      case "Less": result = binary { $0 < $1 ? 1 : 0 }
      case "LessOrEqual": result = binary { $0 <= $1 ? 1 : 0 }
      case "Equal": result = binary { $0 == $1 ? 1 : 0 }
      case "Where":
        guard let a = operand(1), let b = operand(2) else { return nil }
        result = (0..<n).map { x[$0] != 0 ? a[$0] : b[$0] }
      default: result = nil
      }
      guard let result else { return nil }
      env[out] = result
    }
    return env[output]
  }
}
