import CKernels
import ModelGraph

/// The boundary to the hand-written vector kernels (`CKernels`), one set per instruction-set
/// level: with `KernelISA.swift`, the only file importing it. Ops reach a set through
/// `KernelContext.vectorKernels` (`nil` at the `portable` level: their own code runs instead).
struct VectorKernels: Sendable {
  let isa: KernelISA
  private let set: dn_kernel_set

  /// The kernels of `isa`, or `nil` when it has none here.
  init?(_ isa: KernelISA) {
    guard let set = isa.kernels?.pointee else { return nil }
    self.isa = isa
    self.set = set
  }

  /// A weight matrix packed for `gemm` (the same packing for every level), owned until released.
  final class PackedMatrix: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    let rows: Int, depth: Int

    /// Packs `a` (`rows × depth`, row stride `lda`).
    init(_ a: UnsafePointer<Float>, lda: Int, rows: Int, depth: Int) {
      let count = dn_gemm_packed_a_count(Int32(rows), Int32(depth))
      pointer = .allocate(capacity: max(count, 1))
      self.rows = rows
      self.depth = depth
      dn_gemm_pack_a(a, Int32(lda), Int32(rows), Int32(depth), pointer)
    }

    deinit { pointer.deallocate() }

    /// Rows packed together: a split of the rows among threads falls on multiples of this.
    static let rowBlock = Int(DN_MR)

    /// The packed rows `rows` (starting on a block) and how many there are.
    func rows(_ rows: Range<Int>) -> (pointer: UnsafePointer<Float>, count: Int32) {
      precondition(rows.lowerBound % Self.rowBlock == 0 && rows.upperBound <= self.rows, "rows \(rows) of \(self.rows)")
      return (UnsafePointer(pointer + rows.lowerBound * depth), Int32(rows.count))
    }
  }

  /// What happens to a finished value before it is stored: `+ bias[channel]`, `· scale[channel]`,
  /// `+ shift[channel]`, the activation; `biased` and `scaled` (laid out like the output) also
  /// receive the value after the bias and after the scale and shift when a run captures those
  /// tensors.
  struct Epilogue {
    var bias: UnsafePointer<Float>?
    var scale: UnsafePointer<Float>?
    var shift: UnsafePointer<Float>?
    var activation: Activation?
    var biased: UnsafeMutablePointer<Float>?
    var scaled: UnsafeMutablePointer<Float>?

    /// The same with bias and scale from channel `channels` on and the extra outputs from
    /// element `elements` on.
    func shifted(channels: Int, elements: Int) -> Epilogue {
      Epilogue(bias: bias.map { $0 + channels }, scale: scale.map { $0 + channels }, shift: shift.map { $0 + channels },
               activation: activation, biased: biased.map { $0 + elements }, scaled: scaled.map { $0 + elements })
    }

    var c: dn_epilogue {
      dn_epilogue(bias: bias, scale: scale, shift: shift, act: activation.c, biased: biased, scaled: scaled)
    }
  }

  /// Rows `rows` (from a block boundary) of `c[a.rows × n] = epilogue(a · b)`, `b` row-major
  /// `depth × n` with row stride `ldb`; `c` and the epilogue point at row 0.
  func gemm(
    _ a: PackedMatrix, rows: Range<Int>, n: Int, b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>,
    ldc: Int, epilogue: Epilogue
  ) {
    let (packed, m) = a.rows(rows)
    var e = epilogue.shifted(channels: rows.lowerBound, elements: rows.lowerBound * ldc).c
    set.gemm_packed(m, Int32(n), Int32(a.depth), packed, b, Int32(ldb), c + rows.lowerBound * ldc, Int32(ldc), &e)
  }

  /// Rows `rows` (from a block boundary) and columns `columns` of
  /// `c[a.rows × oh·ow] = epilogue(a · im2col(x))` for a 2-D convolution of `x` (`channels`
  /// planes) with geometry `g`, without building the im2col matrix. `c` (and the epilogue's
  /// extra outputs) point at row 0, column 0.
  func convolve(
    _ a: PackedMatrix, rows: Range<Int>, input x: UnsafePointer<Float>, channels: Int, _ g: Geometry,
    columns: Range<Int>, c: UnsafeMutablePointer<Float>, epilogue: Epilogue
  ) {
    let (packed, m) = a.rows(rows), ldc = g.output[0] * g.output[1]
    var input = dn_conv_input(
      x: x, channels: Int32(channels), h: Int32(g.input[0]), w: Int32(g.input[1]), kh: Int32(g.kernel[0]),
      kw: Int32(g.kernel[1]), stride_h: Int32(g.strides[0]), stride_w: Int32(g.strides[1]),
      dilation_h: Int32(g.dilations[0]), dilation_w: Int32(g.dilations[1]), top: Int32(g.begin[0]),
      left: Int32(g.begin[1]), oh: Int32(g.output[0]), ow: Int32(g.output[1]))
    var e = epilogue.shifted(channels: rows.lowerBound, elements: rows.lowerBound * ldc).c
    set.conv_packed(m, packed, &input, Int32(columns.lowerBound), Int32(columns.count), c + rows.lowerBound * ldc,
                    Int32(ldc), &e)
  }

  /// Max pooling of `planes` planes, a `kernel` window, the same stride 1 or 2 on both axes, no
  /// dilation, zero-or-more padding `top`/`left` (the rest follows from the output size).
  func maxPool2D(
    _ x: UnsafePointer<Float>, planes: Int, height: Int, width: Int, top: Int, left: Int, kernel: (Int, Int),
    stride: Int, into y: UnsafeMutablePointer<Float>, outHeight: Int, outWidth: Int
  ) {
    set.maxpool2d(x, Int32(planes), Int32(height), Int32(width), Int32(top), Int32(left), Int32(kernel.0),
                 Int32(kernel.1), Int32(stride), y, Int32(outHeight), Int32(outWidth))
  }

  /// Output channels `channels` of one batch item of a 3×3 depthwise convolution (stride 1 or
  /// 2, zero padding `top` and `left` and whatever `outHeight` and `outWidth` need below and
  /// right): `y = epilogue(taps over x)`, bias and scale by channel. `y` and the epilogue's
  /// extra outputs point at the first of those planes.
  func depthwise3x3(
    _ x: UnsafePointer<Float>, height: Int, width: Int, top: Int, left: Int, stride: Int, multiplier: Int,
    channels: Range<Int>, weights: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, outHeight: Int,
    outWidth: Int, epilogue: Epilogue
  ) {
    var e = epilogue.c
    set.depthwise3x3(x, Int32(height), Int32(width), Int32(top), Int32(left), Int32(stride), Int32(multiplier),
                    Int32(channels.lowerBound), Int32(channels.count), weights, y, Int32(outHeight), Int32(outWidth), &e)
  }
}

extension Optional where Wrapped == Activation {
  /// The C kernels' description.
  var c: dn_activation {
    switch self {
    case nil: dn_activation(kind: DN_ACTIVATION_NONE, lo: 0, hi: 0, alpha: 0)
    case .relu: dn_activation(kind: DN_ACTIVATION_RELU, lo: 0, hi: 0, alpha: 0)
    case .clip(let low, let high): dn_activation(kind: DN_ACTIVATION_CLIP, lo: low, hi: high, alpha: 0)
    case .leakyRelu(let alpha): dn_activation(kind: DN_ACTIVATION_LEAKY_RELU, lo: 0, hi: 0, alpha: alpha)
    }
  }
}
