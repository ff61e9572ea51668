import Foundation
import ModelFormats
import ModelGraph

extension Interpreter {
  /// Runs on `inputs` and streams the captured tensors, then any output not captured, into the
  /// .npz at `url` as they are produced (the archive is written to a temporary file and renamed
  /// when complete). The writer works on its own queue while the next layers run, holding at
  /// most `NPZWriter.queueLimit` bytes of tensors; intermediates are otherwise freed as soon as
  /// their readers ran. The archive is not fsynced (`durable: false`): a re-run regenerates it,
  /// and a crash of this process still leaves the previous file or none.
  public func run(
    inputs: [String: Tensor], capture: Capture, archive url: URL, force: Bool = false
  ) throws -> RunResult {
    let writer = try NPZWriter(url: url, force: force, durable: false)
    var written = Set<String>()
    var result = try run(inputs: inputs, capture: capture) { name, tensor in
      try writer.add(tensor, key: name)
      written.insert(name)
    }
    for (name, tensor) in result.outputs.sorted(by: { $0.key < $1.key }) where !written.contains(name) {
      try writer.add(tensor, key: name)
    }
    try writer.finish()
    result.captured = [:]
    return result
  }
}
