import ArgumentParser
import DeltaNN
import Foundation

extension DeltaNN {
  /// `deltann localize`: where does a conversion start to change the predicted label, and why?
  struct Localize: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Find the first divergent layer of a conversion: deltann localize --reference golden/keras/mobilenet_mini/keras.npz --candidate model.onnx --report out/",
      discussion: """
        The reference is either recorded activations (--reference, no Python needed) or the source
        model (--source model.keras|model.h5|model.pt2) run by its real framework on --inputs (an
        .npz with key `input`, or a folder of PNG/JPEG images preprocessed with --preprocessing).
        The candidate runs in our interpreter (default: every aligned layer compared as it is
        produced; each label-divergent input's first jumping layer is re-run on the reference's
        own inputs to tell a local fault from accumulated drift), in onnxruntime, or in TVM
        (--backend tvm --opt-level N; the candidate is a TVM folder from `deltann convert --to tvm`
        or an .onnx; above level 0 TVM fuses ops and layers are compared per fused group).
        Exit status: 0 when every input keeps its top-1 label, 1 when some change, 2 on error.
        """)

    @Option(help: "Reference activations recorded from the source framework (.npz with its .json sidecar).")
    var reference: String?
    @Option(help: "Source model (.keras, .h5, .pt2): verify's findings name causes; without --reference it is run (Python helpers) to record one.")
    var source: String?
    @Option(help: "The converted model to examine (.onnx; with --backend tvm also a TVM folder).") var candidate: String
    @Option(help: "Inputs for --source: an .npz with key `input`, or a folder of PNG/JPEG images.") var inputs: String?
    @Option(help: "Image preprocessing: \(Preprocessing.allCases.map(\.rawValue).joined(separator: ", ")).")
    var preprocessing: Preprocessing?
    @Option(help: "Where the candidate runs: \(BackendChoice.allValueStrings.joined(separator: ", ")).") var backend: BackendChoice = .interpreter
    @Option(help: "TVM's opt level (0–3) with --backend tvm.") var optLevel: Int?
    @Option(help: "Layer → candidate tensor map (JSON); with --source it is built from verify's node map, fused groups included.") var map: String?
    @Option(help: "Write report.json, report.html and Model Explorer node data into this folder.") var report: String?
    @Flag(help: "Replace an existing report folder.") var force = false
    @Option(help: "Interpreter threads.") var threads = 1
    @Option(help: "Compare only the first N inputs.") var limit: Int?
    @OptionGroup var tolerance: ToleranceOptions
    @Flag(help: "Judge every layer by --threshold alone, without the noise floor measured on deltann's own conversion of --source.")
    var fixedThreshold = false

    @OptionGroup var memory: MemoryOption
    @OptionGroup var debugOption: DebugOption

    func validate() throws {
      guard reference != nil || source != nil else {
        throw ValidationError("Give --reference ACTS.npz (recorded), or --source MODEL with --inputs to record it.")
      }
      if let optLevel {
        guard backend == .tvm else { throw ValidationError("--opt-level chooses a TVM build: add --backend tvm.") }
        guard (0...3).contains(optLevel) else { throw ValidationError("--opt-level must be 0, 1, 2 or 3.") }
      }
      if reference == nil && inputs == nil { throw ValidationError("--source without --reference needs --inputs (an .npz or a folder of images).") }
    }

    func run() throws {
      let status: Int32
      do {
        let work = report.map { URL(fileURLWithPath: $0 + ".work") }
          ?? FileManager.default.temporaryDirectory.appendingPathComponent("deltann-localize-\(ProcessInfo.processInfo.processIdentifier)")
        // Without --report the recordings have nowhere to be kept.
        defer { if report == nil { try? FileManager.default.removeItem(at: work) } }
        var request = try LocalizationRequest(
          reference: reference.map { URL(fileURLWithPath: $0) }, source: source.map { URL(fileURLWithPath: $0) },
          candidate: URL(fileURLWithPath: candidate), inputs: inputs.map { URL(fileURLWithPath: $0) },
          backend: backend, threads: threads, optLevel: optLevel, memoryLimit: memory.bytes, workFolder: work)
        request.preprocessing = preprocessing
        request.map = try LayerMap.read(map)
        request.policy = tolerance.tolerances.policy
        request.atol = tolerance.atol
        request.rtol = tolerance.rtol
        request.inputLimit = limit
        request.noiseFloor = !fixedThreshold
        let progress = ProgressDisplay()
        let outcome = try localizeConversion(request, report: report.map { URL(fileURLWithPath: $0) }, force: force,
                                             progress: progress.update)
        print(outcome.result.pair.summary)
        if outcome.reportFiles.count > 1 { print("report: \(outcome.reportFiles[1].path)") }
        status = outcome.result.pair.divergentInputs.isEmpty ? 0 : 1
      } catch {
        status = reportFailure(error, debug: debugOption)
      }
      if status != 0 { throw ExitCode(status) }
    }
  }
}

/// `--backend`: only the backends that run a converted model.
extension BackendChoice: ExpressibleByArgument {
  public init?(argument: String) {
    guard let choice = BackendChoice(rawValue: argument), BackendChoice.candidates.contains(choice) else { return nil }
    self = choice
  }

  public static var allValueStrings: [String] { candidates.map(\.rawValue) }
}

extension Preprocessing: ExpressibleByArgument {}
