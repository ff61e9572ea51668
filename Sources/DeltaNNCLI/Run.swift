import ArgumentParser
import DeltaNN
import Foundation

extension DeltaNN {
  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "deltann run model.onnx --input x.npy --capture all --out acts.npz: run a model in the interpreter.",
      discussion: """
        Feeds one .npy (a model with one input) or an .npz whose keys are the input names (or one
        key `input`), batch first. With --out, the captured tensors (--capture all, or --tensor
        NAME…) and the outputs are written to an .npz with its JSON sidecar beside it, the
        recording that `deltann diff` reads. For a classifier output the top-5 classes are printed.
        """)

    enum CaptureChoice: String, ExpressibleByArgument, CaseIterable { case none, all }

    @Argument(help: "The ONNX model.") var model: String
    @Option(help: "A .npy input for a model with one input.") var input: String?
    @Option(help: "An .npz with one array per model input keyed by input name (or one keyed `input`), batch first.") var inputs: String?
    @Option(help: "Which tensors to capture: none or all.") var capture: CaptureChoice = .none
    @Option(name: .customLong("tensor"), help: "Capture this tensor (repeatable).") var tensors: [String] = []
    @Option(help: "The .npz to write outputs and captured tensors to; its JSON sidecar goes beside it.") var out: String?
    @Option(help: "Threads (results are deterministic for a given count).") var threads = 1
    @Flag(help: "Replace an existing --out file.") var force = false

    @OptionGroup var memory: MemoryOption
    @OptionGroup var debugOption: DebugOption

    func validate() throws {
      guard (input == nil) != (inputs == nil) else {
        throw ValidationError("Give exactly one of --input x.npy or --inputs in.npz.")
      }
      guard threads >= 1 else { throw ValidationError("--threads must be at least 1.") }
      if capture == .all || !tensors.isEmpty, out == nil {
        throw ValidationError("Captured tensors are streamed to a file: add --out acts.npz.")
      }
    }

    func run() throws {
      let result: ModelRun
      do {
        let what: CaptureRequest = capture == .all ? .all : tensors.isEmpty ? .outputs : .tensors(Set(tensors))
        result = try runModel(URL(fileURLWithPath: model), inputs: URL(fileURLWithPath: input ?? inputs ?? ""), capture: what,
                              out: out.map { URL(fileURLWithPath: $0) }, threads: threads, memoryLimit: memory.bytes,
                              force: force)
      } catch {
        throw ExitCode(reportFailure(error, debug: debugOption))
      }
      for (name, count) in result.nonFiniteInputs.sorted(by: { $0.key < $1.key }) {
        print("input '\(name)': \(count) NaN/Inf values")
      }
      for (name, t) in result.outputs {
        print("\(name): \(t.dtype.name) \(t.shape)")
        for (row, top) in (topClasses(t) ?? []).enumerated() {
          print("  top-5" + (t.rank == 2 ? " of item \(row)" : "") + ": "
                + top.map { "class \($0.index) \(String(format: "%.4f", $0.score))" }.joined(separator: ", "))
        }
      }
      if let out { print("wrote \(out) and its sidecar \(URL(fileURLWithPath: out).deletingPathExtension().lastPathComponent).json") }
    }
  }
}
