import Foundation

/// One model of the full-size zoo: a keras.applications or torchvision-style architecture with
/// seeded weights, saved by `python -m deltann_converters zoo` with its peer conversion.
public struct ZooModel: Sendable {
  /// `keras` or `torch`.
  public var framework: String
  public var arch: String
  public var folder: URL
  /// `model.keras` or `model.pt2`.
  public var source: URL
  /// `tf2onnx.onnx` or `torch_onnx.onnx`.
  public var peer: URL
  /// `tf2onnx` or `torch.onnx`.
  public var peerName: String
  public var inputs: URL { folder.appendingPathComponent("inputs.npz") }
  public var name: String { "\(framework)/\(arch)" }
}

/// The full-size zoo (not committed, gigabytes): `$DELTANN_ZOO`, else `<package>/zoo`, holding
/// `<framework>/<arch>/` folders made by
/// `PYTHONPATH=converters .venv/bin/python -m deltann_converters zoo --arch A --framework F --out DIR`.
public enum FullSizeZoo {
  public static var root: URL {
    ProcessInfo.processInfo.environment["DELTANN_ZOO"].map { URL(fileURLWithPath: $0) } ?? packageRoot.appendingPathComponent("zoo")
  }

  /// Every complete model folder under `root` (source, peer conversion and inputs present), in
  /// framework then architecture order, or those `DELTANN_ZOO_MODELS` names
  /// (`keras/mobilenetv2,torch/densenet121`); the reason none was found otherwise, for a loud skip.
  public static func models() -> (models: [ZooModel], missing: String?) {
    let fm = FileManager.default
    let chosen = ProcessInfo.processInfo.environment["DELTANN_ZOO_MODELS"].map { Set($0.split(separator: ",").map(String.init)) }
    var found: [ZooModel] = []
    for (framework, source, peer, peerName) in [("keras", "model.keras", "tf2onnx.onnx", "tf2onnx"),
                                                ("torch", "model.pt2", "torch_onnx.onnx", "torch.onnx")] {
      for arch in ["mobilenetv2", "resnet101v2", "densenet121", "inceptionv3"] {
        let folder = root.appendingPathComponent(framework).appendingPathComponent(arch)
        let m = ZooModel(framework: framework, arch: arch, folder: folder, source: folder.appendingPathComponent(source),
                         peer: folder.appendingPathComponent(peer), peerName: peerName)
        guard chosen?.contains(m.name) ?? true else { continue }
        if [m.source, m.peer, m.inputs].allSatisfy({ fm.fileExists(atPath: $0.path) }) { found.append(m) }
      }
    }
    let missing = found.isEmpty
      ? "no full-size zoo at \(root.path) (set DELTANN_ZOO to a folder of <keras|torch>/<arch>/ made by `python -m deltann_converters zoo`)"
      : nil
    return (found, missing)
  }
}
