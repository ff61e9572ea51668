import ModelGraph

/// The gradient of Conv: each input position scatters `W[c, m, k] · X[n, c, i]` to output
/// position `i·s − pad_begin + k·d`. `output_shape` or `auto_pad` decide the pads;
/// `output_padding` extends the end. `col = Wᵀ·X` by `cblas_sgemm`, then col2im.
struct ConvTranspose: FloatKernel {
  static let key = OpKey("ConvTranspose", since: 1)
  static let arity = 2...3
  var window: Window
  var group = 1
  var outputPadding: [Int]?, outputShape: [Int]?

  init(node: Node, opset: Int) throws(RuntimeError) {
    window = try Window(node: node)
    group = try node.int("group", default: 1)
    outputPadding = try node.ints("output_padding")
    outputShape = try node.ints("output_shape")
  }

  func compute(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0), w = try inputs.required(1), b = inputs.optional(2)
    guard x.rank >= 3, w.rank == x.rank, group > 0, w.shape[0] == x.shape[1], x.shape[1] % group == 0 else {
      throw .shape(input: 1, expected: "[C = \(x.shape.count > 1 ? x.shape[1] : 0), M/group, kernel…]", found: w.shape)
    }
    let (n, c, mg) = (x.shape[0], x.shape[1], w.shape[1]), m = mg * group, cg = c / group
    if let b, b.elementCount != m { throw .shape(input: 2, expected: "[\(m)]", found: b.shape) }
    let input = Array(x.shape[2...]), kernel = Array(w.shape[2...]), r = input.count
    let s = window.strides ?? Array(repeating: 1, count: r), d = window.dilations ?? Array(repeating: 1, count: r)
    let op = outputPadding ?? Array(repeating: 0, count: r)
    guard s.count == r, d.count == r, op.count == r else {
      throw .attribute(name: "strides/dilations/output_padding", expected: "\(r) values each", found: "\(s) / \(d) / \(op)")
    }
    let full = (0..<r).map { (i: Int) -> Int in s[i] * (input[i] - 1) + op[i] + (kernel[i] - 1) * d[i] + 1 }
    var begin = Array((window.pads ?? Array(repeating: 0, count: 2 * r)).prefix(r)), out: [Int]
    if let shape = outputShape?.suffix(r) ?? (window.autoPad == .sameUpper || window.autoPad == .sameLower
                                               ? input.enumerated().map { $1 * s[$0] } : nil) {
      out = Array(shape)
      for i in 0..<r {
        // Floor division as the spec's Python: a negative total extends the end.
        let total = full[i] - out[i], half = Int((Double(total) / 2).rounded(.down))
        begin[i] = window.autoPad == .sameUpper ? half : total - half
      }
    } else {
      let pads = window.autoPad == .valid ? Array(repeating: 0, count: 2 * r) : (window.pads ?? Array(repeating: 0, count: 2 * r))
      guard pads.count == 2 * r else { throw .attribute(name: "pads", expected: "\(2 * r) values", found: "\(pads)") }
      begin = Array(pads.prefix(r))
      out = (0..<r).map { (i: Int) -> Int in full[i] - pads[i] - pads[i + r] }
    }
    let inCount = input.reduce(1, *), outCount = out.reduce(1, *), kCount = kernel.reduce(1, *)
    let y = Tensor.float32(shape: [n, m] + out) { buffer in
      guard let dst = buffer.baseAddress, outCount > 0 else { return }
      let bias = b?.withFloats { Array($0) }
      for p in 0..<(n * m) { (dst + p * outCount).update(repeating: bias?[p % m] ?? 0, count: outCount) }
      guard inCount > 0, kCount > 0, mg > 0 else { return }
      let col = UnsafeMutablePointer<Float>.allocate(capacity: mg * kCount * inCount)
      defer { col.deallocate() }
      var ii = [Int](repeating: 0, count: r), kk = ii
      x.withFloats { xs in w.withFloats { ws in
        guard let xp = xs.baseAddress, let wp = ws.baseAddress else { return }
        for i in 0..<n {
          for g in 0..<group {
            // col[(m, k), i] = Σ_c W[c, m, k] · X[c, i]
            sgemm(transA: true, m: mg * kCount, n: inCount, k: cg, a: wp + g * cg * mg * kCount,
                  lda: mg * kCount, b: xp + (i * c + g * cg) * inCount, ldb: inCount, c: col, ldc: inCount)
            for row in 0..<(mg * kCount) {
              let plane = dst + (i * m + g * mg + row / kCount) * outCount
              Im2col.unravel(row % kCount, kernel, into: &kk)
              for at in 0..<inCount {
                Im2col.unravel(at, input, into: &ii)
                var offset = 0, inside = true
                for a in 0..<r {
                  let o = ii[a] * s[a] - begin[a] + kk[a] * d[a]
                  if o < 0 || o >= out[a] { inside = false; break }
                  offset = offset * out[a] + o
                }
                if inside { plane[offset] += col[row * inCount + at] }
              }
            }
          }
        }
      } }
    }
    return [y]
  }
}
