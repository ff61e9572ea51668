/// An 8-bit RGB image, rows top to bottom, pixels interleaved (`height × width × 3`).
public struct RGBImage: Sendable, Hashable {
  public var width: Int
  public var height: Int
  public var pixels: [UInt8]

  public init(width: Int, height: Int, pixels: [UInt8]) {
    precondition(pixels.count == width * height * 3, "RGB pixels must be width × height × 3")
    self.width = width
    self.height = height
    self.pixels = pixels
  }
}
