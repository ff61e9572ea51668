import ArgumentParser
import Foundation
import ModelFormats
import ModelGraph
import Runtime

extension DeltaNN {
  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "deltann run model.onnx --input x.npy --capture all --out acts.npz: run a model in the interpreter.",
      discussion: """
        Feeds one .npy (a model with one input) or an .npz whose keys are the input names. With
        --out, the captured tensors (--capture all, or --tensor NAME…) and the outputs are streamed
        to an .npz as they are produced. For a classifier output the top-5 classes are printed.
        """)

    enum CaptureChoice: String, ExpressibleByArgument, CaseIterable { case none, all }

    @Argument(help: "The ONNX model.") var model: String
    @Option(help: "A .npy input for a model with one input.") var input: String?
    @Option(help: "An .npz with one array per model input, keyed by input name.") var inputs: String?
    @Option(help: "Which tensors to capture: none or all.") var capture: CaptureChoice = .none
    @Option(name: .customLong("tensor"), help: "Capture this tensor (repeatable).") var tensors: [String] = []
    @Option(help: "The .npz to write outputs and captured tensors to.") var out: String?
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
      do { try execute() } catch {
        // Runtime errors name the node, not the file: say which model they come from.
        throw ExitCode(error is RuntimeError ? reportFailure(error, in: model, debug: debugOption) : reportFailure(error, debug: debugOption))
      }
    }

    private func execute() throws {
      let onnx = try ONNXFile.read(URL(fileURLWithPath: model))
      var interpreter = try Interpreter(model: onnx, threads: threads)
      interpreter.memoryLimit = memory.bytes
      var feeds: [String: Tensor] = [:]
      if let input {
        guard interpreter.feedInputs.count == 1, let name = interpreter.feedInputs.first?.name else {
          throw ValidationError("The model has \(interpreter.feedInputs.count) inputs (\(interpreter.feedInputs.map(\.name).joined(separator: ", "))): pass them as --inputs in.npz.")
        }
        feeds[name] = try NPY.read(contentsOf: URL(fileURLWithPath: input))
      } else if let inputs {
        for (key, tensor) in try NPZ.read(contentsOf: URL(fileURLWithPath: inputs)) { feeds[key] = tensor }
      }
      let what: Capture = capture == .all ? .all : tensors.isEmpty ? .none : .tensors(Set(tensors))
      let result = try out.map { try interpreter.run(inputs: feeds, capture: what, archive: URL(fileURLWithPath: $0), force: force) }
        ?? interpreter.run(inputs: feeds)
      for (name, count) in result.nonFiniteInputs.sorted(by: { $0.key < $1.key }) {
        print("input '\(name)': \(count) NaN/Inf values")
      }
      for output in onnx.graph.outputs {
        guard let t = result.outputs[output.name] else { continue }
        print("\(output.name): \(t.dtype.name) \(t.shape)")
        for (row, top) in (topClasses(t) ?? []).enumerated() {
          print("  top-5" + (t.rank == 2 ? " of item \(row)" : "") + ": "
                + top.map { "class \($0.index) \(String(format: "%.4f", $0.score))" }.joined(separator: ", "))
        }
      }
      if let out { print("wrote \(out)") }
    }
  }
}
