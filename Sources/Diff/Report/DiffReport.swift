import Foundation

/// Everything `deltann localize` found: the versioned JSON report users and tools read.
public struct DiffReport: Sendable, Codable {
  public static let formatVersion = "deltann.report/1"

  public var format = DiffReport.formatVersion
  public var created: String
  public var source: String
  public var forms: [String]
  public var preprocessing: String?
  public var inputs: [String]
  /// `labelDifference[i][j]`: fraction of inputs where forms i and j disagree on the top-1 label.
  public var labelDifference: [[Double]]
  public var pairs: [PairReport]
  /// Verify's findings, one line each, grouped by source layer.
  public var findings: [String: [String]]

  public init(source: String, forms: [String], preprocessing: String?, inputs: [String],
              labelDifference: [[Double]], pairs: [PairReport], findings: [String: [String]]) {
    created = ISO8601DateFormatter().string(from: Date())
    self.source = source
    self.forms = forms
    self.preprocessing = preprocessing
    self.inputs = inputs
    self.labelDifference = labelDifference
    self.pairs = pairs
    self.findings = findings
  }

  /// JSON with sorted keys; non-finite floats written as the strings "inf", "-inf", "nan".
  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try encoder.encode(self)
  }

  public static func decode(_ data: Data) throws -> DiffReport {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try decoder.decode(DiffReport.self, from: data)
  }
}
