import Foundation
import ModelGraph

/// Resizes `X` to `sizes` (or `⌊in · scales⌋`) by nearest or (multi)linear interpolation, one
/// axis at a time; `coordinate_transformation_mode` maps an output index to an input
/// coordinate. Inputs: X, roi, scales, sizes (opset 11 on). Cubic is not implemented.
struct Resize11: FloatKernel {
  static let key = OpKey("Resize", since: 11)
  static let arity = 1...4
  var mode = "nearest", coordinates = "half_pixel", nearest = "round_prefer_floor"
  var extrapolation: Float = 0

  init(node: Node, opset: Int) throws(RuntimeError) {
    mode = try node.string("mode", default: "nearest")
    coordinates = try node.string("coordinate_transformation_mode", default: "half_pixel")
    nearest = try node.string("nearest_mode", default: "round_prefer_floor")
    extrapolation = try node.float("extrapolation_value", default: 0)
    guard mode == "nearest" || mode == "linear" else { throw .unsupported("Resize mode '\(mode)'") }
  }

  func compute(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    var y = try inputs.required(0)
    let roi = inputs.optional(1).flatMap { $0.elementCount > 0 ? $0.withFloats { Array($0) } : nil }
    let scales = inputs.optional(2).flatMap { $0.elementCount > 0 ? $0.withFloats { Array($0) } : nil }
    let sizes = try inputs.ints(3).flatMap { $0.isEmpty ? nil : $0 }
    let rank = y.rank
    guard let target = sizes ?? scales.map({ s in zip(y.shape, s).map { Int(floor(Float($0) * $1)) } }), target.count == rank else {
      throw .shape(input: sizes == nil ? 2 : 3, expected: "one scale or size per axis (\(rank))", found: [sizes?.count ?? scales?.count ?? 0])
    }
    for axis in 0..<rank {
      let n = y.shape[axis], out = target[axis]
      let scale = sizes == nil ? (scales?[axis] ?? 1) : Float(out) / Float(n)
      if out == n, scale == 1, coordinates != "tf_crop_and_resize" { continue }
      let (start, end) = roi.map { ($0[axis], $0[axis + rank]) } ?? (0, 1)
      let taps = (0..<out).map { i in tap(i, n: n, out: out, scale: scale, roi: (start, end)) }
      y = Resample.along(y, axis: axis, taps: taps, fill: extrapolation)
    }
    return [y]
  }

  func tap(_ i: Int, n: Int, out: Int, scale: Float, roi: (Float, Float)) -> Resample.Tap {
    // The spec's length_resized is `n · scale` before rounding.
    let x = Float(i), resized = Float(n) * scale
    let c: Float
    switch coordinates {
    case "asymmetric": c = x / scale
    case "align_corners": c = resized == 1 ? 0 : x * Float(n - 1) / (resized - 1)
    case "pytorch_half_pixel": c = resized > 1 ? (x + 0.5) / scale - 0.5 : 0
    case "tf_half_pixel_for_nn": c = (x + 0.5) / scale
    case "tf_crop_and_resize":
      c = resized > 1 ? roi.0 * Float(n - 1) + x * (roi.1 - roi.0) * Float(n - 1) / (resized - 1)
        : 0.5 * (roi.0 + roi.1) * Float(n - 1)
    default: c = (x + 0.5) / scale - 0.5  // half_pixel
    }
    let outside = coordinates == "tf_crop_and_resize" && (c < 0 || c > Float(n - 1))
    if mode == "nearest" {
      let r: Float
      switch nearest {
      case "round_prefer_ceil": r = (c + 0.5).rounded(.down)
      case "floor": r = c.rounded(.down)
      case "ceil": r = c.rounded(.up)
      default: r = (c - 0.5).rounded(.up)  // round_prefer_floor
      }
      let j = min(max(Int(r), 0), n - 1)
      return .init(i0: j, i1: j, w1: 0, outside: outside)
    }
    let cc = min(max(c, 0), Float(n - 1)), lo = Int(cc.rounded(.down))
    return .init(i0: lo, i1: min(lo + 1, n - 1), w1: cc - Float(lo), outside: outside)
  }
}
