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
/// `${name}` is replaced by the cell's matrix value; `${out}` is the cell's output folder; a name
/// under `variables:` by its value there, or by the value given on the command line
/// (`deltann pipeline run study.yaml --set photos=~/pictures`).
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
  /// Named values the steps use as `${name}`, each with its default.
  public var variables: [String: String]?
  public var steps: [Step]

  /// The most matrix cells one pipeline file may expand to: each cell runs every step, so more
  /// is a typo or a sweep to split, and expanding it would take minutes before any work.
  public static let maxCells = 10_000

  /// Reads and validates a pipeline file (`PipelineValidation`): any problem throws
  /// `PipelineError.invalid` with all of them, each with its line and column.
  public static func load(_ url: URL, setting values: [String: String] = [:]) throws(PipelineError) -> PipelineSpec {
    let (spec, problems) = try check(url, setting: values)
    guard let spec, problems.isEmpty else { throw .invalid(file: url.path, problems: problems) }
    return spec
  }

  /// The spec (when its shape is right; its variables substituted, `values` overriding their
  /// defaults) and every problem of the file, for `pipeline validate`.
  public static func check(_ url: URL, setting values: [String: String] = [:]) throws(PipelineError) -> (PipelineSpec?, [PipelineError]) {
    let text: String
    do { text = try String(contentsOf: url, encoding: .utf8) } catch {
      throw .spec(file: url.path, problem: "cannot read the pipeline (\(error.localizedDescription))")
    }
    if let (line, depth) = YAMLDepth.firstTooDeep(text) {
      throw .yaml(file: url.path, line: line, column: 1, key: "",
                  problem: "nested \(depth) levels deep; a pipeline nests at most \(YAMLDepth.limit)")
    }
    let root: Yams.Node
    do { root = try PipelineValidation.compose(text, file: url.path) } catch { return (nil, [error]) }
    let shape = PipelineValidation.schema.problems(in: root, file: url.path)
    guard shape.isEmpty else { return (nil, shape) }
    var spec: PipelineSpec
    do { spec = try YAMLDecoder().decode(PipelineSpec.self, from: text) } catch {
      throw YAMLProblem.error(error, text: text, file: url.path)
    }
    if let unknown = values.keys.sorted().first(where: { spec.variables?[$0] == nil }) {
      let known = (spec.variables ?? [:]).keys.sorted()
      throw .spec(file: url.path, problem: "--set \(unknown): the pipeline has no such variable; "
        + (known.isEmpty ? "it declares none" : "it declares \(known.joined(separator: ", "))"))
    }
    let variables = (spec.variables ?? [:]).merging(values) { _, given in given }
    spec.variables = variables
    for i in spec.steps.indices { spec.steps[i].with = spec.steps[i].with.mapValues { $0.substituting(variables) } }
    // Before anything expands the matrix (argument checks run per cell).
    let counts = (spec.matrix ?? [:]).values.map(\.count)
    guard let cells = Tensor.checkedElementCount(counts), cells <= maxCells else {
      let total = Tensor.checkedElementCount(counts).map { " = \($0)" } ?? ""
      throw .spec(file: url.path, problem: "the matrix has \(counts.map(String.init).joined(separator: " × "))\(total) cells; "
        + "at most \(maxCells) are run from one file (split the sweep into several pipelines)")
    }
    var problems = PipelineValidation.argumentProblems(root, spec: spec, file: url.path)
    var seen = Set<String>()
    for (i, step) in spec.steps.enumerated() where !seen.insert(step.id).inserted {
      let node = root["steps"]?.sequence?[i]["id"]
      problems.append(.yaml(file: url.path, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, key: "steps.\(i).id",
                            problem: "step id '\(step.id)' is used twice; ids must be unique"))
    }
    return (spec, problems)
  }
}
