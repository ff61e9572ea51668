import Foundation

/// `run`: one model form in one named environment (`Environment`): outputs, labels and
/// per-input latency. Arguments: `environment`, `model`, `inputs` (.npz, key `input`), `output`
/// (the recording, .npz with its JSON sidecar), optional `repeats` (timing passes, default 5) and
/// `layout` (`NHWC` or `NCHW`: the inputs' layout, which a TVM module taking the other gets
/// transposed).
struct RunStep: PipelineStep {
  static let kind = "run"
  static let parameters: [StepParameter] = [
    .init(name: "environment", role: .choice(Environment.allCases.map(\.rawValue), noun: "environment"), required: true),
    .input("model", required: true), .input("inputs", required: true), .output("output", required: true), .number("repeats"),
    .init(name: "layout", role: .choice(["NHWC", "NCHW"], noun: "layout")),
  ]

  static func run(_ a: StepArguments, progress: (Int, Int) -> Void) throws -> StepResult {
    let name = try a.string("environment")
    guard let environment = Environment(rawValue: name) else {
      throw PipelineError.argument(step: a.step, name: "environment", expected: "must be one of \(Environment.allCases.map(\.rawValue))")
    }
    let repeats = Int(try a.float("repeats", default: 5))
    let model = try a.url("model")
    let run = try environment.run(model: model, inputs: try a.url("inputs"), out: try a.url("output"), repeats: repeats,
                                      layout: a.optional("layout"))
    let labels = run.rows.map { row in row.indices.max { row[$0] < row[$1] } ?? -1 }
    let ms = { (v: Double) in String(format: "%.3f", v) }
    return StepResult(
      status: .passed,
      summary: "\(name) (\(run.version)) on \(model.lastPathComponent): \(run.rows.count) inputs, top-1 \(labels); "
        + "per input \(ms(run.median)) ms median, \(ms(run.min)) min, \(ms(run.p95)) p95 over \(repeats) passes",
      facts: ["environment": name, "version": run.version, "top1": labels.map(String.init).joined(separator: ","),
              "median_ms": ms(run.median), "min_ms": ms(run.min), "p95_ms": ms(run.p95)],
      outputs: [run.recording.path, run.recording.deletingPathExtension().appendingPathExtension("json").path])
  }
}
