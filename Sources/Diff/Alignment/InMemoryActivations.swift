import ModelGraph

/// Activations held in memory: for small models, tests, and activations just captured.
public struct InMemoryActivations: ActivationSource {
  public var entries: [ActivationEntry]
  /// Per key, one tensor per input.
  public var tensors: [String: [Tensor]]

  public init(entries: [ActivationEntry], tensors: [String: [Tensor]]) {
    self.entries = entries
    self.tensors = tensors
  }

  public var inputCount: Int { entries.first.flatMap { tensors[$0.key]?.count } ?? 0 }

  public func tensor(_ key: String, input index: Int) throws -> Tensor {
    guard let all = tensors[key], index < all.count else {
      throw DiffError.reference(key: key, problem: "no recording for input \(index)")
    }
    return all[index]
  }
}
