import Foundation

/// Prints `error` as one line on standard error (`deltann: error: …`; line breaks inside the
/// text become "; ") and returns the exit code for bad usage or bad input, 2.
func reportFailure(_ error: any Error) -> Int32 {
  reportFailure(message: "\(error)")
}

/// `reportFailure` for an error that does not name the file it comes from (runtime errors
/// name the node): the message is prefixed with `file`.
func reportFailure(_ error: any Error, in file: String) -> Int32 {
  reportFailure(message: "\(file): \(error)")
}

private func reportFailure(message: String) -> Int32 {
  let line = message.split(whereSeparator: \.isNewline).joined(separator: "; ")
  FileHandle.standardError.write(Data("deltann: error: \(line)\n".utf8))
  return 2
}
