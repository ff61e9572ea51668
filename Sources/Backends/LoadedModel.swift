import ModelGraph
import Runtime

/// A model held in this process by an `InProcessBackend`: run feed by feed with every captured
/// tensor streamed to a sink, and part of it re-executed on given tensors.
///
/// ```swift
/// let loaded = try InterpreterBackend(threads: 1).load(model)
/// _ = try loaded.run(inputs: ["input": x], capture: .all) { name, tensor in print(name, tensor.shape) }
/// ```
/// Localisation needs both: it compares each layer as it is produced, and isolates a
/// divergent layer by re-running it on the reference's own inputs.
public protocol LoadedModel {
  /// The model as loaded (its graph names the tensors that runs capture).
  var model: Model { get }
  /// Runs on `inputs` (by graph input name); captured tensors go to `onTensor` as produced.
  func run(inputs: [String: Tensor], capture: Capture, timeNodes: Bool,
           onTensor: ((String, Tensor) throws -> Void)?) throws(RuntimeError) -> RunResult
  /// Computes the tensors `to` from the tensors `from` (given in `feeds`) and the constants.
  func runSubgraph(from: [String], to: [String], feeds: [String: Tensor]) throws(RuntimeError) -> [String: Tensor]
}

/// A backend that loads a model into this process (the interpreter), besides running model
/// files as every `Backend` does.
public protocol InProcessBackend: Backend {
  func load(_ model: Model) throws(BackendError) -> any LoadedModel
}

extension Interpreter: LoadedModel {}

extension LoadedModel {
  /// `run(inputs:capture:timeNodes:onTensor:)` without node timing.
  public func run(inputs: [String: Tensor], capture: Capture = .none,
                  onTensor: ((String, Tensor) throws -> Void)? = nil) throws(RuntimeError) -> RunResult {
    try run(inputs: inputs, capture: capture, timeNodes: false, onTensor: onTensor)
  }
}
