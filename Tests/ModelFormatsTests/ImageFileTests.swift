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

  func test_Preprocessing_conventionsMatchKerasImagenetUtils() {
    // A 1×1 image is resized to 2×2 without changing values; check each convention's arithmetic.
    let image = RGBImage(width: 1, height: 1, pixels: [255, 0, 51])
    XCTAssertEqual(Preprocessing.tf.tensor(from: image, height: 1, width: 1, layout: .nhwc).floats(), [1, -1, -0.6])
    let caffe = Preprocessing.caffe.tensor(from: image, height: 1, width: 1, layout: .nchw)
    XCTAssertEqual(caffe.shape, [1, 3, 1, 1])
    XCTAssertEqual(caffe.floats() ?? [], [51 - 103.939, 0 - 116.779, 255 - 123.68], accuracy: 1e-4)
    let torch = Preprocessing.torch.tensor(from: image, height: 2, width: 2, layout: .nchw)
    XCTAssertEqual(torch.shape, [1, 3, 2, 2])
    XCTAssertEqual(torch.floats()?.first ?? 0, (1 - 0.485) / 0.229, accuracy: 1e-5)
  }
}

private func XCTAssertEqual(_ a: [Float], _ b: [Float], accuracy: Float, file: StaticString = #filePath, line: UInt = #line) {
  XCTAssertEqual(a.count, b.count, file: file, line: line)
  for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, file: file, line: line) }
}
