import ArgumentParser
import Diff
import Foundation
import ModelFormats

extension DeltaNN {
  /// `deltann localize`: where does a conversion start to change the predicted label, and why?
  struct Localize: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Find the first divergent layer of a conversion: deltann localize --reference golden/keras/mobilenet_mini/keras.npz --candidate model.onnx --report out/",
      discussion: """
        Runs the candidate ONNX model through the interpreter on the reference's inputs, compares
        every aligned layer as it is produced, and for each input whose top-1 label changes names
        the first layer whose error jumps while its inputs are clean; that layer is then re-run on
        the reference's own inputs to tell a local fault from accumulated drift.
        Exit status: 0 when every input keeps its top-1 label, 1 when some change, 2 on error.
        """)

    @Option(help: "Reference activations recorded from the source framework (.npz with its .json sidecar).")
    var reference: String
    @Option(help: "The converted model to examine (.onnx).") var candidate: String
    @Option(help: "Layer → candidate tensor map (JSON), e.g. from `deltann verify --map`.") var map: String?
    @Option(help: "Write report.json, report.html and Model Explorer node data into this folder.") var report: String?
    @Flag(help: "Replace an existing report folder.") var force = false
    @Option(help: "Interpreter threads.") var threads = 1
    @OptionGroup var tolerance: ToleranceOptions

    func run() throws {
      let status: Int32
      do {
        let referenceURL = URL(fileURLWithPath: reference), candidateURL = URL(fileURLWithPath: candidate)
        let recorded = try RecordedActivations(npz: referenceURL)
        let model = try ONNXFile.read(candidateURL)
        var localizer = try Localizer(reference: recorded, candidate: model,
                                      names: (referenceURL.lastPathComponent, candidateURL.lastPathComponent),
                                      map: try LayerMap.read(map), threads: threads)
        localizer.policy = tolerance.policy
        localizer.atol = tolerance.atol
        localizer.rtol = tolerance.rtol
        let pair = try localizer.analyse(progress: ProgressLine("localize").update)
        print(pair.summary)
        if let report {
          let files = try writePairReport(pair, alignment: localizer.alignment, source: reference, to: report, force: force)
          print("report: \(files[1].path)")
        }
        status = pair.divergentInputs.isEmpty ? 0 : 1
      } catch {
        status = reportFailure(error)
      }
      if status != 0 { throw ExitCode(status) }
    }
  }
}
