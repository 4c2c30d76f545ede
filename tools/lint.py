#!/usr/bin/env python3
"""make lint: clang-format and clang-tidy (Debian's clang-14 tools) on the changed code only.

"Changed" (docs/decisions.md 73) is the diff from a base commit to the working tree:
  - LINT_BASE when set (any commit, e.g. LINT_BASE=v0.1.0);
  - else, on a branch that is not the upstream (main, or origin/main in a clone of a branch), the
    merge-base with it: everything the branch changes;
  - else (the upstream itself: a clean clone in CI) the first parent of HEAD: the commit or merge
    under test.
clang-format checks the changed lines of changed .h/.cpp files (git clang-format). clang-tidy
(.clang-tidy) runs on changed .cpp files that the release tree compiles (its
compile_commands.json), reporting only on changed lines, so its cost grows with the change, not
the code base. Any finding fails; `--fix` applies clang-format's changes instead of failing on them.

Usage: lint.py [--build DIR] [--jobs N] [--fix]
Single-threaded except for the clang-tidy processes it runs in parallel.
"""

import argparse
import concurrent.futures
import json
import os
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
PATHS = ["src", "tests", "bench", "fuzz"]
FORMAT_EXTENSIONS = "cpp,h"
UPSTREAMS = ["main", "origin/main"]
CLANG_FORMAT = "clang-format-14"
CLANG_TIDY = "clang-tidy-14"
GIT_CLANG_FORMAT = "git-clang-format-14"
# The compile commands are GCC's: clang does not know some of its warning flags.
TIDY_EXTRA_ARGS = ["--extra-arg=-Wno-unknown-warning-option"]
FINDING = re.compile(r"^(\S+):(\d+):(\d+): (warning|error): ")


def git(*args, check=True):
    result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    if check and result.returncode != 0:
        sys.exit(f"lint: git {' '.join(args)} failed: {result.stderr.strip()}")
    return result


def commit_of(ref):
    result = git("rev-parse", "-q", "--verify", f"{ref}^{{commit}}", check=False)
    return result.stdout.strip() if result.returncode == 0 else None


def find_base():
    """Returns (commit, why) for the diff's base; exits when there is none (no quiet pass)."""
    if os.environ.get("LINT_BASE"):
        base = commit_of(os.environ["LINT_BASE"])
        if not base:
            sys.exit(f"lint: LINT_BASE={os.environ['LINT_BASE']} is not a commit here")
        return base, f"LINT_BASE={os.environ['LINT_BASE']}"
    head = commit_of("HEAD")
    for upstream in UPSTREAMS:
        tip = commit_of(upstream)
        if tip and tip != head:
            base = git("merge-base", "HEAD", upstream).stdout.strip()
            return base, f"merge-base with {upstream}"
    parent = commit_of("HEAD^1")
    if not parent:
        sys.exit("lint: HEAD has no parent here (a shallow clone?): fetch one more commit "
                 "(git fetch --deepen=1) or set LINT_BASE")
    return parent, "first parent of HEAD"


def changed_lines(base):
    """{path: [[first, last], ...]} of the lines added or changed since base, working tree included."""
    diff = git("diff", "-U0", "--no-color", "--no-ext-diff", base, "--", *PATHS).stdout
    lines = {}
    path = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            path = line[6:] if line.startswith("+++ b/") else None
        elif line.startswith("@@") and path:
            added = line.split(" ")[2]  # +start[,count]
            start, _, count = added[1:].partition(",")
            count = int(count) if count else 1
            if count > 0:
                lines.setdefault(path, []).append([int(start), int(start) + count - 1])
    return lines


def check_format(base, fix):
    command = [GIT_CLANG_FORMAT, "--binary", CLANG_FORMAT, "--extensions", FORMAT_EXTENSIONS]
    # --force: the working tree's own changes are what gets formatted, so none is lost.
    command.append("--force" if fix else "--diff")
    result = subprocess.run(command + [base, "--", *PATHS], cwd=ROOT, capture_output=True,
                            text=True)
    if result.returncode not in (0, 1):
        sys.exit(f"lint: {GIT_CLANG_FORMAT} failed: {result.stderr.strip()}")
    # Version 14 exits 0 whether or not it has a diff to show: read what it says instead.
    clean = any(line in ("no modified files to format", "clang-format did not modify any files")
                for line in result.stdout.splitlines())
    if fix or clean:
        print(result.stdout.strip())
        return 0
    print(result.stdout.rstrip())
    print("lint: clang-format would change the lines above (make format applies it)")
    return 1


def tidy_one(build, path, ranges):
    line_filter = json.dumps([{"name": str(ROOT / path), "lines": ranges}])
    result = subprocess.run(
        [CLANG_TIDY, "-p", str(build), "--quiet", f"--line-filter={line_filter}",
         *TIDY_EXTRA_ARGS, str(ROOT / path)],
        cwd=ROOT, capture_output=True, text=True)
    findings = [line for line in result.stdout.splitlines() if FINDING.match(line)]
    if result.returncode != 0 and not findings:
        findings = [f"{path}: clang-tidy exited {result.returncode}: "
                    f"{(result.stderr or result.stdout).strip()[-800:]}"]
    return path, findings, result.stdout


def check_tidy(build, lines, jobs):
    database = build / "compile_commands.json"
    if not database.is_file():
        sys.exit(f"lint: {database} is missing: configure the release tree first (make build)")
    compiled = {pathlib.Path(entry["file"]).resolve() for entry in json.loads(database.read_text())}
    files = {path: ranges for path, ranges in lines.items()
             if path.endswith(".cpp") and (ROOT / path).resolve() in compiled}
    left_out = sorted(p for p in lines if p.endswith(".cpp") and p not in files and
                      not p.startswith("tests/fixtures/"))  # deliberately wrong, never compiled
    if left_out:
        print(f"lint: clang-tidy leaves out {len(left_out)} changed .cpp file(s) the release tree "
              f"does not compile: {', '.join(left_out)}")
    print(f"lint: clang-tidy on {len(files)} changed .cpp file(s)")
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for path, findings, output in pool.map(lambda item: tidy_one(build, *item),
                                               sorted(files.items())):
            if findings:
                failed += 1
                print(output.rstrip() if output.strip() else "\n".join(findings))
    if failed:
        print(f"lint: clang-tidy findings on changed lines in {failed} file(s)")
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build/release")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--fix", action="store_true", help="apply clang-format; no clang-tidy")
    args = parser.parse_args()
    base, why = find_base()
    lines = changed_lines(base)
    print(f"lint: changes since {base[:12]} ({why}): {len(lines)} file(s)")
    status = check_format(base, args.fix)
    if args.fix:
        return status
    status |= check_tidy(ROOT / args.build, lines, args.jobs)
    print("lint: clean" if status == 0 else "lint: FAILED")
    return status


if __name__ == "__main__":
    sys.exit(main())
