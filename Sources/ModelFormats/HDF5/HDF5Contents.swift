import Foundation
import ModelGraph

/// Everything `HDF5File` can answer about one file, as values: the probe's child reads it
/// through libhdf5 (`HDF5Reader`) and sends it to the parent, which never calls libhdf5 on the
/// file itself. Objects are listed once each (hard links can make cycles); the root is first.
struct HDF5Contents: Codable, Sendable {
  /// What the child met reading one object or attribute; the parent names the file.
  enum Problem: Error, Codable, Sendable {
    case missing(path: String)
    case unreadable(path: String, expected: String, found: String)
  }

  enum Read<Value: Codable & Sendable>: Codable, Sendable {
    case value(Value)
    case failed(Problem)
  }

  /// A dataset's elements: a range of the file's bytes (contiguous little-endian float32) or
  /// bytes libhdf5 read and converted to float32 or int64.
  enum Elements: Codable, Sendable {
    case inImage(offset: Int, count: Int)
    case bytes(Data)
  }

  struct Dataset: Codable, Sendable {
    var dtype: DType
    var shape: [Int]
    var elements: Elements
  }

  /// A named link of a group and the object it reaches (`nil`: libhdf5 could not resolve it,
  /// or it lies deeper than the walk goes).
  struct Link: Codable, Sendable {
    var name: String
    var object: Int?
  }

  struct Object: Codable, Sendable {
    var kind: HDF5File.ObjectKind
    /// A group's links in name order.
    var links: Read<[Link]>?
    /// Every attribute that could be named, read as strings.
    var attributes: [String: Read<[String]>] = [:]
    var dataset: Read<Dataset>?
  }

  var objects: [Object]

  /// The object `path` reaches from the root, following links one name at a time.
  func object(at path: String) -> Object? {
    guard var current = objects.first else { return nil }
    for name in path.split(separator: "/") {
      guard case .value(let links) = current.links, let link = links.first(where: { $0.name == name }),
            let index = link.object, objects.indices.contains(index) else { return nil }
      current = objects[index]
    }
    return current
  }
}
