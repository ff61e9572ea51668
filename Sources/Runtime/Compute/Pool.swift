import ModelGraph

/// Max and average pooling over 1–3 spatial axes (run as 3-D with leading unit axes).
enum Pool {
  enum Kind { case max, average(countIncludePad: Bool) }

  /// 2-D max pooling without indices: window bounds clamped once per row and column, so the
  /// inner loops carry no bounds tests.
  static func max2D(_ x: Tensor, _ g: Geometry, context: KernelContext) -> Tensor {
    let (h, w, oh, ow) = (g.input[0], g.input[1], g.output[0], g.output[1])
    if let vector = context.vectorKernels, g.dilations == [1, 1], g.strides[0] == g.strides[1], (1...2).contains(g.strides[0]) {
      return x.withFloats { src in
        Tensor.float32(shape: Array(x.shape[..<2]) + g.output) { dst in
          guard let base = src.baseAddress, let out = dst.baseAddress else { return }
          context.parallelFor(x.shape[0] * x.shape[1], minimumChunk: 1) { planes in
            vector.maxPool2D(
              base + planes.lowerBound * h * w, planes: planes.count, height: h, width: w, top: g.begin[0],
              left: g.begin[1], kernel: (g.kernel[0], g.kernel[1]), stride: g.strides[0],
              into: out + planes.lowerBound * oh * ow, outHeight: oh, outWidth: ow)
          }
        }
      }
    }
    func window(_ o: Int, _ axis: Int, _ n: Int) -> (start: Int, range: Range<Int>) {
      let start = o * g.strides[axis] - g.begin[axis], d = g.dilations[axis]
      let lo = start >= 0 ? 0 : (-start + d - 1) / d
      let hi = n - start > 0 ? min(g.kernel[axis], (n - start + d - 1) / d) : 0
      return (start, lo..<max(lo, hi))
    }
    let rows = (0..<oh).map { window($0, 0, h) }, cols = (0..<ow).map { window($0, 1, w) }
    let (dy, dx) = (g.dilations[0], g.dilations[1])
    return x.withFloats { src in
      Tensor.float32(shape: Array(x.shape[..<2]) + g.output) { dst in
        guard let base = src.baseAddress else { return }
        context.parallelFor(x.shape[0] * x.shape[1], minimumChunk: 1) { planes in
          for p in planes {
            let plane = base + p * h * w
            for (oy, r) in rows.enumerated() {
              for (ox, c) in cols.enumerated() {
                var m = -Float.infinity
                for ky in r.range {
                  let line = plane + (r.start + ky * dy) * w + c.start
                  for kx in c.range { m = Swift.max(m, line[kx * dx]) }
                }
                dst[(p * oh + oy) * ow + ox] = m
              }
            }
          }
        }
      }
    }
  }

  /// Pools `x` (`[N, C, spatial…]`); for `.max` also returns the flat argmax indices
  /// (row-major, or column-major over the spatial axes when `columnMajor`).
  static func apply(
    _ x: Tensor, _ geometry: Geometry, _ kind: Kind, columnMajor: Bool = false, context: KernelContext
  ) -> (Tensor, Tensor) {
    let pad = 3 - geometry.input.count
    func lift(_ a: [Int], _ v: Int) -> [Int] { Array(repeating: v, count: pad) + a }
    let (inp, k, out) = (lift(geometry.input, 1), lift(geometry.kernel, 1), lift(geometry.output, 1))
    let (s, d, b, e) = (lift(geometry.strides, 1), lift(geometry.dilations, 1), lift(geometry.begin, 0), lift(geometry.end, 0))
    let planes = x.shape[0] * x.shape[1], inCount = inp.reduce(1, *), outCount = out.reduce(1, *)
    var argmax = [Int64](repeating: 0, count: {
      if case .max = kind { return planes * outCount } else { return 0 } }())
    let y = x.withFloats { src in
      Tensor.float32(shape: Array(x.shape[..<2]) + geometry.output) { dst in
        argmax.withUnsafeMutableBufferPointer { idx in
          let (k0, k1, k2) = (k[0], k[1], k[2]), (d0, d1, d2) = (d[0], d[1], d[2])
          let (n0, n1, n2) = (inp[0], inp[1], inp[2])
          context.parallelFor(planes, minimumChunk: 1) { range in
            for p in range {
              var o = p * outCount
              for z in 0..<out[0] { for yy in 0..<out[1] { for xx in 0..<out[2] {
                let (z0, y0, x0) = (z * s[0] - b[0], yy * s[1] - b[1], xx * s[2] - b[2])
                var best = -Float.infinity, bestAt = -1, sum: Float = 0, valid = 0
                for kz in 0..<k0 {
                  let iz = z0 + kz * d0
                  guard iz >= 0 && iz < n0 else { continue }
                  for ky in 0..<k1 {
                    let iy = y0 + ky * d1
                    guard iy >= 0 && iy < n1 else { continue }
                    for kx in 0..<k2 {
                      let ix = x0 + kx * d2
                      guard ix >= 0 && ix < n2 else { continue }
                      let at = (iz * n1 + iy) * n2 + ix, v = src[p * inCount + at]
                      if v > best || bestAt < 0 { best = v; bestAt = columnMajor ? (ix * n1 + iy) * n0 + iz : at }
                      sum += v
                      valid += 1
                    }
                  }
                }
                switch kind {
                case .max:
                  dst[o] = best
                  idx[o] = Int64(p * inCount + max(bestAt, 0))
                case .average(let includePad):
                  var count = valid
                  if includePad {
                    count = 1
                    for (i, start) in [z0, y0, x0].enumerated() {
                      count *= min(start + (k[i] - 1) * d[i] + 1, inp[i] + e[i]) - start
                    }
                  }
                  dst[o] = sum / Float(max(count, 1))
                }
                o += 1
              } } }
            }
          }
        }
      }
    }
    return (y, Tensor(int64: argmax, shape: y.shape))
  }
}
