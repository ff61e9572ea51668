/// TensorFlow's "same" and "valid" padding for one spatial axis.
enum Padding {
  /// TensorFlow "same": output `ceil(in / stride)`, total padding
  /// `max((out − 1)·stride + (k − 1)·dilation + 1 − in, 0)`, the odd extra on the end
  /// (bottom/right), unlike a symmetric `k/2`.
  static func same(input: Int, kernel: Int, stride: Int, dilation: Int = 1) -> (begin: Int, end: Int) {
    let out = (input + stride - 1) / stride
    let total = max((out - 1) * stride + (kernel - 1) * dilation + 1 - input, 0)
    return (total / 2, total - total / 2)
  }

  /// The output size along one axis; `nil` when the input size is unknown.
  static func outputSize(input: Int?, kernel: Int, stride: Int, dilation: Int = 1, same: Bool) -> Int? {
    guard let input else { return nil }
    return same ? (input + stride - 1) / stride : (input - (kernel - 1) * dilation - 1) / stride + 1
  }

  /// ONNX attributes for a 2-D window: explicit `pads` when the spatial size is known (the
  /// exact TensorFlow split), otherwise `auto_pad=SAME_UPPER`, which puts the extra at the end
  /// just as TensorFlow does.
  static func attributes(
    same: Bool, spatial: [Int?], kernel: [Int], strides: [Int], dilations: [Int] = [1, 1]
  ) -> [String: Attribute] {
    guard same else { return ["pads": .ints([0, 0, 0, 0])] }
    guard let h = spatial[0], let w = spatial[1] else { return ["auto_pad": .string("SAME_UPPER")] }
    let ph = Self.same(input: h, kernel: kernel[0], stride: strides[0], dilation: dilations[0])
    let pw = Self.same(input: w, kernel: kernel[1], stride: strides[1], dilation: dilations[1])
    return ["pads": .ints([ph.begin, pw.begin, ph.end, pw.end].map(Int64.init))]
  }
}

import ModelGraph
