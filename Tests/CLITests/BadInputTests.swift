import Foundation
import TestSupport
import XCTest

/// The error contract, command by command: a corrupt input file exits 2 with one
/// `deltann: error:` line naming that file; `--debug` adds the underlying detail on a second
/// line or more. Progress lines (`reading …`) may precede it. Outcomes 0 and 1 are tested
/// elsewhere.
final class BadInputTests: XCTestCase {
  let golden = packageRoot.appendingPathComponent("golden/keras/mobilenet_mini")
  var keras: String { golden.appendingPathComponent("model.keras").path }
  var onnx: String { golden.appendingPathComponent("tf2onnx.onnx").path }
  var inputs: String { golden.appendingPathComponent("inputs.npz").path }
  var reference: String { golden.appendingPathComponent("keras.npz").path }

  /// A folder of corrupt files: each is the real file of that kind with its second half cut
  /// off, so its reader fails past the signature checks.
  func corrupt() throws -> (folder: URL, files: [String: String]) {
    let folder = try temporaryFolder()
    var files: [String: String] = [:]
    let sources = ["keras": keras, "onnx": onnx, "npz": inputs, "h5": golden.appendingPathComponent("model.h5").path,
                   "pt2": packageRoot.appendingPathComponent("golden/torch/mobilenet_mini/model.pt2").path]
    for (ext, source) in sources {
      let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
      let url = folder.appendingPathComponent("corrupt.\(ext)")
      try bytes.prefix(bytes.count / 2).write(to: url)
      files[ext] = url.path
    }
    let yaml = folder.appendingPathComponent("corrupt.yaml")
    try Data("output: out\nsteps:\n  - convert: {model: [unclosed\n".utf8).write(to: yaml)
    files["yaml"] = yaml.path
    let shard = folder.appendingPathComponent("pipeline-0-of-2.json")
    try Data("{\"schema\": ".utf8).write(to: shard)
    files["json"] = shard.path
    return (folder, files)
  }

  /// Runs `arguments`, then again with `--debug`, and checks both against the contract.
  func assertBadInput(_ arguments: [String], naming path: String, line: UInt = #line) throws {
    let result = try runDeltaNN(arguments)
    XCTAssertEqual(result.status, 2, "\(arguments): \(result.stdout)\(result.stderr)", line: line)
    let lines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("deltann: ") }
    XCTAssertEqual(lines.count, 1, "\(arguments): \(result.stderr)", line: line)
    XCTAssertTrue(lines.first?.hasPrefix("deltann: error: ") ?? false, "\(arguments): \(result.stderr)", line: line)
    XCTAssertTrue(result.stderr.contains(path), "\(arguments) does not name \(path): \(result.stderr)", line: line)

    let debug = try runDeltaNN(arguments + ["--debug"])
    XCTAssertEqual(debug.status, 2, "\(arguments) --debug: \(debug.stderr)", line: line)
    let debugLines = debug.stderr.split(separator: "\n").filter { $0.hasPrefix("deltann: ") }
    XCTAssertEqual(debugLines.first.map(String.init), lines.first.map(String.init), line: line)
    XCTAssertTrue(debugLines.dropFirst().first?.hasPrefix("deltann: debug: ") ?? false, debug.stderr, line: line)
  }

  func test_Convert_corruptSourcesExitTwoNamingThem() throws {
    let (folder, files) = try corrupt()
    for ext in ["keras", "h5", "pt2"] {
      let out = folder.appendingPathComponent("out-\(ext).onnx")
      try assertBadInput(["convert", files[ext]!, "--to", "onnx", "-o", out.path], naming: files[ext]!)
      XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "convert of a corrupt \(ext) wrote \(out.path)")
    }
    try assertBadInput(["convert", files["onnx"]!, "--to", "tvm", "-o", folder.appendingPathComponent("tvm").path],
                       naming: files["onnx"]!)
  }

  func test_Verify_corruptSourceOrCandidateExitsTwoNamingIt() throws {
    let (_, files) = try corrupt()
    try assertBadInput(["verify", files["keras"]!, onnx], naming: files["keras"]!)
    try assertBadInput(["verify", keras, files["onnx"]!], naming: files["onnx"]!)
  }

  func test_Run_corruptModelOrInputsExitTwoNamingThem() throws {
    let (_, files) = try corrupt()
    try assertBadInput(["run", files["onnx"]!, "--inputs", inputs], naming: files["onnx"]!)
    try assertBadInput(["run", onnx, "--inputs", files["npz"]!], naming: files["npz"]!)
  }

  func test_Localize_corruptCandidateOrReferenceExitsTwoNamingIt() throws {
    let (_, files) = try corrupt()
    try assertBadInput(["localize", "--reference", reference, "--candidate", files["onnx"]!], naming: files["onnx"]!)
    try assertBadInput(["localize", "--reference", files["npz"]!, "--candidate", onnx], naming: files["npz"]!)
  }

  func test_Diff_corruptRecordingExitsTwoNamingIt() throws {
    let (_, files) = try corrupt()
    try assertBadInput(["diff", files["npz"]!, golden.appendingPathComponent("tf2onnx.ort.npz").path], naming: files["npz"]!)
  }

  func test_Inspect_corruptModelExitsTwoNamingIt() throws {
    let (_, files) = try corrupt()
    try assertBadInput(["inspect", files["onnx"]!], naming: files["onnx"]!)
  }

  func test_Pipeline_corruptFilesExitTwoNamingThem() throws {
    let (folder, files) = try corrupt()
    try assertBadInput(["pipeline", "run", files["yaml"]!], naming: files["yaml"]!)
    try assertBadInput(["pipeline", "validate", files["yaml"]!], naming: files["yaml"]!)
    try assertBadInput(["pipeline", "merge", files["json"]!, "-o", folder.appendingPathComponent("merged").path],
                       naming: files["json"]!)
  }

  func test_Bench_corruptModelExitsTwoNamingIt() throws {
    let (_, files) = try corrupt()
    try assertBadInput(["bench", files["onnx"]!, "--no-peer", "--runs", "1"], naming: files["onnx"]!)
  }
}
