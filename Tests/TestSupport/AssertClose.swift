import ModelGraph
import XCTest

/// Asserts two tensors agree: shape, then dtype, then every value within `atol + rtol·|expected|`.
public func assertClose(
  _ actual: Tensor, _ expected: Tensor, rtol: Float = 1e-3, atol: Float = 1e-7,
  _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line
) {
  XCTAssertEqual(actual.shape, expected.shape, "shape \(message())", file: file, line: line)
  XCTAssertEqual(actual.dtype, expected.dtype, "dtype \(message())", file: file, line: line)
  guard actual.shape == expected.shape, let a = actual.floats(), let e = expected.floats() else { return }
  var worst = (index: -1, diff: Float(0))
  for i in a.indices {
    let diff = abs(a[i] - e[i])
    let bothNaN = a[i].isNaN && e[i].isNaN
    if !bothNaN && !(diff <= atol + rtol * abs(e[i])) && (worst.index < 0 || diff > worst.diff || diff.isNaN) {
      worst = (i, diff)
    }
  }
  if worst.index >= 0 {
    XCTFail("value at flat index \(worst.index): \(a[worst.index]) vs expected \(e[worst.index]) (|diff| \(worst.diff), rtol \(rtol), atol \(atol)) \(message())", file: file, line: line)
  }
}

/// The largest `|a − b|`, NaN-safe: `.nan` when either side has a NaN the other lacks, or the
/// counts differ — so `XCTAssertLessThanOrEqual(maxAbsDifference(a, e), tol)` cannot pass on NaN.
public func maxAbsDifference(_ a: [Float], _ b: [Float]) -> Float {
  guard a.count == b.count else { return .nan }
  var worst: Float = 0
  for (x, y) in zip(a, b) {
    if x.isNaN && y.isNaN { continue }
    let d = abs(x - y)
    if !(d <= worst) { worst = d }  // a NaN difference replaces any finite one and stays
    if worst.isNaN { return .nan }
  }
  return worst
}
