// libFuzzer harness: arbitrary bytes as an ONNX ModelProto. Built by scripts/fuzz.sh.
import ModelFormats
import ModelGraph

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzONNX(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  _ = try? ONNXFile.decode(UnsafeRawBufferPointer(start: data, count: size), file: "fuzz.onnx")
  return 0
}
