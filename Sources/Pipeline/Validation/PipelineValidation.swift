import Foundation
import Yams

/// Everything wrong with a pipeline file, found before anything runs: YAML syntax, unknown keys,
/// values of the wrong type, unknown step kinds and environments, step arguments that do not
/// exist, numbers that are not numbers, and input files that are missing for some cell. Each
/// problem is a `PipelineError.yaml` with the file, line, column and key.
enum PipelineValidation {
  static var schema: YAMLSchema {
    let step = YAMLSchema.record([
      "id": .required(.text), "step": .required(.choice(StepRegistry.kinds, noun: "step kind")), "with": .required(.table(.text)),
    ])
    return .record([
      "name": .required(.text), "output": .required(.text), "matrix": .optional(.table(.list(.text))),
      "variables": .optional(.table(.text)), "steps": .required(.list(step)),
    ])
  }

  /// The document, or the syntax error as a problem.
  static func compose(_ text: String, file: String) throws(PipelineError) -> Node {
    do {
      guard let root = try Yams.compose(yaml: text) else {
        throw PipelineError.yaml(file: file, line: 1, column: 1, key: "", problem: "empty; expected name, output and steps")
      }
      return root
    } catch let error as PipelineError {
      throw error
    } catch let YamlError.scanner(_, problem, mark, _), let YamlError.parser(_, problem, mark, _),
            let YamlError.composer(_, problem, mark, _) {
      throw .yaml(file: file, line: mark.line, column: mark.column, key: "", problem: problem)
    } catch {
      throw .yaml(file: file, line: 1, column: 1, key: "", problem: "\(error)")
    }
  }

  /// Problems of the step arguments of a file whose shape is right (`schema` found nothing).
  static func argumentProblems(_ root: Node, spec: PipelineSpec, file: String) -> [PipelineError] {
    let cells = spec.cells
    let variables = Set((spec.matrix ?? [:]).keys).union(["out"])
    var produced = Array(repeating: Set<String>(), count: cells.count)
    var found: [PipelineError] = []
    for (i, node) in (root.mapping?["steps"]?.sequence ?? []).enumerated() {
      guard let kind = StepRegistry.step(spec.steps[i].step), let with = node.mapping?["with"] else { continue }
      let key = "steps.\(i).with"
      func problem(_ text: String, at n: Node, key k: String) -> PipelineError {
        .yaml(file: file, line: n.mark?.line ?? 1, column: n.mark?.column ?? 1, key: k, problem: text)
      }
      let names = kind.parameters.map(\.name)
      for (k, v) in with.mapping ?? [:] {
        let name = k.string ?? "", raw = (v.string ?? "").substituting(spec.variables ?? [:])
        guard let parameter = kind.parameters.first(where: { $0.name == name }) else {
          found.append(problem("unknown argument '\(name)' of a \(kind.kind) step; expected one of \(names.joined(separator: ", "))",
                               at: k, key: "\(key).\(name)"))
          continue
        }
        if let unknown = raw.variables.first(where: { !variables.contains($0) }) {
          found.append(problem("unknown variable '${\(unknown)}'; expected one of \(variables.sorted().map { "${\($0)}" }.joined(separator: ", "))",
                               at: v, key: "\(key).\(name)"))
          continue
        }
        for (c, cell) in cells.enumerated() {
          let value = cell.substitute(raw, output: "${out}")
          let at = raw == value || cell.name.isEmpty ? "" : " (cell \(cell.name))"
          if let text = parameter.problem(value, raw: raw, produced: produced[c]) {
            found.append(problem(text + at, at: v, key: "\(key).\(name)"))
            break
          }
        }
      }
      for p in kind.parameters where p.required && with.mapping?[p.name] == nil {
        found.append(problem("missing argument '\(p.name)' of a \(kind.kind) step", at: with, key: key))
      }
      for p in kind.parameters where p.isOutput {
        guard let raw = with.mapping?[p.name]?.string else { continue }
        for c in cells.indices { produced[c].insert(cells[c].substitute(raw, output: "${out}")) }
      }
    }
    return found
  }
}

extension StepParameter {
  var isOutput: Bool { if case .output = role { true } else { false } }

  /// What is wrong with `value` (one cell's substitution of `raw`), or nil.
  func problem(_ value: String, raw: String, produced: Set<String>) -> String? {
    switch role {
    case .input, .inputList, .namedInputs, .environmentModels:
      if case .namedInputs = role, let unnamed = Self.named(value).first(where: { $0.name.isEmpty }) {
        return "expected name=path for every item, found '\(unnamed.path)'"
      }
      let known = Environment.allCases.map(\.rawValue)
      if case .environmentModels = role, let unknown = Self.named(value).first(where: { !known.contains($0.name) }) {
        return "unknown environment '\(unknown.name)'; expected one of \(known.joined(separator: ", "))"
      }
      let missing = raw.contains("${out}") ? nil : inputPaths(value).first {
        !produced.contains($0) && !FileManager.default.fileExists(atPath: $0)
      }
      return missing.map { "no such file or folder '\($0)'" }
    case .number:
      return Double(value) == nil ? "expected a number, found '\(value)'" : nil
    case .choice(let known, let noun):
      return known.contains(value) ? nil : "unknown \(noun) '\(value)'; expected one of \(known.joined(separator: ", "))"
    case .output, .text:
      return nil
    }
  }
}

extension String {
  /// The names of the `${name}` references in this text.
  var variables: [String] {
    matches(of: /\$\{([^}]*)\}/).map { String($0.output.1) }
  }
}
