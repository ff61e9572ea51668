import Foundation
import ModelFormats
import ModelGraph
import Runtime
import Verify

/// Our interpreter as a study environment: one input at a time (batch 1, as the helpers time
/// the frameworks), outputs recorded in the helpers' format so that `compare` reads them alike.
enum InterpreterRun {
  static func run(model: URL, inputs: URL, out: URL, repeats: Int) throws -> Environment.Run {
    let interpreter = try Interpreter(model: try ONNXFile.read(model), threads: 1)
    guard interpreter.feedInputs.count == 1, let input = interpreter.feedInputs.first else {
      throw PipelineError.argument(step: "run", name: model.path, expected: "has one input (it has \(interpreter.feedInputs.count))")
    }
    let batch = try NPZReader(contentsOf: inputs).tensor("input")
    let count = batch.shape.first ?? 0, item = Array(batch.shape.dropFirst())
    let values = batch.floats() ?? []
    let per = item.reduce(1, *)
    let feeds = (0..<count).map { Tensor(Array(values[$0 * per..<($0 + 1) * per]), shape: [1] + item) }
    guard let outputName = interpreter.model.graph.outputs.first?.name else {
      throw PipelineError.argument(step: "run", name: model.path, expected: "has an output")
    }
    let rows = try feeds.map { feed in
      try interpreter.run(inputs: [input.name: feed]).outputs[outputName]?.floats() ?? []
    }
    var samples: [Double] = []
    for _ in 0..<repeats {
      for feed in feeds {
        let start = DispatchTime.now().uptimeNanoseconds
        _ = try interpreter.run(inputs: [input.name: feed])
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
      }
    }
    samples.sort()
    let pick = { (q: Double) in samples.isEmpty ? Double.nan : samples[min(samples.count - 1, Int((q * Double(samples.count - 1)).rounded()))] }
    let classes = rows.first?.count ?? 0
    let writer = try NPZWriter(url: out, force: true)
    try writer.add(Tensor(rows.flatMap { $0 }, shape: [count, classes]), key: outputName)
    try writer.finish()
    let timing: [String: Any] = ["repeat": repeats, "min": pick(0), "median": pick(0.5), "p95": pick(0.95)]
    let sidecar: [String: Any] = [
      "format": "deltann.activations/1", "framework": "interpreter", "framework_version": "deltann \(interpreter.isa.rawValue)",
      "model": model.path, "inputs": inputs.path, "count": count, "capture": "output", "outputs": [outputName],
      "timing": repeats > 0 ? timing : NSNull(),
      "tensors": [["key": outputName, "layer": outputName, "op": "Output", "shape": [count, classes], "dtype": "float32",
                   "layout": "other", "batch": "concat"]],
    ]
    let data = try JSONSerialization.data(withJSONObject: sidecar, options: [.prettyPrinted, .sortedKeys])
    try writeAtomically(data, to: out.deletingPathExtension().appendingPathExtension("json"), force: true)
    return Environment.Run(recording: out, version: "interpreter \(interpreter.isa.rawValue)", rows: rows,
                           min: pick(0), median: pick(0.5), p95: pick(0.95))
  }
}
