// libFuzzer harness: arbitrary bytes as a torch.export .pt2 archive (zip + JSON program +
// weight storages), imported as a user's file would be. Built by scripts/fuzz.sh.
import Foundation
import Importers

private let path = FileManager.default.temporaryDirectory.appendingPathComponent("deltann-fuzz-\(getpid()).pt2")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPT2(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard FileManager.default.createFile(atPath: path.path, contents: Data(bytes: data, count: size)) else { return 0 }
  _ = try? PyTorchImporter.read(path: path.path)
  return 0
}
