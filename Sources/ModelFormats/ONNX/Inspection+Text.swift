import Foundation

/// The human form of an inspection: aligned tables.
extension Inspection {
  public var text: String {
    var out: [String] = []
    let producer = [producerName, producerVersion].filter { !$0.isEmpty }.joined(separator: " ")
    let inferred = shapeInference.status == "ok"
      ? "ok, \(shapeInference.typedValues) of \(shapeInference.intermediateValues) node outputs typed"
      : "\(shapeInference.status): \(Self.firstLine(shapeInference.message))"
    out += Self.table([
      ["model", "\(file) (\(Self.bytes(fileBytes)))"],
      ["IR version", String(irVersion)],
      ["producer", producer.isEmpty ? "-" : producer],
      ["opsets", opsets.map { "\($0.domain.isEmpty ? "ai.onnx" : $0.domain) \($0.version)" }.joined(separator: ", ")],
      ["checker", checker.message.isEmpty ? checker.status : "\(checker.status): \(Self.firstLine(checker.message))"],
      ["shape inference", inferred],
      ["parameters", "\(Self.grouped(parameters.elements)) in \(parameters.tensors) tensors, \(Self.bytes(parameters.bytes))"
        + (parameters.externalBytes > 0 ? " (\(Self.bytes(parameters.externalBytes)) external)" : "")],
    ])
    for (title, values) in [("inputs", inputs), ("outputs", outputs)] {
      out += ["", title]
      out += Self.table([["name", "dtype", "shape"]] + values.map { [$0.name, $0.dtype, Self.shape($0.shape)] }, indent: 2)
    }
    out += ["", "ops (\(nodes) node\(nodes == 1 ? "" : "s"))"]
    out += Self.table(ops.map { [$0.domain.isEmpty ? $0.op : "\($0.domain).\($0.op)", String($0.count)] }, indent: 2, rightAligned: [1])
    if !largestTensors.isEmpty {
      out += ["", "largest tensors"]
      out += Self.table(
        [["name", "dtype", "shape", "bytes"]]
          + largestTensors.map { [$0.name, $0.dtype, Self.shape($0.shape.map(String.init)), Self.bytes($0.bytes)] },
        indent: 2, rightAligned: [3])
    }
    return out.joined(separator: "\n")
  }

  /// Rows padded so columns line up.
  static func table(_ rows: [[String]], indent: Int = 0, rightAligned: Set<Int> = []) -> [String] {
    let widths = rows.reduce(into: [Int]()) { w, row in
      for (i, cell) in row.enumerated() {
        if i >= w.count { w.append(0) }
        w[i] = max(w[i], cell.count)
      }
    }
    return rows.map { row in
      let cells = row.enumerated().map { i, cell in
        let pad = String(repeating: " ", count: widths[i] - cell.count)
        return rightAligned.contains(i) ? pad + cell : (i == row.count - 1 ? cell : cell + pad)
      }
      return String(repeating: " ", count: indent) + cells.joined(separator: "  ")
    }
  }

  static func shape(_ dims: [String]?) -> String {
    guard let dims else { return "unknown rank" }
    return dims.isEmpty ? "scalar" : dims.joined(separator: "×")
  }

  static func bytes(_ n: Int) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"]
    var value = Double(n)
    var unit = 0
    while value >= 1024, unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    return unit == 0 ? "\(n) B" : String(format: "%.1f %@", value, units[unit])
  }

  static func grouped(_ n: Int) -> String {
    let digits = Array(String(n))
    return digits.enumerated().map { i, d in (i > 0 && (digits.count - i) % 3 == 0 ? "," : "") + String(d) }.joined()
  }

  static func firstLine(_ s: String) -> String {
    s.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
  }
}
