// libFuzzer harness: arbitrary bytes as a Keras 3 .keras archive (zip + config.json +
// model.weights.h5), imported as a user's file would be. Built by scripts/fuzz.sh.
import Foundation
import Importers

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeras(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard let path = FuzzFile.write(data, size, ext: "keras") else { return 0 }
  _ = try? KerasImporter.importArchive(at: path)
  return 0
}
