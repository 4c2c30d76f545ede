// The Node side of tests/skip_or_fail.sh: skipOrFail(reason) prints "SKIP: reason" and exits 77
// (ctest's SKIP_RETURN_CODE), or, when the environment variable CI is set (to anything but "",
// "0" or "false"), prints "FAIL: reason" and exits 1: in CI a test that cannot run is a failure.
// skipStepOrFail(reason, fail) is for one step of a longer test: it prints "SKIP (one step):
// reason", or in CI calls fail(message), the test's own way of recording a failure and going on.
// docs/decisions.md 71. Single-threaded, as Node scripts are.

export function inCi() {
  const ci = process.env.CI ?? '';
  return ci !== '' && ci !== '0' && ci !== 'false';
}

export function skipOrFail(reason) {
  if (inCi()) {
    console.log(`FAIL: cannot run: ${reason} (CI is set, so this is a failure, not a skip)`);
    process.exit(1);
  }
  console.log(`SKIP: ${reason}`);
  process.exit(77);
}

export function skipStepOrFail(reason, fail) {
  if (inCi()) {
    fail(`cannot run one step: ${reason} (CI is set, so this is a failure, not a skip)`);
    return;
  }
  console.log(`SKIP (one step): ${reason}`);
}
