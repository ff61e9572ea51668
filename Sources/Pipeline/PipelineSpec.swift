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

  public static func load(_ url: URL) throws(PipelineError) -> PipelineSpec {
    let text: String
    do { text = try String(contentsOf: url, encoding: .utf8) } catch {
      throw .spec(file: url.path, problem: "cannot read the pipeline (\(error.localizedDescription))")
    }
    let spec: PipelineSpec
    do { spec = try YAMLDecoder().decode(PipelineSpec.self, from: text) } catch {
      throw YAMLProblem.error(error, text: text, file: url.path)
    }
    let known = StepRegistry.kinds
    for s in spec.steps where !known.contains(s.step) {
      throw .unknownStep(file: url.path, step: s.id, kind: s.step, known: known)
    }
    let ids = spec.steps.map(\.id)
    if let dup = ids.first(where: { id in ids.filter { $0 == id }.count > 1 }) {
      throw .spec(file: url.path, problem: "step id '\(dup)' is used twice; ids must be unique")
    }
    return spec
  }
}
