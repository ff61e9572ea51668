/// Bilinear resizing with half-pixel centres (TensorFlow's `resize(..., antialias=False)` and
/// PyTorch's `interpolate(..., align_corners=False)` convention), per channel, in float.
extension RGBImage {
  public func resized(width newWidth: Int, height newHeight: Int) -> [Float] {
    var out = [Float](repeating: 0, count: newWidth * newHeight * 3)
    let sy = Float(height) / Float(newHeight), sx = Float(width) / Float(newWidth)
    for y in 0..<newHeight {
      let fy = max(0, (Float(y) + 0.5) * sy - 0.5)
      let y0 = min(Int(fy), height - 1), y1 = min(y0 + 1, height - 1), wy = fy - Float(y0)
      for x in 0..<newWidth {
        let fx = max(0, (Float(x) + 0.5) * sx - 0.5)
        let x0 = min(Int(fx), width - 1), x1 = min(x0 + 1, width - 1), wx = fx - Float(x0)
        for c in 0..<3 {
          func p(_ yy: Int, _ xx: Int) -> Float { Float(pixels[(yy * width + xx) * 3 + c]) }
          let top = p(y0, x0) * (1 - wx) + p(y0, x1) * wx
          let bottom = p(y1, x0) * (1 - wx) + p(y1, x1) * wx
          out[(y * newWidth + x) * 3 + c] = top * (1 - wy) + bottom * wy
        }
      }
    }
    return out
  }
}
