// libFuzzer harness: arbitrary bytes as an .npy file. Built by scripts/fuzz.sh.
import ModelFormats
import ModelGraph

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNPY(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let storage = ByteStorage(count: size) { $0.copyMemory(from: UnsafeRawBufferPointer(start: data, count: size)) }
  _ = try? NPY.decode(storage, file: "fuzz.npy")
  return 0
}
