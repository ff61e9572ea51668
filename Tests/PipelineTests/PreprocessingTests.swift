import ModelFormats
import ModelGraph
import Pipeline
import XCTest

final class PreprocessingTests: XCTestCase {
  func test_Preprocessing_conventionsMatchKerasImagenetUtils() throws {
    // A 1×1 image is resized to 2×2 without changing values; check each convention's arithmetic
    // against keras.applications.imagenet_utils' formulas, written out here.
    let image = RGBImage(width: 1, height: 1, pixels: [255, 0, 51])
    XCTAssertEqual(Preprocessing.tf.tensor(from: image, height: 1, width: 1, layout: .nhwc).floats(), [1, -1, -0.6])
    let caffe = Preprocessing.caffe.tensor(from: image, height: 1, width: 1, layout: .nchw)
    XCTAssertEqual(caffe.shape, [1, 3, 1, 1])
    let caffeValues = try XCTUnwrap(caffe.floats())
    XCTAssertEqual(caffeValues.count, 3)
    for (x, y) in zip(caffeValues, [Float(51 - 103.939), Float(0 - 116.779), Float(255 - 123.68)]) {
      XCTAssertEqual(x, y, accuracy: 1e-4)
    }
    let torch = Preprocessing.torch.tensor(from: image, height: 2, width: 2, layout: .nchw)
    XCTAssertEqual(torch.shape, [1, 3, 2, 2])
    XCTAssertEqual(try XCTUnwrap(torch.floats()?.first), (1 - 0.485) / 0.229, accuracy: 1e-5)
  }
}
