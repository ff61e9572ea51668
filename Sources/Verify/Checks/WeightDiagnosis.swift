import Foundation
import ModelGraph

/// One weight against its source: equal, or which known fault explains the difference.
extension CheckContext {
  mutating func compareWeight(_ ws: WeightRef, _ wc: WeightRef, s: Step, c: Step, role: String) {
    let layer = s.layer, nodes = c.nodes
    let a = ws.values()
    let sameShape = ws.canonicalShape == wc.canonicalShape
      || ws.canonicalShape.filter({ $0 != 1 }) == wc.canonicalShape.filter({ $0 != 1 })
    let b = sameShape ? wc.values() : []
    if sameShape, allClose(a, b) {
      if let p = wc.precision, ws.precision == nil {
        flag(.weightPrecision, layer: layer, nodes: nodes, subject: role + " precision", expected: "float32", found: p,
             "\(role) passes through \(p) (values still within tolerance)")
      }
      return
    }
    if let (layoutPerm, expectedPerm) = storedPermutation(of: a, shape: ws.canonicalShape, in: wc) {
      let letters = axisLetters(role: role, rank: ws.canonicalShape.count)
      let found = layoutPerm.map { $0 < letters.count ? letters[$0] : "?" }.joined()
      let wanted = expectedPerm.map { $0 < letters.count ? letters[$0] : "?" }.joined()
      flag(.layout, layer: layer, nodes: nodes, subject: role + " layout", expected: wanted, found: found,
           "\(role) \(wc.name) holds its values in \(found) order where \(wanted) is expected (layout not permuted)")
      return
    }
    guard sameShape else {
      flag(.shapeMismatch, layer: layer, nodes: nodes, subject: role + " shape", expected: describe(ws.canonicalShape),
           found: describe(wc.canonicalShape), "\(role) has shape \(describe(wc.canonicalShape)) instead of \(describe(ws.canonicalShape))")
      return
    }
    if isHalfRounding(a, b) {
      flag(.weightPrecision, layer: layer, nodes: nodes, subject: role + " precision", expected: "float32", found: "float16",
           "\(role) values are the source's rounded to float16 (max error \(String(format: "%.3g", maxDiff(a, b))))")
      return
    }
    if let p = wc.precision {
      flag(.weightPrecision, layer: layer, nodes: nodes, subject: role + " precision", expected: "float32", found: p,
           "\(role) passes through \(p): max error \(String(format: "%.3g", maxDiff(a, b)))")
      return
    }
    let shape = ws.canonicalShape
    if role.hasPrefix("kernel"), shape.count == 4, shape[1] > 1, allClose(flipped(a, shape: shape), b) {
      flag(.channelOrder, layer: layer, nodes: nodes, subject: "input channel order", expected: "0…\(shape[1] - 1)",
           found: "\(shape[1] - 1)…0", "input channels of the kernel are reversed (RGB↔BGR)")
      return
    }
    let (index, diff) = worst(a, b)
    flag(.weightMismatch, layer: layer, nodes: nodes, subject: role, expected: preview(a), found: preview(b),
         "\(role) values differ: max |Δ| \(String(format: "%.3g", diff)) at flat index \(index)")
  }

  /// When the candidate's stored values are the source's in another axis order than the one
  /// declared, the permutation that produced them.
  private func storedPermutation(of a: [Float], shape: [Int], in wc: WeightRef) -> ([Int], [Int])? {
    let rank = shape.count
    guard rank >= 2, rank <= 4, a.count >= 4, a.count == wc.tensor.elementCount,
      let raw = wc.tensor.floats()
    else { return nil }
    // What correct storage looks like: canonical values permuted by the inverse of the view.
    let viewPerm = wc.perm ?? Array(0..<rank)
    guard viewPerm.count == rank else { return nil }
    var expectedPerm = [Int](repeating: 0, count: rank)
    for (i, p) in viewPerm.enumerated() { expectedPerm[p] = i }
    // Only permutations that move an axis of size > 1 change the bytes.
    for perm in permutations(rank) where perm != expectedPerm {
      if samplesMatch(a, shape: shape, perm: perm, raw: raw), allClose(transpose(a, shape: shape, perm: perm), raw),
        !allClose(transpose(a, shape: shape, perm: expectedPerm), raw)
      {
        return (perm, expectedPerm)
      }
    }
    return nil
  }

  private func samplesMatch(_ a: [Float], shape: [Int], perm: [Int], raw: [Float]) -> Bool {
    let outShape = perm.map { shape[$0] }
    var strides = [Int](repeating: 1, count: shape.count)
    for i in stride(from: shape.count - 2, through: 0, by: -1) { strides[i] = strides[i + 1] * shape[i + 1] }
    let count = raw.count
    for k in 0..<min(count, 16) {
      let flat = (k * 7919) % count
      var rem = flat, src = 0
      for axis in stride(from: outShape.count - 1, through: 0, by: -1) {
        src += (rem % outShape[axis]) * strides[perm[axis]]
        rem /= outShape[axis]
      }
      if abs(a[src] - raw[flat]) > 1e-6 + 1e-4 * abs(a[src]) { return false }
    }
    return true
  }

  private func axisLetters(role: String, rank: Int) -> [String] {
    rank == 4 ? ["O", "I", "H", "W"] : rank == 2 ? ["O", "I"] : (0..<rank).map { "d\($0)" }
  }
}

func permutations(_ n: Int) -> [[Int]] {
  guard n > 1 else { return [[0]] }
  return permutations(n - 1).flatMap { p in (0...p.count).map { i in var q = p; q.insert(n - 1, at: i); return q } }
}

/// `b` is `a` rounded to float16: every value representable in float16 and within half a
/// float16 step of `a` (so a source that differs by float noise still counts), and some differ.
func isHalfRounding(_ a: [Float], _ b: [Float]) -> Bool {
  guard a.count == b.count, !a.isEmpty else { return false }
  var changed = false
  for i in a.indices {
    guard Float(Float16(b[i])) == b[i] else { return false }
    let halfStep = max(abs(a[i]) * 0.000_489, 3e-8)  // 2^-11 relative, or float16's subnormal step
    guard abs(b[i] - a[i]) <= halfStep * 1.01 else { return false }
    if b[i] != a[i] { changed = true }
  }
  return changed
}

/// Kernel `[O, I, …]` with the input-channel axis reversed.
func flipped(_ a: [Float], shape: [Int]) -> [Float] {
  let o = shape[0], i = shape[1], inner = shape.dropFirst(2).reduce(1, *)
  var out = a
  for oo in 0..<o { for ii in 0..<i { for k in 0..<inner {
    out[(oo * i + ii) * inner + k] = a[(oo * i + (i - 1 - ii)) * inner + k]
  } } }
  return out
}

func maxDiff(_ a: [Float], _ b: [Float]) -> Float { worst(a, b).1 }

func worst(_ a: [Float], _ b: [Float]) -> (Int, Float) {
  var best = (0, Float(0))
  for i in 0..<min(a.count, b.count) {
    let d = abs(a[i] - b[i])
    if d > best.1 || d.isNaN { best = (i, d) }
  }
  return best
}
