import Foundation
import ModelFormats

/// Where a step writes a file: an existing file is replaced (atomically) only when the step's
/// `force: true` argument says so or when it is an earlier output of the same kind — a JSON
/// document whose `schema` starts with `schema` — so re-running a pipeline refreshes its outputs
/// but a path that names anything else (a model, a user's file) is an error and stays intact.
enum StepOutput {
  static func write(_ data: Data, to path: String, schema: String, arguments: StepArguments) throws(FormatError) {
    let url = URL(fileURLWithPath: path)
    let force = arguments.optional("force") == "true" || isEarlierOutput(url, schema: schema)
    try StagedFile.write(data, to: url, force: force)
  }

  /// Whether `url` is a JSON file (under 64 MiB) with a `schema` starting with `schema`.
  static func isEarlierOutput(_ url: URL, schema: String) -> Bool {
    guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size < 64 << 20,
          let data = try? Data(contentsOf: url),
          let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
          let found = object["schema"] as? String else { return false }
    return found.hasPrefix(schema)
  }
}
