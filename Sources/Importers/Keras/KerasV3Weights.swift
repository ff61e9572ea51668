import ModelFormats
import ModelGraph

/// Weights of a Keras 3 `.keras` archive (`model.weights.h5`).
///
/// Each model's layers are groups under `layers/`, keyed by the snake_case class name made
/// unique with `_1`, `_2` in `model.layers` order; the layer's name is the `name` attribute of
/// its `vars` group (used first; the order rule is the fallback). Variables are `vars/0..N-1`.
/// Nested models keep their own layers under `<key>/layers/`.
final class KerasV3Weights: KerasWeightSource {
  let h5: HDF5File
  var file: String { h5.name }
  /// The `layers` group of each model scope seen so far.
  private var roots: [[String]: String] = [[]: "layers"]
  /// Layer name → group, per model scope.
  private var groups: [[String]: [String: String]] = [:]

  init(h5: HDF5File) { self.h5 = h5 }

  func variables(layer: String, scope: [String], siblings: [(name: String, className: String)])
    throws(ImportError) -> [(name: String?, tensor: Tensor)]?
  {
    guard let root = roots[scope] else { return nil }
    let map = try groupMap(scope: scope, root: root, siblings: siblings)
    guard let group = map[layer] else { return nil }
    roots[scope + [layer]] = "\(group)/layers"
    let vars = "\(group)/vars"
    guard h5.kind(at: vars) == .group else { return [] }
    let names = try h5.lift { h5 throws(FormatError) in try h5.children(of: vars) }
    let ordered = names.compactMap(Int.init).sorted()
    var result: [(name: String?, tensor: Tensor)] = []
    for index in ordered {
      result.append((nil, try h5.lift { h5 throws(FormatError) in try h5.tensor(at: "\(vars)/\(index)") }))
    }
    return result
  }

  private func groupMap(scope: [String], root: String, siblings: [(name: String, className: String)])
    throws(ImportError) -> [String: String]
  {
    if let map = groups[scope] { return map }
    var map: [String: String] = [:]
    var seen: [String: Int] = [:]
    for sibling in siblings {
      var key = Self.snakeCase(sibling.className)
      if let n = seen[key] { seen[key] = n + 1; key += "_\(n + 1)" } else { seen[key] = 0 }
      map[sibling.name] = "\(root)/\(key)"
    }
    if h5.kind(at: root) == .group {
      for child in try h5.lift({ h5 throws(FormatError) in try h5.children(of: root) }) {
        let path = "\(root)/\(child)"
        if let name = try h5.lift({ h5 throws(FormatError) in try h5.stringAttribute("name", at: "\(path)/vars") }) {
          map[name] = path
        }
      }
    }
    groups[scope] = map
    return map
  }

  /// Keras' `to_snake_case`: `Conv2D` → `conv2d`, `ReLU` → `re_lu`, `BatchNormalization` →
  /// `batch_normalization`.
  static func snakeCase(_ name: String) -> String {
    let c = Array(name)
    var out = ""
    for i in c.indices {
      // (.)([A-Z][a-z]+) then ([a-z])([A-Z]): an underscore before an upper-case letter that
      // starts a capitalised word, or follows a lower-case letter.
      if i > 0, c[i].isUppercase,
        (i + 1 < c.count && c[i + 1].isLowercase) || (c[i - 1].isLowercase)
      {
        out += "_"
      }
      out.append(c[i])
    }
    return out.lowercased()
  }
}
