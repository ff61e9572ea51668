// libFuzzer harness: arbitrary bytes as a pipeline YAML file, loaded and validated as
// `pipeline validate` does. Built by scripts/fuzz.sh.
import Foundation
import Pipeline

private let path = FileManager.default.temporaryDirectory.appendingPathComponent("deltann-fuzz-\(getpid()).yaml")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard FileManager.default.createFile(atPath: path.path, contents: Data(bytes: data, count: size)) else { return 0 }
  _ = try? PipelineSpec.check(path)
  return 0
}
