import Backends
import Diff
import Foundation
import ModelFormats
import ModelGraph

/// The environments a study runs one model form in, named once: our interpreter, and the real
/// frameworks through the Python helpers (onnxruntime on any ONNX form, Keras, PyTorch, and TVM
/// built at each optimisation level from a TVM folder or an .onnx).
public enum Environment: String, Sendable, CaseIterable {
  case interpreter, onnxruntime, keras, torch
  case tvmO0 = "tvm-O0", tvmO1 = "tvm-O1", tvmO2 = "tvm-O2", tvmO3 = "tvm-O3"

  /// What one run produced: the recording (.npz + sidecar, as the framework helpers write it),
  /// the class scores per input, and per-input latency over the timing passes.
  public struct Run: Sendable {
    public var recording: URL
    public var version: String
    public var rows: [[Float]]
    /// Milliseconds per input: min, median, 95th percentile.
    public var min, median, p95: Double
  }

  /// TVM's opt level for the TVM environments.
  var tvmOptLevel: Int? {
    switch self {
    case .tvmO0: 0
    case .tvmO1: 1
    case .tvmO2: 2
    case .tvmO3: 3
    default: nil
    }
  }

  /// The backend that runs this environment (the TVM levels are one backend built four ways).
  var backendChoice: BackendChoice {
    switch self {
    case .interpreter: .interpreter
    case .onnxruntime: .onnxruntime
    case .keras: .keras
    case .torch: .torch
    case .tvmO0, .tvmO1, .tvmO2, .tvmO3: .tvm
    }
  }

  /// Every environment runs on one thread, so that their times compare.
  static let threads = 1

  /// Runs `model` on the batch in `inputs` (.npz, key `input`; `layout` names its 4-D layout for
  /// a TVM module that takes the other), then `repeats` timing passes. Each input runs alone
  /// (batch 1) in the timing passes, in every environment alike.
  public func run(model: URL, inputs: URL, out: URL, repeats: Int, layout: String? = nil) throws -> Run {
    var request = RunRequest(model: model, inputs: inputs, capture: .outputs, out: out, repeats: repeats, force: true)
    request.threads = Self.threads
    if tvmOptLevel != nil { request.inputLayout = layout }
    let record = try backendChoice.make(threads: Self.threads, optLevel: tvmOptLevel).run(request) { _ in }
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
