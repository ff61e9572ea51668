import ModelGraph
import Verify
import XCTest

/// Verify infers shapes from attributes and constants read from the model file: values that
/// would overflow, divide by zero or index out of range leave the shape unknown instead of
/// trapping, and verifying a model against itself still finds it equivalent.
final class HostileShapeTests: XCTestCase {
  let kernel = Tensor(GraphBuilder.values(2 * 3 * 3 * 3, seed: 7), shape: [2, 3, 3, 3])
  let huge = Int64.max - 1

  func assertSelfEquivalent(_ model: Model, _ message: String, line: UInt = #line) {
    XCTAssertEqual(try Verifier.verify(source: model, candidate: model).verdict, .equivalent, message, line: line)
  }

  func test_ShapeInference_hostileConvAttributesDoNotTrap() {
    let attributeSets: [(String, [String: Attribute])] = [
      ("pads near Int.max", ["pads": .ints([huge, huge, huge, huge])]),
      ("zero strides", ["strides": .ints([0, 0])]),
      ("dilations near Int.max", ["dilations": .ints([huge, huge])]),
      ("SAME with zero strides", ["strides": .ints([0, 0]), "auto_pad": .string("SAME_UPPER")]),
      ("SAME with strides near Int.max", ["strides": .ints([huge, huge]), "auto_pad": .string("SAME_UPPER")]),
      ("short pads", ["pads": .ints([1])]),
    ]
    for (what, attributes) in attributeSets {
      var b = GraphBuilder(input: [1, 3, 8, 8])
      var attrs = attributes
      attrs["kernel_shape"] = .ints([3, 3])
      b.add("Conv", "conv", weights: [("conv.w", kernel)], attributes: attrs)
      assertSelfEquivalent(b.finish(), what)
      var pool = GraphBuilder(input: [1, 3, 8, 8])
      pool.add("MaxPool", "pool", attributes: attrs)
      assertSelfEquivalent(pool.finish(), "MaxPool, " + what)
    }
  }

  func test_ShapeInference_hostileShapeOpsDoNotTrap() {
    let ints = { (v: [Int64]) in Tensor(int64: v, shape: [v.count]) }
    let cases: [(String, String, [(String, Tensor)], [String: Attribute])] = [
      ("Transpose with a negative axis", "Transpose", [], ["perm": .ints([0, -5, 1, 2])]),
      ("Reshape to overflowing dims", "Reshape", [("t", ints([huge, huge, -1]))], [:]),
      ("Reshape with two holes", "Reshape", [("t", ints([-1, -1]))], [:]),
      ("Flatten with an axis past the rank", "Flatten", [], ["axis": .int(99)]),
      ("Flatten with a very negative axis", "Flatten", [], ["axis": .int(-99)]),
      ("Squeeze of an axis past the rank", "Squeeze", [], ["axes": .ints([9])]),
      ("Unsqueeze of a very negative axis", "Unsqueeze", [], ["axes": .ints([-99])]),
      ("Pad near Int.max", "Pad", [("p", ints([0, 0, huge, huge, 0, 0, huge, huge]))], [:]),
      ("Concat with a very negative axis", "Concat", [], ["axis": .int(-99)]),
    ]
    for (what, op, weights, attributes) in cases {
      var b = GraphBuilder(input: [1, 3, 8, 8])
      b.add(op, "op", weights: weights, attributes: attributes)
      b.add("Relu", "relu")
      assertSelfEquivalent(b.finish(), what)
    }
  }
}
