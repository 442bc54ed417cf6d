#!/usr/bin/env bash
# Runs every test suite of `make test` on an already built tree and ends with one line that
# counts them all: "N passed, N failed". Counted: each Swift Testing test, each check of the
# script tests, each check of the Python SDK test. A suite that ends abnormally (a crash, a
# missing tool) without reporting a failure counts as one failure, named above the total.
#
#   scripts/run-tests.sh [swift test arguments…]
#
#   SWIFT_TEST_CMD   the Swift Testing run (default: swift test --skip-build $SWIFT_FLAGS)
#   SCRIPT_TESTS     the script tests, each printing "ok …"/"FAIL …" lines (default: scripts/tests/*-test.sh)
#   SDK_TEST_CMD     the SDK test, ending with "N passed, N failed" (default: scripts/emulator-sdk-test.sh)
#
# Above the total it names the Swift tests that ended last and how long after their start
# (scripts/test-durations.py, from Swift Testing's event stream; in this parallel run that time
# includes waiting for the shared threads — `make test-times` measures each test on its own).
# A report, never a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
EMULATOR_BIN="${EMULATOR_BIN:-.build/debug/stripe-oltp-emulator}"
SWIFT_TEST_CMD="${SWIFT_TEST_CMD:-swift test --skip-build ${SWIFT_FLAGS:-}}"
SCRIPT_TESTS="${SCRIPT_TESTS-$(ls scripts/tests/*-test.sh 2>/dev/null | tr '\n' ' ')}"
SDK_TEST_CMD="${SDK_TEST_CMD:-scripts/emulator-sdk-test.sh}"
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
passed=0
failed=0
notes=()

plain() { sed -e 's/\x1b\[[0-9;]*[A-Za-z]//g' "$1"; }

# Adds a suite's counts; a non-zero status with no failure counted is one failure.
tally() { # name status passed failed
  passed=$((passed + $3))
  failed=$((failed + $4))
  if [ "$2" -ne 0 ] && [ "$4" -eq 0 ]; then
    failed=$((failed + 1))
    notes+=("$1 ended with status $2 without reporting a failed test")
  fi
}

# The webhook SDK test (a Swift test) runs the pinned Python SDK: install it first (a failure
# shows there, and again as the failing tests).
scripts/sdk-venv.sh || true
$SWIFT_TEST_CMD --event-stream-output-path "$logs/events.jsonl" --event-stream-version 0 "$@" 2>&1 \
  | tee "$logs/swift.log"
status=${PIPESTATUS[0]}
slowest="$(scripts/test-durations.py "$logs/events.jsonl" 2>&1 || true)"
ok="$(plain "$logs/swift.log" | grep -E '^[^ ]+ Test .* passed after' | grep -vc 'Test run with' || true)"
bad="$(plain "$logs/swift.log" | grep -E '^[^ ]+ Test .* failed after' | grep -vc 'Test run with' || true)"
tally "swift test" "$status" "$ok" "$bad"

for script in $SCRIPT_TESTS; do
  "$script" 2>&1 | tee "$logs/script.log"
  status=${PIPESTATUS[0]}
  tally "$script" "$status" "$(grep -c '^ok ' "$logs/script.log" || true)" "$(grep -c '^FAIL ' "$logs/script.log" || true)"
done

EMULATOR_BIN="$EMULATOR_BIN" $SDK_TEST_CMD 2>&1 | tee "$logs/sdk.log"
status=${PIPESTATUS[0]}
line="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$logs/sdk.log" | tail -n 1)"
tally "$SDK_TEST_CMD" "$status" "$(echo "${line:-0 passed, 0 failed}" | cut -d' ' -f1)" \
  "$(echo "${line:-0 passed, 0 failed}" | cut -d' ' -f3)"

echo
echo "$slowest"
for note in "${notes[@]}"; do echo "make test: $note"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
