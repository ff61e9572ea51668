import Foundation
import ModelFormats

/// The JSON sidecar beside a recording's .npz (`deltann.activations/1`), as the framework
/// helpers and the interpreter backend write it: who ran what on which inputs, and every
/// recorded tensor in execution order.
///
/// ```swift
/// let sidecar = try ActivationSidecar.read(beside: acts)
/// sidecar.tensors.map(\.key)
/// ```
public struct ActivationSidecar: Sendable, Codable, Equatable {
  public static let format = "deltann.activations/1"

  public var format: String
  public var framework: String
  public var frameworkVersion: String
  public var model: String?
  /// The inputs file the recording ran on, in the helpers' layout (key `input`, batch first).
  public var inputs: String?
  /// Inputs in the batch.
  public var count: Int
  /// `all` or `output`.
  public var capture: String?
  /// Keys of the model's outputs among `tensors`.
  public var outputs: [String]
  public var timing: Timing?
  public var tensors: [CapturedTensor]

  enum CodingKeys: String, CodingKey {
    case format, framework, frameworkVersion = "framework_version", model, inputs, count, capture, outputs, timing, tensors
  }

  public init(framework: String, frameworkVersion: String, model: String?, inputs: String?, count: Int, capture: String?,
              outputs: [String], timing: Timing?, tensors: [CapturedTensor]) {
    self.format = Self.format
    self.framework = framework
    self.frameworkVersion = frameworkVersion
    self.model = model
    self.inputs = inputs
    self.count = count
    self.capture = capture
    self.outputs = outputs
    self.timing = timing
    self.tensors = tensors
  }

  /// The sidecar's place: the recording's name with `.json`.
  public static func url(beside activations: URL) -> URL {
    activations.deletingPathExtension().appendingPathExtension("json")
  }

  /// Reads the sidecar beside `activations`; a missing or malformed one names its file.
  public static func read(beside activations: URL) throws(BackendError) -> ActivationSidecar {
    let url = url(beside: activations)
    do {
      return try JSONDecoder().decode(Self.self, from: Data(contentsOf: url))
    } catch {
      throw .malformedOutput(file: url.path, reason: explain(error))
    }
  }

  /// Removes an earlier run's sidecar beside `activations`, just before the new archive is
  /// renamed into place (see `InterpreterBackend.run`).
  public static func removeStale(beside activations: URL) throws(FormatError) {
    let url = url(beside: activations)
    guard unlink(url.path) == 0 || errno == ENOENT else {
      throw .writeFailed(file: url.path, reason: "cannot remove the earlier run's sidecar: \(String(cString: strerror(errno)))")
    }
  }

  /// The sidecar beside `activations`, written and synced through the one atomic writer;
  /// named when the caller commits it.
  public func staged(beside activations: URL, force: Bool) throws(FormatError) -> StagedFile {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let data: Data
    do { data = try encoder.encode(self) } catch {
      preconditionFailure("a sidecar of strings and numbers always encodes: \(error)")
    }
    let file = try StagedFile(Self.url(beside: activations), force: force)
    try file.write(data)
    try file.sync()
    return file
  }

  private static func explain(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _): "no '\(key.stringValue)' field"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      "field '\(context.codingPath.map(\.stringValue).joined(separator: "."))': \(context.debugDescription)"
    case DecodingError.dataCorrupted(let context): "not valid JSON: \(context.debugDescription)"
    default: (error as NSError).localizedDescription
    }
  }
}
