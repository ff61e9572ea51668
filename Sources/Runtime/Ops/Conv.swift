import ModelGraph

/// `Y[n, m] = B[m] + Σ_c Σ_k W[m, c, k] · X[n, g·C/G + c, o·s − pad + k·d]` per group `g`.
/// 2-D (and 1-D, as 2-D): direct for depthwise, otherwise im2col + a matrix product (a 1×1
/// stride-1 unpadded kernel multiplies `X` directly); other ranks use the generic unfold.
/// With vector kernels the weights are packed once and the product, bias and what the
/// interpreter fused into the node (`ConvFusion`) happen in one pass; otherwise
/// `cblas_sgemm`, then the fused steps.
struct Conv: FloatKernel, ConvFusing {
  static let key = OpKey("Conv", since: 1)
  static let arity = 2...3
  var window: Window
  var group = 1
  let packedWeights = PackedWeights()

  init(node: Node, opset: Int) throws(RuntimeError) {
    window = try Window(node: node)
    group = try node.int("group", default: 1)
  }

  func compute(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    try convolve(inputs, fusion: ConvFusion(), context: context)
  }

  /// Float32 inputs only (the interpreter fuses nothing else).
  func run(_ inputs: [Tensor?], fusion: ConvFusion, context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    guard x.dtype == .float32 else { throw .dtype(input: 0, expected: "float32 for a fused Conv", found: x.dtype) }
    return try convolve(inputs.map { t in t.map { $0.isFloat ? ($0.asFloat32() ?? $0) : $0 } }, fusion: fusion, context: context)
  }

  /// `[y]`, then the biased and scaled values when `fusion` keeps them.
  private func convolve(_ inputs: [Tensor?], fusion: ConvFusion, context: KernelContext) throws(RuntimeError) -> [Tensor] {
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
    let geo = try window.geometry(input: Array(x.shape[2...]), kernel: kernel, padded: fusion.pads)
    let g = geo.as2D, rank2 = geo.input.count <= 2
    let inCount = geo.input.reduce(1, *), outCount = geo.output.reduce(1, *)
    let kdim = cg * kernel.reduce(1, *), mg = m / group
    let pointwise = kernel.allSatisfy { $0 == 1 } && geo.strides.allSatisfy { $0 == 1 }
      && (geo.begin + geo.end).allSatisfy { $0 == 0 }
    for factors in [fusion.scale, fusion.shift] {
      if let factors, factors.count != m { throw .shape(input: 1, expected: "\(factors.count) output channels", found: w.shape) }
    }
    let extras = (fusion.keepBiased ? 1 : 0) + (fusion.keepScaled ? 1 : 0)
    return Tensor.float32(count: 1 + extras, shape: [n, m] + geo.output) { buffers in
      guard let yp = buffers[0].baseAddress, outCount > 0 else { return }
      let biasedp = fusion.keepBiased ? buffers[1].baseAddress : nil
      let scaledp = fusion.keepScaled ? buffers[buffers.count - 1].baseAddress : nil
      x.withFloats { xs in w.withFloats { ws in
        guard let xp = xs.baseAddress, let wp = ws.baseAddress else { return }
        let bias = b?.withFloats { Array($0) }
        bias.withPointer { bp in fusion.scale.withPointer { sp in fusion.shift.withPointer { hp in
          let epilogue = VectorKernels.Epilogue(bias: bp, scale: sp, shift: hp, activation: fusion.activation,
                                                biased: biasedp, scaled: scaledp)
          if rank2, cg == 1, group == c {
            if let vector = context.vectorKernels, kernel == [3, 3], g.dilations == [1, 1], g.strides[0] == g.strides[1],
               g.strides[0] <= 2 {
              Self.depthwise3x3(vector, xp, weights: wp, batch: n, channels: c, outputs: m, g, epilogue: epilogue, into: yp,
                                context: context)
              return
            }
            Depthwise.conv2D(xp, weights: wp, bias: bp, batch: n, channels: c, outputs: m, g, into: yp, context: context)
            Self.finish(yp, count: n * m * outCount, channels: m, size: outCount, epilogue, context: context)
            return
          }
          let vector = context.vectorKernels
          let packed = vector != nil && kdim > 0 && mg > 0
            ? packedWeights.matrices(for: w, groups: group, rows: mg, depth: kdim) : []
          // Vector kernels read 2-D windows in place; other paths unfold them first.
          let unfolds = !pointwise && !(rank2 && !packed.isEmpty)
          let col = UnsafeMutablePointer<Float>.allocate(capacity: unfolds ? kdim * outCount : 1)
          defer { col.deallocate() }
          for i in 0..<n {
            for gi in 0..<group {
              let xg = xp + (i * c + gi * cg) * inCount, offset = (i * m + gi * mg) * outCount, yg = yp + offset
              let groupEpilogue = epilogue.shifted(channels: gi * mg, elements: offset)
              if unfolds {
                if rank2 { Im2col.unfold2D(xg, channels: cg, g, into: col, context: context) }
                else { Im2col.unfold(xg, channels: cg, geo, into: col) }
              }
              let bmatrix = pointwise ? xg : UnsafePointer(col)
              if let vector, gi < packed.count {
                if pointwise || unfolds {
                  Self.gemm(vector, packed[gi], n: outCount, b: bmatrix, c: yg, epilogue: groupEpilogue, context: context)
                } else {
                  Self.splitProduct(rows: mg, columns: outCount, context: context) { rows, cols in
                    vector.convolve(packed[gi], rows: rows, input: xg, channels: cg, g, columns: cols, c: yg,
                                    epilogue: groupEpilogue)
                  }
                }
              } else {
                if let bias { for j in 0..<mg { (yg + j * outCount).update(repeating: bias[gi * mg + j], count: outCount) } }
                sgemm(m: mg, n: outCount, k: kdim, a: wp + gi * mg * kdim, lda: kdim, b: bmatrix, ldb: outCount,
                      beta: bias != nil ? 1 : 0, c: yg, ldc: outCount, context: context)
                Self.finish(yg, count: mg * outCount, channels: mg, size: outCount, groupEpilogue, context: context)
              }
            }
          }
        } } }
      } }
    }
  }
}

extension Conv {
  /// The packed product, split among threads by `splitProduct`.
  static func gemm(
    _ vector: VectorKernels, _ a: VectorKernels.PackedMatrix, n: Int, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, epilogue: VectorKernels.Epilogue, context: KernelContext
  ) {
    splitProduct(rows: a.rows, columns: n, context: context) { rows, cols in
      vector.gemm(a, rows: rows, n: cols.count, b: b + cols.lowerBound, ldb: n, c: c + cols.lowerBound, ldc: n,
                  epilogue: epilogue.shifted(channels: 0, elements: cols.lowerBound))
    }
  }

  /// Splits a `rows × columns` product among threads: by columns when each thread gets at
  /// least 96, else (late layers of 7×7 or 14×14 outputs) by rows in whole packed blocks. Each
  /// element is computed by one call whose sums run over k in the same order either way, so
  /// the result does not depend on the split. Columns go in whole units of 48 (a multiple of
  /// every level's register tile, so only the last chunk has a narrow remainder), up to four
  /// chunks a thread (each packs only its own columns); rows go one chunk a thread, since
  /// each chunk packs all the columns.
  static func splitProduct(
    rows: Int, columns: Int, context: KernelContext, _ body: (Range<Int>, Range<Int>) -> Void
  ) {
    let block = VectorKernels.PackedMatrix.rowBlock, blocks = (rows + block - 1) / block
    if context.threads > 1, columns < 96 * context.threads, blocks > 1 {
      context.parallelFor(blocks, minimumChunk: 1) { range in
        body((range.lowerBound * block)..<min(rows, range.upperBound * block), 0..<columns)
      }
      return
    }
    let unit = 48, units = (columns + unit - 1) / unit
    context.parallelFor(units, minimumChunk: 2, chunksPerThread: 4) { range in
      body(0..<rows, (range.lowerBound * unit)..<min(columns, range.upperBound * unit))
    }
  }

  static func depthwise3x3(
    _ vector: VectorKernels, _ x: UnsafePointer<Float>, weights w: UnsafePointer<Float>, batch: Int, channels: Int, outputs: Int,
    _ g: Geometry, epilogue: VectorKernels.Epilogue, into y: UnsafeMutablePointer<Float>, context: KernelContext
  ) {
    let (h, wd) = (g.input[0], g.input[1]), (oh, ow) = (g.output[0], g.output[1]), multiplier = outputs / channels
    context.parallelFor(batch * outputs, minimumChunk: 8, chunksPerThread: 4) { planes in
      // Runs of planes within one batch item.
      var plane = planes.lowerBound
      while plane < planes.upperBound {
        let n = plane / outputs, m = plane % outputs, end = min(planes.upperBound, (n + 1) * outputs)
        vector.depthwise3x3(
          x + n * channels * h * wd, height: h, width: wd, top: g.begin[0], left: g.begin[1], stride: g.strides[0],
          multiplier: multiplier, channels: m..<(m + end - plane), weights: w, into: y + plane * oh * ow,
          outHeight: oh, outWidth: ow, epilogue: epilogue.shifted(channels: 0, elements: plane * oh * ow))
        plane = end
      }
    }
  }

  /// The epilogue after the portable code, in place over `count` values, planes of `size` that
  /// cycle through `channels` channels (the bias is already in): the biased copy, the scale and
  /// shift, the scaled copy, the activation, in the order the unfused nodes would.
  static func finish(
    _ values: UnsafeMutablePointer<Float>, count: Int, channels: Int, size: Int, _ e: VectorKernels.Epilogue,
    context: KernelContext
  ) {
    guard e.scale != nil || e.shift != nil || e.activation != nil || e.biased != nil || e.scaled != nil, size > 0,
          channels > 0 else { return }
    context.parallelFor(count) { range in
      for i in range {
        var v = values[i]
        e.biased?[i] = v
        if let scale = e.scale { v = v * scale[(i / size) % channels] }
        if let shift = e.shift { v = v + shift[(i / size) % channels] }
        e.scaled?[i] = v
        if let activation = e.activation { v = activation.apply(v) }
        values[i] = v
      }
    }
  }
}

extension Optional where Wrapped == [Float] {
  /// Calls `body` with a pointer to the elements, or `nil`.
  func withPointer<R>(_ body: (UnsafePointer<Float>?) -> R) -> R {
    guard let self else { return body(nil) }
    return self.withUnsafeBufferPointer { body($0.baseAddress) }
  }
}
