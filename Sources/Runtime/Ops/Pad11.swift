import Foundation
import ModelGraph

/// Pads `X` with `pads = [x1_begin, x2_begin, …, x1_end, x2_end, …]` given as input 1 and an
/// optional scalar `constant_value` input 2 (opset 11 on). Modes: `constant`, `reflect` (mirror
/// without repeating the edge) and `edge`; negative pads crop.
struct Pad11: Kernel {
  static let key = OpKey("Pad", since: 11)
  static let arity: ClosedRange<Int> = 2...3
  let mode: String

  init(node: Node, opset: Int) throws(RuntimeError) { mode = try node.string("mode", default: "constant") }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    let value = inputs.optional(2).flatMap { $0.cast(to: x.dtype) } ?? Tensor.numbers([0], dtype: x.dtype, shape: [])
    guard value.elementCount == 1 else { throw .shape(input: 2, expected: "a scalar constant_value", found: value.shape) }
    return [try Self.pad(x, pads: try inputs.requiredInts(1), mode: mode, value: value)]
  }

  static func pad(_ x: Tensor, pads: [Int], mode: String, value: Tensor) throws(RuntimeError) -> Tensor {
    guard pads.count == 2 * x.rank else { throw .shape(input: 1, expected: "\(2 * x.rank) pads", found: pads) }
    guard ["constant", "reflect", "edge"].contains(mode) else { throw .unsupported("Pad mode '\(mode)'") }
    let size = try x.elementSize(input: 0)
    let shape = x.shape.indices.map { x.shape[$0].addingReportingOverflow(pads[$0]).partialValue.addingReportingOverflow(pads[$0 + x.rank]).partialValue }
    guard pads.allSatisfy({ (-Int(Int32.max)...Int(Int32.max)).contains($0) }), Layout.count(shape) != nil, mode == "constant" || x.elementCount > 0 || shape.reduce(1, *) == 0 else {
      throw .shape(input: 1, expected: "pads that fit data of shape \(x.shape)", found: pads)
    }
    guard x.rank > 0 else { return x }
    // For each axis, the source index of every output index, or -1 for the constant.
    let maps = x.shape.indices.map { a in (0..<shape[a]).map { o in source(o - pads[a], x.shape[a], mode) } }
    // The last axis as runs: (first source index or -1, length), consecutive sources merged.
    var runs: [(start: Int, length: Int)] = []
    for s in maps[x.rank - 1] {
      if let last = runs.last, last.start >= 0 ? s == last.start + last.length : s < 0 {
        runs[runs.count - 1].length += 1
      } else {
        runs.append((s, 1))
      }
    }
    let strides = Layout.strides(x.shape)
    return Tensor.raw(dtype: x.dtype, shape: shape) { dst in
      guard let out = dst.baseAddress, let src = x.bytes.baseAddress ?? value.bytes.baseAddress,
            let fill = value.bytes.baseAddress else { return }
      var at = out
      // The constant's bytes; zero (the usual pad) is one memset per run.
      let zero = UnsafeRawBufferPointer(start: fill, count: size).allSatisfy { $0 == 0 }
      func row(_ offset: Int?) {
        for run in runs {
          if let offset, run.start >= 0 {
            memcpy(at, src + (offset + run.start) * size, run.length * size)
          } else if zero {
            memset(at, 0, run.length * size)
          } else {
            for k in 0..<run.length { memcpy(at + k * size, fill, size) }
          }
          at += run.length * size
        }
      }
      func walk(_ axis: Int, _ offset: Int?) {
        guard axis < x.rank - 1 else { return row(offset) }
        for s in maps[axis] { walk(axis + 1, s < 0 ? nil : offset.map { $0 + s * strides[axis] }) }
      }
      walk(0, 0)
    }
  }

  /// Where output index `i` (relative to the data's start) reads in a dimension of size `d`.
  private static func source(_ i: Int, _ d: Int, _ mode: String) -> Int {
    if (0..<d).contains(i) { return i }
    switch mode {
    case "edge": return min(max(i, 0), d - 1)
    case "reflect":
      guard d > 1 else { return 0 }
      let period = 2 * (d - 1), m = ((i % period) + period) % period
      return m < d ? m : period - m
    default: return -1
    }
  }
}
