// libFuzzer harness: arbitrary bytes as a torch.export .pt2 archive (zip + JSON program +
// weight storages), imported as a user's file would be. Built by scripts/fuzz.sh.
import Foundation
import Importers

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPT2(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard let path = FuzzFile.write(data, size, ext: "pt2") else { return 0 }
  _ = try? PyTorchImporter.read(path: path.path)
  return 0
}
