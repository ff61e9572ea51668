import ModelFormats

/// Errors of the `Importers` module. Cases carry the file, layer or node concerned and what was
/// expected; their text is rendered in `ImportError+Description.swift`.
public enum ImportError: Error, Sendable {
  /// Reading the container failed (zip, HDF5); the wrapped error names file and object.
  case format(FormatError)
  /// The file's extension names no format this tool imports.
  case unsupportedFileType(file: String, supported: [String])
  /// The model description (`config.json`, `model_config`) is not what Keras writes.
  case invalidConfig(file: String, reason: String)
  /// A layer reads the output of a layer the model does not define.
  case undefinedInput(file: String, layer: String, reference: String)
  /// The weights file has no entry for a layer that has weights.
  case missingWeights(file: String, layer: String, expected: String)
  /// A layer's weights file holds a different number of variables than the layer defines.
  case weightCount(file: String, layer: String, expected: [String], found: Int)
  /// A weight's shape disagrees with the layer's configuration.
  case weightShape(file: String, layer: String, weight: String, expected: String, found: [Int])
}
