import Foundation

/// The interpreter's timings on one model and, when a peer was asked for, onnxruntime's on the
/// same input in the same run.
public struct BenchOutcome: Sendable {
  public var interpreter: Benchmark.Report
  public var onnxruntime: OnnxruntimeTiming.Result?
}

/// Times the interpreter on `model` at batch 1 (plain, capturing every tensor, streaming the
/// capture to an .npz) and, with `python` (an interpreter with onnxruntime), onnxruntime with
/// the same thread count, its runs alternating with the interpreter's plain ones.
///
/// ```swift
/// let outcome = try benchmark(URL(fileURLWithPath: "resnet101v2.onnx"), threads: 2, runs: 10, python: nil)
/// outcome.interpreter.plain.median  // seconds
/// ```
public func benchmark(_ model: URL, threads: Int = 1, isa: KernelISA? = nil, runs: Int = 10,
                      python: String?) throws -> BenchOutcome {
  let peer = python.map { python in
    { (input: Tensor) throws in try OnnxruntimeTiming.Session(model: model, input: input, threads: threads, python: python) }
  }
  let report = try Benchmark.run(model: try ONNXFile.read(model), threads: threads, isa: isa, runs: runs, peer: peer)
  return BenchOutcome(interpreter: report, onnxruntime: report.onnxruntime)
}
