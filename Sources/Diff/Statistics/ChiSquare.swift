#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// P(X ≥ x) for X ~ χ²(k): the regularised upper incomplete gamma Q(k/2, x/2).
public func chiSquareSurvival(_ x: Double, degreesOfFreedom k: Int) -> Double {
  guard x > 0 else { return 1 }
  return regularizedUpperGamma(Double(k) / 2, x / 2)
}

/// Q(a, x) = Γ(a, x) / Γ(a): the series for x < a + 1, the continued fraction otherwise
/// (Numerical Recipes §6.2), accurate to about 1e-12.
func regularizedUpperGamma(_ a: Double, _ x: Double) -> Double {
  let logPrefix = a * log(x) - x - lgamma(a)
  if x < a + 1 {
    var term = 1 / a, sum = term, ap = a
    for _ in 0..<500 {
      ap += 1
      term *= x / ap
      sum += term
      if abs(term) < abs(sum) * 1e-15 { break }
    }
    return max(0, 1 - sum * exp(logPrefix))
  }
  // Lentz's method for the continued fraction.
  let tiny = 1e-300
  var b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d
  for i in 1...500 {
    let an = -Double(i) * (Double(i) - a)
    b += 2
    d = an * d + b
    if abs(d) < tiny { d = tiny }
    c = b + an / c
    if abs(c) < tiny { c = tiny }
    d = 1 / d
    let delta = d * c
    h *= delta
    if abs(delta - 1) < 1e-15 { break }
  }
  return min(1, exp(logPrefix) * h)
}
