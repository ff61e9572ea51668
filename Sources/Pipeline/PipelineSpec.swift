import Foundation
import ModelGraph
import Yams

/// A pipeline file (`pipelines/*.yaml`): steps run in order for every cell of an optional matrix.
///
/// ```yaml
/// name: sweep
/// matrix:
///   model: [mobilenet_mini, resnet_mini]
/// steps:
///   - id: localize
///     step: localize
///     with: {reference: golden/keras/${model}/keras.npz, candidate: ${out}/faulty.onnx}
/// ```
/// `${name}` is replaced by the cell's matrix value; `${out}` is the cell's output folder.
public struct PipelineSpec: Sendable, Decodable {
  public struct Step: Sendable, Decodable {
    public var id: String
    public var step: String
    public var with: [String: String]
  }

  public var name: String
  /// Output folder; each cell writes under `<output>/<cell>`.
  public var output: String
  public var matrix: [String: [String]]?
  public var steps: [Step]

  /// The most matrix cells one pipeline file may expand to: each cell runs every step, so more
  /// is a typo or a sweep to split, and expanding it would take minutes before any work.
  public static let maxCells = 10_000

  public static func load(_ url: URL) throws(PipelineError) -> PipelineSpec {
    let text: String
    do { text = try String(contentsOf: url, encoding: .utf8) } catch {
      throw .spec(file: url.path, problem: "cannot read the pipeline (\(error.localizedDescription))")
    }
    if let (line, depth) = YAMLDepth.firstTooDeep(text) {
      throw .yaml(file: url.path, line: line, column: 1, key: "",
                  problem: "nested \(depth) levels deep; a pipeline nests at most \(YAMLDepth.limit)")
    }
    let spec: PipelineSpec
    do { spec = try YAMLDecoder().decode(PipelineSpec.self, from: text) } catch {
      throw YAMLProblem.error(error, text: text, file: url.path)
    }
    let known = StepRegistry.kinds
    for s in spec.steps where !known.contains(s.step) {
      throw .unknownStep(file: url.path, step: s.id, kind: s.step, known: known)
    }
    let counts = (spec.matrix ?? [:]).values.map(\.count)
    guard let cells = Tensor.checkedElementCount(counts), cells <= maxCells else {
      let total = Tensor.checkedElementCount(counts).map { " = \($0)" } ?? ""
      throw .spec(file: url.path, problem: "the matrix has \(counts.map(String.init).joined(separator: " × "))\(total) cells; "
        + "at most \(maxCells) are run from one file (split the sweep into several pipelines)")
    }
    let ids = spec.steps.map(\.id)
    if let dup = ids.first(where: { id in ids.filter { $0 == id }.count > 1 }) {
      throw .spec(file: url.path, problem: "step id '\(dup)' is used twice; ids must be unique")
    }
    return spec
  }
}
