// libFuzzer harness: arbitrary bytes as an .npz archive; every member is read. Built by
// scripts/fuzz.sh.
import Foundation
import ModelFormats

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNPZ(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard let path = FuzzFile.write(data, size, ext: "npz") else { return 0 }
  _ = try? NPZReader(contentsOf: path).all()
  return 0
}
