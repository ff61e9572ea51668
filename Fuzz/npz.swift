// libFuzzer harness: arbitrary bytes as an .npz archive; every member is read. Built by
// scripts/fuzz.sh.
import Foundation
import ModelFormats

private let path = FileManager.default.temporaryDirectory.appendingPathComponent("deltann-fuzz-\(getpid()).npz")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNPZ(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard FileManager.default.createFile(atPath: path.path, contents: Data(bytes: data, count: size)) else { return 0 }
  _ = try? NPZReader(contentsOf: path).all()
  return 0
}
