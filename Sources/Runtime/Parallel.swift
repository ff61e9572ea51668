import CWorkerPool
import Foundation

/// The one place that starts threads, so kernels stay free of them: persistent workers
/// (`CWorkerPool`) shared by every interpreter in the process, one pool per worker count.
///
/// A parallel loop costs no thread wake-up while a run's loops follow each other closely (the
/// workers spin between them for `spin`, then sleep), which is what makes two threads pay off
/// on models of many small convolutions such as MobileNetV2.
final class WorkerPool: @unchecked Sendable {
  /// How long an idle worker spins before it sleeps: longer than the gap between two loops of
  /// one run (a few dozen microseconds), short enough that a finished run frees the CPU at once.
  static let spinMicroseconds = 1000

  private let pool: OpaquePointer?

  private init(workers: Int) {
    pool = dn_pool_create(Int32(workers), Self.spinMicroseconds)
  }

  private static let lock = NSLock()
  nonisolated(unsafe) private static var pools: [Int: WorkerPool] = [:]

  /// The pool with `workers` threads, started on first use (kept for the process's lifetime).
  static func shared(workers: Int) -> WorkerPool {
    lock.withLock {
      if let pool = pools[workers] { return pool }
      let pool = WorkerPool(workers: workers)
      pools[workers] = pool
      return pool
    }
  }

  /// Calls `body(i)` for `i` in `0..<iterations` on the caller and the workers. Callers
  /// guarantee that the iterations touch disjoint memory, which is why `body` need not be
  /// `@Sendable`. When the pool is busy (another thread's loop, or a loop nested in one) or its
  /// threads could not start, the caller runs every iteration itself, in order: the iterations
  /// compute the same values whoever runs them.
  func perform(iterations: Int, _ body: (Int) -> Void) {
    if iterations <= 1 { for i in 0..<iterations { body(i) }; return }
    let ran = withoutActuallyEscaping(body) { body -> Bool in
      var body = body
      return withUnsafeMutablePointer(to: &body) { pointer -> Bool in
        guard let pool else { return false }
        return dn_pool_run(pool, iterations, { context, index in
          context!.assumingMemoryBound(to: ((Int) -> Void).self).pointee(index)
        }, pointer)
      }
    }
    if !ran { for i in 0..<iterations { body(i) } }
  }
}
