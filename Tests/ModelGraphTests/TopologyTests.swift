import ModelGraph
import XCTest

final class TopologyTests: XCTestCase {
  private func chain(_ names: [(String, [String], [String])]) -> Graph {
    var g = Graph(name: "g", inputs: [.tensor("x", .float32, [.fixed(1)])])
    g.nodes = names.map { Node(name: $0.0, opType: "Relu", inputs: $0.1, outputs: $0.2) }
    return g
  }

  func test_Graph_topologicalSortRestoresDependencyOrder() throws {
    let g = chain([("c", ["b"], ["c"]), ("a", ["x"], ["a"]), ("b", ["a"], ["b"])])
    XCTAssertThrowsError(try g.validate())
    let sorted = try g.topologicallySorted()
    XCTAssertEqual(sorted.nodes.map(\.name), ["a", "b", "c"])
    XCTAssertNoThrow(try sorted.validate())
  }

  func test_Graph_topologicalSortIsStableForIndependentNodes() throws {
    let g = chain([("p", ["x"], ["p"]), ("q", ["x"], ["q"]), ("r", ["x"], ["r"])])
    XCTAssertEqual(try g.topologicallySorted().nodes.map(\.name), ["p", "q", "r"])
  }

  func test_Graph_cycleIsReported() {
    let g = chain([("a", ["b"], ["a"]), ("b", ["a"], ["b"])])
    XCTAssertThrowsError(try g.topologicallySorted()) { error in
      guard case GraphError.cycle(let nodes) = error else { return XCTFail("\(error)") }
      XCTAssertEqual(Set(nodes), ["a", "b"])
    }
  }

  func test_Graph_validateNamesNodeAndMissingTensor() {
    let g = chain([("a", ["missing"], ["a"])])
    XCTAssertThrowsError(try g.validate()) { error in
      XCTAssertEqual(error as? GraphError, .undefinedTensor(node: "a", tensor: "missing"))
    }
  }
}
