import Foundation

/// Writes the report folder for one reference/candidate pair; returns the files written,
/// the HTML page second.
public func writePairReport(_ pair: PairReport, alignment: Alignment, source: String, preprocessing: String? = nil,
                            inputs: [String]? = nil, findings: [String: [String]] = [:],
                            to folder: String, force: Bool) throws(DiffError) -> [URL] {
  let report = DiffReport(source: source, forms: [pair.reference, pair.candidate], preprocessing: preprocessing,
                          inputs: inputs ?? (0..<pair.inputs).map { "input \($0)" },
                          labelDifference: [[0, pair.labelDifferenceRate], [pair.labelDifferenceRate, 0]],
                          pairs: [pair], findings: findings)
  let tensors = Dictionary(alignment.pairs.map { ($0.layer, $0.candidateTensor) }, uniquingKeysWith: { a, _ in a })
  return try writeReport(report, nodeData: ["candidate": ModelExplorerNodeData(pair: pair, tensors: tensors)],
                         to: URL(fileURLWithPath: folder), force: force)
}
