import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// libhdf5 does not survive every corrupted file: a damaged global heap or object header makes
/// it read out of bounds (SIGSEGV in `H5HG_read`, `H5F__accum_read`), ask `malloc` for a corrupt
/// size (SIGABRT), or corrupt the heap silently, to abort at some later `malloc`. So libhdf5
/// reads a file only in a child process, which sends back everything `HDF5File` can answer
/// (`HDF5Reader.contents()`) through a pipe and exits; this process never calls libhdf5 on the
/// file, and a child that dies, hangs or sends a damaged answer makes the file a typed error.
extension HDF5File {
  private static let forkLock = NSLock()

  /// Exit statuses of the probe's child.
  private enum ProbeExit: Int32 { case read = 0, notHDF5 = 4, unsent = 5 }

  /// The contents of `image`, read by libhdf5 in a child process.
  static func probe(_ image: UnsafeRawBufferPointer, name: String) throws(FormatError) -> HDF5Contents {
    // The pipe's end is seen only when no other process holds its writing end: it is closed on
    // exec, and no other probe forks while this process holds it.
    var fds: [Int32] = [0, 0]
    forkLock.lock()
    guard pipe(&fds) == 0, fcntl(fds[0], F_SETFD, FD_CLOEXEC) == 0, fcntl(fds[1], F_SETFD, FD_CLOEXEC) == 0 else {
      forkLock.unlock()
      throw .unreadable(file: name, reason: "cannot open a pipe to the process that reads HDF5 files (\(errno))")
    }
    let pid = fork()
    if pid == 0 { close(fds[0]); probeChild(image, answer: fds[1]) }
    close(fds[1])
    forkLock.unlock()
    defer { close(fds[0]) }
    guard pid > 0 else { throw .unreadable(file: name, reason: "cannot start the process that reads HDF5 files (\(errno))") }
    // A valid 170 MB file takes under a second; a corrupt one can keep libhdf5 looping forever.
    let seconds = 5 + image.count / 10_000_000
    let deadline = Date().addingTimeInterval(Double(seconds))
    let answer = readAll(fds[0], until: deadline, limit: SizeLimits.memoryBytes)
    let status = answer == nil ? nil : wait(for: pid, until: deadline)
    switch status {
    case nil:
      kill(pid, SIGKILL)
      _ = wait(for: pid, until: .distantFuture)
      throw .corruptHDF5(file: name, problem: "libhdf5 did not finish reading its objects within \(seconds) s")
    case .exited(ProbeExit.read.rawValue):
      guard let answer, let contents = try? PropertyListDecoder().decode(HDF5Contents.self, from: answer) else {
        throw .corruptHDF5(file: name, problem: "the process reading it with libhdf5 sent a damaged answer")
      }
      return contents
    case .exited(ProbeExit.notHDF5.rawValue): throw .notHDF5(file: name)
    case .exited(let code): throw .corruptHDF5(file: name, problem: "libhdf5 failed reading its objects (exit status \(code))")
    case .signalled(let signal): throw .corruptHDF5(file: name, problem: "libhdf5 crashed reading its objects (signal \(signal))")
    }
  }

  private static func probeChild(_ image: UnsafeRawBufferPointer, answer: Int32) -> Never {
    // Die by the signal itself: no crash reporter or sanitizer report (a fuzzer's death
    // callback would record the child's death as its own crash).
    for signal in [SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL, SIGTRAP] { Glibc.signal(signal, SIG_DFL) }
    if let set = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__sanitizer_set_death_callback") {
      unsafeBitCast(set, to: (@convention(c) (UnsafeRawPointer?) -> Void).self)(nil)
    }
    let null = Glibc.open("/dev/null", O_WRONLY)
    if null >= 0 { dup2(null, 2) }
    guard let reader = HDF5Reader(image) else { _exit(ProbeExit.notHDF5.rawValue) }
    let encoder = PropertyListEncoder()
    encoder.outputFormat = .binary
    guard let data = try? encoder.encode(reader.contents()) else { _exit(ProbeExit.unsent.rawValue) }
    let sent = data.withUnsafeBytes { bytes in
      var at = 0
      while at < bytes.count, let base = bytes.baseAddress {
        let n = write(answer, base + at, bytes.count - at)
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return false }
        at += n
      }
      return true
    }
    _exit(sent ? ProbeExit.read.rawValue : ProbeExit.unsent.rawValue)
  }

  /// Everything written to `fd` until its end; `nil` when `deadline` passes first or it
  /// exceeds `limit` bytes.
  private static func readAll(_ fd: Int32, until deadline: Date, limit: Int) -> Data? {
    var data = Data()
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let left = deadline.timeIntervalSinceNow
      guard left > 0 else { return nil }
      var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      let ready = poll(&poller, 1, Int32(min(left * 1000, 1000)) + 1)
      if ready < 0 && errno != EINTR { return nil }
      guard ready > 0 else { continue }
      let n = read(fd, &chunk, chunk.count)
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { return n == 0 ? data : nil }
      guard data.count + n <= limit else { return nil }
      data.append(contentsOf: chunk[0..<n])
    }
  }

  private enum ChildStatus: Equatable { case exited(Int32), signalled(Int32) }

  /// Waits for `pid` to end, polling; `nil` when `deadline` passes first.
  private static func wait(for pid: pid_t, until deadline: Date) -> ChildStatus? {
    var pause: useconds_t = 200
    var status: Int32 = 0
    while true {
      let done = waitpid(pid, &status, WNOHANG)
      if done == pid {
        return status & 0x7F == 0 ? .exited((status >> 8) & 0xFF) : .signalled(status & 0x7F)
      }
      if done < 0 && errno != EINTR { return .exited(-1) }
      if Date() > deadline { return nil }
      usleep(pause)
      pause = min(pause * 2, 20_000)
    }
  }
}
