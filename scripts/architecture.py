"""The package's targets as `swift package dump-package` describes them, and the layering
that docs/architecture.md states. Shared by scripts/check-imports.py and scripts/module-graph.py;
standard library only.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from typing import Any

# The architecture, top to bottom: a module may import modules of its own layer or below.
# C targets (no Swift sources) sit below every layer; test targets and test support stand outside.
LAYERS = [
    ("CLI", ["DeltaNNCLI"]),
    ("Library", ["DeltaNN"]),
    ("Pipeline", ["Pipeline"]),
    ("Stages", ["Importers", "Lowering", "TVM", "Verify", "Runtime", "Diff", "Backends"]),
    ("ModelFormats", ["ModelFormats"]),
    ("ModelGraph", ["ModelGraph"]),
]
C_LAYER = "C"


@dataclass
class Target:
    """One target of the package: its name, kind, source folder and declared dependencies."""

    name: str
    kind: str  # regular, executable, test, system, …
    path: str  # source folder, relative to the package root
    dependencies: list[str] = field(default_factory=list)  # module names, in declaration order
    products: set[str] = field(default_factory=set)  # those that are products of other packages
    swift_files: list[str] = field(default_factory=list)  # absolute paths

    @property
    def is_test(self) -> bool:
        """A test target, or a target kept under Tests/ (test support)."""
        return self.kind == "test" or self.path.split(os.sep)[0] == "Tests"

    @property
    def is_c(self) -> bool:
        """A system library or a target without Swift sources."""
        return self.kind == "system" or not self.swift_files


def dump_package(root: str) -> dict[str, Any]:
    """The manifest as JSON, from `swift package dump-package` run in `root`.

    A scratch folder of its own keeps it from waiting on a build that holds `.build`'s lock.
    """
    swift = shutil.which("swift")
    if swift is None:
        sys.exit("error: `swift` is not on PATH; pass --manifest-json with a saved dump-package")
    with tempfile.TemporaryDirectory(prefix="deltann-manifest-") as scratch:
        done = subprocess.run(
            [swift, "package", "--package-path", root, "--scratch-path", scratch, "dump-package"],
            capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"error: swift package dump-package failed in {root}:\n{done.stderr}")
    manifest: dict[str, Any] = json.loads(done.stdout)
    return manifest


def load_manifest(root: str, manifest_json: str | None) -> dict[str, Any]:
    """The manifest from a saved dump (`manifest_json`) or from Package.swift in `root`."""
    if manifest_json is None:
        return dump_package(root)
    try:
        with open(manifest_json, encoding="utf-8") as f:
            manifest: dict[str, Any] = json.load(f)
            return manifest
    except (OSError, json.JSONDecodeError) as error:
        sys.exit(f"error: {manifest_json}: not a readable dump-package JSON ({error})")


def targets(manifest: dict[str, Any], root: str) -> list[Target]:
    """Every target of `manifest`, with its Swift files found under `root`."""
    result: list[Target] = []
    for t in manifest["targets"]:
        kind = t["type"]
        path = t.get("path") or os.path.join("Tests" if kind == "test" else "Sources", t["name"])
        target = Target(t["name"], kind, os.path.normpath(path))
        for dependency in t.get("dependencies", []):
            (how, value), = dependency.items()
            target.dependencies.append(value[0])
            if how == "product":
                target.products.add(value[0])
        folder = os.path.join(root, target.path)
        excluded = [os.path.join(folder, e) for e in t.get("exclude", [])]
        for directory, _, files in os.walk(folder):
            if any(directory == e or directory.startswith(e + os.sep) for e in excluded):
                continue
            target.swift_files += sorted(os.path.join(directory, f) for f in files if f.endswith(".swift"))
        result.append(target)
    return result


def layer_of(target: Target) -> str | None:
    """The layer `target` belongs to: a name from LAYERS, C_LAYER, or None when unplaced."""
    if target.is_c:
        return C_LAYER
    return next((name for name, members in LAYERS if target.name in members), None)


def rank(layer: str) -> int:
    """Height of `layer`: C is 0, ModelGraph 1, … the CLI highest."""
    if layer == C_LAYER:
        return 0
    names = [name for name, _ in reversed(LAYERS)]
    return names.index(layer) + 1
