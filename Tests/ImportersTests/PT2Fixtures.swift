import Foundation
import ModelGraph
import XCTest
import ZIPFoundation

/// The `.pt2` fixtures and what torch recorded about them (`Fixtures/pt2/make_pt2_fixtures.py`).
enum PT2Fixtures {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/pt2")
  static let training = folder.appendingPathComponent("tiny.pt2").path
  static let core = folder.appendingPathComponent("tiny.core.pt2").path

  struct Recorded: Decodable {
    struct StateTensor: Decodable {
      let placeholder: String
      let shape: [Int]
      let strides: [Int]
      let values: [Float]
    }
    struct Values: Decodable {
      let shape: [Int]
      let values: [Float]
    }
    struct FXNode: Decodable {
      let name: String
      let target: String
      let module: String
    }
    let state_dict: [String: StateTensor]
    let input: Values
    let output: Values
    let nodes: [FXNode]
    let core_nodes: [FXNode]
  }

  static func recorded() throws -> Recorded {
    try JSONDecoder().decode(Recorded.self, from: Data(contentsOf: folder.appendingPathComponent("tiny.expected.json")))
  }

  /// Copies `source` into an archive in `folder` with one member changed by `edit`
  /// (`nil` from `edit` drops the member); returns the new file's path.
  static func mutated(_ source: String, in folder: URL, member suffix: String, edit: (Data) -> Data?) throws -> String {
    let out = folder.appendingPathComponent(URL(fileURLWithPath: source).lastPathComponent)
    let input = try Archive(url: URL(fileURLWithPath: source), accessMode: .read)
    let output = try Archive(url: out, accessMode: .create)
    for entry in input {
      var data = Data()
      _ = try input.extract(entry) { data.append($0) }
      if entry.path.hasSuffix(suffix) {
        guard let edited = edit(data) else { continue }
        data = edited
      }
      try output.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(data.count),
                          compressionMethod: .none) { position, size in
        data.subdata(in: Int(position)..<(Int(position) + size))
      }
    }
    return out.path
  }

  /// Edits a JSON member as a dictionary tree.
  static func editJSON(_ data: Data, _ change: (inout [String: Any]) -> Void) -> Data {
    guard var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return data }
    change(&object)
    return (try? JSONSerialization.data(withJSONObject: object)) ?? data
  }
}
