// libFuzzer harness: arbitrary bytes as a pipeline YAML file, loaded and validated as
// `pipeline validate` does. Built by scripts/fuzz.sh.
import Foundation
import Pipeline

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard let path = FuzzFile.write(data, size, ext: "yaml") else { return 0 }
  _ = try? PipelineSpec.check(path)
  return 0
}
