// The library's vocabulary: the value types and entry points of the modules below, so that a
// program (and the `deltann` command) imports `DeltaNN` alone.
@_exported import Backends
@_exported import Diff
@_exported import Importers
@_exported import Lowering
@_exported import ModelFormats
@_exported import ModelGraph
@_exported import Pipeline
@_exported import Runtime
@_exported import Verify
