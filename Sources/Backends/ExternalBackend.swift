import Foundation
import ModelFormats

/// A real framework run by the Python helper `python -m deltann_converters run` from the venv.
///
/// ```swift
/// let keras = try ExternalBackend(framework: .keras)     // finds .venv or $DELTANN_VENV
/// let record = try keras.run(RunRequest(model: m, inputs: x, capture: .all, out: acts)) { _ in }
/// ```
/// Inputs and outputs cross the process boundary as files only (.npz and JSON). Every failure
/// becomes a `BackendError`: missing set-up, the helper's own error line and stderr tail, or
/// output that does not open.
public struct ExternalBackend: Backend, Sendable {
  public enum Framework: String, Sendable, CaseIterable {
    case keras, torch, onnxruntime, tvm
  }

  public var framework: Framework
  public var setup: HelperSetup
  /// TVM only: the PassContext opt level of the build (0–3); nil keeps the helper's default (0).
  public var optLevel: Int?

  public var name: String { framework.rawValue }

  public init(framework: Framework, setup: HelperSetup, optLevel: Int? = nil) {
    self.framework = framework
    self.setup = setup
    self.optLevel = optLevel
  }

  /// Locates the helpers as `HelperSetup.locate(environment:)` does.
  public init(framework: Framework, optLevel: Int? = nil,
              environment: [String: String] = ProcessInfo.processInfo.environment) throws(BackendError) {
    self.init(framework: framework, setup: try HelperSetup.locate(environment: environment), optLevel: optLevel)
  }

  public func run(_ request: RunRequest, progress: (RunProgress) -> Void) throws(BackendError) -> RunRecord {
    for (file, role) in [(request.model, "model"), (request.inputs, "inputs")]
    where !FileManager.default.fileExists(atPath: file.path) {
      throw .missingFile(file: file.path, role: role)
    }
    let capture: String
    switch request.capture {
    case .outputs: capture = "output"
    case .all: capture = "all"
    case .tensors: throw .unusable(file: request.model.path, role: "model", reason: "the \(name) helper records the outputs or all tensors, not chosen ones")
    }
    var arguments = ["-m", "deltann_converters", "run", "--framework", framework.rawValue,
                     "--model", request.model.path, "--inputs", request.inputs.path,
                     "--capture", capture, "--out", request.out.path,
                     "--repeat", String(request.repeats)]
    if request.force { arguments.append("--force") }
    if let threads = request.threads { arguments += ["--threads", String(threads)] }
    if let level = optLevel, framework == .tvm { arguments += ["--opt-level", String(level)] }
    if let layout = request.inputLayout, framework == .tvm { arguments += ["--input-layout", layout] }
    let outcome = try HelperProcess(executable: setup.python, arguments: arguments,
                                    environment: helperEnvironment()).run(progress: progress)
    guard outcome.status == 0, !outcome.signaled else {
      let report = outcome.tail.reversed().lazy.compactMap(HelperErrorLine.init).first
      throw .helperFailed(framework: name, status: outcome.status, signal: outcome.signaled,
                          kind: report?.error, message: report?.message, stderrTail: outcome.tail)
    }
    return try record(of: request)
  }

  /// The caller's environment with the helpers importable and Python's output unbuffered.
  func helperEnvironment() -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    let path = [setup.converters.path, environment["PYTHONPATH"]].compactMap { $0 }.filter { !$0.isEmpty }
    environment["PYTHONPATH"] = path.joined(separator: ":")
    environment["PYTHONUNBUFFERED"] = "1"
    environment["VIRTUAL_ENV"] = setup.venv.path
    return environment
  }

  /// Checks the helper's outputs open and agree, and reads the sidecar.
  func record(of request: RunRequest) throws(BackendError) -> RunRecord {
    let sidecar = try ActivationSidecar.read(beside: request.out)
    let keys: [String]
    do { keys = try NPZReader(contentsOf: request.out).keys } catch {
      throw .malformedOutput(file: request.out.path, reason: "\(error)")
    }
    let missing = sidecar.tensors.map(\.key).filter { !keys.contains($0) }
    guard missing.isEmpty else {
      throw .malformedOutput(file: request.out.path, reason: "the sidecar lists \(missing.count) tensors "
        + "the archive lacks: " + missing.prefix(5).joined(separator: ", "))
    }
    return RunRecord(activations: request.out, sidecar: sidecar)
  }
}

/// The helper's last-line JSON error report: `{"error": kind, "message": text}`.
struct HelperErrorLine: Decodable {
  var error: String
  var message: String

  init?(_ line: String) {
    guard line.hasPrefix("{"), let value = try? JSONDecoder().decode(Self.self, from: Data(line.utf8)) else {
      return nil
    }
    self = value
  }
}
