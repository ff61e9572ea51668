import ArgumentParser
import DeltaNN
import Foundation

extension DeltaNN {
  struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "deltann bench mobilenetv2.onnx resnet101v2.onnx: time the interpreter against onnxruntime in the same run.",
      discussion: """
        Runs each model at batch 1 on a deterministic input: the interpreter without capture, with
        every tensor captured (streamed to a summary sink), and onnxruntime (CPU provider, the same
        intra-op thread count) in a Python child process, its runs alternating with the plain ones in rounds
        so that a shared machine's load falls on both. Prints medians, ratios, peak RSS, the
        largest output difference and where the interpreter's time goes by op type.
        """)

    @Argument(help: "ONNX models to time.") var models: [String]
    @Option(help: "Threads for the interpreter and onnxruntime.") var threads = 1
    @Option(help: "Timed runs per configuration (after 2 warm-up runs).") var runs = 10
    @Option(help: "Python with onnxruntime (default: $DELTANN_PYTHON or python3).")
    var python = ProcessInfo.processInfo.environment["DELTANN_PYTHON"] ?? "python3"
    @Flag(help: "Skip onnxruntime.") var noPeer = false
    @Option(help: "Also list the slowest N nodes.") var profile = 0
    @Option(help: "Instruction-set level of the interpreter's kernels (\(KernelISA.supported.map(\.rawValue).joined(separator: ", ")) here; default: $DELTANN_ISA or the widest).")
    var isa: KernelISA?

    @OptionGroup var debugOption: DebugOption

    func run() throws {
      do { try execute() } catch let exit as ExitCode { throw exit } catch {
        throw ExitCode(reportFailure(error, debug: debugOption))
      }
    }

    private func execute() throws {
      print("CPU: \(Benchmark.cpuModel ?? "unknown"); kernel levels here: \(KernelISA.supported.map(\.rawValue).joined(separator: ", "))")
      for path in models {
        let url = URL(fileURLWithPath: path)
        let outcome: BenchOutcome
        do {
          outcome = try benchmark(url, threads: threads, isa: isa, runs: runs, python: noPeer ? nil : python)
        } catch {
          throw ExitCode(reportFailure(error, debug: debugOption))
        }
        let report = outcome.interpreter
        let ms = { (s: Double) in String(format: "%.2f ms", s * 1000) }
        let x = { (a: Double, b: Double) in String(format: "%.2fx", a / b) }
        let describe = { (t: Benchmark.Timing) in
          "wall median \(ms(t.median)) min \(ms(t.min)), CPU median \(ms(t.cpuMedian)) min \(ms(t.cpuMin))"
        }
        let (p, c) = (report.plain, report.captureAll)
        print("\(url.lastPathComponent) (interpreter at \(report.isa), \(threads) thread(s))")
        print("  interpreter:  \(describe(p))")
        print("  capture-all:  \(describe(c)); capture/plain \(x(c.median, p.median)) wall median, \(x(c.cpuMin, p.cpuMin)) CPU min")
        let a = report.captureToArchive
        print("  capture-all to .npz (\(report.archiveBytes >> 20) MiB): \(describe(a)); /plain \(x(a.median, p.median)) wall median, \(x(a.min, p.min)) wall min")
        let f = report.archiveWriteFloor
        print("  writing \(report.archiveBytes >> 20) MiB to a file alone: wall median \(ms(f.median)) min \(ms(f.min)) (/plain \(x(f.median, p.median)) wall median)")
        print("  peak RSS: \(report.peakRSSPlain >> 20) MiB after plain runs, \(report.peakRSSCapture >> 20) MiB after capture-all runs")
        if let ort = outcome.onnxruntime {
          let diff = zip(report.output.floats() ?? [], ort.output.floats() ?? []).map { abs($0 - $1) }.max() ?? .nan
          print("  onnxruntime:  \(describe(ort.timing))")
          print("  interpreter/onnxruntime: \(String(format: "%.2fx", report.pairedRatio ?? .nan)) paired median (rounds alternate), "
                + "\(x(p.median, ort.timing.median)) wall median, \(x(p.min, ort.timing.min)) wall min, "
                + "\(x(p.cpuMin, ort.timing.cpuMin)) CPU min; output max |diff| \(diff)")
        }
        let total = report.byOp.reduce(0) { $0 + $1.seconds }
        let top = report.byOp.prefix(8).map { "\($0.op) \(String(format: "%.0f%%", 100 * $0.seconds / total))" }
        print("  time by op: \(top.joined(separator: ", "))")
        for (node, s) in report.byNode.prefix(profile) { print("    \(ms(s))  \(node)") }
      }
    }
  }
}

extension KernelISA: ExpressibleByArgument {}
