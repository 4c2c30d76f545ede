# Sourced by the shell tests: skip_or_fail REASON prints "SKIP: REASON" and exits 77 (ctest's
# SKIP_RETURN_CODE), or, when the environment variable CI is set (to anything but "", "0" or
# "false"), prints "FAIL: REASON" and exits 1: in CI a test that cannot run is a failure, not a
# skip. The C++ tests (tests/test_util.h, ANCHORNET_SKIP_OR_FAIL) and the Node ones
# (tests/browser/skip_or_fail.mjs) apply the same rule; docs/decisions.md 71.
# skip_step_or_fail REASON is for one step of a longer test: prints "SKIP (one step): REASON" and
# returns 0, or in CI prints "FAIL: ..." and returns 1 for the caller to count as a failure.

in_ci() {
  case "${CI:-}" in "" | 0 | false) return 1 ;; *) return 0 ;; esac
}

skip_or_fail() {
  if in_ci; then
    echo "FAIL: cannot run: $1 (CI is set, so this is a failure, not a skip)"; exit 1
  fi
  echo "SKIP: $1"; exit 77
}

skip_step_or_fail() {
  if in_ci; then
    echo "FAIL: cannot run one step: $1 (CI is set, so this is a failure, not a skip)"; return 1
  fi
  echo "SKIP (one step): $1"
}
