import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

/// A reference recording whose members contradict its sidecar (shape, dtype) or whose .npy
/// header is malformed is bad input: exit 2 naming the file and the member, not a run that
/// quietly calls the layer "unaligned" and exits 0.
final class BadReferenceTests: XCTestCase {
  let golden = packageRoot.appendingPathComponent("golden/keras/mobilenet_mini")

  /// A copy of keras.npz (+ sidecar) in a fresh folder, with `edit` applied to its arrays.
  func reference(_ edit: (inout [(key: String, tensor: Tensor)]) -> Void) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("deltann-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
    for name in ["keras.json", "inputs.npz"] {
      try FileManager.default.copyItem(at: golden.appendingPathComponent(name), to: dir.appendingPathComponent(name))
    }
    var arrays = try NPZReader(contentsOf: golden.appendingPathComponent("keras.npz")).all()
    edit(&arrays)
    let url = dir.appendingPathComponent("keras.npz")
    try NPZ.write(arrays, to: url)
    return url
  }

  func assertBadReference(_ url: URL, member: String, line: UInt = #line) throws {
    let result = try runDeltaNN(["localize", "--reference", url.path, "--candidate", golden.appendingPathComponent("tf2onnx.onnx").path])
    XCTAssertEqual(result.status, 2, result.stdout + result.stderr, line: line)
    XCTAssertTrue(result.stderr.contains(url.path), result.stderr, line: line)
    XCTAssertTrue(result.stderr.contains(member), result.stderr, line: line)
  }

  func test_Localize_referenceMemberWithTheWrongShapeExitsTwo() throws {
    var member = ""
    let url = try reference { arrays in
      let i = arrays.count / 2
      member = arrays[i].key
      let t = arrays[i].tensor
      arrays[i].tensor = Tensor(t.floats() ?? [], shape: [t.elementCount])
    }
    try assertBadReference(url, member: member)
  }

  func test_Localize_referenceMemberWithTheWrongDTypeExitsTwo() throws {
    var member = ""
    let url = try reference { arrays in
      let i = arrays.count / 2
      member = arrays[i].key
      arrays[i].tensor = Tensor(dtype: .bool, shape: arrays[i].tensor.shape,
                                storage: ByteStorage([UInt8](repeating: 1, count: arrays[i].tensor.elementCount)))
    }
    try assertBadReference(url, member: member)
  }

  func test_Localize_referenceMemberWithAMalformedHeaderExitsTwo() throws {
    let url = try reference { _ in }
    var bytes = [UInt8](try Data(contentsOf: url))
    // The second member's shape tuple becomes a list: not a header numpy writes or reads.
    let needle = Array("'shape': (".utf8)
    let hits = (0...(bytes.count - needle.count)).filter { Array(bytes[$0..<$0 + needle.count]) == needle }
    XCTAssertGreaterThan(hits.count, 1)
    bytes[hits[1] + needle.count - 1] = UInt8(ascii: "[")
    try Data(bytes).write(to: url)
    try assertBadReference(url, member: ".npy")
  }
}
