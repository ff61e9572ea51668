import Yams

/// The expected shape of a YAML document, checked against Yams' node tree so that every problem
/// carries the line and column of the node at fault.
///
/// ```swift
/// let schema = YAMLSchema.record(["name": .required(.text), "steps": .required(.list(.text))])
/// let problems = schema.problems(in: try Yams.compose(yaml: text), file: "p.yaml")
/// ```
public indirect enum YAMLSchema: Sendable {
  /// Any scalar.
  case text
  /// A whole number.
  case integer
  /// One of these scalars; `noun` names what they are in a problem ("step kind", "environment").
  case choice([String], noun: String)
  /// A sequence whose items all have this shape.
  case list(YAMLSchema)
  /// A mapping with any keys whose values all have this shape.
  case table(YAMLSchema)
  /// A mapping with exactly these keys (required or not) and no others.
  case record([String: Field])

  public struct Field: Sendable {
    public var schema: YAMLSchema
    public var required: Bool

    public static func required(_ schema: YAMLSchema) -> Field { Field(schema: schema, required: true) }
    public static func optional(_ schema: YAMLSchema) -> Field { Field(schema: schema, required: false) }
  }

  /// Every place where `node` departs from this shape, in document order. `key` is the dotted
  /// path of `node` (`steps.1.with`), empty for the document.
  public func problems(in node: Node, file: String, key: String = "") -> [PipelineError] {
    func problem(_ text: String, at n: Node = node, key k: String = key) -> PipelineError {
      .yaml(file: file, line: n.mark?.line ?? 1, column: n.mark?.column ?? 1, key: k, problem: text)
    }
    func child(_ name: String) -> String { key.isEmpty ? name : "\(key).\(name)" }
    switch self {
    case .text:
      return node.scalar == nil ? [problem("expected a single value, found \(node.kind)")] : []
    case .integer:
      guard let s = node.scalar?.string, Int(s) != nil else { return [problem("expected a whole number, found \(node.kind)")] }
      return []
    case .choice(let known, let noun):
      guard let s = node.scalar?.string else { return [problem("expected a \(noun), found \(node.kind)")] }
      return known.contains(s) ? [] : [problem("unknown \(noun) '\(s)'; expected one of \(known.joined(separator: ", "))")]
    case .list(let item):
      guard let items = node.sequence else { return [problem("expected a list, found \(node.kind)")] }
      return items.enumerated().flatMap { item.problems(in: $1, file: file, key: child("\($0)")) }
    case .table(let value):
      guard let mapping = node.mapping else { return [problem("expected a mapping, found \(node.kind)")] }
      return mapping.flatMap { k, v in
        k.scalar == nil ? [problem("expected a name as key", at: k)] : value.problems(in: v, file: file, key: child(k.string ?? ""))
      }
    case .record(let fields):
      guard let mapping = node.mapping else { return [problem("expected a mapping, found \(node.kind)")] }
      var found: [PipelineError] = []
      for (k, v) in mapping {
        let name = k.string ?? ""
        guard let field = fields[name] else {
          found.append(problem("unknown key '\(name)'; expected one of \(fields.keys.sorted().joined(separator: ", "))", at: k, key: child(name)))
          continue
        }
        found += field.schema.problems(in: v, file: file, key: child(name))
      }
      let present = Set(mapping.keys.compactMap(\.string))
      for name in fields.keys.sorted() where fields[name]?.required == true && !present.contains(name) {
        found.append(problem("missing key '\(name)'"))
      }
      return found
    }
  }
}

extension Node {
  /// "a list", "a mapping" or "'value'", for problems.
  var kind: String {
    switch self {
    case .scalar(let s): "'\(s.string)'"
    case .mapping: "a mapping"
    case .sequence: "a list"
    }
  }
}
