import Foundation
import ModelFormats
import ModelGraph
import Runtime

/// Wall-clock timing of interpreter runs, with and without capture, and the process's peak RSS.
///
/// ```swift
/// let report = try Benchmark.run(model: model, threads: 1, runs: 10)
/// print(report.plain.median, report.captureAll.median)
/// ```
public enum Benchmark {
  /// Wall-clock and process CPU seconds per run. On a shared machine CPU time is the steadier
  /// measure: preemption stretches wall time but not CPU time (at one thread they agree otherwise).
  public struct Timing: Sendable {
    public var seconds: [Double]
    public var cpuSeconds: [Double]
    public var median: Double { seconds.sorted()[seconds.count / 2] }
    public var min: Double { seconds.min() ?? 0 }
    public var cpuMin: Double { cpuSeconds.min() ?? 0 }
    public var cpuMedian: Double { cpuSeconds.sorted()[cpuSeconds.count / 2] }

    public init(seconds: [Double], cpuSeconds: [Double]) {
      self.seconds = seconds
      self.cpuSeconds = cpuSeconds
    }
  }

  public struct Report: Sendable {
    /// The instruction-set level the interpreter ran at.
    public var isa: KernelISA
    public var input: Tensor
    public var output: Tensor
    public var plain: Timing
    /// onnxruntime's runs, alternating with `plain`'s, and its output, when the benchmark had a peer.
    public var onnxruntime: OnnxruntimeTiming.Result?
    /// The median of plain/onnxruntime over runs paired by position (the i-th of each, timed in
    /// the same round): the ratio a shared machine's changing load disturbs least.
    public var pairedRatio: Double? {
      guard let peer = onnxruntime?.timing.seconds, !peer.isEmpty else { return nil }
      let ratios = zip(plain.seconds, peer).map { $0 / $1 }.sorted()
      return ratios[ratios.count / 2]
    }
    /// Every tensor streamed to a sink that keeps per-tensor summary statistics only.
    public var captureAll: Timing
    /// Every tensor streamed into an .npz on disk, as `deltann run --capture all --out` does.
    public var captureToArchive: Timing
    public var archiveBytes: Int
    /// Writing `archiveBytes` of zeros to a new file alone (no compute, no fsync): the floor the
    /// file system sets under `captureToArchive`.
    public var archiveWriteFloor: Timing
    public var peakRSSPlain: Int
    public var peakRSSCapture: Int
    /// Seconds per op type in one timed run, largest first.
    public var byOp: [(op: String, seconds: Double)]
    /// Seconds per node in the same run, largest first.
    public var byNode: [(node: String, seconds: Double)]
  }

  /// A deterministic standard-normal input for the model's first feed (symbolic dims → 1).
  public static func input(for interpreter: Interpreter, seed: UInt64 = 42) -> (String, Tensor)? {
    guard let info = interpreter.feedInputs.first, let dims = info.type.shape else { return nil }
    let shape = dims.map { $0.value ?? 1 }
    var state = seed
    func uniform() -> Float {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return (Float(state >> 40) + 0.5) / Float(1 << 24)
    }
    let values = (0..<shape.reduce(1, *)).map { _ in sqrt(-2 * log(uniform())) * cos(2 * .pi * uniform()) }
    return (info.name, Tensor(values, shape: shape))
  }

  /// With `peer` (which starts onnxruntime on the benchmark's input), the plain runs and
  /// onnxruntime's alternate in rounds (each side's round opened by an untimed run, after a
  /// pause that lets the other side's spinning threads sleep), so that load on a shared machine
  /// falls on both.
  public static func run(model: Model, threads: Int, isa: KernelISA? = nil, runs: Int, warmup: Int = 2,
                         peer startPeer: ((Tensor) throws -> OnnxruntimeTiming.Session)? = nil) throws -> Report
  {
    let interpreter = try Interpreter(model: model, threads: threads, isa: isa)
    guard let (name, x) = input(for: interpreter), let outputName = model.graph.outputs.first?.name else {
      throw RuntimeError.missingInput(name: interpreter.feedInputs.first?.name ?? "?", expected: .unspecified)
    }
    let peer = try startPeer?(x)
    var output: Tensor?
    var peerSeconds: [Double] = [], peerCPU: [Double] = []
    let plain = try time(runs: runs, warmup: warmup) { () throws(RuntimeError) in
      output = try interpreter.run(inputs: [name: x]).outputs[outputName]
    } round: { count in
      guard let peer else { return }
      usleep(pauseMicroseconds)
      _ = try peer.timeOneRun()  // warms onnxruntime's caches and threads up again
      for _ in 0..<count {
        let (wall, cpu) = try peer.timeOneRun()
        peerSeconds.append(wall)
        peerCPU.append(cpu)
      }
      usleep(pauseMicroseconds)
    }
    let onnxruntime = try peer.map { OnnxruntimeTiming.Result(timing: Timing(seconds: peerSeconds, cpuSeconds: peerCPU),
                                                              output: try $0.finish()) }
    let rssPlain = peakResidentBytes()
    // The sink only holds each tensor, so this measures the capture mechanism, not a consumer.
    var bytes = 0
    let capture = try time(runs: runs, warmup: warmup) { () throws(RuntimeError) in
      _ = try interpreter.run(inputs: [name: x], capture: .all) { _, t in bytes += t.bytes.count }
    }
    let archive = FileManager.default.temporaryDirectory.appendingPathComponent("deltann-bench-\(UUID().uuidString).npz")
    defer { try? FileManager.default.removeItem(at: archive) }
    var archiveError: (any Error)?
    let toArchive = try time(runs: runs, warmup: warmup) { () throws(RuntimeError) in
      do { _ = try interpreter.run(inputs: [name: x], capture: .all, archive: archive, force: true) } catch {
        archiveError = error
      }
    }
    if let archiveError { throw RuntimeError.sink(tensor: archive.path, message: "\(archiveError)") }
    let archiveBytes = (try? FileManager.default.attributesOfItem(atPath: archive.path)[.size] as? Int) ?? 0
    let floor = try time(runs: runs, warmup: warmup) { () throws(RuntimeError) in
      try writeZeros(archiveBytes, beside: archive)
    }
    let rssCapture = peakResidentBytes()
    // Each node's fastest of several timed runs: one run's node times are mostly noise.
    var profile: [String: Double] = [:]
    for _ in 0..<max(3, runs / 2) {
      let seconds = try interpreter.run(inputs: [name: x], timeNodes: true).nodeSeconds
      profile.merge(seconds) { Swift.min($0, $1) }
    }
    let opOf = Dictionary(model.graph.nodes.map { ($0.name, $0.opType) }, uniquingKeysWith: { a, _ in a })
    var byOp: [String: Double] = [:]
    for (node, s) in profile { byOp[opOf[node] ?? "?", default: 0] += s }
    guard let output else { throw RuntimeError.unknownTensor(outputName) }
    return Report(isa: interpreter.isa, input: x, output: output, plain: plain, onnxruntime: onnxruntime, captureAll: capture, captureToArchive: toArchive,
                  archiveBytes: archiveBytes, archiveWriteFloor: floor, peakRSSPlain: rssPlain,
                  peakRSSCapture: rssCapture, byOp: byOp.sorted { $0.value > $1.value }.map { ($0.key, $0.value) },
                  byNode: profile.sorted { $0.value > $1.value }.map { ($0.key, $0.value) })
  }

  /// Writes `count` zero bytes to a new file beside `url` in 1 MiB writes through the same
  /// staged writer as the archive (blocks reserved ahead, no fsync), then deletes it.
  static func writeZeros(_ count: Int, beside url: URL) throws(RuntimeError) {
    let floor = url.appendingPathExtension("floor")
    defer { unlink(floor.path) }
    do throws(FormatError) {
      let file = try StagedFile(floor, force: true, durable: false)
      let chunk = Data(count: 1 << 20)
      var left = count
      while left > 0 {
        try file.write(left >= chunk.count ? chunk : chunk.prefix(left))
        left -= chunk.count
      }
      try file.commit()
    } catch { throw .sink(tensor: floor.path, message: "\(error)") }
  }

  /// The pause between the interpreter's and the peer's turns: longer than either side's
  /// threads spin before they sleep.
  static let pauseMicroseconds: UInt32 = 20_000

  /// Times `body` `runs` times after `warmup` untimed runs. The timed runs come in up to
  /// `rounds` rounds, each opened by one more untimed run; `round(n)` runs (untimed) after each
  /// round of `n` runs, which is where a peer takes its turn.
  static func time(runs: Int, warmup: Int, rounds: Int = 5, _ body: () throws(RuntimeError) -> Void,
                   round: (Int) throws -> Void = { _ in }) throws -> Timing {
    for _ in 0..<warmup { try body() }
    var seconds: [Double] = [], cpu: [Double] = []
    let runs = max(1, runs), rounds = max(1, min(rounds, runs))
    for r in 0..<rounds {
      let count = runs * (r + 1) / rounds - runs * r / rounds
      if r > 0 { try body() }
      for _ in 0..<count {
        let start = DispatchTime.now().uptimeNanoseconds, cpuStart = cpuTime()
        try body()
        cpu.append(cpuTime() - cpuStart)
        seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
      }
      try round(count)
    }
    return Timing(seconds: seconds, cpuSeconds: cpu)
  }

  /// The CPU's model name (`/proc/cpuinfo` on Linux), for benchmark reports; `nil` elsewhere.
  public static var cpuModel: String? {
    guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
    let line = info.split(separator: "\n").first { $0.hasPrefix("model name") }
    return line?.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
  }

  /// CPU seconds used by every thread of this process.
  public static func cpuTime() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  /// The process's peak resident set size so far, in bytes.
  public static func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
  }
}
