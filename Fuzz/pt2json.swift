// libFuzzer harness: arbitrary bytes as the JSON program (models/model.json) of a .pt2
// archive, zipped with the other members of golden/torch/mobilenet_mini so the importer
// reaches weights and tensor metadata. Built by scripts/fuzz.sh.
import Foundation
@testable import ModelFormats
import Importers

private let path = FileManager.default.temporaryDirectory.appendingPathComponent("deltann-fuzz-\(getpid()).pt2")
private let program = "model/models/model.json"
private let others: [String: Data] = {
  guard let zip = try? ZipArchive(url: URL(fileURLWithPath: "golden/torch/mobilenet_mini/model.pt2")) else {
    fatalError("run from the repository root")
  }
  var members: [String: Data] = [:]
  for name in zip.memberNames where !name.hasSuffix("models/model.json") {
    let renamed = "model/" + name.split(separator: "/", maxSplits: 1).last.map(String.init)!
    members[renamed] = try? zip.data(of: name)
  }
  return members
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPT2JSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  var members = others
  members[program] = Data(bytes: data, count: size)
  guard (try? FuzzZip.write(members, to: path)) != nil else { return 0 }
  _ = try? PyTorchImporter.read(path: path.path)
  return 0
}
