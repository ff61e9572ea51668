// libFuzzer harness: arbitrary bytes as a Keras 3 .keras archive (zip + config.json +
// model.weights.h5), imported as a user's file would be. Built by scripts/fuzz.sh.
import Foundation
import Importers

private let path = FileManager.default.temporaryDirectory.appendingPathComponent("deltann-fuzz-\(getpid()).keras")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeras(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard FileManager.default.createFile(atPath: path.path, contents: Data(bytes: data, count: size)) else { return 0 }
  _ = try? KerasImporter.importArchive(at: path)
  return 0
}
