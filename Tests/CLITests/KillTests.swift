import Foundation
import ModelFormats
import TestSupport
import XCTest

/// A command killed with SIGKILL at a random point leaves its destination as it was (the
/// previous output) or complete, and nothing else beside it: no partial or hidden file.
final class KillTests: XCTestCase {
  let golden = packageRoot.appendingPathComponent("golden/keras/mobilenet_mini")
  var model: String { golden.appendingPathComponent("model.keras").path }
  var peer: String { golden.appendingPathComponent("tf2onnx.onnx").path }
  let kills = 6

  /// Runs `arguments` to completion once (timing it), then `kills` times more, each killed after
  /// a random share of that time; after each, `check` judges the destination folder.
  func killAtRandomPoints(_ arguments: [String], in dir: URL, check: (URL) throws -> Void, line: UInt = #line) throws {
    let start = Date()
    let full = try runDeltaNN(arguments)
    XCTAssertLessThanOrEqual(full.status, 1, full.stderr, line: line)
    let duration = Date().timeIntervalSince(start)
    var generator = SystemRandomNumberGenerator()
    for round in 0..<kills {
      let process = Process()
      process.executableURL = deltannExecutable
      process.arguments = arguments
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      let delay = Double.random(in: 0...duration, using: &generator)
      try process.run()
      Thread.sleep(forTimeInterval: delay)
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
      XCTAssertEqual(names.filter { $0.hasPrefix(".") }, [], "round \(round), killed after \(delay) s", line: line)
      try check(dir)
    }
  }

  func folder() throws -> URL { try temporaryFolder() }

  func test_Convert_killedLeavesThePreviousModelOrTheNewOne() throws {
    let dir = try folder(), out = dir.appendingPathComponent("m.onnx")
    try killAtRandomPoints(["convert", model, "--to", "onnx", "-o", out.path, "--force"], in: dir) { dir in
      XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["m.onnx"])
      XCTAssertNoThrow(try ONNXFile.read(out), "a partial model was left")
    }
  }

  func test_Run_killedLeavesThePreviousArchiveOrTheNewOne() throws {
    let dir = try folder(), out = dir.appendingPathComponent("r.npz")
    let inputs = golden.appendingPathComponent("inputs.npz").path
    try killAtRandomPoints(["run", peer, "--inputs", inputs, "--capture", "all", "--out", out.path, "--force"], in: dir) { dir in
      // The archive and its sidecar (`run --out` writes both, each through the staged writer).
      XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: dir.path)), ["r.npz", "r.json"])
      XCTAssertNoThrow(try NPZReader(contentsOf: out).all(), "a partial archive was left")
      let sidecar = try Data(contentsOf: dir.appendingPathComponent("r.json"))
      XCTAssertNoThrow(try JSONSerialization.jsonObject(with: sidecar), "a partial sidecar was left")
    }
  }

  func test_Localize_killedLeavesThePreviousReportOrTheNewOne() throws {
    let dir = try folder(), report = dir.appendingPathComponent("R")
    let reference = golden.appendingPathComponent("keras.npz").path
    try killAtRandomPoints(["localize", "--reference", reference, "--candidate", peer, "--report", report.path, "--force"],
                           in: dir) { dir in
      XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasSuffix(".work") }, ["R"])
      let json = try Data(contentsOf: report.appendingPathComponent("report.json"))
      XCTAssertNoThrow(try JSONSerialization.jsonObject(with: json), "a partial report was left")
    }
  }
}
