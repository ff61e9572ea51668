import ModelGraph

/// The provenance contract of ONNX files: a node's `doc_string` starts with the lines
/// `source_layer: <layer>` and `source_op: <op>`; any other documentation follows them.
extension Provenance {
  static let layerPrefix = "source_layer: "
  static let opPrefix = "source_op: "

  /// Splits a `doc_string` into the provenance it opens with (if any) and the remaining text.
  public static func parse(docString: String) -> (Provenance?, String) {
    let lines = docString.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
    guard lines.count >= 2, lines[0].hasPrefix(layerPrefix), lines[1].hasPrefix(opPrefix) else {
      return (nil, docString)
    }
    let provenance = Provenance(
      sourceLayer: String(lines[0].dropFirst(layerPrefix.count)),
      sourceOp: String(lines[1].dropFirst(opPrefix.count)))
    return (provenance, lines.count > 2 ? String(lines[2]) : "")
  }

  /// The `doc_string` for a node with this provenance and `rest` as its other documentation.
  public func docString(followedBy rest: String) -> String {
    let head = "\(Self.layerPrefix)\(sourceLayer)\n\(Self.opPrefix)\(sourceOp)"
    return rest.isEmpty ? head : head + "\n" + rest
  }
}
