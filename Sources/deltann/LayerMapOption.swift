import Foundation

/// Reads a layer → candidate tensor map: a JSON object of strings, or verify's node map
/// (`{"entries": [{"layer": …, "output": …}]}`).
func readLayerMap(_ path: String?) throws -> [String: String] {
  guard let path else { return [:] }
  let data = try Data(contentsOf: URL(fileURLWithPath: path))
  let json = try JSONSerialization.jsonObject(with: data)
  if let plain = json as? [String: String] { return plain }
  if let object = json as? [String: Any], let entries = object["entries"] as? [[String: Any]] {
    var map: [String: String] = [:]
    for e in entries {
      if let layer = e["layer"] as? String, let output = e["output"] as? String { map[layer] = output }
    }
    return map
  }
  throw CocoaError(.propertyListReadCorrupt, userInfo: [NSDebugDescriptionErrorKey: "\(path): expected a JSON object of layer → tensor names"])
}
