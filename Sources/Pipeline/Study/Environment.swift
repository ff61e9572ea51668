import Backends
import Diff
import Foundation
import ModelFormats
import ModelGraph

/// The environments a study runs one model form in, named once: our interpreter, and the real
/// frameworks through the Python helpers (onnxruntime on any ONNX form, Keras, PyTorch).
public enum Environment: String, Sendable, CaseIterable {
  case interpreter, onnxruntime, keras, torch

  /// What one run produced: the recording (.npz + sidecar, as the framework helpers write it),
  /// the class scores per input, and per-input latency over the timing passes.
  public struct Run: Sendable {
    public var recording: URL
    public var version: String
    public var rows: [[Float]]
    /// Milliseconds per input: min, median, 95th percentile.
    public var min, median, p95: Double
  }

  /// Runs `model` on the batch in `inputs` (.npz, key `input`), then `repeats` timing passes.
  /// Each input runs alone (batch 1) in the timing passes, in every environment alike.
  public func run(model: URL, inputs: URL, out: URL, repeats: Int) throws -> Run {
    guard let choice = BackendChoice(rawValue: rawValue) else { preconditionFailure("every environment is a backend") }
    let record = try choice.make().run(
      RunRequest(model: model, inputs: inputs, capture: .outputs, out: out, repeats: repeats, force: true)) { _ in }
    let recording = try RecordedActivations(npz: out)
    guard let output = record.outputs.first else { throw PipelineError.argument(step: "run", name: out.path, expected: "names a model output") }
    let rows = try (0..<record.count).map { try recording.tensor(output, input: $0).floats() ?? [] }
    let t = record.timing
    return Run(recording: out, version: "\(record.framework) \(record.frameworkVersion)", rows: rows,
               min: t?.min ?? .nan, median: t?.median ?? .nan, p95: t?.p95 ?? .nan)
  }
}

extension Environment {
  /// What identifies the frameworks' versions without starting Python: the helper venv's path
  /// and the names of its installed distributions (`onnxruntime-1.32.0.dist-info`, …), plus the
  /// helpers' sources. Empty when no helper is set up (then only the interpreter can run).
  static let helperVersions: String = {
    guard let setup = try? HelperSetup.locate() else { return "" }
    let fm = FileManager.default
    let lib = setup.venv.appendingPathComponent("lib")
    let sitePackages = ((try? fm.contentsOfDirectory(atPath: lib.path)) ?? []).sorted()
      .map { lib.appendingPathComponent($0).appendingPathComponent("site-packages").path }
    let distributions = sitePackages.flatMap { ((try? fm.contentsOfDirectory(atPath: $0)) ?? []).filter { $0.hasSuffix(".dist-info") } }
    var hash = ContentHash()
    _ = hash.combine(contentsOf: setup.converters.appendingPathComponent("deltann_converters"))
    return ([setup.venv.path, hash.hex] + distributions.sorted()).joined(separator: "\n")
  }()
}
