import Foundation
import ModelFormats
import ModelGraph

/// A folder of photographs made into a model's input batch with a named preprocessing.
public enum ImageInputs {
  /// Decodes every PNG/JPEG in `folder` (sorted by name), resizes and scales it, and returns the
  /// batch `[N, H, W, 3]` or `[N, 3, H, W]` with the file names.
  public static func batch(folder: URL, preprocessing: Preprocessing, height: Int, width: Int,
                           layout: Preprocessing.Layout) throws(PipelineError) -> (tensor: Tensor, names: [String]) {
    let files: [URL]
    do {
      files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        .filter { ["png", "jpg", "jpeg"].contains($0.pathExtension.lowercased()) }
        .sorted { $0.lastPathComponent < $1.lastPathComponent }
    } catch {
      throw .argument(step: "inputs", name: folder.path, expected: "must be a readable folder of PNG/JPEG images")
    }
    guard !files.isEmpty else {
      throw .argument(step: "inputs", name: folder.path, expected: "holds no .png, .jpg or .jpeg file")
    }
    var values: [Float] = []
    for file in files {
      let image: RGBImage
      do { image = try ImageFile.read(file) } catch { throw .argument(step: "inputs", name: file.path, expected: "\(error)") }
      values += preprocessing.tensor(from: image, height: height, width: width, layout: layout).floats() ?? []
    }
    let item = layout == .nhwc ? [height, width, 3] : [3, height, width]
    return (Tensor(values, shape: [files.count] + item), files.map(\.lastPathComponent))
  }
}
