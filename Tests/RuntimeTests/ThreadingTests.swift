import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

@testable import Runtime

/// `--threads N`: every captured tensor is bit-identical between runs with the same N (and,
/// because each output element is computed by one thread in a fixed order, across N too).
final class ThreadingTests: XCTestCase {
  func test_Interpreter_threadsAreDeterministic() throws {
    let dir = packageRoot.appendingPathComponent("golden/keras/resnet_mini")
    let model = try ONNXFile.read(dir.appendingPathComponent("tf2onnx.onnx"))
    guard let batch = try NPZ.read(contentsOf: dir.appendingPathComponent("inputs.npz")).first?.tensor else {
      return XCTFail("no input in inputs.npz")
    }
    func run(_ threads: Int) throws -> [String: Tensor] {
      let interpreter = try Interpreter(model: model, threads: threads)
      let name = try XCTUnwrap(interpreter.feedInputs.first?.name)
      return try interpreter.run(inputs: [name: batch], capture: .all).captured
    }
    let one = try run(1), two = try run(2), twoAgain = try run(2)
    XCTAssertFalse(one.isEmpty)
    for (name, t) in two {
      XCTAssertEqual(t, twoAgain[name], "'\(name)' differs between two runs with 2 threads")
      XCTAssertEqual(t, one[name], "'\(name)' differs between 1 and 2 threads")
    }
    // Without capture the fused chains run; their outputs do not depend on the thread count.
    let plain = try [1, 2].map { threads in
      let interpreter = try Interpreter(model: model, threads: threads)
      XCTAssertFalse(interpreter.chains.isEmpty)
      return try interpreter.run(inputs: [try XCTUnwrap(interpreter.feedInputs.first?.name): batch]).outputs
    }
    XCTAssertEqual(plain[0], plain[1])
  }
}
