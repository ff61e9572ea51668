import Dispatch

/// The one place that starts threads, so kernels stay free of Dispatch.
enum DispatchQueueWrapper {
  /// Calls `body(i)` for `i` in `0..<iterations`, concurrently. Callers guarantee that the
  /// iterations touch disjoint memory, which is why `body` need not be `@Sendable`.
  static func concurrentPerform(iterations: Int, _ body: (Int) -> Void) {
    if iterations <= 1 { for i in 0..<iterations { body(i) }; return }
    withoutActuallyEscaping(body) { body in
      let box = UncheckedSendable(body)
      DispatchQueue.concurrentPerform(iterations: iterations) { box.value($0) }
    }
  }
}

private struct UncheckedSendable<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}
