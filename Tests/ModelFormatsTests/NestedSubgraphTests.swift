import Foundation
@testable import ModelFormats
import TestSupport
import XCTest

/// A model whose If bodies nest 100,000 deep (each a graph with one node whose attribute holds
/// the next) is refused with a typed error before protobuf-c's recursion could overflow the
/// stack; nesting within the limit still decodes.
final class NestedSubgraphTests: XCTestCase {
  /// ModelProto{graph: Graph{node: Node{op_type: "If", attribute: Attribute{name, g: …}}}}, `depth`
  /// levels. Each message's nested field comes last, so the bytes are the levels' prefixes
  /// (sized inside out) followed by the innermost graph: linear in `depth`.
  func nestedModel(depth: Int) -> [UInt8] {
    let inner = WireFields.lengthDelimited(2, Array("g0".utf8))  // GraphProto.name
    func key(_ field: UInt64) -> [UInt8] { [UInt8(field << 3 | 2)] }
    func varint(_ n: Int) -> [UInt8] { var out: [UInt8] = []; WireFields.appendVarint(UInt64(n), to: &out); return out }
    var size = inner.count, prefixes: [[UInt8]] = []
    for _ in 0..<depth {
      let attribute = WireFields.lengthDelimited(1, Array("then_branch".utf8)) + key(6) + varint(size)
      size += attribute.count
      let node = WireFields.lengthDelimited(4, Array("If".utf8)) + key(5) + varint(size)
      size += node.count
      let graph = key(1) + varint(size)
      size += graph.count
      prefixes.append(graph + node + attribute)
    }
    return [0x08, 8] + key(7) + varint(size) + prefixes.reversed().joined() + inner  // ir_version 8, graph
  }

  func test_ONNXFile_deeplyNestedSubgraphsAreATypedError() {
    let bytes = nestedModel(depth: 100_000)
    XCTAssertThrowsError(try bytes.withUnsafeBytes { try ONNXFile.decode($0, file: "deep.onnx") }) { error in
      XCTAssertEqual(error as? FormatError,
                     .invalidField(file: "deep.onnx", field: "graph", problem: "subgraphs nested more than 64 deep"))
    }
  }

  func test_ONNXNesting_countsEachSubgraphLevel() {
    XCTAssertFalse(nestedModel(depth: ONNXNesting.limit).withUnsafeBytes(ONNXNesting.tooDeep))
    XCTAssertTrue(nestedModel(depth: ONNXNesting.limit + 1).withUnsafeBytes(ONNXNesting.tooDeep))
  }
}
