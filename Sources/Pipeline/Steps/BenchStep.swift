import Foundation

/// `bench`: per-input latency of several environments on the same inputs, interleaved — round
/// after round, each environment makes one timing pass in turn — so that machine noise hits them
/// alike. Arguments: `runs` (`environment=model, …`, e.g. `interpreter=m.onnx, onnxruntime=m.onnx`),
/// `inputs` (.npz), `output` (a folder for the recordings), optional `rounds` (default 5).
/// Reports min, median, p95 and the spread (p95 − min) / median of the rounds' medians.
struct BenchStep: PipelineStep {
  static let kind = "bench"
  static let parameters: [StepParameter] = [
    .init(name: "runs", role: .environmentModels, required: true), .input("inputs", required: true),
    .output("output", required: true), .number("rounds"),
  ]

  static func run(_ a: StepArguments, progress: (Int, Int) -> Void) throws -> StepResult {
    let runs = try StepParameter.named(try a.string("runs")).map { run in
      guard let environment = Environment(rawValue: run.name) else {
        throw PipelineError.argument(step: a.step, name: "runs", expected: "names environments among \(Environment.allCases.map(\.rawValue)), found '\(run.name)'")
      }
      return (environment, URL(fileURLWithPath: run.path))
    }
    let rounds = Int(try a.float("rounds", default: 5))
    guard rounds >= 1, !runs.isEmpty else { throw PipelineError.argument(step: a.step, name: "rounds", expected: "must be at least 1") }
    let inputs = try a.url("inputs"), folder = try a.url("output")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var medians = Array(repeating: [Double](), count: runs.count)
    var versions = Array(repeating: "", count: runs.count)
    for round in 0..<rounds {
      for (i, (environment, model)) in runs.enumerated() {
        progress(round * runs.count + i, rounds * runs.count)
        let out = folder.appendingPathComponent("round\(round)-\(i)-\(environment.rawValue).npz")
        let run = try environment.run(model: model, inputs: inputs, out: out, repeats: 1)
        medians[i].append(run.median)
        versions[i] = run.version
      }
    }
    var facts: [String: String] = [:], lines: [String] = []
    for (i, (environment, model)) in runs.enumerated() {
      let s = medians[i].sorted()
      let at = { (q: Double) in s[min(s.count - 1, Int((q * Double(s.count - 1)).rounded()))] }
      let spread = (at(0.95) - at(0)) / at(0.5)
      let name = "\(i)-\(environment.rawValue)"
      facts[name] = String(format: "%.3f/%.3f/%.3f/%.2f", at(0), at(0.5), at(0.95), spread)
      lines.append(String(format: "%@ (%@) on %@: %.3f ms median, %.3f min, %.3f p95, spread %.0f %%", environment.rawValue,
                          versions[i], model.lastPathComponent, at(0.5), at(0), at(0.95), 100 * spread))
    }
    facts["rounds"] = "\(rounds)"
    return StepResult(status: .passed, summary: lines.joined(separator: "\n"), facts: facts, outputs: [folder.path])
  }
}
