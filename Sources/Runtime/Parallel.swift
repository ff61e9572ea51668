import Dispatch
import Foundation
import Synchronization

/// The one place that starts threads, so kernels stay free of them: a pool of persistent
/// workers that spin briefly for the next job before they sleep, so the hundreds of parallel
/// loops of one inference do not each pay a thread wake-up (`DispatchQueue.concurrentPerform`
/// costs tens of microseconds per call when its threads have gone to sleep).
enum DispatchQueueWrapper {
  /// Calls `body(i)` for `i` in `0..<iterations`, concurrently. Callers guarantee that the
  /// iterations touch disjoint memory, which is why `body` need not be `@Sendable`. Which
  /// thread runs an iteration never matters: each computes its own range the same way.
  static func concurrentPerform(iterations: Int, _ body: (Int) -> Void) {
    if iterations <= 1 { for i in 0..<iterations { body(i) }; return }
    withoutActuallyEscaping(body) { body in
      // Workers call the closure through a pointer to this frame's copy: they never own a
      // reference, so nothing of it outlives the call.
      var local = body
      let done = withUnsafePointer(to: &local) { WorkerPool.shared.perform(iterations: iterations, UnsafeRawPointer($0)) }
      // One job at a time uses the pool; a second caller (another interpreter on another
      // thread) takes Dispatch's threads instead of waiting.
      if !done {
        let job = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: iterations) { job.value($0) }
      }
    }
  }
}

/// Persistent worker threads that share a job's iterations with the calling thread.
///
/// The job is a pointer to the caller's closure: a worker takes it only under the lock while it
/// is posted, and `perform` returns only after every worker that took it is done.
final class WorkerPool: @unchecked Sendable {
  static let shared = WorkerPool(workers: max(1, ProcessInfo.processInfo.activeProcessorCount - 1))

  /// How long an idle worker spins for the next job before it sleeps.
  static let spin: Duration = .microseconds(200)

  private let busy = Mutex(false)
  private let generation = Atomic<Int>(0)
  private let next = Atomic<Int>(0)
  private let unfinished = Atomic<Int>(0)
  /// Workers holding a copy of the current job.
  private let holding = Atomic<Int>(0)
  /// Guards `job` and `iterations`, and is where idle workers sleep.
  private let lock = NSCondition()
  /// The posted job: a pointer to the caller's `(Int) -> Void`, valid until `perform` returns.
  private var job: UnsafeRawPointer?
  private var iterations = 0

  init(workers: Int) {
    for _ in 0..<workers {
      let thread = Thread { [unowned self] in self.work() }
      thread.name = "deltann-worker"
      thread.start()
    }
  }

  /// Runs `body` over `0..<iterations` on the workers and the calling thread; `false` when the
  /// pool is busy with another caller's job (nothing ran).
  func perform(iterations count: Int, _ body: UnsafeRawPointer) -> Bool {
    guard busy.withLock({ taken in
      if taken { return false }
      taken = true
      return true
    }) else { return false }
    defer { busy.withLock { $0 = false } }
    lock.lock()
    job = body
    iterations = count
    next.store(0, ordering: .relaxed)
    unfinished.store(count, ordering: .relaxed)
    generation.add(1, ordering: .releasing)
    lock.broadcast()
    lock.unlock()
    runIterations(body, count: count)
    Self.wait(while: { unfinished.load(ordering: .acquiring) > 0 })
    lock.lock()
    job = nil
    lock.unlock()
    Self.wait(while: { holding.load(ordering: .acquiring) > 0 })
    return true
  }

  /// Spins while `busy()` holds, yielding the core now and then (the thread being waited for may
  /// need it).
  private static func wait(while busy: () -> Bool) {
    var spins = 0
    while busy() {
      spins += 1
      if spins % 64 == 0 { sched_yield() }
    }
  }

  private func runIterations(_ job: UnsafeRawPointer, count: Int) {
    let body = job.assumingMemoryBound(to: ((Int) -> Void).self)
    while true {
      let i = next.add(1, ordering: .relaxed).oldValue
      if i >= count { return }
      body.pointee(i)
      unfinished.subtract(1, ordering: .releasing)
    }
  }

  private func work() {
    var seen = 0
    while true {
      let deadline = ContinuousClock.now + Self.spin
      var spins = 0
      while generation.load(ordering: .acquiring) == seen && ContinuousClock.now < deadline {
        spins += 1
        // On a loaded machine give the core away rather than spin through someone's time slice.
        if spins % 64 == 0 { sched_yield() }
      }
      lock.lock()
      while generation.load(ordering: .acquiring) == seen { lock.wait() }
      seen = generation.load(ordering: .acquiring)
      let body = job, count = iterations
      if body != nil { holding.add(1, ordering: .relaxed) }
      lock.unlock()
      if let body {
        runIterations(body, count: count)
        holding.subtract(1, ordering: .releasing)
      }
    }
  }
}

private struct UncheckedSendable<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}
