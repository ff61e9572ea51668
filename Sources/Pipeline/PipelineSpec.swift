import Foundation
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

  /// Reads and validates a pipeline file (`PipelineValidation`): any problem throws
  /// `PipelineError.invalid` with all of them, each with its line and column.
  public static func load(_ url: URL) throws(PipelineError) -> PipelineSpec {
    let (spec, problems) = try check(url)
    guard let spec, problems.isEmpty else { throw .invalid(file: url.path, problems: problems) }
    return spec
  }

  /// The spec (when its shape is right) and every problem of the file, for `pipeline validate`.
  public static func check(_ url: URL) throws(PipelineError) -> (PipelineSpec?, [PipelineError]) {
    let text: String
    do { text = try String(contentsOf: url, encoding: .utf8) } catch {
      throw .spec(file: url.path, problem: "cannot read the pipeline (\(error.localizedDescription))")
    }
    let root: Node
    do { root = try PipelineValidation.compose(text, file: url.path) } catch { return (nil, [error]) }
    let shape = PipelineValidation.schema.problems(in: root, file: url.path)
    guard shape.isEmpty else { return (nil, shape) }
    let spec: PipelineSpec
    do { spec = try YAMLDecoder().decode(PipelineSpec.self, from: text) } catch {
      throw .spec(file: url.path, problem: "not a pipeline: \(error) (expected name, output, steps: [{id, step, with}])")
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
