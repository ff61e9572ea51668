/// Unfolds convolution windows into columns so a convolution becomes one matrix product:
/// `col[(c·K + k), o] = x[c, o·s − begin + k·d]` (zero in the padding), `K` the kernel size,
/// `o` the output position.
enum Im2col {
  /// 2-D (`geometry.as2D`): rows in parallel, each output row a copy or strided gather.
  static func unfold2D(
    _ x: UnsafePointer<Float>, channels: Int, _ g: Geometry, into col: UnsafeMutablePointer<Float>,
    context: KernelContext
  ) {
    let (h, w) = (g.input[0], g.input[1]), (kh, kw) = (g.kernel[0], g.kernel[1])
    let (oh, ow) = (g.output[0], g.output[1]), (sh, sw) = (g.strides[0], g.strides[1])
    let xRanges = (0..<kw).map { g.valid(axis: 1, offset: $0) }
    let yRanges = (0..<kh).map { g.valid(axis: 0, offset: $0) }
    context.parallelFor(channels * kh * kw, minimumChunk: 1) { rows in
      for r in rows {
        let c = r / (kh * kw), ky = (r / kw) % kh, kx = r % kw
        let dst = col + r * oh * ow, xr = xRanges[kx]
        let dx = kx * g.dilations[1] - g.begin[1]
        for oy in 0..<oh {
          let d = dst + oy * ow
          guard yRanges[ky].contains(oy) else { d.update(repeating: 0, count: ow); continue }
          let src = x + (c * h + oy * sh - g.begin[0] + ky * g.dilations[0]) * w + dx
          d.update(repeating: 0, count: xr.lowerBound)
          (d + xr.upperBound).update(repeating: 0, count: ow - xr.upperBound)
          if sw == 1 {
            (d + xr.lowerBound).update(from: src + xr.lowerBound, count: xr.count)
          } else {
            for ox in xr { d[ox] = src[ox * sw] }
          }
        }
      }
    }
  }

  /// Any rank, one element at a time (3-D convolutions are rare in image models).
  static func unfold(
    _ x: UnsafePointer<Float>, channels: Int, _ g: Geometry, into col: UnsafeMutablePointer<Float>
  ) {
    let rank = g.input.count
    let kernelCount = g.kernel.reduce(1, *), outCount = g.output.reduce(1, *)
    let inCount = g.input.reduce(1, *)
    var k = [Int](repeating: 0, count: rank), o = k
    for c in 0..<channels {
      for kIndex in 0..<kernelCount {
        Self.unravel(kIndex, g.kernel, into: &k)
        let dst = col + (c * kernelCount + kIndex) * outCount
        for oIndex in 0..<outCount {
          Self.unravel(oIndex, g.output, into: &o)
          var offset = 0, inside = true
          for i in 0..<rank {
            let p = o[i] * g.strides[i] - g.begin[i] + k[i] * g.dilations[i]
            if p < 0 || p >= g.input[i] { inside = false; break }
            offset = offset * g.input[i] + p
          }
          dst[oIndex] = inside ? x[c * inCount + offset] : 0
        }
      }
    }
  }

  static func unravel(_ index: Int, _ shape: [Int], into out: inout [Int]) {
    var rest = index
    for i in stride(from: shape.count - 1, through: 0, by: -1) {
      out[i] = rest % shape[i]
      rest /= shape[i]
    }
  }
}
