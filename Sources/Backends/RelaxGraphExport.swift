import Foundation

/// TVM's own reading of a model form, as data: runs `python -m deltann_converters relax-json`,
/// which loads our TVM folder, or imports an `.onnx` (TVM's ONNX frontend) or a `.pt2`
/// (`from_exported_program`), and writes the dataflow of its Relax `main` as JSON
/// (`deltann.relax-graph/1`) and the values it reads as an .npz.
///
/// ```swift
/// try RelaxGraphExport(setup: try HelperSetup.locate()).export(model: form, json: j, values: v)
/// ```
public struct RelaxGraphExport: Sendable {
  public var setup: HelperSetup

  public init(setup: HelperSetup) { self.setup = setup }

  public func export(model: URL, json: URL, values: URL) throws(BackendError) {
    guard FileManager.default.fileExists(atPath: model.path) else { throw .missingFile(file: model.path, role: "model") }
    let arguments = ["-m", "deltann_converters", "relax-json", "--model", model.path, "--out", json.path,
                     "--params", values.path, "--force"]
    let environment = ExternalBackend(framework: .tvm, setup: setup).helperEnvironment()
    let outcome = try HelperProcess(executable: setup.python, arguments: arguments, environment: environment).run { _ in }
    guard outcome.status == 0, !outcome.signaled else {
      let report = outcome.tail.reversed().lazy.compactMap(HelperErrorLine.init).first
      throw .helperFailed(framework: "tvm", status: outcome.status, signal: outcome.signaled,
                          kind: report?.error, message: report?.message, stderrTail: outcome.tail)
    }
  }
}
