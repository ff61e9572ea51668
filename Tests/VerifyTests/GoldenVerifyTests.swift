import ModelGraph
import Verify
import XCTest

/// Verify against golden/: real Keras and PyTorch models, tf2onnx and torch.onnx conversions
/// made by the real converters, and our own conversions.
final class GoldenVerifyTests: XCTestCase {
  func test_Verify_ourConversionsOfGoldenModelsAreEquivalent() throws {
    let cases = try GoldenCase.all()
    XCTAssertEqual(cases.count, 8, "golden/ holds four Keras and four PyTorch models")
    for c in cases {
      for (label, model) in c.ours {
        let report = try Verifier.verify(source: c.source, candidate: model)
        let expected: Verdict = label.contains("fold") && report.rewrites.contains { $0.kind == .batchNormFolded } ? .equivalentWithRewrites : .equivalent
        XCTAssertEqual(report.verdict, expected, "\(c.name) \(label): \(report.text(limit: 5))")
        print("\(c.name) \(label): \(report.summary)")
      }
    }
  }

  func test_Verify_peerConversionsOfGoldenModelsAreEquivalentWithNamedRewrites() throws {
    let cases = try GoldenCase.all()
    XCTAssertEqual(cases.count, 8, "golden/ holds four Keras and four PyTorch models")
    for c in cases {
      let report = try Verifier.verify(source: c.source, candidate: c.peer)
      XCTAssertNotEqual(report.verdict, .notEquivalent, "\(c.name): \(report.text(limit: 5))")
      print("\(c.name) peer: \(report.summary) [\(report.statistics.methods.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))]")
    }
  }

  /// A different network altogether: not equivalent, with a summary that stays short.
  func test_Verify_differentNetworkIsNotEquivalentWithAShortSummary() throws {
    let keras = try GoldenCase.all().filter { $0.name.hasPrefix("keras/") }
    XCTAssertGreaterThanOrEqual(keras.count, 2, "needs two golden Keras models")
    guard keras.count >= 2 else { return }
    let report = try Verifier.verify(source: keras[0].source, candidate: keras[1].peer)
    XCTAssertEqual(report.verdict, .notEquivalent)
    let text = report.text()
    XCTAssertLessThan(text.split(separator: "\n").count, 120, text)
    XCTAssertTrue(report.summary.hasPrefix("not equivalent"), report.summary)
    print(text.split(separator: "\n").prefix(6).joined(separator: "\n"))
  }
}
