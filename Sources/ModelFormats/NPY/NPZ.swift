import Foundation
import ModelGraph

/// Whole-archive conveniences over `NPZReader` and `NPZWriter`.
public enum NPZ {
  /// Every array of the archive at `url`, in archive order.
  public static func read(contentsOf url: URL) throws(FormatError) -> [(key: String, tensor: Tensor)] {
    try NPZReader(contentsOf: url).all()
  }

  /// Writes `arrays` in order (stored, like `np.savez`; deflated like `np.savez_compressed`).
  public static func write(_ arrays: [(key: String, tensor: Tensor)], to url: URL,
                           compression: NPZWriter.Compression = .stored, force: Bool = false)
    throws(FormatError)
  {
    let writer = try NPZWriter(url: url, compression: compression, force: force)
    for (key, tensor) in arrays { try writer.add(tensor, key: key) }
    try writer.finish()
  }
}
