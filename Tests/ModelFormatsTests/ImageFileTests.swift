import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

final class ImageFileTests: XCTestCase {
  private let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/image")

  private struct Expected: Decodable {
    struct Image: Decodable { var height: Int; var width: Int; var pixels: [UInt8] }
    var png: Image
    var jpg: Image
  }

  private func expected() throws -> Expected {
    try JSONDecoder().decode(Expected.self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
  }

  func test_ImageFile_pngDecodesExactlyAsPillowDoes() throws {
    let image = try ImageFile.read(folder.appendingPathComponent("astronaut.png"))
    let truth = try expected().png
    XCTAssertEqual([image.height, image.width], [truth.height, truth.width])
    XCTAssertEqual(image.pixels, truth.pixels)
  }

  func test_ImageFile_jpegDecodesAsPillowDoesWithinRounding() throws {
    let image = try ImageFile.read(folder.appendingPathComponent("astronaut.jpg"))
    let truth = try expected().jpg
    XCTAssertEqual([image.height, image.width], [truth.height, truth.width])
    // Both use libjpeg-turbo's default integer IDCT; versions may round differently by one.
    let worst = zip(image.pixels, truth.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
    XCTAssertLessThanOrEqual(worst, 2)
  }

  func test_ImageFile_badInputIsATypedErrorNamingTheFile() throws {
    let dir = try temporaryFolder()
    let png = try Data(contentsOf: folder.appendingPathComponent("astronaut.png"))
    let jpg = try Data(contentsOf: folder.appendingPathComponent("astronaut.jpg"))
    let cases: [(String, Data)] = [
      ("empty.png", Data()), ("noise.png", Data((0..<64).map { UInt8($0 * 37 % 251) })),
      ("cut.png", png.prefix(60)), ("cut.jpg", jpg.prefix(20)),
    ]
    for (name, bytes) in cases {
      let url = dir.appendingPathComponent(name)
      try bytes.write(to: url)
      XCTAssertThrowsError(try ImageFile.read(url), name) { error in
        guard case FormatError.image(let file, _) = error else { return XCTFail("\(name): \(error)") }
        XCTAssertEqual(file, url.path)
      }
    }
    XCTAssertThrowsError(try ImageFile.read(dir.appendingPathComponent("missing.png")))
  }
}
