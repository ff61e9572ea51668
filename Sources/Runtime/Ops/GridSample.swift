import Foundation
import ModelGraph

/// Samples `X` `[N, C, H, W]` at the normalised `(x, y)` positions of `grid` `[N, Ho, Wo, 2]`
/// (−1 … 1 spans the input, to pixel centres or, with `align_corners`, to corner pixels' centres)
/// by `bilinear` (default), `nearest` (half to even) or `bicubic` (Keys, a = −0.75)
/// interpolation; positions outside read 0 (`zeros`), the edge (`border`) or a mirror image
/// (`reflection`). Follows the ONNX reference implementation.
struct GridSample: FloatKernel {
  static let key = OpKey("GridSample", since: 16)
  static let arity: ClosedRange<Int> = 2...2
  let mode: String, padding: String, alignCorners: Bool

  init(node: Node, opset: Int) throws(RuntimeError) {
    mode = try node.string("mode", default: "bilinear")
    padding = try node.string("padding_mode", default: "zeros")
    alignCorners = try node.int("align_corners", default: 0) != 0
    guard ["bilinear", "nearest", "bicubic"].contains(mode) else { throw .unsupported("GridSample mode '\(mode)'") }
    guard ["zeros", "border", "reflection"].contains(padding) else { throw .unsupported("GridSample padding_mode '\(padding)'") }
  }

  func compute(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.float(0), grid = try inputs.float(1)
    guard x.rank == 4, grid.rank == 4, grid.shape[0] == x.shape[0], grid.shape[3] == 2 else {
      throw .shape(input: 1, expected: "[N, Ho, Wo, 2] for X [N, C, H, W] \(x.shape)", found: grid.shape)
    }
    let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3]), (ho, wo) = (grid.shape[1], grid.shape[2])
    let v = x.floats() ?? [], g = grid.floats() ?? []
    let low: (Float, Float) = alignCorners ? (0, 0) : (-0.5, -0.5)
    let high: (Float, Float) = alignCorners ? (Float(w - 1), Float(h - 1)) : (Float(w) - 0.5, Float(h) - 0.5)
    var y = [Float](repeating: 0, count: n * c * ho * wo)
    for b in 0..<n {
      for p in 0..<(ho * wo) {
        var px = denormalize(g[(b * ho * wo + p) * 2], w), py = denormalize(g[(b * ho * wo + p) * 2 + 1], h)
        if mode == "nearest" { px = px.rounded(.toNearestOrEven); py = py.rounded(.toNearestOrEven) }
        px = inside(px, low.0, high.0, w)
        py = inside(py, low.1, high.1, h)
        for ch in 0..<c {
          let base = (b * c + ch) * h * w
          func pixel(_ i: Int, _ j: Int) -> Float {
            guard let r = index(j, h, low.1, high.1), let q = index(i, w, low.0, high.0) else { return 0 }
            return v[base + r * w + q]
          }
          y[((b * c + ch) * ho * wo) + p] = sample(px, py, pixel)
        }
      }
    }
    return [Tensor(y, shape: [n, c, ho, wo])]
  }

  func denormalize(_ t: Float, _ size: Int) -> Float {
    alignCorners ? (t + 1) / 2 * Float(size - 1) : ((t + 1) * Float(size) - 1) / 2
  }

  /// A coordinate outside `[low, high]` clamped (`border`) or mirrored (`reflection`).
  func inside(_ t: Float, _ low: Float, _ high: Float, _ size: Int) -> Float {
    guard t < low || t > high else { return t }
    switch padding {
    case "border": return min(max(t, 0), Float(size - 1))
    case "reflection": return reflect(t, low, high)
    default: return t
    }
  }

  func reflect(_ t: Float, _ low: Float, _ high: Float) -> Float {
    let range = high - low
    guard t < low || t > high else { return t }
    guard range > 0 else { return low }
    let d = t < low ? low - t : t - high, k = Int(d / range), r = d - Float(k) * range
    return t < low ? (k % 2 == 0 ? low + r : high - r) : (k % 2 == 0 ? high - r : low + r)
  }

  /// The row or column read for integer index `i`, or `nil` for a zero.
  func index(_ i: Int, _ size: Int, _ low: Float, _ high: Float) -> Int? {
    switch padding {
    case "zeros": return (0..<size).contains(i) ? i : nil
    case "border": return min(max(i, 0), size - 1)
    default: return min(max(Int(reflect(Float(i), low, high)), 0), size - 1)
    }
  }

  func sample(_ x: Float, _ y: Float, _ pixel: (Int, Int) -> Float) -> Float {
    let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down)), fx = x - Float(x0), fy = y - Float(y0)
    switch mode {
    case "nearest": return pixel(Int(x), Int(y))
    case "bilinear":
      return (1 - fy) * ((1 - fx) * pixel(x0, y0) + fx * pixel(x0 + 1, y0)) + fy * ((1 - fx) * pixel(x0, y0 + 1) + fx * pixel(x0 + 1, y0 + 1))
    default:
      let cx = Self.cubic(fx), cy = Self.cubic(fy)
      return (0..<4).reduce(0) { sum, j in sum + cy[j] * (0..<4).reduce(0) { $0 + cx[$1] * pixel(x0 - 1 + $1, y0 - 1 + j) } }
    }
  }

  /// Keys' cubic convolution weights for taps at −1, 0, 1, 2 from `t` ∈ [0, 1).
  static func cubic(_ t: Float) -> [Float] {
    let a: Float = -0.75
    func near(_ d: Float) -> Float { ((a + 2) * d - (a + 3)) * d * d + 1 }
    func far(_ d: Float) -> Float { ((a * d - 5 * a) * d + 8 * a) * d - 4 * a }
    return [far(t + 1), near(t), near(1 - t), far(2 - t)]
  }
}
