import Foundation
import Pipeline
import TestSupport
import XCTest
import Yams

/// The Kubernetes Indexed Job in pipelines/k8s/ checked against the batch/v1 Job schema (the
/// fields it uses, as the Kubernetes API reference defines them) and against the pipeline it runs.
final class KubernetesManifestTests: XCTestCase {
  private static let metadata = YAMLSchema.record(["name": .optional(.text), "labels": .optional(.table(.text))])
  private static let boolean = YAMLSchema.choice(["true", "false"], noun: "boolean")
  private static let container = YAMLSchema.record([
    "name": .required(.text), "image": .required(.text), "workingDir": .optional(.text),
    "command": .optional(.list(.text)), "args": .optional(.list(.text)),
    "env": .optional(.list(.record(["name": .required(.text), "value": .optional(.text)]))),
    "resources": .optional(.record(["requests": .optional(.table(.text)), "limits": .optional(.table(.text))])),
    "volumeMounts": .optional(.list(.record(["name": .required(.text), "mountPath": .required(.text), "readOnly": .optional(boolean)]))),
  ])
  private static let volume = YAMLSchema.record([
    "name": .required(.text),
    "persistentVolumeClaim": .optional(.record(["claimName": .required(.text), "readOnly": .optional(boolean)])),
  ])
  /// batch/v1 Job; a Job's pods may only restart Never or OnFailure.
  private static let job = YAMLSchema.record([
    "apiVersion": .required(.choice(["batch/v1"], noun: "apiVersion")), "kind": .required(.choice(["Job"], noun: "kind")),
    "metadata": .required(metadata),
    "spec": .required(.record([
      "completionMode": .optional(.choice(["Indexed", "NonIndexed"], noun: "completion mode")),
      "completions": .optional(.integer), "parallelism": .optional(.integer), "backoffLimit": .optional(.integer),
      "template": .required(.record([
        "metadata": .optional(metadata),
        "spec": .required(.record([
          "restartPolicy": .required(.choice(["Never", "OnFailure"], noun: "restart policy")),
          "containers": .required(.list(container)), "volumes": .optional(.list(volume)),
        ])),
      ])),
    ])),
  ])

  private func manifest(_ name: String) throws -> (Node, String) {
    let url = packageRoot.appendingPathComponent("pipelines/k8s/\(name)")
    let text = try String(contentsOf: url, encoding: .utf8)
    let node = try XCTUnwrap(try Yams.compose(yaml: text))
    let problems = Self.job.problems(in: node, file: url.path)
    XCTAssertEqual(problems.map { "\($0)" }, [], name)
    return (node, text)
  }

  func test_KubernetesJob_shardsAndMergeMatchTheSchemaAndThePipeline() throws {
    let (shards, _) = try manifest("sweep-shards.yaml")
    let (merge, _) = try manifest("sweep-merge.yaml")
    XCTAssertEqual(shards["spec"]?["completionMode"]?.string, "Indexed")
    let count = try XCTUnwrap(shards["spec"]?["completions"]?.int)
    let container = try XCTUnwrap(shards["spec"]?["template"]?["spec"]?["containers"]?.sequence?.first)
    let command = (container["command"]?.sequence ?? []).compactMap(\.string).joined(separator: " ")
    // The completion index is the shard index, and n is the number of completions.
    let match = try XCTUnwrap(command.firstMatch(of: /pipeline run (\S+) --shard "\$JOB_COMPLETION_INDEX\/(\d+)"/), command)
    XCTAssertEqual(Int(match.2), count)
    let pipeline = packageRoot.appendingPathComponent(String(match.1))
    let spec = try PipelineSpec.check(pipeline).0
    XCTAssertGreaterThanOrEqual(try XCTUnwrap(spec).cells.count, count, "no shard is empty")
    // The shared volume holds the pipeline's output folder.
    let workingDir = try XCTUnwrap(container["workingDir"]?.string)
    let mount = try XCTUnwrap(container["volumeMounts"]?.sequence?.first?["mountPath"]?.string)
    XCTAssertTrue("\(workingDir)/\(try XCTUnwrap(spec).output)".hasPrefix(mount + "/"))
    // The merge joins every shard's result into the output folder.
    let mergeCommand = (merge["spec"]?["template"]?["spec"]?["containers"]?.sequence?.first?["command"]?.sequence ?? [])
      .compactMap(\.string).joined(separator: " ")
    let output = try XCTUnwrap(spec).output
    let files = (0..<count).map { "\(output)/pipeline-\($0)-of-\(count).json" }.joined(separator: " ")
    XCTAssertTrue(mergeCommand.contains("deltann pipeline merge \(files) -o \(output)"), mergeCommand)
  }

  func test_KubernetesJob_schemaRefusesWhatKubernetesWould() throws {
    let url = packageRoot.appendingPathComponent("pipelines/k8s/sweep-shards.yaml")
    let text = try String(contentsOf: url, encoding: .utf8)
    let mutants = [
      ("completionMode: Indexed", "completionMode: Indexd", "'spec.completionMode': unknown completion mode 'Indexd'"),
      ("restartPolicy: Never", "restartPolicy: Always", "'spec.template.spec.restartPolicy': unknown restart policy 'Always'"),
      ("completions: 2", "completions: two", "'spec.completions': expected a whole number, found 'two'"),
      ("workingDir:", "workdir:", "'spec.template.spec.containers.0.workdir': unknown key 'workdir'"),
    ]
    for (from, to, expected) in mutants {
      XCTAssertTrue(text.contains(from), from)
      let node = try XCTUnwrap(try Yams.compose(yaml: text.replacingOccurrences(of: from, with: to)))
      let problems = Self.job.problems(in: node, file: "m.yaml").map { "\($0)" }
      XCTAssertEqual(problems.count, 1, "\(to): \(problems)")
      XCTAssertTrue(problems.first?.contains(expected) == true, "\(to): \(problems)")
    }
  }
}
