import Foundation
import ModelFormats
import ModelGraph

/// Reads Keras models into the `keras` source dialect.
///
/// ```swift
/// let graph = try KerasImporter.importModel(at: URL(fileURLWithPath: "mobilenet.keras"))
/// graph.nodes.first?.opType  // "Conv2D"
/// ```
public enum KerasImporter {
  /// A Keras 3 `.keras` archive: `config.json` plus `model.weights.h5`, stored in a zip.
  public static func importArchive(at url: URL) throws(ImportError) -> Graph {
    let zip: ZipArchive
    let configData: Data
    let h5: HDF5File
    do {
      zip = try ZipArchive(url: url)
      configData = try zip.data(of: "config.json")
      h5 = try zip.hdf5File(member: "model.weights.h5")
    } catch { throw .format(error) }
    let file = "\(url.path)/config.json"
    guard let json = JSON.parse(configData) else { throw .invalidConfig(file: file, reason: "not valid JSON") }
    let model = try KerasModelConfig(json: json, file: file)
    return try KerasGraphBuilder.build(model, file: url.path, weights: KerasV3Weights(h5: h5))
  }

  /// A legacy HDF5 model (`model.save("m.h5")`, Keras 3 or tf.keras 2): the `model_config`
  /// attribute plus `model_weights/`.
  public static func importLegacyH5(at url: URL) throws(ImportError) -> Graph {
    let h5: HDF5File
    let text: String?
    do {
      h5 = try HDF5File(contentsOf: url)
      text = try h5.stringAttribute("model_config", at: "/")
    } catch { throw .format(error) }
    guard let text else {
      throw .invalidConfig(file: url.path, reason: "no 'model_config' attribute (a weights-only file cannot be converted)")
    }
    guard let json = JSON.parse(Data(text.utf8)) else {
      throw .invalidConfig(file: url.path, reason: "the 'model_config' attribute is not valid JSON")
    }
    let model = try KerasModelConfig(json: json, file: url.path)
    return try KerasGraphBuilder.build(model, file: url.path, weights: KerasLegacyWeights(h5: h5))
  }
}
