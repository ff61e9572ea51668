import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

/// Every `model.onnx` of Debian's libonnx-testdata: read → ModelGraph → write → read again.
final class TestdataRoundTripTests: XCTestCase {
  static let root = URL(fileURLWithPath: "/usr/share/libonnx-testdata/data")

  static func models() -> [URL] {
    guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
    return walker.compactMap { $0 as? URL }.filter { $0.lastPathComponent == "model.onnx" }
      .sorted { $0.path < $1.path }
  }

  func test_ONNXFile_roundTripsEveryTestdataModel() throws {
    let models = Self.models()
    guard !models.isEmpty else {
      return XCTFail("no model.onnx under \(Self.root.path): install libonnx-testdata (scripts/setup.sh)")
    }
    var passed = 0, byteIdentical = 0
    var verdicts: [String: Int] = [:]
    var failures: [String] = []
    for url in models {
      do {
        let original = try Data(contentsOf: url)
        let model = try ONNXFile.read(url)
        let bytes = try ONNXFile.encode(model)
        let again = try ONNXFile.decode(bytes, file: url.path + " (rewritten)")
        guard again == model else {
          failures.append("\(url.path): re-read model differs")
          continue
        }
        let before = original.withUnsafeBytes { ONNXChecker.check(bytes: $0) }
        let after = bytes.withUnsafeBytes { ONNXChecker.check(bytes: $0) }
        guard before == after else {
          failures.append("\(url.path): checker said '\(before.status)' before and '\(after.status)' after: \(after.message)")
          continue
        }
        verdicts[before.status, default: 0] += 1
        if bytes.elementsEqual(original) { byteIdentical += 1 }
        passed += 1
      } catch {
        failures.append("\(error)")
      }
    }
    print("libonnx-testdata round trip: \(passed) passed, \(failures.count) failed, \(byteIdentical) byte-identical, of \(models.count); checker verdicts \(verdicts.sorted { $0.key < $1.key })")
    for f in failures.prefix(20) { print("  " + f) }
    XCTAssertEqual(failures.count, 0, failures.prefix(5).joined(separator: "\n"))
  }
}
