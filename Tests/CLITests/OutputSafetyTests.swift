import Foundation
import TestSupport
import XCTest

/// Outputs are written whole or not at all, never over something they should not replace, and
/// commands leave nothing behind in the temporary directory.
final class OutputSafetyTests: XCTestCase {
  let golden = packageRoot.appendingPathComponent("golden/keras/mobilenet_mini")
  var model: String { golden.appendingPathComponent("model.keras").path }
  var peer: String { golden.appendingPathComponent("tf2onnx.onnx").path }

  func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("deltann-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
  }

  /// Names in `dir` that start with a dot (staging files and folders).
  func hidden(in dir: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }
  }

  func test_Verify_jsonWithForceReplacesAnExistingFile() throws {
    let dir = try folder()
    let json = dir.appendingPathComponent("F.json")
    try Data("{\"old\": true}".utf8).write(to: json)
    let result = try runDeltaNN(["verify", model, peer, "--json", json.path, "--force"])
    XCTAssertLessThanOrEqual(result.status, 1, result.stderr)
    let report = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any]
    XCTAssertEqual(report?["schema"] as? String, "deltann.verify/1")
    XCTAssertEqual(try hidden(in: dir), [])
  }

  func test_Verify_jsonWithoutForceKeepsTheFileAndExitsTwo() throws {
    let dir = try folder()
    let json = dir.appendingPathComponent("F.json")
    try Data("keep me".utf8).write(to: json)
    let result = try runDeltaNN(["verify", model, peer, "--json", json.path])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.contains(json.path), result.stderr)
    XCTAssertEqual(try String(contentsOf: json, encoding: .utf8), "keep me")
  }

  func test_Localize_reportNamingAFileRefusesAndKeepsIt() throws {
    let dir = try folder()
    let target = dir.appendingPathComponent("model.onnx")
    try FileManager.default.copyItem(atPath: peer, toPath: target.path)
    let before = try Data(contentsOf: target)
    for force in [[], ["--force"]] {
      let result = try runDeltaNN(["localize", "--reference", golden.appendingPathComponent("keras.npz").path,
                                   "--candidate", peer, "--report", target.path] + force)
      XCTAssertEqual(result.status, 2, result.stderr)
      XCTAssertTrue(result.stderr.contains(target.path), result.stderr)
      XCTAssertEqual(try Data(contentsOf: target), before)
      XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["model.onnx"])
    }
  }

  func test_Localize_forceReplacesOnlyAnEarlierReportFolder() throws {
    let dir = try folder()
    let other = dir.appendingPathComponent("photos")
    try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
    try Data("x".utf8).write(to: other.appendingPathComponent("a.txt"))
    let args = ["localize", "--reference", golden.appendingPathComponent("keras.npz").path, "--candidate", peer, "--force", "--report"]
    let refused = try runDeltaNN(args + [other.path])
    XCTAssertEqual(refused.status, 2, refused.stderr)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: other.path), ["a.txt"])
    let report = dir.appendingPathComponent("R")
    for _ in 0..<2 {
      let result = try runDeltaNN(args + [report.path])
      XCTAssertEqual(result.status, 0, result.stderr)
      XCTAssertTrue(FileManager.default.fileExists(atPath: report.appendingPathComponent("report.json").path))
    }
    XCTAssertEqual(try hidden(in: dir), [])
    XCTAssertFalse(FileManager.default.fileExists(atPath: report.path + ".work"))
  }

  func test_Pipeline_verifyMapReplacesOnlyAnEarlierMap() throws {
    let dir = try folder()
    let map = dir.appendingPathComponent("keep.onnx")
    try FileManager.default.copyItem(atPath: peer, toPath: map.path)
    let before = try Data(contentsOf: map)
    let spec = dir.appendingPathComponent("p.yaml")
    try Data("""
      name: t
      output: \(dir.appendingPathComponent("out").path)
      steps:
        - id: v
          step: verify
          with:
            source: \(model)
            candidate: \(peer)
            map: \(map.path)
      """.utf8).write(to: spec)
    let refused = try runDeltaNN(["pipeline", "run", spec.path])
    XCTAssertNotEqual(refused.status, 0, refused.stdout + refused.stderr)
    XCTAssertEqual(try Data(contentsOf: map), before, "the step deleted or changed a file it does not own")
    // An earlier node map at that path is the pipeline's own output: a re-run refreshes it.
    try Data("{\"schema\": \"deltann.verify.map/1\", \"layers\": []}".utf8).write(to: map)
    let rerun = try runDeltaNN(["pipeline", "run", spec.path])
    XCTAssertEqual(rerun.status, 0, rerun.stdout + rerun.stderr)
    let written = try JSONSerialization.jsonObject(with: Data(contentsOf: map)) as? [String: Any]
    XCTAssertFalse((written?["layers"] as? [Any] ?? []).isEmpty)
    XCTAssertEqual(try hidden(in: dir), [])
  }

  /// Each command, run with TMPDIR set to a private folder, leaves that folder as it found it.
  func test_CLI_commandsLeaveNoTemporaryFolders() throws {
    let dir = try folder()
    let tmp = dir.appendingPathComponent("tmp")
    try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    var environment = ProcessInfo.processInfo.environment
    environment["TMPDIR"] = tmp.path
    let inputs = golden.appendingPathComponent("inputs.npz").path
    let commands: [[String]] = [
      ["convert", model, "--to", "onnx", "-o", dir.appendingPathComponent("m.onnx").path],
      ["convert", model, "--to", "onnx", "-o", dir.appendingPathComponent("m.onnx").path, "--force"],
      ["run", peer, "--inputs", inputs, "--capture", "all", "--out", dir.appendingPathComponent("r.npz").path],
      ["run", peer, "--inputs", inputs, "--out", dir.appendingPathComponent("r.npz").path, "--force"],
      ["localize", "--reference", golden.appendingPathComponent("keras.npz").path, "--candidate", peer],
      ["localize", "--reference", golden.appendingPathComponent("keras.npz").path, "--candidate", peer,
       "--report", dir.appendingPathComponent("R").path],
      ["verify", model, peer, "--json", dir.appendingPathComponent("v.json").path],
      ["verify", model, peer, "--json", dir.appendingPathComponent("v.json").path, "--force"],
    ]
    for command in commands {
      let result = try runProcess(deltannExecutable, command, environment: environment)
      XCTAssertLessThanOrEqual(result.status, 1, "\(command): \(result.stderr)")
      XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.path), [], "\(command)")
      XCTAssertEqual(try hidden(in: dir), [], "\(command)")
    }
  }
}
