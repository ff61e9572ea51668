import Backends
import Foundation
import ModelFormats
import TestSupport
import XCTest

/// A recording is an .npz and its sidecar, written and synced before either is named: a run
/// replacing an earlier recording keeps that pair whole until the new one is complete, and never
/// leaves the new archive beside the old run's sidecar (`CLITests/KillTests` kills such runs).
final class RecordingPairTests: XCTestCase {
  func test_InterpreterBackend_forcedRunKeepsTheEarlierPairUntilItsArchiveIsComplete() throws {
    let golden = packageRoot.appendingPathComponent("golden/keras/mobilenet_mini")
    let out = try temporaryFolder().appendingPathComponent("acts.npz")
    let sidecar = ActivationSidecar.url(beside: out)
    try Data("earlier archive".utf8).write(to: out)
    try Data("earlier sidecar".utf8).write(to: sidecar)
    let request = RunRequest(model: golden.appendingPathComponent("tf2onnx.onnx"), inputs: golden.appendingPathComponent("inputs.npz"),
                             out: out, repeats: 1, force: true)
    var earlierWhileRunning: [String] = []
    _ = try InterpreterBackend().run(request) { report in
      guard report.what != "recorded" else { return }
      earlierWhileRunning.append(String(decoding: FileManager.default.contents(atPath: sidecar.path) ?? Data(), as: UTF8.self))
    }
    XCTAssertFalse(earlierWhileRunning.isEmpty)
    XCTAssertEqual(Set(earlierWhileRunning), ["earlier sidecar"], "the earlier pair stays whole while the archive is written")
    XCTAssertEqual(try ActivationSidecar.read(beside: out).framework, "interpreter")
    XCTAssertFalse(try NPZReader(contentsOf: out).keys.isEmpty)
  }

  func test_ActivationSidecar_removeStaleLeavesAnArchiveReadersRefuse() throws {
    let out = try temporaryFolder().appendingPathComponent("acts.npz")
    try Data("sidecar".utf8).write(to: ActivationSidecar.url(beside: out))
    try ActivationSidecar.removeStale(beside: out)
    XCTAssertFalse(FileManager.default.fileExists(atPath: ActivationSidecar.url(beside: out).path))
    try ActivationSidecar.removeStale(beside: out)  // nothing to remove is not an error
    XCTAssertThrowsError(try ActivationSidecar.read(beside: out)) { error in
      XCTAssertTrue("\(error)".contains("acts.json"), "\(error)")
    }
  }
}
