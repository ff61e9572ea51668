/// How deep graphs nest in a serialized ModelProto (If, Loop and Scan bodies inside node
/// attributes, also in functions), read from the wire before protobuf-c unpacks it: protobuf-c
/// recurses on the C stack once per nested message, so a file nesting subgraphs thousands deep
/// would overflow it. The scan keeps its own work list, never recursing.
enum ONNXNesting {
  /// Subgraph levels a model may nest; real models use a handful.
  static let limit = 64

  private enum Kind { case model, function, graph, node, attribute }

  /// The message kind field `number` of a `kind` message holds, when it can lead to a graph.
  private static func child(of kind: Kind, field number: UInt64) -> Kind? {
    switch (kind, number) {
    case (.model, 7): .graph
    case (.model, 25): .function
    case (.graph, 1), (.function, 7): .node
    case (.node, 5): .attribute
    case (.attribute, 6), (.attribute, 11): .graph
    default: nil
    }
  }

  /// Whether graphs nest deeper than `limit`. Malformed bytes end the scan of their message
  /// (protobuf-c reports them).
  static func tooDeep(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var work: [(range: Range<Int>, kind: Kind, depth: Int)] = [(0..<bytes.count, .model, 0)]
    while let (range, kind, depth) = work.popLast() {
      var i = range.lowerBound
      func varint() -> UInt64? { WireFields.varint(bytes, at: &i, end: range.upperBound) }
      scan: while i < range.upperBound {
        guard let key = varint() else { break }
        switch key & 7 {
        case 0: guard varint() != nil else { break scan }
        case 1: i += 8
        case 5: i += 4
        case 2:
          guard let n = varint(), n <= UInt64(range.upperBound - i) else { break scan }
          let payload = i..<(i + Int(n))
          i += Int(n)
          guard let next = child(of: kind, field: key >> 3) else { continue }
          let level = kind == .attribute ? depth + 1 : depth
          if level > limit { return true }
          work.append((payload, next, level))
        default: break scan
        }
      }
    }
    return false
  }
}
