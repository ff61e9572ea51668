import ModelFormats
import ModelGraph

/// The sliding-window attributes Conv, ConvTranspose and the pools share, decoded once:
/// `auto_pad`, `pads`, `strides`, `dilations`, `kernel_shape`, `ceil_mode`.
struct Window: Sendable {
  enum AutoPad: String, Sendable { case notSet = "NOTSET", sameUpper = "SAME_UPPER", sameLower = "SAME_LOWER", valid = "VALID" }
  var autoPad = AutoPad.notSet
  /// `[x1_begin, x2_begin, …, x1_end, x2_end, …]`; `nil` means zeros.
  var pads: [Int]?
  var strides: [Int]?
  var dilations: [Int]?
  var kernelShape: [Int]?
  var ceilMode = false

  init(node: Node) throws(RuntimeError) {
    let pad = try node.string("auto_pad", default: "NOTSET")
    guard let p = AutoPad(rawValue: pad.isEmpty ? "NOTSET" : pad) else {
      throw .attribute(name: "auto_pad", expected: "NOTSET, SAME_UPPER, SAME_LOWER or VALID", found: "'\(pad)'")
    }
    autoPad = p
    pads = try node.ints("pads")
    strides = try node.ints("strides")
    dilations = try node.ints("dilations")
    kernelShape = try node.ints("kernel_shape")
    ceilMode = try node.int("ceil_mode", default: 0) != 0
  }

  /// Output sizes and begin/end pads for `input` spatial sizes and `kernel` sizes.
  func geometry(input: [Int], kernel: [Int]) throws(RuntimeError) -> Geometry {
    let n = input.count
    let s = strides ?? Array(repeating: 1, count: n), d = dilations ?? Array(repeating: 1, count: n)
    guard s.count == n, d.count == n, kernel.count == n, s.allSatisfy({ $0 > 0 }), d.allSatisfy({ $0 > 0 }) else {
      throw .attribute(name: "strides/dilations", expected: "\(n) positive values", found: "\(s) / \(d)")
    }
    var begin = Array(repeating: 0, count: n), end = begin, out = begin
    if let pads, autoPad == .notSet {
      guard pads.count == 2 * n else { throw .attribute(name: "pads", expected: "\(2 * n) values", found: "\(pads)") }
      begin = Array(pads[0..<n]); end = Array(pads[n...])
    }
    // Pads, strides and dilations come from the model file: every step is checked, and the
    // output must fit in memory before a kernel allocates it.
    func checked(_ r: (partialValue: Int, overflow: Bool)) throws(RuntimeError) -> Int {
      guard !r.overflow else {
        throw .attribute(name: "pads/strides/dilations", expected: "window sizes that fit in Int",
                         found: "pads \(pads ?? []), strides \(s), dilations \(d), kernel \(kernel)")
      }
      return r.partialValue
    }
    for i in 0..<n {
      guard kernel[i] >= 1, begin[i] >= 0, end[i] >= 0 else {
        throw .attribute(name: "pads/kernel", expected: "non-negative pads and positive kernel sizes", found: "pads \(pads ?? []), kernel \(kernel)")
      }
      let extent = try checked(try checked((kernel[i] - 1).multipliedReportingOverflow(by: d[i])).addingReportingOverflow(1))
      switch autoPad {
      case .sameUpper, .sameLower:
        out[i] = try checked(input[i].addingReportingOverflow(s[i] - 1)) / s[i]
        let reach = try checked(try checked((out[i] - 1).multipliedReportingOverflow(by: s[i])).addingReportingOverflow(extent))
        let total = max(0, reach - input[i])
        begin[i] = autoPad == .sameUpper ? total / 2 : total - total / 2
        end[i] = total - begin[i]
      case .notSet, .valid:
        let padded = try checked(try checked(input[i].addingReportingOverflow(begin[i])).addingReportingOverflow(end[i]))
        let span = padded - extent
        guard span >= 0 else {
          throw .shape(input: 0, expected: "spatial size ≥ \(extent - begin[i] - end[i]) on axis \(i + 2)", found: input)
        }
        out[i] = (ceilMode ? try checked(span.addingReportingOverflow(s[i] - 1)) / s[i] : span / s[i]) + 1
        // A window may not start in the end padding (PyTorch and onnxruntime agree).
        if ceilMode, (out[i] - 1) * s[i] >= input[i] + begin[i] { out[i] -= 1 }
      }
    }
    // The vector kernels take their geometry as 32-bit integers.
    let limit = Int(Int32.max)
    guard (input + out + s + d + begin + end).allSatisfy({ $0 <= limit }), extentsFit(kernel: kernel, dilations: d, limit: limit) else {
      throw .attribute(name: "pads/strides/dilations", expected: "window sizes below 2^31",
                       found: "pads \(begin + end), strides \(s), dilations \(d), output \(out)")
    }
    guard let count = Layout.count(out), count <= SizeLimits.memoryBytes / MemoryLayout<Float>.size else {
      throw .shape(input: 0, expected: "an output of at most \(SizeLimits.memoryBytes / MemoryLayout<Float>.size) elements per channel (physical memory)",
                   found: out)
    }
    return Geometry(input: input, kernel: kernel, output: out, strides: s, dilations: d, begin: begin, end: end)
  }
}

extension Window {
  /// Whether every dilated kernel extent `(k − 1)·d + 1` is at most `limit`.
  private func extentsFit(kernel: [Int], dilations: [Int], limit: Int) -> Bool {
    zip(kernel, dilations).allSatisfy { k, d in
      let (reach, overflow) = (k - 1).multipliedReportingOverflow(by: d)
      return !overflow && reach < limit
    }
  }

  /// The geometry after a zero pad the op absorbed (`padded`: `[x1_begin, …, x1_end, …]`, `nil`
  /// for none): computed on the padded sizes, then told on the unpadded input with wider pads.
  func geometry(input: [Int], kernel: [Int], padded: [Int]?) throws(RuntimeError) -> Geometry {
    guard let padded else { return try geometry(input: input, kernel: kernel) }
    let n = input.count
    guard padded.count == 2 * n else { throw .attribute(name: "pads", expected: "\(2 * n) fused pads", found: "\(padded)") }
    var g = try geometry(input: input.indices.map { input[$0] + padded[$0] + padded[n + $0] }, kernel: kernel)
    g.input = input
    for i in 0..<n {
      g.begin[i] += padded[i]
      g.end[i] += padded[n + i]
    }
    return g
  }
}

/// Concrete sizes of one windowed op application.
struct Geometry: Sendable {
  var input: [Int], kernel: [Int], output: [Int], strides: [Int], dilations: [Int], begin: [Int], end: [Int]

  /// The same geometry with a leading unit axis: 1-D ops run on the 2-D code path.
  var as2D: Geometry {
    guard input.count == 1 else { return self }
    return Geometry(input: [1] + input, kernel: [1] + kernel, output: [1] + output,
                    strides: [1] + strides, dilations: [1] + dilations, begin: [0] + begin, end: [0] + end)
  }

  /// Output positions `o` along axis `i` whose input index `o·s − begin + k·d` is inside the
  /// input, for kernel offset `k`.
  func valid(axis i: Int, offset k: Int) -> Range<Int> {
    let shift = begin[i] - k * dilations[i], s = strides[i]
    let lo = min(output[i], shift > 0 ? (shift + s - 1) / s : 0)
    let hi = min(output[i], (input[i] - 1 + shift) >= 0 ? (input[i] - 1 + shift) / s + 1 : 0)
    return lo..<max(lo, hi)
  }
}
