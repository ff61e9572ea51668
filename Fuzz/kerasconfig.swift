// libFuzzer harness: arbitrary bytes as the config.json of a .keras archive, zipped with the
// weights of golden/keras/mobilenet_mini so the graph builder reaches them. Built by
// scripts/fuzz.sh.
import Foundation
@testable import ModelFormats
import Importers

private let path = FileManager.default.temporaryDirectory.appendingPathComponent("deltann-fuzz-\(getpid()).keras")
private let weights: Data = {
  guard let zip = try? ZipArchive(url: URL(fileURLWithPath: "golden/keras/mobilenet_mini/model.keras")),
        let data = try? zip.data(of: "model.weights.h5") else { fatalError("run from the repository root") }
  return data
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKerasConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let members = ["config.json": Data(bytes: data, count: size), "model.weights.h5": weights]
  guard (try? FuzzZip.write(members, to: path)) != nil else { return 0 }
  _ = try? KerasImporter.importArchive(at: path)
  return 0
}
