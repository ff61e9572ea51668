import ModelGraph

/// `Y[n, m] = B[m] + Σ_c Σ_k W[m, c, k] · X[n, g·C/G + c, o·s − pad + k·d]` per group `g`.
/// 2-D (and 1-D, as 2-D): direct for depthwise, otherwise im2col + `cblas_sgemm` (a 1×1
/// stride-1 unpadded kernel multiplies `X` directly); other ranks use the generic unfold.
struct Conv: FloatKernel {
  static let key = OpKey("Conv", since: 1)
  static let arity = 2...3
  var window: Window
  var group = 1

  init(node: Node, opset: Int) throws(RuntimeError) {
    window = try Window(node: node)
    group = try node.int("group", default: 1)
  }

  func compute(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0), w = try inputs.required(1), b = inputs.optional(2)
    guard x.rank >= 3 else { throw .shape(input: 0, expected: "[N, C, spatial…]", found: x.shape) }
    guard w.rank == x.rank, group > 0, w.shape[0] % group == 0, w.shape[1] * group == x.shape[1] else {
      throw .shape(input: 1, expected: "[M, C/group = \(x.shape[1] / max(group, 1)), kernel…] with M divisible by group \(group)", found: w.shape)
    }
    let (n, c, m, cg) = (x.shape[0], x.shape[1], w.shape[0], w.shape[1])
    if let b, b.elementCount != m { throw .shape(input: 2, expected: "[\(m)]", found: b.shape) }
    let kernel = Array(w.shape[2...])
    if let k = window.kernelShape, k != kernel {
      throw .attribute(name: "kernel_shape", expected: "the weight's \(kernel)", found: "\(k)")
    }
    let geo = try window.geometry(input: Array(x.shape[2...]), kernel: kernel)
    let g = geo.as2D, rank2 = geo.input.count <= 2
    let inCount = geo.input.reduce(1, *), outCount = geo.output.reduce(1, *)
    let kdim = cg * kernel.reduce(1, *), mg = m / group
    let pointwise = kernel.allSatisfy { $0 == 1 } && geo.strides.allSatisfy { $0 == 1 }
      && (geo.begin + geo.end).allSatisfy { $0 == 0 }
    let y = Tensor.float32(shape: [n, m] + geo.output) { out in
      guard let yp = out.baseAddress, outCount > 0 else { return }
      x.withFloats { xs in w.withFloats { ws in
        guard let xp = xs.baseAddress, let wp = ws.baseAddress else { return }
        let bias = b?.withFloats { Array($0) }
        if rank2, cg == 1, group == c {
          bias.withPointer { bp in
            Depthwise.conv2D(xp, weights: wp, bias: bp, batch: n, channels: c, outputs: m, g, into: yp, context: context)
          }
          return
        }
        let col = UnsafeMutablePointer<Float>.allocate(capacity: pointwise ? 1 : kdim * outCount)
        defer { col.deallocate() }
        for i in 0..<n {
          for gi in 0..<group {
            let xg = xp + (i * c + gi * cg) * inCount, yg = yp + (i * m + gi * mg) * outCount
            if !pointwise {
              if rank2 { Im2col.unfold2D(xg, channels: cg, g, into: col, context: context) }
              else { Im2col.unfold(xg, channels: cg, geo, into: col) }
            }
            if let bias { for j in 0..<mg { (yg + j * outCount).update(repeating: bias[gi * mg + j], count: outCount) } }
            sgemm(m: mg, n: outCount, k: kdim, a: wp + gi * mg * kdim, lda: kdim,
                  b: pointwise ? xg : UnsafePointer(col), ldb: outCount, beta: bias == nil ? 0 : 1,
                  c: yg, ldc: outCount)
          }
        }
      } }
    }
    return [y]
  }
}

extension Optional where Wrapped == [Float] {
  /// Calls `body` with a pointer to the elements, or `nil`.
  func withPointer<R>(_ body: (UnsafePointer<Float>?) -> R) -> R {
    guard let self else { return body(nil) }
    return self.withUnsafeBufferPointer { body($0.baseAddress) }
  }
}
