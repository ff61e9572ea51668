import Foundation
import ModelFormats
import ModelGraph

/// `images`: photographs made into a model's input batch (`ImageInputs`), for the steps that run
/// models on an .npz. Arguments: `folders` (comma-separated folders of PNG/JPEG files; empty items
/// are left out, so `golden/photos, ${photos}` works with `photos` unset), `like` (an .onnx
/// model: the batch takes the size and layout of its image input, `[N, H, W, 3]` or
/// `[N, 3, H, W]`), `preprocessing`, `output` (.npz, key `input`).
struct ImagesStep: PipelineStep {
  static let kind = "images"
  static let parameters: [StepParameter] = [
    .init(name: "folders", role: .inputList, required: true), .input("like", required: true),
    .init(name: "preprocessing", role: .choice(Preprocessing.allCases.map(\.rawValue), noun: "preprocessing"), required: true),
    .output("output", required: true),
  ]

  static func run(_ a: StepArguments, progress: (Int, Int) -> Void) throws -> StepResult {
    guard let preprocessing = Preprocessing(rawValue: try a.string("preprocessing")) else {
      throw PipelineError.argument(step: a.step, name: "preprocessing", expected: "must be one of \(Preprocessing.allCases.map(\.rawValue))")
    }
    let like = try a.url("like")
    let dims = try ONNXFile.read(like).graph.feedInputs.first?.type.shape?.map { $0.value ?? 1 } ?? []
    guard dims.count == 4, dims[1] == 3 || dims[3] == 3, dims.allSatisfy({ $0 > 0 && $0 <= 4096 }) else {
      throw PipelineError.argument(step: a.step, name: "like", expected: "names a model whose first input is [N, H, W, 3] or [N, 3, H, W], found \(dims)")
    }
    let layout: Preprocessing.Layout = dims[3] == 3 ? .nhwc : .nchw
    let size = layout == .nhwc ? [dims[1], dims[2]] : [dims[2], dims[3]]
    let folders = StepParameter.list(try a.string("folders"))
    var parts: [Tensor] = [], names: [String] = []
    for (n, folder) in folders.enumerated() {
      progress(n, folders.count)
      let (batch, files) = try ImageInputs.batch(folder: URL(fileURLWithPath: folder), preprocessing: preprocessing,
                                                 height: size[0], width: size[1], layout: layout)
      parts.append(batch)
      names += files
    }
    let item = Array(parts[0].shape.dropFirst())
    let batch = Tensor(parts.flatMap { $0.floats() ?? [] }, shape: [names.count] + item)
    let out = try a.url("output")
    try NPZ.write([(key: "input", tensor: batch)], to: out, force: true)
    let shape = batch.shape.map(String.init).joined(separator: "x")
    let summary = "\(names.count) photographs (\(names.joined(separator: ", "))) → \(out.lastPathComponent) \(shape), "
      + "\(preprocessing.rawValue) preprocessing"
    return StepResult(status: .passed, summary: summary, facts: ["images": names.joined(separator: ","), "shape": shape],
                      outputs: [out.path])
  }
}
