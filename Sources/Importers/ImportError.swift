import ModelFormats
import ModelGraph

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
  // MARK: Archives and PyTorch `.pt2`
  /// The file cannot be opened or mapped.
  case unreadableFile(file: String, reason: String)
  /// The file is not an archive of the expected kind.
  case notAnArchive(file: String, reason: String)
  /// A member the format requires is absent.
  case missingMember(file: String, member: String)
  /// A member exists but cannot be extracted.
  case unreadableMember(file: String, member: String, reason: String)
  /// A JSON member lacks a field, or a field has the wrong type; `path` locates it.
  case malformedJSON(file: String, member: String, path: String, expected: String)
  /// A tensor is stored in a form this reader does not handle (pickled, sparse, exotic dtype).
  case unsupportedTensorStorage(file: String, tensor: String, reason: String)
  /// A storage member holds fewer bytes than the tensor's sizes, strides and offset need.
  case truncatedTensorData(file: String, member: String, tensor: String, expectedBytes: Int, foundBytes: Int)
  /// A node argument cannot be represented.
  case unsupportedArgument(file: String, node: String, argument: String, reason: String)
  /// A node omits an argument its ATen schema requires.
  case missingArgument(file: String, node: String, op: String, argument: String)
  /// The imported graph is inconsistent (a node reads a tensor nothing defines, …).
  case invalidGraph(file: String, problem: GraphError)
}
