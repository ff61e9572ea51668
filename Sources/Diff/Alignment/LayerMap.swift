import Foundation

/// An explicit layer → candidate tensor correspondence, as a user or `deltann verify --map` writes it.
public enum LayerMap {
  /// Reads a JSON object of strings, or verify's node map (`{"entries": [{"layer": …, "output": …}]}`);
  /// `nil` gives an empty map (align by names).
  public static func read(_ path: String?) throws(DiffError) -> [String: String] {
    guard let path else { return [:] }
    let json: Any
    do { json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) } catch {
      throw .reference(key: path, problem: "cannot read the layer map (\(error.localizedDescription))")
    }
    if let plain = json as? [String: String] { return plain }
    if let object = json as? [String: Any], let entries = object["entries"] as? [[String: Any]] {
      var map: [String: String] = [:]
      for e in entries {
        if let layer = e["layer"] as? String, let output = e["output"] as? String { map[layer] = output }
      }
      return map
    }
    throw .reference(key: path, problem: "expected a JSON object of layer → tensor names or {\"entries\": [{\"layer\", \"output\"}]}")
  }
}
