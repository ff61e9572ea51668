// libFuzzer harness: arbitrary bytes as a legacy Keras .h5 model (HDF5 with a model_config
// attribute and model_weights/), imported as a user's file would be. Built by scripts/fuzz.sh.
import Foundation
import Importers

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzH5(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard let path = FuzzFile.write(data, size, ext: "h5") else { return 0 }
  _ = try? KerasImporter.importLegacyH5(at: path)
  return 0
}
