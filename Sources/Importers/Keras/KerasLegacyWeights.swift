import ModelFormats
import ModelGraph

/// Weights of a legacy `.h5` file (Keras 3 or tf.keras 2): group `model_weights/<layer>` lists
/// its variables in the `weight_names` attribute, as paths relative to that group
/// (`conv1/kernel`, tf.keras 2 `conv1/kernel:0`). A nested model's group holds the weights of
/// all its layers; they are told apart by the layer path inside the variable's name.
final class KerasLegacyWeights: KerasWeightSource {
  let h5: HDF5File
  let root: String
  var file: String { h5.name }

  init(h5: HDF5File) {
    self.h5 = h5
    root = h5.kind(at: "model_weights") == .group ? "model_weights" : ""
  }

  func variables(layer: String, scope: [String], siblings: [(name: String, className: String)])
    throws(ImportError) -> [(name: String?, tensor: Tensor)]?
  {
    let top = scope.first ?? layer
    let group = root.isEmpty ? top : "\(root)/\(top)"
    guard h5.kind(at: group) == .group else { return nil }
    let names = try h5.lift { h5 throws(FormatError) in try h5.stringsAttribute("weight_names", at: group) } ?? []
    let relative = Array(scope.dropFirst()) + (scope.isEmpty ? [] : [layer])
    var result: [(name: String?, tensor: Tensor)] = []
    for name in names {
      var parts = name.split(separator: "/").map(String.init)
      guard let last = parts.popLast() else { continue }
      if !relative.isEmpty && !(parts.hasSuffix(relative) || (!parts.isEmpty && relative.hasSuffix(parts))) { continue }
      let variable = last.hasSuffix(":0") ? String(last.dropLast(2)) : last
      result.append((variable, try h5.lift { h5 throws(FormatError) in try h5.tensor(at: "\(group)/\(name)") }))
    }
    return result
  }
}
