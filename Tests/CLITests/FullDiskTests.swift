import Foundation
import TestSupport
import XCTest

/// A destination on a full file system, or a read-only one, gives a typed error (exit 2, one
/// line naming the output) and leaves nothing on it. Uses small tmpfs mounts, so it needs
/// root and permission to mount; elsewhere it is skipped, saying why.
final class FullDiskTests: XCTestCase {
  let golden = packageRoot.appendingPathComponent("golden/keras/mobilenet_mini")

  /// A tmpfs of `size` at a fresh folder, unmounted at teardown; `readOnly` remounts it so.
  func mountTmpfs(size: String, readOnly: Bool = false) throws -> URL {
    let point = try temporaryFolder()
    let mount = try runProcess(URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", point.path])
    guard mount.status == 0 else { throw XCTSkip("cannot mount a tmpfs here (\(mount.stderr.trimmingCharacters(in: .whitespacesAndNewlines)))") }
    addTeardownBlock { _ = try? runProcess(URL(fileURLWithPath: "/bin/umount"), [point.path]) }
    if readOnly {
      let remount = try runProcess(URL(fileURLWithPath: "/bin/mount"), ["-o", "remount,ro", point.path])
      XCTAssertEqual(remount.status, 0, remount.stderr)
    }
    return point
  }

  func assertTypedWriteError(_ result: ProcessResult, naming path: String, problem: String, line: UInt = #line) {
    XCTAssertEqual(result.status, 2, result.stdout + result.stderr, line: line)
    let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("deltann: ") }
    XCTAssertEqual(errors.count, 1, result.stderr, line: line)
    XCTAssertTrue(result.stderr.contains(path) && result.stderr.contains(problem), result.stderr, line: line)
  }

  func test_Run_fullDiskIsATypedErrorAndLeavesNothing() throws {
    let disk = try mountTmpfs(size: "64k")
    let out = disk.appendingPathComponent("acts.npz")
    let result = try runDeltaNN(["run", golden.appendingPathComponent("tf2onnx.onnx").path,
                                 "--inputs", golden.appendingPathComponent("inputs.npz").path, "--capture", "all", "--out", out.path])
    // The archive and its sidecar are written together: the error names whichever ran out.
    assertTypedWriteError(result, naming: disk.appendingPathComponent("acts.").path, problem: "No space left on device")
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: disk.path), [])
  }

  func test_Convert_fullDiskIsATypedErrorAndKeepsThePreviousFile() throws {
    let disk = try mountTmpfs(size: "12k")
    let out = disk.appendingPathComponent("m.onnx")
    try Data("previous".utf8).write(to: out)
    let result = try runDeltaNN(["convert", golden.appendingPathComponent("model.keras").path, "--to", "onnx", "-o", out.path, "--force"])
    assertTypedWriteError(result, naming: out.path, problem: "No space left on device")
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: disk.path), ["m.onnx"])
    XCTAssertEqual(try Data(contentsOf: out), Data("previous".utf8))
  }

  func test_Commands_readOnlyDestinationIsATypedError() throws {
    let disk = try mountTmpfs(size: "1m", readOnly: true)
    let onnx = disk.appendingPathComponent("m.onnx"), report = disk.appendingPathComponent("R")
    let convert = try runDeltaNN(["convert", golden.appendingPathComponent("model.keras").path, "--to", "onnx", "-o", onnx.path])
    assertTypedWriteError(convert, naming: onnx.path, problem: "Read-only file system")
    let localize = try runDeltaNN(["localize", "--reference", golden.appendingPathComponent("keras.npz").path,
                                   "--candidate", golden.appendingPathComponent("tf2onnx.onnx").path, "--report", report.path])
    assertTypedWriteError(localize, naming: report.path, problem: "Read-only file system")
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: disk.path), [])
  }
}
