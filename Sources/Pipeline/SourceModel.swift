import Foundation
import Importers
import ModelFormats
import ModelGraph

/// A source model as a graph: ONNX as it is; Keras (.keras, .h5) and PyTorch (.pt2) through the
/// importers, in their source dialects.
public enum SourceModel {
  public static func load(_ url: URL) throws -> Graph {
    switch url.pathExtension.lowercased() {
    case "onnx":
      return try ONNXFile.read(url).graph
    case let ext where Importers.supportedExtensions.contains(ext):
      return try Importers.importModel(at: url)
    default:
      throw ImportError.unsupportedFileType(file: url.path, supported: (["onnx"] + Importers.supportedExtensions).map { ".\($0)" })
    }
  }
}
