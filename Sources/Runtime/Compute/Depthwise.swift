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
    if kh == 3, kw == 3, g.dilations == [1, 1], sh == sw, sh == 1 || sh == 2 {
      return conv3x3(x, weights: w, bias: bias, batch: batch, channels: channels, outputs: outputs, g, into: y, context: context)
    }
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
            let taps = filter + ky * kw
            if kw == 3, g.dilations[1] == 1 {
              threeTaps(row, line - g.begin[1], taps, xRanges, stride: sw)
              continue
            }
            for kx in 0..<kw {
              let v = taps[kx], s = line + kx * g.dilations[1] - g.begin[1]
              for ox in xRanges[kx] { row[ox] += v * s[ox * sw] }
            }
          }
        }
      }
    }
  }

  /// 3×3, stride 1 or 2, no dilation: each plane is copied once into a zero-padded scratch
  /// plane, then every output row takes all nine taps in registers, eight outputs at a time.
  static func conv3x3(
    _ x: UnsafePointer<Float>, weights w: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
    batch: Int, channels: Int, outputs: Int, _ g: Geometry, into y: UnsafeMutablePointer<Float>,
    context: KernelContext
  ) {
    let (h, wd) = (g.input[0], g.input[1]), (oh, ow) = (g.output[0], g.output[1]), s = g.strides[0]
    let (top, left) = (g.begin[0], g.begin[1])
    // Rows carry 16 floats of zero slack so eight stride-2 outputs load 16 + 2 floats safely.
    let rowStride = wd + left + g.end[1] + 16, rows = h + top + g.end[0]
    let multiplier = outputs / channels
    context.parallelFor(batch * outputs, minimumChunk: 1) { planes in
      let scratch = UnsafeMutablePointer<Float>.allocate(capacity: rows * rowStride)
      defer { scratch.deallocate() }
      scratch.initialize(repeating: 0, count: rows * rowStride)
      for plane in planes {
        let n = plane / outputs, m = plane % outputs
        let src = x + (n * channels + m / multiplier) * h * wd, t = w + m * 9
        for r in 0..<h { (scratch + (r + top) * rowStride + left).update(from: src + r * wd, count: wd) }
        let b = bias?[m] ?? 0, out = y + plane * oh * ow
        for oy in 0..<oh {
          let l0 = UnsafePointer(scratch + oy * s * rowStride)
          let row = out + oy * ow
          var o = 0
          while o &+ 8 <= ow {
            var acc = SIMD8<Float>(repeating: b)
            for k in 0..<3 {
              let p = UnsafeRawPointer(l0 + (k &* rowStride &+ o &* s))
              if s == 1 {
                acc += t[3 * k] * p.loadUnaligned(as: SIMD8<Float>.self)
                acc += t[3 * k + 1] * p.loadUnaligned(fromByteOffset: 4, as: SIMD8<Float>.self)
                acc += t[3 * k + 2] * p.loadUnaligned(fromByteOffset: 8, as: SIMD8<Float>.self)
              } else {
                let a = p.loadUnaligned(as: SIMD16<Float>.self), c = p.loadUnaligned(fromByteOffset: 8, as: SIMD16<Float>.self)
                acc += t[3 * k] * a.evenHalf + t[3 * k + 1] * a.oddHalf + t[3 * k + 2] * c.evenHalf
              }
            }
            UnsafeMutableRawPointer(row + o).storeBytes(of: acc, as: SIMD8<Float>.self)
            o &+= 8
          }
          while o < ow {
            var acc = b
            for k in 0..<3 {
              let p = l0 + (k &* rowStride &+ o &* s)
              acc += t[3 * k] * p[0] + t[3 * k + 1] * p[1] + t[3 * k + 2] * p[2]
            }
            row[o] = acc
            o &+= 1
          }
        }
      }
    }
  }

  /// One filter row of width 3: `row[o] += Σ_k taps[k] · line[o·stride + k]`, all three taps in
  /// one pass where every tap is inside the input, tap by tap at the borders.
  @inline(__always)
  static func threeTaps(
    _ row: UnsafeMutablePointer<Float>, _ line: UnsafePointer<Float>, _ taps: UnsafePointer<Float>,
    _ ranges: [Range<Int>], stride: Int
  ) {
    let (v0, v1, v2) = (taps[0], taps[1], taps[2])
    let lo = max(ranges[0].lowerBound, ranges[1].lowerBound, ranges[2].lowerBound)
    let hi = max(lo, min(ranges[0].upperBound, ranges[1].upperBound, ranges[2].upperBound))
    var o = lo
    // Eight outputs at a time; wrapping index arithmetic keeps overflow checks out of the loop.
    if stride == 1 {
      while o &+ 8 <= hi {
        let p = UnsafeRawPointer(line + o)
        let x0 = p.loadUnaligned(as: SIMD8<Float>.self)
        let x1 = p.loadUnaligned(fromByteOffset: 4, as: SIMD8<Float>.self)
        let x2 = p.loadUnaligned(fromByteOffset: 8, as: SIMD8<Float>.self)
        let r = UnsafeMutableRawPointer(row + o)
        r.storeBytes(of: r.loadUnaligned(as: SIMD8<Float>.self) + v0 * x0 + v1 * x1 + v2 * x2, as: SIMD8<Float>.self)
        o &+= 8
      }
    } else if stride == 2 {
      // The second load reaches one element past output o + 7's last tap: stop a step earlier.
      while o &+ 9 <= hi {
        let p = UnsafeRawPointer(line + 2 &* o)
        let a = p.loadUnaligned(as: SIMD16<Float>.self)
        let b = p.loadUnaligned(fromByteOffset: 8, as: SIMD16<Float>.self)
        let r = UnsafeMutableRawPointer(row + o)
        r.storeBytes(of: r.loadUnaligned(as: SIMD8<Float>.self) + v0 * a.evenHalf + v1 * a.oddHalf + v2 * b.evenHalf,
                     as: SIMD8<Float>.self)
        o &+= 8
      }
    }
    while o < hi {
      let p = line + o &* stride
      row[o] += v0 * p[0] + v1 * p[1] + v2 * p[2]
      o &+= 1
    }
    for k in 0..<3 {
      let v = taps[k]
      for o in ranges[k].lowerBound..<min(lo, ranges[k].upperBound) { row[o] += v * line[o * stride + k] }
      for o in max(hi, ranges[k].lowerBound)..<ranges[k].upperBound { row[o] += v * line[o * stride + k] }
    }
  }
}
