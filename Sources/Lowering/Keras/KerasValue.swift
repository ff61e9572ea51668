import ModelGraph

/// A Keras tensor during lowering: the ONNX tensor holding it, its Keras (channels-last,
/// logical) shape with `nil` for unknown sizes, and whether the ONNX tensor stores it
/// channels-first (`[N, C, H, W]` for a Keras `[N, H, W, C]`).
struct KerasValue: Sendable {
  var name: String
  var shape: [Int?]
  var channelsFirst: Bool

  var rank: Int { shape.count }

  /// Says how the ONNX tensor relates to the Keras one, for readers aligning activations
  /// (stored as the tensor's `value_info` doc string).
  var layoutNote: String {
    rank >= 3 && channelsFirst ? "layout: channels-first (Keras channels-last, transposed)" : "layout: as Keras"
  }

  /// The ONNX tensor's shape.
  var physicalShape: [Int?] { channelsFirst ? Self.toChannelsFirst(rank).map { shape[$0] } : shape }

  /// `[0, r-1, 1, …, r-2]`: channels-last → channels-first.
  static func toChannelsFirst(_ rank: Int) -> [Int] { rank < 3 ? Array(0..<rank) : [0, rank - 1] + Array(1..<(rank - 1)) }
  /// `[0, 2, …, r-1, 1]`: channels-first → channels-last.
  static func toChannelsLast(_ rank: Int) -> [Int] { rank < 3 ? Array(0..<rank) : [0] + Array(2..<rank) + [1] }

  /// The ONNX axis of Keras axis `axis` (negative counts from the end).
  func physicalAxis(_ axis: Int) -> Int {
    let a = axis < 0 ? axis + rank : axis
    return channelsFirst ? Self.toChannelsFirst(rank).firstIndex(of: a) ?? a : a
  }

  static func dims(_ shape: [Int?]) -> [Dim] {
    shape.enumerated().map { i, d in d.map(Dim.fixed) ?? (i == 0 ? .symbolic("N") : .unknown) }
  }
}
