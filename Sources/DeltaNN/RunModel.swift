import Foundation

/// What `runModel` produced: the recording (when kept), the model's outputs, and how many
/// NaN/Inf values each input held.
public struct ModelRun: Sendable {
  /// The .npz and its sidecar, when the run was asked to keep them.
  public var record: RunRecord?
  /// The model's outputs in graph order, the whole batch each.
  public var outputs: [(name: String, tensor: Tensor)]
  public var nonFiniteInputs: [String: Int]
}

/// Runs an ONNX model in the interpreter on the batch in `inputs` (an .npy for a model with one
/// input, an .npz keyed by input name, or one with key `input`) and records `capture` into
/// `out` (.npz plus its JSON sidecar, which `diffRecordings` and `deltann diff` read), stopping
/// with a typed error when the run holds more than `memoryLimit` bytes of activations.
///
/// ```swift
/// let run = try runModel(URL(fileURLWithPath: "model.onnx"), inputs: URL(fileURLWithPath: "x.npy"),
///                        capture: .all, out: URL(fileURLWithPath: "acts.npz"))
/// run.outputs.first?.tensor.shape
/// ```
/// Without `out` the outputs are recorded to a temporary folder, read back and removed.
public func runModel(_ model: URL, inputs: URL, capture: CaptureRequest = .outputs, out: URL? = nil,
                     threads: Int = 1, isa: KernelISA? = nil, memoryLimit: Int = .max, force: Bool = false)
  throws -> ModelRun
{
  let backend = InterpreterBackend(threads: threads, isa: isa, memoryLimit: memoryLimit)
  let scratch = out == nil ? try makeScratchFolder() : nil
  defer { if let scratch { try? FileManager.default.removeItem(at: scratch) } }
  guard let destination = out ?? scratch?.appendingPathComponent("run.npz") else { preconditionFailure("out or scratch") }
  let record = try backend.run(RunRequest(model: model, inputs: inputs, capture: capture, out: destination, repeats: 0,
                                          force: force)) { _ in }
  let archive = try NPZReader(contentsOf: destination)
  let outputs = try record.outputs.map { (name: $0, tensor: try archive.tensor($0)) }
  // Read before the scratch folder goes: the tensors may map its file.
  let owned = outputs.map { (name: $0.name, tensor: Tensor(values: Array($0.tensor.bytes), dtype: $0.tensor.dtype, shape: $0.tensor.shape)) }
  return ModelRun(record: out == nil ? nil : record, outputs: owned, nonFiniteInputs: record.nonFiniteInputs)
}

private func makeScratchFolder() throws -> URL {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("deltann-run-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  return folder
}
