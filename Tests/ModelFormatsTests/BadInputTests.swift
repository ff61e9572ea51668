import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

/// Broken files give a typed `FormatError` naming the file and the problem, never a crash.
final class BadInputTests: XCTestCase {
  let conv = URL(fileURLWithPath: "/usr/share/libonnx-testdata/data/pytorch-converted/test_Conv2d/model.onnx")
  let external = packageRoot.appendingPathComponent("Tests/ModelFormatsTests/Fixtures/external")

  func test_ONNXFile_emptyFile() throws {
    let url = try temporaryFolder().appendingPathComponent("empty.onnx")
    try Data().write(to: url)
    XCTAssertThrowsError(try ONNXFile.read(url)) { XCTAssertEqual($0 as? FormatError, .empty(file: url.path)) }
  }

  func test_ONNXFile_missingFile() throws {
    let url = try temporaryFolder().appendingPathComponent("absent.onnx")
    XCTAssertThrowsError(try ONNXFile.read(url)) { error in
      guard case .unreadable(let file, _) = error as? FormatError else { return XCTFail("\(error)") }
      XCTAssertEqual(file, url.path)
    }
  }

  func test_ONNXFile_truncatedAtTenCutPoints() throws {
    let bytes = try Data(contentsOf: conv)
    let dir = try temporaryFolder()
    for k in 1...10 {
      let cut = bytes.count * k / 11
      let url = dir.appendingPathComponent("cut\(cut).onnx")
      try bytes.prefix(cut).write(to: url)
      XCTAssertThrowsError(try ONNXFile.read(url), "cut at \(cut) of \(bytes.count)") { error in
        XCTAssertTrue("\(error)".hasPrefix(url.path), "\(error)")
        XCTAssertNotNil(error as? FormatError)
      }
    }
  }

  func test_ONNXFile_randomBytes() throws {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    let bytes = (0..<4096).map { _ -> UInt8 in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(truncatingIfNeeded: state >> 33)
    }
    let url = try temporaryFolder().appendingPathComponent("random.onnx")
    try Data(bytes).write(to: url)
    XCTAssertThrowsError(try ONNXFile.read(url)) { error in
      guard case .notAModel(let file, _) = error as? FormatError else { return XCTFail("\(error)") }
      XCTAssertEqual(file, url.path)
    }
  }

  func test_ONNXFile_protobufThatIsNotAModel() throws {
    // A TensorProto is valid protobuf, but not a ModelProto.
    let url = URL(fileURLWithPath: "/usr/share/libonnx-testdata/data/node/test_relu/test_data_set_0/input_0.pb")
    XCTAssertThrowsError(try ONNXFile.read(url)) { error in
      guard case .notAModel(let file, _) = error as? FormatError else { return XCTFail("\(error)") }
      XCTAssertEqual(file, url.path)
    }
  }

  func test_ONNXFile_nodeReadingAMissingTensor() throws {
    var graph = Graph(name: "ghostly")
    graph.inputs = [.tensor("x", .float32, [.fixed(2)])]
    graph.nodes = [Node(name: "add", opType: "Add", inputs: ["x", "ghost"], outputs: ["y"])]
    graph.outputs = [.tensor("y", .float32, [.fixed(2)])]
    let url = try temporaryFolder().appendingPathComponent("ghost.onnx")
    try Data(try ONNXFile.encode(Model(graph: graph))).write(to: url)
    XCTAssertThrowsError(try ONNXFile.read(url)) { error in
      XCTAssertEqual(error as? FormatError, .invalidGraph(file: url.path, .undefinedTensor(node: "add", tensor: "ghost")))
    }
  }

  /// The fixture with its external location replaced by another string of the same length.
  private func externalModel(location: String, in dir: URL) throws -> URL {
    var bytes = [UInt8](try Data(contentsOf: external.appendingPathComponent("model.onnx")))
    let old = Array("weights.bin".utf8), new = Array(location.utf8)
    precondition(old.count == new.count)
    for i in 0...(bytes.count - old.count) where Array(bytes[i..<i + old.count]) == old {
      bytes.replaceSubrange(i..<i + old.count, with: new)
    }
    let url = dir.appendingPathComponent("model.onnx")
    try Data(bytes).write(to: url)
    return url
  }

  func test_ONNXFile_externalDataOutsideTheModelFolder() throws {
    let root = try temporaryFolder()
    let dir = root.appendingPathComponent("model")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: external.appendingPathComponent("weights.bin"), to: root.appendingPathComponent("data.bin"))
    for location in ["../data.bin", "/etc/passwd"] {
      let url = try externalModel(location: location, in: dir)
      XCTAssertThrowsError(try ONNXFile.read(url)) { error in
        XCTAssertEqual(error as? FormatError, .externalDataOutsideFolder(file: url.path, tensor: "w", location: location))
      }
      try FileManager.default.removeItem(at: url)
    }
    // A symlink inside the folder that points out of it is outside too.
    try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("weights.bin"), withDestinationURL: root.appendingPathComponent("data.bin"))
    let url = try externalModel(location: "weights.bin", in: dir)
    XCTAssertThrowsError(try ONNXFile.read(url)) { error in
      XCTAssertEqual(error as? FormatError, .externalDataOutsideFolder(file: url.path, tensor: "w", location: "weights.bin"))
    }
  }

  func test_ONNXFile_externalDataPastTheEndOfItsFile() throws {
    let dir = try temporaryFolder()
    let url = try externalModel(location: "weights.bin", in: dir)
    // 50 of the 64 bytes: `z_bias` (offset 48, length 16) runs past the end.
    try Data(try Data(contentsOf: external.appendingPathComponent("weights.bin")).prefix(50))
      .write(to: dir.appendingPathComponent("weights.bin"))
    XCTAssertThrowsError(try ONNXFile.read(url)) { error in
      XCTAssertEqual(error as? FormatError, .externalDataOutOfRange(
        file: url.path, tensor: "z_bias", location: "weights.bin", offset: 48, length: 16, fileSize: 50))
    }
  }

  func test_ONNXFile_writeRefusesToOverwriteAndLeavesNothingBehind() throws {
    let dir = try temporaryFolder()
    let url = dir.appendingPathComponent("model.onnx")
    try Data("keep me".utf8).write(to: url)
    let model = try ONNXFile.read(conv)
    XCTAssertThrowsError(try ONNXFile.write(model, to: url)) { XCTAssertEqual($0 as? FormatError, .outputExists(file: url.path)) }
    XCTAssertEqual(try Data(contentsOf: url), Data("keep me".utf8))
    try ONNXFile.write(model, to: url, force: true)
    XCTAssertEqual(try ONNXFile.read(url), model)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["model.onnx"])
  }
}
