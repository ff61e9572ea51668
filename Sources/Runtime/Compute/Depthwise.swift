/// Direct 2-D depthwise convolution: output channel `m` reads input channel `m / multiplier`
/// with its own `kh × kw` filter. Cheaper than im2col + GEMM, whose matrices would be 1 wide.
enum Depthwise {
  static func conv2D(
    _ x: UnsafePointer<Float>, weights w: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
    batch: Int, channels: Int, outputs: Int, _ g: Geometry, into y: UnsafeMutablePointer<Float>,
    context: KernelContext
  ) {
    let (h, wd) = (g.input[0], g.input[1]), (kh, kw) = (g.kernel[0], g.kernel[1])
    let (oh, ow) = (g.output[0], g.output[1]), (sh, sw) = (g.strides[0], g.strides[1])
    let multiplier = outputs / channels
    let xRanges = (0..<kw).map { g.valid(axis: 1, offset: $0) }
    let yRanges = (0..<kh).map { g.valid(axis: 0, offset: $0) }
    context.parallelFor(batch * outputs, minimumChunk: 1) { planes in
      for plane in planes {
        let n = plane / outputs, m = plane % outputs
        let src = x + (n * channels + m / multiplier) * h * wd, filter = w + m * kh * kw
        let out = y + plane * oh * ow
        out.update(repeating: bias?[m] ?? 0, count: oh * ow)
        for oy in 0..<oh {
          let row = out + oy * ow
          for ky in 0..<kh where yRanges[ky].contains(oy) {
            let line = src + (oy * sh - g.begin[0] + ky * g.dilations[0]) * wd
            for kx in 0..<kw {
              let v = filter[ky * kw + kx], r = xRanges[kx]
              let s = line + kx * g.dilations[1] - g.begin[1]
              if sw == 1 {
                for ox in r { row[ox] += v * s[ox] }
              } else {
                for ox in r { row[ox] += v * s[ox * sw] }
              }
            }
          }
        }
      }
    }
  }
}
