import CHDF5
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// libhdf5 does not survive every corrupted file: a damaged global heap or object header makes
/// it read out of bounds (SIGSEGV in `H5HG_read`, `H5F__accum_read`) or ask `malloc` for a
/// corrupt size (SIGABRT). So a file's bytes reach libhdf5 in this process only after a child
/// process has opened them and read everything this type can read (`walk`): every link,
/// every attribute and every dataset. A child that dies or does not finish makes the file a
/// typed error instead of a crash of the whole tool.
extension HDF5File {
  /// Exit statuses of the probe's child.
  private enum ProbeExit: Int32 { case read = 0, notHDF5 = 4 }

  /// Checks `image` in a child process; called with `lock` held, so no other thread is inside
  /// libhdf5 when the child is forked.
  static func probe(_ image: UnsafeRawBufferPointer, name: String) throws(FormatError) {
    let pid = fork()
    guard pid >= 0 else { throw .unreadable(file: name, reason: "cannot start the process that checks HDF5 files (\(errno))") }
    if pid == 0 { probeChild(image) }
    // A valid 170 MB file takes under a second; a corrupt one can keep libhdf5 looping forever.
    let seconds = 5 + image.count / 10_000_000
    switch wait(for: pid, seconds: seconds) {
    case nil:
      kill(pid, SIGKILL)
      _ = wait(for: pid, seconds: .max)
      throw .corruptHDF5(file: name, problem: "libhdf5 did not finish reading its objects within \(seconds) s")
    case .exited(ProbeExit.read.rawValue): return
    case .exited(ProbeExit.notHDF5.rawValue): throw .notHDF5(file: name)
    case .exited(let code): throw .corruptHDF5(file: name, problem: "libhdf5 failed reading its objects (exit status \(code))")
    case .signalled(let signal): throw .corruptHDF5(file: name, problem: "libhdf5 crashed reading its objects (signal \(signal))")
    }
  }

  private static func probeChild(_ image: UnsafeRawBufferPointer) -> Never {
    // Die by the signal itself: no crash reporter or sanitizer report (a fuzzer's death
    // callback would record the child's death as its own crash).
    for signal in [SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL, SIGTRAP] { Glibc.signal(signal, SIG_DFL) }
    if let set = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__sanitizer_set_death_callback") {
      unsafeBitCast(set, to: (@convention(c) (UnsafeRawPointer?) -> Void).self)(nil)
    }
    let null = Glibc.open("/dev/null", O_WRONLY)
    if null >= 0 { dup2(null, 2) }
    _ = silenced
    guard let handle = open(image) else { _exit(ProbeExit.notHDF5.rawValue) }
    let file = HDF5File(handle: handle, image: image, name: "")
    // Never deinitialised: its deinit takes `lock`, which the forking thread holds.
    _ = Unmanaged.passRetained(file)
    file.walk()
    _exit(ProbeExit.read.rawValue)
  }

  private enum ChildStatus: Equatable { case exited(Int32), signalled(Int32) }

  /// Waits for `pid` to end, polling; `nil` when `seconds` pass first.
  private static func wait(for pid: pid_t, seconds: Int) -> ChildStatus? {
    let deadline = Date().addingTimeInterval(Double(min(seconds, 1 << 30)))
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
