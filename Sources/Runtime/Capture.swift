import ModelGraph

/// Which intermediate tensors a run keeps (or streams to its `onTensor` sink).
public enum Capture: Sendable, Hashable {
  case none
  /// Every graph input and every tensor a node produces.
  case all
  case tensors(Set<String>)

  func wants(_ name: String) -> Bool {
    switch self {
    case .none: false
    case .all: true
    case .tensors(let names): names.contains(name)
    }
  }
}

/// What a run produced: the graph outputs, the captured tensors (empty when streamed to a
/// sink), and how many NaN/Inf values each input held.
public struct RunResult: Sendable {
  public var outputs: [String: Tensor]
  public var captured: [String: Tensor]
  /// Non-finite element counts per input name (inputs without any are absent).
  public var nonFiniteInputs: [String: Int]
  /// Seconds spent in each node's kernel, when the run was asked to time them.
  public var nodeSeconds: [String: Double]
}
