#!/usr/bin/env python3
"""Checks that every test skips through the skip-or-fail helpers (docs/decisions.md 71); ctest
test skip_rule.

A skip is a failure when CI is set; the helpers ANCHORNET_SKIP_OR_FAIL (tests/test_util.h),
skip_or_fail (tests/skip_or_fail.sh) and skipOrFail (tests/browser/skip_or_fail.mjs) apply that
rule, so a test that skips another way (GTEST_SKIP, exit 77, process.exit(77)) would pass quietly
in CI. Prints file:line for each; exits 1 when there is one. tests/fixtures/ holds deliberately
wrong files and is not checked.

Usage: check_skips.py [SOURCE_DIR]   (default: the checkout this script is in)
"""

import pathlib
import re
import sys

HELPERS = {"tests/test_util.h", "tests/skip_or_fail.sh", "tests/browser/skip_or_fail.mjs"}
DIRECT_SKIP = re.compile(r"GTEST_SKIP\s*\(|\bexit\s+77\b|process\.exit\(\s*77\s*\)")
FOLDERS = ["src", "tests", "fuzz", "bench", "web/test"]
SUFFIXES = {".cpp", ".h", ".sh", ".mjs", ".js", ".ts"}


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parents[1])
    findings = []
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            relative = path.relative_to(root).as_posix()
            if (path.suffix not in SUFFIXES or not path.is_file() or relative in HELPERS or
                    relative.startswith("tests/fixtures/")):
                continue
            with open(path, encoding="utf-8", errors="replace") as text:
                for number, line in enumerate(text, start=1):
                    code = line.split("//")[0] if path.suffix != ".sh" else line.split("#")[0]
                    if DIRECT_SKIP.search(code):
                        findings.append(f"{relative}:{number}: skips directly; use the "
                                        f"skip-or-fail helper (docs/decisions.md 71)")
    for finding in findings:
        print(finding)
    if findings:
        print(f"skip rule: {len(findings)} finding(s)")
        return 1
    print("skip rule: every test skips through a skip-or-fail helper")
    return 0


if __name__ == "__main__":
    sys.exit(main())
