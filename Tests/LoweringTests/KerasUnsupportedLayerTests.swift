import Lowering
import ModelGraph
import XCTest

/// Layers that cannot be converted are all reported in one error, before anything is emitted.
final class KerasUnsupportedLayerTests: XCTestCase {
  func test_KerasLowering_reportsEveryUnsupportedLayerAtOnce() throws {
    var g = Graph(name: "m")
    g.inputs = [.tensor("x", .float32, [.symbolic("N"), .fixed(4)])]
    func node(_ name: String, _ op: String, _ input: String, _ attributes: [String: Attribute] = [:]) -> Node {
      Node(name: name, opType: op, domain: "keras", inputs: [input], outputs: [name], attributes: attributes,
           provenance: Provenance(sourceLayer: name, sourceOp: "keras.\(op)"))
    }
    g.nodes = [
      node("lam", "Lambda", "x"),
      node("mine", "MyCustomLayer", "lam"),
      node("act", "Activation", "mine", ["activation": .string("my_activation")]),
      node("ok", "ReLU", "act"),
    ]
    g.outputs = [.tensor("ok", .float32, nil)]
    XCTAssertThrowsError(try Lowering.lower(g)) { error in
      guard case .unsupportedLayers(let layers, let supported) = error as? LoweringError else { return XCTFail("\(error)") }
      XCTAssertEqual(layers.map(\.layer), ["lam", "mine", "act"])
      XCTAssertEqual(layers.map(\.className), ["Lambda", "MyCustomLayer", "Activation"])
      XCTAssertTrue(supported.contains("Conv2D") && supported.contains("ReLU"))
      let text = "\(error)"
      for word in ["'lam' (Lambda)", "'mine' (MyCustomLayer)", "my_activation", "supported layer classes"] {
        XCTAssertTrue(text.contains(word), "'\(text)' should mention \(word)")
      }
    }
  }
}
