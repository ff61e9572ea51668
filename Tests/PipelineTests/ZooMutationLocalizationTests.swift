import Backends
import Diff
import Foundation
import Lowering
import ModelFormats
import Pipeline
import TestSupport
import Verify
import XCTest

/// The mutation corpus localised on the full-size zoo (`FullSizeZoo`): each model's deltann
/// conversion and its peer conversion (tf2onnx or torch.onnx), each fault kind injected at
/// `DELTANN_ZOO_SITES` sites (default 1: the kind's middle site), localised against the source
/// framework's recording (`keras.npz`/`torch.npz` in the model's folder, recorded by the helper
/// when missing, e.g. by scripts/verify-zoo.sh) on the first `DELTANN_ZOO_INPUTS` inputs (default 4);
/// `DELTANN_ZOO_MODELS` picks models. For label-changing
/// mutants, the layer named must be the injected one (or a fused group holding it) for ≥ 95 %.
/// Skips loudly without the zoo, without Python to record a missing reference, or in a debug
/// build (`swift test -c release -Xswiftc -enable-testing --filter ZooMutationLocalizationTests`).
final class ZooMutationLocalizationTests: XCTestCase {
  func test_Localizer_namesTheInjectedLayerOnTheZoo() throws {
    #if DEBUG
      throw XCTSkip("full-size zoo localisation runs in a release build: swift test -c release -Xswiftc -enable-testing --filter ZooMutationLocalizationTests")
    #endif
    let (models, missing) = FullSizeZoo.models()
    if let missing { throw XCTSkip(missing) }
    let env = ProcessInfo.processInfo.environment
    let sites = Int(env["DELTANN_ZOO_SITES"] ?? "") ?? 1
    var tally = LocalizationTally()
    tally.inputLimit = Int(env["DELTANN_ZOO_INPUTS"] ?? "") ?? 4
    for zoo in models {
      let reference = try RecordedActivations(npz: try recording(of: zoo))
      let source = try SourceModel.load(zoo.source)
      let ours = try Lowering.lower(source)
      var correct = try Localizer(reference: reference, candidate: ours, backend: InterpreterBackend(), names: (zoo.framework, "ours"))
      correct.inputLimit = tally.inputLimit
      let floor = NoiseFloor(correct: try correct.analyse())
      for (converter, model) in [("deltann", ours), (zoo.peerName, try ONNXFile.read(zoo.peer))] {
        let attribution = SourceAttribution(lowered: ours.graph, candidate: model.graph, converter: converter)
        for mutant in Mutations.corpus(from: model, limit: sites) where mutant.fault != .head1001 {
          try tally.localize(mutant, of: "\(zoo.name) \(converter)", source: source, reference: reference, floor: floor,
                             attribution: attribution)
        }
        print("\(zoo.name) \(converter): \(tally.mutants) mutants localised so far")
      }
    }
    print(tally.text())
    XCTAssertGreaterThan(tally.labelMutants, 0, "the corpus must change labels somewhere")
    XCTAssertGreaterThanOrEqual(Double(tally.labelMutantHits), 0.95 * Double(tally.labelMutants))
  }

  /// The source framework's recording of every layer on the zoo's inputs, made once.
  private func recording(of zoo: ZooModel) throws -> URL {
    let out = zoo.folder.appendingPathComponent("\(zoo.framework).npz")
    if FileManager.default.fileExists(atPath: out.path) { return out }
    guard let python = pythonWithNumpy() else { throw XCTSkip("\(out.path) is missing and no Python helper venv can record it") }
    let result = try runProcess(python, ["-m", "deltann_converters", "run", "--framework", zoo.framework, "--model", zoo.source.path,
                                         "--inputs", zoo.inputs.path, "--capture", "all", "--out", out.path],
                                environment: ProcessInfo.processInfo.environment.merging(
                                  ["PYTHONPATH": packageRoot.appendingPathComponent("converters").path]) { $1 })
    guard result.status == 0 else { throw RecordingFailed(description: "recording \(zoo.name) failed: \(result.stderr.suffix(400))") }
    return out
  }
}

private struct RecordingFailed: Error, CustomStringConvertible {
  var description: String
}
