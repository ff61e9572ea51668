#!/usr/bin/env python3
"""Checks that Package.swift declares exactly what each target's Swift sources import, and that
no module imports one above it in the architecture (docs/architecture.md).

    python3 scripts/check-imports.py                       # the package this script lives in
    python3 scripts/check-imports.py --package-root DIR    # another package
    python3 scripts/check-imports.py --manifest-json F     # a saved `swift package dump-package`

Prints every problem, one a line, and exits 1 when there is any; exits 0 with a one-line summary
otherwise. Standard library only.
"""

import argparse
import os
import re
import sys

import architecture

# Modules of the toolchain and the operating system, importable without a declaration.
SYSTEM_MODULES = {
    "Foundation", "FoundationEssentials", "FoundationNetworking", "FoundationXML", "Dispatch",
    "Glibc", "Musl", "Darwin", "Android", "WinSDK", "ucrt", "XCTest", "Testing", "Swift",
    "_Concurrency", "_StringProcessing", "RegexBuilder", "Synchronization", "Observation", "os",
}

IMPORT = re.compile(
    r"^\s*(?:@[\w]+(?:\([^)]*\))?\s+)*"
    r"(?:(?:public|package|internal|fileprivate|private)\s+)?"
    r"import\s+(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?"
    r"([A-Za-z_]\w*)")

TRIPLE_QUOTE = re.compile(r'(?<!\\)"""')  # a multi-line string's delimiter, not an escaped one


def imports(path: str) -> list[tuple[int, str]]:
    """(line number, module) for each import statement of a Swift file, skipping multi-line
    string literals and block comments (test files embed Python that says `import numpy`)."""
    found: list[tuple[int, str]] = []
    in_string = in_comment = False
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if in_comment:
                in_comment = "*/" not in line
                continue
            if not in_string:
                match = IMPORT.match(line)
                if match:
                    found.append((number, match.group(1)))
                if line.lstrip().startswith("/*") and "*/" not in line:
                    in_comment = True
            if len(TRIPLE_QUOTE.findall(line)) % 2 == 1:
                in_string = not in_string
    return found


def problems(targets: list[architecture.Target], root: str) -> list[str]:
    """Every disagreement between the sources, Package.swift and the layering, as sentences."""
    by_name = {t.name: t for t in targets}
    found: list[str] = []
    for target in targets:
        if not target.swift_files:
            continue
        layer = None if target.is_test else architecture.layer_of(target)
        if not target.is_test and layer is None:
            found.append(f"{target.name}: not placed in the architecture; add it to LAYERS in scripts/architecture.py")
        places: dict[str, list[str]] = {}  # module → ["file:line", …]
        for path in target.swift_files:
            for number, module in imports(path):
                if module not in SYSTEM_MODULES and module != target.name:
                    places.setdefault(module, []).append(f"{os.path.relpath(path, root)}:{number}")
        for module, where in sorted(places.items()):
            at = where[0] + (f" and {len(where) - 1} more" if len(where) > 1 else "")
            if module not in target.dependencies:
                found.append(f"{at}: {target.name} imports {module}, which Package.swift does not declare for it")
                continue
            dependency = by_name.get(module)
            theirs = architecture.layer_of(dependency) if dependency else None
            if layer is not None and dependency is not None and (
                    theirs is None or architecture.rank(theirs) > architecture.rank(layer)):
                found.append(f"{at}: {target.name} ({layer}) imports {module} ({theirs or 'unplaced'}), "
                             "which is above it in the architecture")
        for module in target.dependencies:
            if module not in places:
                found.append(f"Package.swift: {target.name} declares {module}, which none of its sources imports")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--package-root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser.add_argument("--manifest-json", help="a saved `swift package dump-package` instead of running it")
    args = parser.parse_args()
    root = os.path.abspath(args.package_root)
    targets = architecture.targets(architecture.load_manifest(root, args.manifest_json), root)
    found = problems(targets, root)
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} import problem(s)", file=sys.stderr)
        return 1
    checked = sum(1 for t in targets if t.swift_files)
    print(f"imports match Package.swift and the layering in {checked} Swift targets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
