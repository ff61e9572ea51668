// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "DeltaNN",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "deltann", targets: ["DeltaNNCLI"]),
    .library(name: "DeltaNN", targets: ["DeltaNN"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
    // `swift package generate-documentation --target DeltaNN` builds the reference (DocC).
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", exact: "1.5.0"),
  ],
  targets: [
    // C boundary: generated protobuf-c code, the libonnx checker, system BLAS and HDF5, own kernels.
    .target(
      name: "CProtobufONNX", cSettings: [.unsafeFlags(["-w"])],
      linkerSettings: [.linkedLibrary("protobuf-c")]
    ),
    .target(
      name: "CONNXChecker",
      cxxSettings: [.define("ONNX_ML", to: "1"), .define("ONNX_NAMESPACE", to: "onnx")],
      linkerSettings: [.linkedLibrary("onnx"), .linkedLibrary("onnx_proto"), .linkedLibrary("protobuf")]
    ),
    // Hand-written AVX-512 kernels (packed-weight GEMM, 3×3 depthwise), optimised in every build.
    .target(name: "CKernels", cSettings: [.unsafeFlags(["-O3"])]),
    .target(name: "CFileSystem"),  // an atomic exchange of two names (renameat2 / renamex_np), block reservation
    .target(name: "CWorkerPool", cSettings: [.unsafeFlags(["-O2"])]),  // the interpreter's persistent threads
    .systemLibrary(name: "CBLAS", pkgConfig: "openblas"),
    .systemLibrary(name: "CHDF5", pkgConfig: "hdf5"),
    .systemLibrary(name: "CPNG", pkgConfig: "libpng"),
    .systemLibrary(name: "CTurboJPEG", pkgConfig: "libturbojpeg"),
    .systemLibrary(name: "CSystemZlib", pkgConfig: "zlib"),  // tests: zlib as independent truth
    .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate"),

    // Swift modules, dependencies pointing one way (docs/architecture.md); each declares exactly what its
    // sources import, which scripts/check-imports.py checks.
    .target(name: "ModelGraph"),
    .target(
      name: "ModelFormats",
      dependencies: ["ModelGraph", "CProtobufONNX", "CONNXChecker", "CHDF5", "CPNG", "CTurboJPEG", "CDeflate",
                     "CFileSystem", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
    ),
    .target(name: "Importers", dependencies: ["ModelGraph", "ModelFormats"]),
    .target(name: "Lowering", dependencies: ["ModelGraph"]),
    .target(name: "TVM", dependencies: ["ModelGraph", "ModelFormats"]),
    .target(name: "Runtime", dependencies: ["ModelGraph", "ModelFormats", "CBLAS", "CKernels", "CWorkerPool"], exclude: ["Ops/README.md"]),
    .target(name: "Backends", dependencies: ["ModelGraph", "ModelFormats", "Runtime"]),
    .target(name: "Verify", dependencies: ["ModelGraph", "Lowering"]),
    .target(name: "Diff", dependencies: ["ModelGraph", "ModelFormats", "Runtime", "Backends"]),
    .target(
      name: "Pipeline",
      dependencies: ["ModelGraph", "ModelFormats", "Importers", "Lowering", "TVM", "Backends", "Verify", "Diff",
                     .product(name: "Yams", package: "Yams")]
    ),
    // The library entry point: what a Swift program (and the CLI) calls to convert, verify,
    // localise, run, diff, inspect, bench and run pipelines.
    .target(
      name: "DeltaNN",
      dependencies: ["ModelGraph", "ModelFormats", "Importers", "Lowering", "Runtime", "Backends", "Verify", "Diff", "Pipeline"]
    ),
    .executableTarget(
      name: "DeltaNNCLI",
      dependencies: ["DeltaNN", .product(name: "ArgumentParser", package: "swift-argument-parser")]
    ),

    .target(
      name: "TestSupport", dependencies: ["ModelGraph"], path: "Tests/TestSupport",
      // Optimized even in debug builds: its SHA-256 hashes golden/ in every test run.
      swiftSettings: [.unsafeFlags(["-O"])]
    ),
    .testTarget(name: "ModelGraphTests", dependencies: ["ModelGraph"]),
    .testTarget(
      name: "ModelFormatsTests", dependencies: ["ModelGraph", "ModelFormats", "TestSupport", "CSystemZlib"], exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "ImportersTests",
      dependencies: ["ModelGraph", "ModelFormats", "Importers", "Lowering", "Runtime", "TestSupport",
                     .product(name: "ZIPFoundation", package: "ZIPFoundation")],
      exclude: ["Fixtures", "Snapshots"]
    ),
    .testTarget(name: "LoweringTests", dependencies: ["ModelGraph", "Lowering"]),
    .testTarget(name: "RuntimeTests", dependencies: ["ModelGraph", "ModelFormats", "Runtime", "TestSupport"]),
    .testTarget(name: "BackendsTests", dependencies: ["ModelGraph", "ModelFormats", "Backends", "TestSupport"]),
    .testTarget(
      name: "VerifyTests", dependencies: ["ModelGraph", "ModelFormats", "Verify", "Importers", "Lowering", "TestSupport"],
      exclude: ["Fixtures"]
    ),
    .testTarget(name: "DiffTests", dependencies: ["ModelGraph", "ModelFormats", "Diff", "Runtime", "Backends", "TestSupport"]),
    .testTarget(
      name: "PipelineTests",
      dependencies: ["ModelGraph", "ModelFormats", "Pipeline", "Diff", "Backends", "Verify", "Lowering", "TestSupport",
                     .product(name: "Yams", package: "Yams")]
    ),
    .testTarget(name: "LibraryTests", dependencies: ["DeltaNN", "TestSupport"]),
    .testTarget(name: "CLITests", dependencies: ["ModelGraph", "ModelFormats", "TestSupport"]),
    .testTarget(
      name: "TVMTests", dependencies: ["ModelGraph", "TVM", "Importers", "Lowering", "TestSupport"], exclude: ["Snapshots"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
