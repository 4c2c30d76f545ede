#!/usr/bin/env python3
"""Checks the include direction docs/architecture.md promises; run by ctest (test include_order).

Every library under src/ exports the same include root, so an include that points "upwards"
(store including metrics, say) would compile; this check is what stops it. A file in
src/<folder>/ may include "<other>/..." only when <other> comes before <folder> in LAYERS, and may
include another folder's private headers ("<other>/internal/...", "store/sqlite/...") not at all.
Unit tests beside the code (*_test.cpp) are linked with every library, so they may include any
folder's public headers. Prints file:line: message for every finding; exits 1 when there is one.

Usage: check_include_order.py [SOURCE_DIR]   (default: the checkout this script is in)
"""

import pathlib
import re
import sys

# The one list of layers, lowest first (docs/architecture.md describes each). A folder under src/
# must appear here; a new one goes where its dependencies put it.
LAYERS = ["core", "store", "ingest", "resolve", "metrics", "report", "demo", "app", "api", "cli"]

# Subfolders holding a layer's private headers: only that layer may include them.
PRIVATE_SUBFOLDERS = {"internal", "sqlite"}

SOURCE_SUFFIXES = {".h", ".hpp", ".cpp", ".cc", ".in"}
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')


def check_file(src, path, folder, rank, relative):
    findings = []
    is_test = path.name.endswith("_test.cpp")
    with open(path, encoding="utf-8", errors="replace") as text:
        for number, line in enumerate(text, start=1):
            match = INCLUDE.match(line)
            if not match:
                continue
            parts = match.group(1).split("/")
            if len(parts) < 2:
                continue  # "test_util.h" and the like: not a folder
            target = parts[0]
            where = f"{relative}:{number}"
            if target not in rank:
                if (src / target).is_dir():
                    findings.append(f'{where}: includes "{match.group(1)}" from src/{target}/, '
                                    f"which is not in LAYERS of {pathlib.Path(__file__).name}")
                continue
            if target == folder:
                continue
            if len(parts) > 2 and parts[1] in PRIVATE_SUBFOLDERS:
                findings.append(f'{where}: includes "{match.group(1)}", private to src/{target}/')
            elif rank[target] > rank[folder] and not is_test:
                findings.append(f'{where}: src/{folder}/ includes "{match.group(1)}" but {target} '
                                f"is above {folder} (order: {' < '.join(LAYERS)})")
    return findings


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parents[1])
    src = root / "src"
    rank = {name: i for i, name in enumerate(LAYERS)}
    findings = []
    for folder in sorted(p for p in src.iterdir() if p.is_dir()):
        if folder.name not in rank:
            findings.append(f"src/{folder.name}/: a folder not in LAYERS of "
                            f"{pathlib.Path(__file__).name}; add it where its dependencies put it")
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix in SOURCE_SUFFIXES and path.is_file():
                findings += check_file(src, path, folder.name, rank,
                                       path.relative_to(root).as_posix())
    for finding in findings:
        print(finding)
    if findings:
        print(f"include order: {len(findings)} finding(s)")
        return 1
    print(f"include order: every include in src/ points down ({' < '.join(LAYERS)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
