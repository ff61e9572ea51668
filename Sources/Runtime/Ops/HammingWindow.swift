import Foundation
import ModelGraph

/// `w[n] = α − (1 − α)·cos(2πn / N)` with `α = 25/46`.
struct HammingWindow: WindowKernel {
  static let key = OpKey("HammingWindow", since: 17)
  let periodic: Bool, dtype: DType
  func value(_ n: Double, _ N: Double) -> Double { 25.0 / 46 - (21.0 / 46) * cos(2 * Double.pi * n / N) }
}
