import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

/// `ONNXFile.write` streams the serialization into the file; it must be byte for byte what
/// `encode` builds in memory.
final class ONNXStreamingWriteTests: XCTestCase {
  func test_ONNXFile_writeStreamsTheBytesEncodeBuilds() throws {
    let golden = packageRoot.appendingPathComponent("golden")
    for source in ["torch/resnet_mini/torch_onnx.onnx", "keras/inception_mini/tf2onnx.onnx"] {
      let model = try ONNXFile.read(golden.appendingPathComponent(source))
      let out = try temporaryFolder().appendingPathComponent("stream.onnx")
      try ONNXFile.write(model, to: out)
      XCTAssertEqual(try [UInt8](Data(contentsOf: out)), try ONNXFile.encode(model), source)
    }
  }
}
