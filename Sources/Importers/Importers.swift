import Foundation
import ModelGraph

/// The one place that picks an importer from a model file's extension.
public enum Importers {
  /// The extensions `importModel(at:)` accepts.
  public static let supportedExtensions = ["h5", "hdf5", "keras", "pt2"]

  /// Reads the model at `url` into its source dialect (`keras`, `aten`).
  public static func importModel(at url: URL) throws(ImportError) -> Graph {
    switch url.pathExtension.lowercased() {
    case "keras": return try KerasImporter.importArchive(at: url)
    case "h5", "hdf5": return try KerasImporter.importLegacyH5(at: url)
    case "pt2": return try PyTorchImporter.read(path: url.path).graph
    default: throw .unsupportedFileType(file: url.path, supported: supportedExtensions.map { ".\($0)" })
    }
  }
}
