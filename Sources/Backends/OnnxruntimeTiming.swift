import Foundation
import ModelGraph
import Runtime

/// onnxruntime (CPU provider, fixed intra-op threads) on one float32 input, in a Python child
/// process that stays up between runs, so a benchmark can alternate its runs with the
/// interpreter's: on a shared machine, load that comes and goes then slows both alike.
///
/// ```swift
/// let peer = try OnnxruntimeTiming.Session(model: url, input: x, threads: 2, python: "python3")
/// let (wall, cpu) = try peer.timeOneRun()
/// let y = try peer.finish()  // the first output
/// ```
public enum OnnxruntimeTiming {
  public struct Result: Sendable {
    /// Wall-clock and process CPU seconds per run.
    public var timing: Benchmark.Timing
    public var output: Tensor
  }

  /// Loads the model, warms up, answers `ready`; then times one run per `run` line (answering
  /// "wall cpu" in seconds) until `finish`, when it writes the first output and its shape.
  static let script = """
    import sys, json, time, numpy as np, onnxruntime as ort
    model, xfile, shape, warmup, threads, outfile = sys.argv[1:7]
    x = np.fromfile(xfile, dtype='<f4').reshape([int(s) for s in shape.split(',')])
    so = ort.SessionOptions(); so.intra_op_num_threads = int(threads); so.inter_op_num_threads = 1
    sess = ort.InferenceSession(model, so, providers=['CPUExecutionProvider'])
    name = sess.get_inputs()[0].name
    for _ in range(int(warmup)): y = sess.run(None, {name: x})
    print('ready', flush=True)
    for line in sys.stdin:
        if line.strip() != 'run': break
        t, c = time.perf_counter(), time.process_time()
        y = sess.run(None, {name: x})
        c, t = time.process_time() - c, time.perf_counter() - t
        print(t, c, flush=True)
    y = sess.run(None, {name: x})
    y[0].astype('<f4').tofile(outfile)
    print(json.dumps(list(y[0].shape)), flush=True)
    """

  /// The running child process.
  public final class Session {
    private let process = Process()
    private let folder: URL
    private let toChild = Pipe(), fromChild = Pipe()
    private var pending = Data()

    public init(model: URL, input: Tensor, threads: Int, warmup: Int = 2, python: String) throws(BackendError) {
      folder = FileManager.default.temporaryDirectory.appendingPathComponent("deltann-ort-\(UUID().uuidString)")
      let xfile = folder.appendingPathComponent("x.bin")
      do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(input.bytes).write(to: xfile)
        // A file, not a pipe, for stderr: nobody reads it while the child runs.
        FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-c", script, model.path, xfile.path, input.shape.map(String.init).joined(separator: ","),
                             "\(warmup)", "\(threads)", outputFile.path]
        process.standardInput = toChild
        process.standardOutput = fromChild
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        try process.run()
        // Only the child's copies stay open, so its exit reads as the end of its output.
        try fromChild.fileHandleForWriting.close()
        try toChild.fileHandleForReading.close()
      } catch {
        try? FileManager.default.removeItem(at: folder)
        throw .cannotLaunch(executable: python, reason: "\(error)")
      }
      guard try line() == "ready" else { throw failure() }
    }

    deinit {
      if process.isRunning { process.terminate(); process.waitUntilExit() }
      try? FileManager.default.removeItem(at: folder)
    }

    private var stderrFile: URL { folder.appendingPathComponent("stderr.txt") }
    private var outputFile: URL { folder.appendingPathComponent("y.bin") }

    /// Times one run: wall-clock and process CPU seconds.
    public func timeOneRun() throws(BackendError) -> (wall: Double, cpu: Double) {
      try send("run\n")
      let fields = try line().split(separator: " ").compactMap { Double($0) }
      guard fields.count == 2 else { throw failure() }
      return (fields[0], fields[1])
    }

    /// Ends the child and returns onnxruntime's first output.
    public func finish() throws(BackendError) -> Tensor {
      try send("finish\n")
      let shapeLine = try line()
      process.waitUntilExit()
      guard process.terminationStatus == 0,
            let shape = try? JSONDecoder().decode([Int].self, from: Data(shapeLine.utf8)),
            let y = try? Data(contentsOf: outputFile)
      else { throw failure() }
      return y.withUnsafeBytes { Tensor(dtype: .float32, shape: shape, storage: ByteStorage(copying: $0)) }
    }

    /// Writes a command line. SIGPIPE is held back on this thread meanwhile, so a child that
    /// died is reported as its failure instead of killing this process.
    private func send(_ text: String) throws(BackendError) {
      var pipeSignal = sigset_t(), previous = sigset_t()
      sigemptyset(&pipeSignal)
      sigaddset(&pipeSignal, SIGPIPE)
      pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
      defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
      let bytes = Array(text.utf8)
      let written = bytes.withUnsafeBytes { write(toChild.fileHandleForWriting.fileDescriptor, $0.baseAddress, $0.count) }
      guard written == bytes.count else {
        var none = timespec()
        _ = sigtimedwait(&pipeSignal, nil, &none)  // takes the SIGPIPE the failed write raised
        throw failure()
      }
    }

    /// The child's next line of output; a closed pipe (the child died) is its failure.
    private func line() throws(BackendError) -> String {
      while true {
        if let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
          let text = String(decoding: pending[pending.startIndex..<end], as: UTF8.self)
          pending.removeSubrange(pending.startIndex...end)
          return text
        }
        let more = fromChild.fileHandleForReading.availableData
        guard !more.isEmpty else { throw failure() }
        pending.append(more)
      }
    }

    /// The child's failure, with the end of what it wrote to stderr.
    private func failure() -> BackendError {
      if process.isRunning { process.terminate() }
      process.waitUntilExit()
      let stderr = (try? Data(contentsOf: stderrFile)) ?? Data()
      let tail = String(decoding: stderr.suffix(2000), as: UTF8.self).split(separator: "\n").suffix(10).map(String.init)
      return .helperFailed(framework: "onnxruntime timing", status: process.terminationStatus, signal: false,
                           kind: nil, message: nil, stderrTail: tail)
    }
  }
}
