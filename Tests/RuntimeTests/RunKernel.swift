import ModelGraph
import XCTest

@testable import Runtime

/// Runs the kernel registered for `op` at `opset` on `inputs`, as the interpreter would for a
/// node with those attributes and `outputs` named outputs.
func runKernel(
  _ op: String, _ inputs: [Tensor?], _ attributes: [String: Attribute] = [:], outputs: Int = 1, opset: Int = 17
) throws -> [Tensor] {
  let node = Node(name: op, opType: op, inputs: inputs.map { _ in "x" }, outputs: (0..<outputs).map { "y\($0)" },
                  attributes: attributes)
  guard let kernel = Registry.kernel(op: op, domain: "", opset: opset) else { throw XCTSkip("no kernel for \(op)") }
  return try kernel.init(node: node, opset: opset).run(inputs, context: KernelContext(threads: 1))
}
