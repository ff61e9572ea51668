import CPNG
import CTurboJPEG
import Foundation

/// Decodes PNG (libpng's simplified API) and JPEG (libjpeg-turbo's TurboJPEG API) to RGB.
public enum ImageFile {
  public static func read(_ url: URL) throws(FormatError) -> RGBImage {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw .image(file: url.path, problem: "cannot read the file (\(error.localizedDescription))")
    }
    return try decode(data, file: url.path)
  }

  /// Decodes an in-memory PNG or JPEG, told apart by their signatures.
  public static func decode(_ data: Data, file: String) throws(FormatError) -> RGBImage {
    let bytes = [UInt8](data)
    if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return try decodePNG(bytes, file: file) }
    if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return try decodeJPEG(bytes, file: file) }
    throw .image(file: file, problem: bytes.isEmpty ? "the file is empty" : "not a PNG or JPEG signature")
  }

  private static func decodePNG(_ bytes: [UInt8], file: String) throws(FormatError) -> RGBImage {
    var image = png_image()
    image.version = png_uint_32(PNG_IMAGE_VERSION)
    let begun = bytes.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
    guard begun != 0 else { throw .image(file: file, problem: pngMessage(&image)) }
    image.format = png_uint_32(PNG_FORMAT_RGB)
    let width = Int(image.width), height = Int(image.height)
    if let problem = implausible(width: width, height: height) {
      png_image_free(&image)
      throw .image(file: file, problem: problem)
    }
    var pixels = [UInt8](repeating: 0, count: width * height * 3)
    let finished = bytes.withUnsafeBytes { _ in
      pixels.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
    }
    guard finished != 0 else {
      let message = pngMessage(&image)
      png_image_free(&image)
      throw .image(file: file, problem: message)
    }
    return RGBImage(width: width, height: height, pixels: pixels)
  }

  /// Why a header's size is refused before its pixels are allocated: more than
  /// `SizeLimits.imagePixels` pixels, or a long side more than `SizeLimits.imageAspectRatio`
  /// times the short one; `nil` when the size is plausible.
  static func implausible(width: Int, height: Int) -> String? {
    let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
    if overflow || pixels > SizeLimits.imagePixels {
      return "the header claims \(width) × \(height) pixels, more than the limit of \(SizeLimits.imagePixels)"
    }
    if max(width, height) / max(min(width, height), 1) > SizeLimits.imageAspectRatio {
      return "the header claims \(width) × \(height) pixels, an aspect ratio beyond \(SizeLimits.imageAspectRatio):1"
    }
    return nil
  }

  private static func pngMessage(_ image: inout png_image) -> String {
    withUnsafeBytes(of: &image.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
  }

  private static func decodeJPEG(_ bytes: [UInt8], file: String) throws(FormatError) -> RGBImage {
    guard let handle = tjInitDecompress() else { throw .image(file: file, problem: "libjpeg-turbo did not start") }
    defer { tjDestroy(handle) }
    var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
    let header = bytes.withUnsafeBufferPointer {
      tjDecompressHeader3(handle, $0.baseAddress, UInt($0.count), &width, &height, &subsampling, &colorspace)
    }
    guard header == 0, width > 0, height > 0 else { throw .image(file: file, problem: jpegMessage(handle)) }
    if let problem = implausible(width: Int(width), height: Int(height)) { throw .image(file: file, problem: problem) }
    var pixels = [UInt8](repeating: 0, count: Int(width) * Int(height) * 3)
    let status = bytes.withUnsafeBufferPointer { src in
      pixels.withUnsafeMutableBufferPointer { dst in
        tjDecompress2(handle, src.baseAddress, UInt(src.count), dst.baseAddress, width, 0, height, Int32(TJPF_RGB.rawValue), 0)
      }
    }
    // A warning (for example a truncated scan) still yields pixels; an error does not.
    guard status == 0 || tjGetErrorCode(handle) == Int32(TJERR_WARNING.rawValue) else {
      throw .image(file: file, problem: jpegMessage(handle))
    }
    return RGBImage(width: Int(width), height: Int(height), pixels: pixels)
  }

  private static func jpegMessage(_ handle: tjhandle) -> String {
    tjGetErrorStr2(handle).map { String(cString: $0) } ?? "unknown libjpeg-turbo error"
  }
}
