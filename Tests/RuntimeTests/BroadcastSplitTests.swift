import ModelGraph
import XCTest

@testable import Runtime

/// Elementwise ops with broadcasting split their output among threads (whole runs, or pieces of
/// one long run): every split gives the same bits as one thread, and both equal the sum computed
/// here by explicit numpy index arithmetic.
final class BroadcastSplitTests: XCTestCase {
  func test_Add_splitsAmongThreadsAndMatchesNumpyIndexing() throws {
    let cases: [([Int], [Int])] = [
      ([3, 100, 300], [3, 100, 300]),  // one merged run of 90,000: split inside the run
      ([2, 64, 33, 17], [1, 64, 1, 1]),  // per-channel bias: many runs
      ([2, 64, 33, 17], [17]),  // trailing broadcast
      ([5, 1, 7000], [5, 11, 1]),  // both sides broadcast
    ]
    for (sa, sb) in cases {
      let a = Tensor(values(count: sa.reduce(1, *), seed: 1), shape: sa)
      let b = Tensor(values(count: sb.reduce(1, *), seed: 2), shape: sb)
      let node = Node(name: "add", opType: "Add", inputs: ["a", "b"], outputs: ["c"])
      let kernel = try XCTUnwrap(Registry.kernel(op: "Add", domain: "", opset: 17))
      let one = try kernel.init(node: node, opset: 17).run([a, b], context: KernelContext(threads: 1))[0]
      XCTAssertEqual(one, expected(a, b), "\(sa) + \(sb)")
      for threads in [2, 3, 4] {
        let split = try kernel.init(node: node, opset: 17).run([a, b], context: KernelContext(threads: threads))[0]
        XCTAssertEqual(split, one, "\(sa) + \(sb) at \(threads) threads")
      }
    }
  }

  /// `a + b` by walking the output's multi-index and mapping it into each input (numpy's rule).
  private func expected(_ a: Tensor, _ b: Tensor) -> Tensor {
    let rank = max(a.rank, b.rank)
    let pa = [Int](repeating: 1, count: rank - a.rank) + a.shape, pb = [Int](repeating: 1, count: rank - b.rank) + b.shape
    let shape = zip(pa, pb).map { max($0, $1) }
    let fa = a.floats()!, fb = b.floats()!
    func offset(_ index: [Int], _ dims: [Int]) -> Int {
      zip(index, dims).reduce(0) { $0 * $1.1 + ($1.1 == 1 ? 0 : $1.0) }
    }
    var out = [Float](), index = [Int](repeating: 0, count: rank)
    for _ in 0..<shape.reduce(1, *) {
      out.append(fa[offset(index, pa)] + fb[offset(index, pb)])
      var d = rank - 1
      while d >= 0 { index[d] += 1; if index[d] < shape[d] { break }; index[d] = 0; d -= 1 }
    }
    return Tensor(out, shape: shape)
  }

  private func values(count: Int, seed: UInt64) -> [Float] {
    var state = seed
    return (0..<count).map { _ in
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Float(Int(state >> 40) % 2001 - 1000) / 37
    }
  }
}
