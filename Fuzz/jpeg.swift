// libFuzzer harness: arbitrary bytes as a JPEG image. Built by scripts/fuzz.sh.
import Foundation
import ModelFormats

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJPEG(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  _ = try? ImageFile.decode(Data(bytes: data, count: size), file: "fuzz.jpg")
  return 0
}
