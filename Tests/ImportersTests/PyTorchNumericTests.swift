import Foundation
import Lowering
import ModelGraph
import Runtime
import TestSupport
import XCTest
@testable import Importers

/// Our ONNX, run by our interpreter, against the output torch recorded for the fixtures.
final class PyTorchNumericTests: XCTestCase {
  func test_PyTorchLowering_fixtureOutputMatchesTorch() throws {
    let recorded = try PT2Fixtures.recorded()
    let x = Tensor(recorded.input.values, shape: recorded.input.shape)
    let expected = Tensor(recorded.output.values, shape: recorded.output.shape)
    for path in [PT2Fixtures.training, PT2Fixtures.core] {
      let onnx = try PyTorchLowering.lower(try PyTorchImporter.read(path: path), file: path)
      let interpreter = try Interpreter(model: onnx)
      let result = try interpreter.run(inputs: [onnx.graph.inputs[0].name: x])
      let y = try XCTUnwrap(result.outputs[onnx.graph.outputs[0].name])
      assertClose(y, expected, rtol: 1e-5, atol: 1e-6, path)
    }
  }
}
