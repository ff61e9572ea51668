import Foundation
import ModelFormats
import ModelGraph

/// An explicit layer → candidate tensor correspondence, as a user writes it or as `deltann verify
/// --map` writes it.
public enum LayerMap {
  /// Reads either a JSON object of layer → tensor names, or verify's node map
  /// (`deltann.verify.map/1`: `candidate` model path and `layers: [{layer, targets: [{node}]}]`),
  /// whose target nodes are resolved to the tensor the layer's last node produces. `nil` gives an
  /// empty map (align by names).
  public static func read(_ path: String?) throws(DiffError) -> [String: String] {
    guard let path else { return [:] }
    let json: Any
    do { json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) } catch {
      throw .reference(key: path, problem: "cannot read the layer map (\(error.localizedDescription))")
    }
    if let plain = json as? [String: String] { return plain }
    guard let object = json as? [String: Any], let layers = object["layers"] as? [[String: Any]],
          let candidate = object["candidate"] as? String else {
      throw .reference(key: path, problem: "expected a JSON object of layer → tensor names, or verify's node map")
    }
    let model: Model
    do { model = try ONNXFile.read(URL(fileURLWithPath: candidate)) } catch {
      throw .reference(key: path, problem: "its candidate model \(candidate) cannot be read (\(error))")
    }
    let targets = layers.reduce(into: [String: [String]]()) { map, entry in
      guard let layer = entry["layer"] as? String, let nodes = entry["targets"] as? [[String: Any]] else { return }
      map[layer] = nodes.compactMap { $0["node"] as? String }
    }
    return resolve(targets, in: model.graph)
  }

  /// Layer → the first output of the layer's target node that runs last (a fused group's output).
  public static func resolve(_ targets: [String: [String]], in graph: Graph) -> [String: String] {
    let position = Dictionary(graph.nodes.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    var map: [String: String] = [:]
    for (layer, nodes) in targets {
      guard let last = nodes.compactMap({ position[$0] }).max(),
            let output = graph.nodes[last].outputs.first(where: { !$0.isEmpty }) else { continue }
      map[layer] = output
    }
    return map
  }
}
