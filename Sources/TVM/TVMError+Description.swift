extension TVMError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .unsupportedOps(let file, let ops, let supported):
      let listed = ops.map { "\($0.op) (\($0.nodes.prefix(3).joined(separator: ", "))\($0.nodes.count > 3 ? ", …" : ""))" }
      return "\(file): \(ops.count) op(s) have no Relax form: \(listed.joined(separator: "; ")); "
        + "the TVM emitter supports \(supported.joined(separator: ", "))"
    case .invalidArgument(let file, let node, let op, let argument, let expected, let found):
      return "\(file): node '\(node)' (\(op)): \(argument) must be \(expected), found \(found)"
    case .unknownShape(let file, let node, let tensor):
      return "\(file): node '\(node)' needs the static shape of '\(tensor)', which the graph does not record"
    case .undefinedValue(let file, let node, let value):
      return "\(file): node '\(node)' reads '\(value)', which no input, weight or earlier node defines"
    case .unsupportedType(let file, let value, let dtype):
      return "\(file): '\(value)' is \(dtype); the TVM emitter writes float32, int64 and int32 tensors"
    case .outputExists(let path):
      return "\(path): exists; pass --force to overwrite it"
    case .badRelaxGraph(let file, let binding, let reason):
      return "\(file): \(binding.map { "binding '\($0)': " } ?? "")\(reason)"
    case .writeFailed(let path, let reason):
      return "\(path): cannot write the TVM folder (\(reason))"
    }
  }
}
