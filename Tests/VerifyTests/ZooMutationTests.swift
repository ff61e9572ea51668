import Foundation
import Importers
import Lowering
import ModelFormats
import TestSupport
import Verify
import XCTest

/// The mutation corpus on the full-size zoo (`FullSizeZoo`): every model's deltann conversion
/// and its peer conversion (tf2onnx or torch.onnx), each fault kind injected at a sample of its
/// sites, verified against the real source. Sampled: `Mutations.corpus(limit:)` takes each
/// kind's middle site first, then its first and last; `DELTANN_ZOO_SITES` sites per kind
/// (default 1); `DELTANN_ZOO_MODELS` picks models. Skips loudly without the zoo or in a debug build (full-size models need
/// `swift test -c release -Xswiftc -enable-testing --filter ZooMutationTests`).
final class ZooMutationTests: XCTestCase {
  func test_Verify_zooMutantsAreFlaggedOnTheRightLayer() throws {
    #if DEBUG
      throw XCTSkip("full-size zoo mutations run in a release build: swift test -c release -Xswiftc -enable-testing --filter ZooMutationTests")
    #endif
    let (models, missing) = FullSizeZoo.models()
    if let missing { throw XCTSkip(missing) }
    let sites = Int(ProcessInfo.processInfo.environment["DELTANN_ZOO_SITES"] ?? "") ?? 1
    var table = ConfusionTable()
    let clock = ContinuousClock(), start = clock.now
    for zoo in models {
      let source = try Importers.importModel(at: zoo.source)
      let ours = try Lowering.lower(source)
      for (converter, model) in [("deltann", ours), (zoo.peerName, try ONNXFile.read(zoo.peer))] {
        let attribution = SourceAttribution(lowered: ours.graph, candidate: model.graph, converter: converter)
        let mutants = Mutations.corpus(from: model, limit: sites)
        for mutant in mutants {
          try table.verify(mutant, of: zoo.name, converter: converter, source: source, attribution: attribution)
        }
        print("\(zoo.name) \(converter): \(mutants.count) mutants verified (\(clock.now - start) so far)")
      }
    }
    print(table.text())
    for m in table.misses { print("  \(m)") }
    let t = table.totals
    XCTAssertGreaterThan(t.all, 0)
    XCTAssertGreaterThanOrEqual(Double(t.onLayer), 0.99 * Double(t.all), "found on the injected layer")
    XCTAssertGreaterThanOrEqual(Double(t.all - t.otherBlamed), 0.95 * Double(t.all), "no other layer blamed")
  }
}
