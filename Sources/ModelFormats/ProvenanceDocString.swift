import ModelGraph

/// The provenance contract of ONNX files: a node's `doc_string` starts with the lines
/// `source_layer: <layer>` and `source_op: <op>`, then `source_node: <node>` when the
/// provenance names a source node; any other documentation follows them.
extension Provenance {
  static let layerPrefix = "source_layer: "
  static let opPrefix = "source_op: "
  static let nodePrefix = "source_node: "

  /// Splits a `doc_string` into the provenance it opens with (if any) and the remaining text.
  public static func parse(docString: String) -> (Provenance?, String) {
    let lines = docString.split(separator: "\n", maxSplits: 3, omittingEmptySubsequences: false)
    guard lines.count >= 2, lines[0].hasPrefix(layerPrefix), lines[1].hasPrefix(opPrefix) else {
      return (nil, docString)
    }
    var provenance = Provenance(
      sourceLayer: String(lines[0].dropFirst(layerPrefix.count)),
      sourceOp: String(lines[1].dropFirst(opPrefix.count)))
    var rest = lines.dropFirst(2)
    if let node = rest.first, node.hasPrefix(nodePrefix) {
      provenance.sourceNode = String(node.dropFirst(nodePrefix.count))
      rest = rest.dropFirst()
    }
    return (provenance, rest.joined(separator: "\n"))
  }

  /// The `doc_string` for a node with this provenance and `rest` as its other documentation.
  public func docString(followedBy rest: String) -> String {
    var head = "\(Self.layerPrefix)\(sourceLayer)\n\(Self.opPrefix)\(sourceOp)"
    if let sourceNode { head += "\n\(Self.nodePrefix)\(sourceNode)" }
    return rest.isEmpty ? head : head + "\n" + rest
  }
}
