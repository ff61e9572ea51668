import Foundation
import ModelGraph
import Runtime

/// Times onnxruntime (CPU provider, fixed intra-op threads) on one float32 input, in a Python
/// child process, and returns its per-run seconds and first output.
public enum OnnxruntimeTiming {
  public struct Result: Sendable {
    /// Wall-clock and process CPU seconds per run.
    public var timing: Benchmark.Timing
    public var output: Tensor
  }

  static let script = """
    import sys, json, time, numpy as np, onnxruntime as ort
    model, xfile, shape, runs, warmup, threads, outfile = sys.argv[1:8]
    x = np.fromfile(xfile, dtype='<f4').reshape([int(s) for s in shape.split(',')])
    so = ort.SessionOptions(); so.intra_op_num_threads = int(threads); so.inter_op_num_threads = 1
    sess = ort.InferenceSession(model, so, providers=['CPUExecutionProvider'])
    name = sess.get_inputs()[0].name
    for _ in range(int(warmup)): sess.run(None, {name: x})
    ts, cs = [], []
    for _ in range(int(runs)):
        t, c = time.perf_counter(), time.process_time()
        y = sess.run(None, {name: x})
        cs.append(time.process_time() - c); ts.append(time.perf_counter() - t)
    y[0].astype('<f4').tofile(outfile)
    print(json.dumps({"seconds": ts, "cpu": cs, "shape": list(y[0].shape)}))
    """

  public static func time(
    model: URL, input: Tensor, threads: Int, runs: Int, warmup: Int = 2, python: String
  ) throws(BackendError) -> Result {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("deltann-ort-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let xfile = folder.appendingPathComponent("x.bin"), yfile = folder.appendingPathComponent("y.bin")
    let process = Process()
    let out = Pipe(), err = Pipe()
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data(input.bytes).write(to: xfile)
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = [python, "-c", script, model.path, xfile.path,
                           input.shape.map(String.init).joined(separator: ","), "\(runs)", "\(warmup)", "\(threads)", yfile.path]
      process.standardOutput = out
      process.standardError = err
      try process.run()
    } catch { throw .cannotLaunch(executable: python, reason: "\(error)") }
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
          let json = try? JSONSerialization.jsonObject(with: stdout) as? [String: Any],
          let seconds = json["seconds"] as? [Double], let cpu = json["cpu"] as? [Double], let shape = json["shape"] as? [Int],
          let y = try? Data(contentsOf: yfile)
    else {
      let tail = String(decoding: stderr.suffix(2000), as: UTF8.self).split(separator: "\n").suffix(10).map(String.init)
      throw .helperFailed(framework: "onnxruntime timing", status: process.terminationStatus, signal: false,
                          kind: nil, message: nil, stderrTail: tail)
    }
    let output = y.withUnsafeBytes { Tensor(dtype: .float32, shape: shape, storage: ByteStorage(copying: $0)) }
    return Result(timing: Benchmark.Timing(seconds: seconds, cpuSeconds: cpu), output: output)
  }
}
