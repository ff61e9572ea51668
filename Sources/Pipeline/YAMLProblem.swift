import Foundation
import Yams

/// A YAML or decoding error as `PipelineError.yaml`: the line and column (from Yams' marks, or
/// of the node the decoder's key path leads to), the key, and a short problem, never Swift's
/// `DecodingError` debug description.
enum YAMLProblem {
  static func error(_ error: any Error, text: String, file: String) -> PipelineError {
    if let yaml = error as? YamlError {
      switch yaml {
      case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
        return .yaml(file: file, line: mark.line, column: mark.column, key: "", problem: problem)
      default:
        return .yaml(file: file, line: 1, column: 1, key: "", problem: "\(yaml)")
      }
    }
    guard let decoding = error as? DecodingError else {
      return .yaml(file: file, line: 1, column: 1, key: "", problem: "\(error)")
    }
    let path: [any CodingKey], problem: String
    switch decoding {
    case .typeMismatch(let type, let context):
      (path, problem) = (context.codingPath, "expected \(describe(type))")
    case .valueNotFound(let type, let context):
      (path, problem) = (context.codingPath, "missing value; expected \(describe(type))")
    case .keyNotFound(let key, let context):
      (path, problem) = (context.codingPath, "missing key '\(key.stringValue)'")
    case .dataCorrupted(let context):
      if let underlying = context.underlyingError { return self.error(underlying, text: text, file: file) }
      (path, problem) = (context.codingPath, context.debugDescription)
    @unknown default:
      (path, problem) = ([], "\(decoding)")
    }
    let mark = node(at: path, in: text)?.mark
    return .yaml(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1,
                 key: path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "."), problem: problem)
  }

  /// The deepest node along `path` (mapping keys, sequence indices).
  private static func node(at path: [any CodingKey], in text: String) -> Node? {
    guard var node = try? Yams.compose(yaml: text) else { return nil }
    for key in path {
      if let index = key.intValue, let sequence = node.sequence, index < sequence.count {
        node = sequence[index]
      } else if let mapping = node.mapping, let child = mapping[key.stringValue] {
        node = child
      } else {
        break
      }
    }
    return node
  }

  private static func describe(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "a string"
    case is [String].Type: "a list of strings"
    case is [String: String].Type: "a mapping of names to strings"
    case is [String: [String]].Type: "a mapping of names to lists of strings"
    default:
      "\(type)".hasPrefix("Array") || "\(type)".hasSuffix("Sequence") ? "a list"
        : "\(type)".hasPrefix("Dictionary") || "\(type)".hasSuffix("Mapping") ? "a mapping" : "a \(type)"
    }
  }
}
