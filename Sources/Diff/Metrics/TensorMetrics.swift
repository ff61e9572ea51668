/// Error metrics of a candidate tensor against a reference, over all elements.
public struct TensorMetrics: Sendable, Hashable, Codable {
  public var count: Int
  public var maxAbs: Float
  public var meanAbs: Float
  /// ‖c − r‖₂ / ‖r‖₂ (0 when both are zero).
  public var relativeL2: Float
  /// Cosine similarity of the flattened tensors (1 when both are zero).
  public var cosine: Float
  /// Signal-to-quantisation-noise ratio in dB: 10·log10(‖r‖² / ‖c − r‖²); +∞ when equal.
  public var sqnr: Float
  /// `maxAbs / (max(r) − min(r))`, the range-relative error.
  public var rangeRelativeMaxAbs: Float
  /// Elements failing Polygraphy's elementwise rule for the tolerances given.
  public var outOfTolerance: Int
  /// Elements that are NaN or ±∞ in exactly one of the two tensors.
  public var nonFiniteMismatches: Int
  public var referenceMin: Float
  public var referenceMax: Float

  public var outOfToleranceFraction: Float { count == 0 ? 0 : Float(outOfTolerance) / Float(count) }

  /// Compares `candidate` with `reference` elementwise; both must have the same length.
  public init(reference: [Float], candidate: [Float], atol: Float = Comparison.defaultAtol,
              rtol: Float = Comparison.defaultRtol) {
    precondition(reference.count == candidate.count, "metrics need equally sized tensors")
    var maxAbs: Float = 0, sumAbs: Double = 0, diff2: Double = 0, ref2: Double = 0, cand2: Double = 0
    var dot: Double = 0, failing = 0, nonFinite = 0
    var lo = Float.infinity, hi = -Float.infinity
    for i in reference.indices {
      let r = reference[i], c = candidate[i]
      guard r.isFinite && c.isFinite else {
        if !(r == c || (r.isNaN && c.isNaN)) { nonFinite += 1; failing += 1 }
        continue
      }
      let d = abs(c - r)
      maxAbs = max(maxAbs, d)
      sumAbs += Double(d)
      diff2 += Double(d) * Double(d)
      ref2 += Double(r) * Double(r)
      cand2 += Double(c) * Double(c)
      dot += Double(r) * Double(c)
      lo = min(lo, r)
      hi = max(hi, r)
      if d > atol && d > rtol * abs(r) { failing += 1 }
    }
    count = reference.count
    self.maxAbs = maxAbs
    meanAbs = count == 0 ? 0 : Float(sumAbs / Double(count))
    relativeL2 = ref2 == 0 ? (diff2 == 0 ? 0 : .infinity) : Float((diff2 / ref2).squareRoot())
    let norms = (ref2 * cand2).squareRoot()
    cosine = norms == 0 ? (ref2 == cand2 ? 1 : 0) : Float(dot / norms)
    sqnr = diff2 == 0 ? .infinity : Float(10 * log10(ref2 / diff2))
    referenceMin = lo.isFinite ? lo : 0
    referenceMax = hi.isFinite ? hi : 0
    let range = referenceMax - referenceMin
    rangeRelativeMaxAbs = range > 0 ? maxAbs / range : (maxAbs == 0 ? 0 : .infinity)
    outOfTolerance = failing
    nonFiniteMismatches = nonFinite
    // A NaN or ±∞ on one side only is an unbounded error: the finite elements alone would
    // report a candidate of NaNs as a perfect match (max-abs 0, cosine 1).
    if nonFinite > 0 {
      self.maxAbs = .infinity
      meanAbs = .infinity
      relativeL2 = .infinity
      cosine = 0
      sqnr = -.infinity
      rangeRelativeMaxAbs = .infinity
    }
  }
}

extension TensorMetrics {
  /// The metrics of a pair whose shapes differ: every element out of tolerance, no similarity.
  public init(incomparable count: Int) {
    self.count = count
    maxAbs = .infinity
    meanAbs = .infinity
    relativeL2 = .infinity
    cosine = 0
    sqnr = -.infinity
    rangeRelativeMaxAbs = .infinity
    outOfTolerance = count
    nonFiniteMismatches = 0
    referenceMin = 0
    referenceMax = 0
  }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
