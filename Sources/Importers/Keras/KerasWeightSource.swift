import ModelFormats
import ModelGraph

/// Where a Keras model's weights live: a Keras 3 `model.weights.h5` or a legacy `.h5`.
protocol KerasWeightSource {
  /// The weights file's name, for errors.
  var file: String { get }
  /// The variables of `layer` in the model nested at `scope` (enclosing model layer names,
  /// outermost first), in file order, named when the file names them; `nil` when the file has
  /// no entry for the layer. `siblings` are the layers of that model, in `model.layers` order.
  func variables(layer: String, scope: [String], siblings: [(name: String, className: String)])
    throws(ImportError) -> [(name: String?, tensor: Tensor)]?
}

extension Array where Element: Equatable {
  func hasSuffix(_ suffix: [Element]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}

extension HDF5File {
  /// Wraps format errors so importer functions throw one error type.
  func lift<T>(_ body: (HDF5File) throws(FormatError) -> T) throws(ImportError) -> T {
    do { return try body(self) } catch { throw .format(error) }
  }
}
