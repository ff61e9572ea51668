import ArgumentParser
import Foundation

/// `--debug`, on every command: a failure's one-line message is followed by the underlying
/// detail, the error's whole structured value (its case, fields and nested causes), one
/// `deltann: debug:` line per field.
struct DebugOption: ParsableArguments {
  @Flag(help: "On an error, also print its underlying detail.") var debug = false

  /// The `deltann: debug:` lines for `error`, or nothing without `--debug`.
  func detail(of error: any Error) -> String {
    guard debug else { return "" }
    var tree = ""
    dump(error, to: &tree)
    return tree.split(whereSeparator: \.isNewline).map { "deltann: debug: \($0)\n" }.joined()
  }
}

/// Prints `error` as one line on standard error (`deltann: error: …`; line breaks inside the
/// text become "; "), with `--debug` its structured value on the next, and returns the exit
/// code for bad usage or bad input, 2.
func reportFailure(_ error: any Error, debug: DebugOption) -> Int32 {
  reportFailure(message: "\(error)", error, debug)
}

/// `reportFailure` for an error that does not name the file it comes from (runtime errors
/// name the node): the message is prefixed with `file`.
func reportFailure(_ error: any Error, in file: String, debug: DebugOption) -> Int32 {
  reportFailure(message: "\(file): \(error)", error, debug)
}

private func reportFailure(message: String, _ error: any Error, _ debug: DebugOption) -> Int32 {
  let line = message.split(whereSeparator: \.isNewline).joined(separator: "; ")
  var text = "deltann: error: \(line)\n"
  text += debug.detail(of: error)
  FileHandle.standardError.write(Data(text.utf8))
  return 2
}
