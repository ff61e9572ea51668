import Backends
import Diff
import Foundation
import ModelFormats
import Verify

/// One `with:` argument a step kind takes: what it is, so that `pipeline validate` can check a
/// file before anything runs.
struct StepParameter: Sendable {
  enum Role: Sendable {
    /// A file or folder that must exist before the pipeline runs (unless an earlier step or
    /// `${out}` makes it).
    case input
    /// `path, path`: input files or folders; empty items are left out.
    case inputList
    /// `name=path,name=path`: named input files (environments' recordings).
    case namedInputs
    /// `environment=model,…`: models, each with the environment that runs it.
    case environmentModels
    /// A path the step writes.
    case output
    case number
    case choice([String], noun: String)
    case text
  }

  var name: String
  var role: Role
  var required = false

  static func input(_ name: String, required: Bool = false) -> StepParameter { .init(name: name, role: .input, required: required) }
  static func output(_ name: String, required: Bool = false) -> StepParameter { .init(name: name, role: .output, required: required) }
  static func number(_ name: String) -> StepParameter { .init(name: name, role: .number) }
  static func flag(_ name: String) -> StepParameter { .init(name: name, role: .choice(["true", "false"], noun: "value")) }

  /// The input files `value` names: itself for an input, each path of named inputs.
  func inputPaths(_ value: String) -> [String] {
    switch role {
    case .input: [value]
    case .inputList: Self.list(value)
    case .namedInputs, .environmentModels: Self.named(value).map(\.path)
    default: []
    }
  }

  /// `a=x.npz, b=y.npz` as pairs, in order; an item without `=` has an empty name.
  static func named(_ value: String) -> [(name: String, path: String)] {
    value.split(separator: ",").map { item in
      let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      return parts.count == 2 ? (parts[0], parts[1]) : ("", parts.first ?? "")
    }
  }

  /// `x, y, ,z` as `[x, y, z]`: the non-empty items, trimmed.
  static func list(_ value: String) -> [String] {
    value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// `threshold`, `atol` and `rtol` of the comparing steps.
  static let tolerances: [StepParameter] = [.number("threshold"), .number("atol"), .number("rtol")]
  static let environment = StepParameter(
    name: "backend", role: .choice(BackendChoice.candidates.map(\.rawValue), noun: "environment"))
  static let preprocessing = StepParameter(name: "preprocessing", role: .choice(Preprocessing.allCases.map(\.rawValue), noun: "preprocessing"))
  static let fault = StepParameter(name: "fault", role: .choice(FaultKind.allCases.map(\.rawValue), noun: "fault"), required: true)
}
