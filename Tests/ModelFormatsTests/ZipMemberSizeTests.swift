import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

/// A zip member's claimed size is checked before extraction reserves it: no more than its
/// compressed bytes can decode to (`SizeLimits.compressionRatio`).
final class ZipMemberSizeTests: XCTestCase {
  /// An archive with one deflated member `x.npy` whose central record and local header claim
  /// `claimed` uncompressed bytes.
  func archive(claiming claimed: UInt32) throws -> URL {
    let url = try temporaryFolder().appendingPathComponent("a.zip")
    let writer = try NPZWriter(url: url, compression: .deflated)
    try writer.add(Tensor([Float](repeating: 1, count: 1000), shape: [1000]), key: "x")
    try writer.finish()
    var bytes = [UInt8](try Data(contentsOf: url))
    func patch(signature: UInt32, offset: Int) {
      let sig = withUnsafeBytes(of: signature.littleEndian, Array.init)
      guard let at = (0...(bytes.count - 4)).first(where: { Array(bytes[$0..<($0 + 4)]) == sig }) else {
        return XCTFail("no record \(String(signature, radix: 16))")
      }
      bytes.replaceSubrange((at + offset)..<(at + offset + 4), with: withUnsafeBytes(of: claimed.littleEndian, Array.init))
    }
    patch(signature: 0x0403_4b50, offset: 22)
    patch(signature: 0x0201_4b50, offset: 24)
    try Data(bytes).write(to: url)
    return url
  }

  func test_ZipArchive_memberClaimingMoreThanItsCompressedBytesCanHoldIsRefused() throws {
    let url = try archive(claiming: 0xFFFF_FFF0)
    let zip = try ZipArchive(url: url)
    XCTAssertThrowsError(try zip.data(of: "x.npy")) { error in
      guard case .corruptZip(let file, let reason) = error as? FormatError else { return XCTFail("\(error)") }
      XCTAssertEqual(file, url.path)
      XCTAssertTrue(reason.contains("'x.npy' claims 4294967280 bytes"), reason)
    }
  }
}
