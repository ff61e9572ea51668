import Backends
import Diff
import Foundation
import ModelFormats
import ModelGraph
import Pipeline
import TestSupport
import XCTest

/// `localize --source` on a tf2onnx conversion, which folds BatchNormalization into its Conv:
/// the node map comes from verify by itself, the fused Conv's output is compared with the
/// BatchNormalization layer, and a fault in that Conv is named as the group.
final class FusedGroupLocalizationTests: XCTestCase {
  func test_Localize_faultInAFusedConvIsNamedAsItsGroup() throws {
    let dir = packageRoot.appendingPathComponent("golden/keras/mobilenet_mini")
    var model = try ONNXFile.read(dir.appendingPathComponent("tf2onnx.onnx"))
    let g = model.graph
    // The Keras model: block_1_expand (Conv2D) → block_1_expand_BN → block_1_expand_relu. The
    // conv tf2onnx fused is the one whose output the relu reads.
    let relu = try XCTUnwrap(g.nodes.first { $0.name.contains("/block_1_expand_relu") })
    let conv = try XCTUnwrap(g.nodes.firstIndex { $0.opType == "Conv" && $0.outputs.contains(relu.inputs[0]) })
    let weight = g.nodes[conv].inputs[1]
    let w = try XCTUnwrap(g.initializers[weight])
    model.graph.initializers[weight + "__scaled"] = Tensor(try XCTUnwrap(w.floats()).map { $0 * 1.5 }, shape: w.shape)
    model.graph.nodes[conv].inputs[1] = weight + "__scaled"
    let folder = try temporaryFolder()
    let candidate = folder.appendingPathComponent("mutant.onnx")
    try ONNXFile.write(model, to: candidate)

    let request = LocalizationRequest(reference: dir.appendingPathComponent("keras.npz"), source: dir.appendingPathComponent("model.keras"),
                                      candidate: candidate, inputs: nil, backend: InterpreterBackend(), workFolder: folder)
    let result = try request.run { _, _, _ in }
    let first = try XCTUnwrap(result.pair.firstDivergentLayer)
    XCTAssertEqual(first.layer, "block_1_expand_BN", result.pair.summary)
    XCTAssertEqual(result.pair.describe(layer: first.layer), "block_1_expand + block_1_expand_BN (fused in the candidate)")
    XCTAssertTrue(result.pair.summary.contains("block_1_expand + block_1_expand_BN (fused in the candidate)"), result.pair.summary)
    let coverage = try XCTUnwrap(result.pair.coverage)
    XCTAssertGreaterThanOrEqual(Double(coverage.aligned), 0.95 * Double(coverage.layers), coverage.description)
    print(result.pair.summary)
  }
}
