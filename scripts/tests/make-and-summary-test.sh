#!/usr/bin/env bash
# Script-level test of the Makefile's build stamps and of scripts/run-tests.sh's closing line:
#   - with the stamps current, build targets have nothing to do (no re-planning swift build);
#     a changed source, Package.swift or test makes them due again;
#   - the emulator targets use the one release build; emulator-up runs it in the background and
#     emulator-down stops it;
#   - run-tests.sh ends with "N passed, N failed" counting Swift Testing's tests, the script
#     tests' checks and the SDK test's, after XCTest's empty "Executed 0 tests" line, and counts
#     a suite that dies without a failure as one.
# Runs nothing heavy: make -q/-n only, and stub suites.
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
work="$(mktemp -d /tmp/stripe-oltp-maketest.XXXXXX)"
trap 'rm -rf "$work"' EXIT
failures=0
check() { local what="$1"; shift; if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; failures=$((failures + 1)); fi; }

# Build stamps, probed with -q (question mode: runs nothing) on a copy of the stamps' state.
mkdir -p .build
saved_release="" saved_debug=""
[ -e .build/stamp-release ] && saved_release="$(stat -c %Y .build/stamp-release)"
[ -e .build/stamp-debug-tests ] && saved_debug="$(stat -c %Y .build/stamp-debug-tests)"
touch .build/stamp-release .build/stamp-debug-tests
make -q build-release >/dev/null 2>&1; current_release=$?
make -q build >/dev/null 2>&1; current_debug=$?
some_source="$(find Sources -name '*.swift' | head -n 1)"
make -q -W "$some_source" build-release >/dev/null 2>&1; changed_source=$?
make -q -W Package.swift build-release >/dev/null 2>&1; changed_package=$?
make -q -W "$(find Tests -name '*.swift' | head -n 1)" build >/dev/null 2>&1; changed_test=$?
emulator_plan="$(make -n emulator 2>/dev/null)"
# emulator-up / emulator-down with the debug emulator (the release stamp is current, so nothing builds).
emulator_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
emu=(EMULATOR_BIN=.build/debug/stripe-oltp-emulator EMULATOR_PID="$work/emulator.pid" EMULATOR_LOG="$work/emulator.log" PORT="$emulator_port")
make -s emulator-up "${emu[@]}" >"$work/up.out" 2>&1; up=$?
probe() { python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=3).read().decode())' "$1" 2>/dev/null || true; }
health="$(probe "http://127.0.0.1:$emulator_port/_emulator/health")"
make -s emulator-down "${emu[@]}" >"$work/down.out" 2>&1
sleep 0.3
after="$(probe "http://127.0.0.1:$emulator_port/_emulator/health")"
# Put the stamps back as they were, so the real build state is untouched.
if [ -n "$saved_release" ]; then touch -d "@$saved_release" .build/stamp-release; else rm -f .build/stamp-release; fi
if [ -n "$saved_debug" ]; then touch -d "@$saved_debug" .build/stamp-debug-tests; else rm -f .build/stamp-debug-tests; fi

check "a current release stamp leaves build-release nothing to do" test "$current_release" -eq 0
check "a current debug stamp leaves build nothing to do" test "$current_debug" -eq 0
check "a changed source makes the release build due" test "$changed_source" -ne 0
check "a changed Package.swift makes the release build due" test "$changed_package" -ne 0
check "a changed test makes the debug build due" test "$changed_test" -ne 0
check "make emulator runs the release emulator, with no build of its own" \
  bash -c "grep -q '^.build/release/stripe-oltp-emulator' <<<'$emulator_plan' && ! grep -q 'swift build' <<<'$emulator_plan'"

check "emulator-up starts the emulator in the background" bash -c "[ $up -eq 0 ] && grep -q '\"ok\"' <<<'$health'"
check "emulator-up says where it listens" grep -q "listening on http://127.0.0.1:$emulator_port" "$work/up.out"
check "emulator-down stops it" bash -c "grep -q stopped '$work/down.out' && [ -z '$after' ]"

# The closing line, with stub suites.
cat >"$work/swift-stub" <<'STUB'
#!/usr/bin/env bash
echo "✔ Test \"one\" passed after 0.1 seconds."
echo "✔ Test \"two\" passed after 0.1 seconds."
echo "✘ Test \"three\" failed after 0.1 seconds with 1 issue."
echo "✔ Suite \"S\" passed after 0.3 seconds."
echo "✘ Test run with 3 tests failed after 0.3 seconds with 1 issue."
echo "Executed 0 tests, with 0 failures (0 unexpected) in 0.000 (0.000) seconds"
exit 1
STUB
printf '#!/usr/bin/env bash\necho "ok   - a"\necho "FAIL - b"\nexit 1\n' >"$work/script-test"
printf '#!/usr/bin/env bash\necho "4 passed, 0 failed"\n' >"$work/sdk-ok"
printf '#!/usr/bin/env bash\necho "sdk-test: could not install stripe"\nexit 1\n' >"$work/sdk-broken"
cat >"$work/swift-events" <<'STUB'
#!/usr/bin/env bash
# Writes a two-test event stream where it is told to: "b" takes 2 of the run's 4 seconds.
while [ $# -gt 0 ]; do [ "$1" = --event-stream-output-path ] && out="$2"; shift; done
t() { echo "{\"kind\":\"test\",\"payload\":{\"kind\":\"function\",\"id\":\"$1\",\"displayName\":\"$1\"}}"; }
e() { echo "{\"kind\":\"event\",\"payload\":{\"kind\":\"$1\",\"instant\":{\"absolute\":$2},\"testID\":\"$3\"}}"; }
{ t a; t b; e runStarted 10 x; e testStarted 10 a; e testStarted 11 b; e testEnded 11.5 a; e testEnded 13 b; e runEnded 14 x; } >"$out"
echo "✔ Test \"a\" passed after 1.5 seconds."
echo "✔ Test \"b\" passed after 2 seconds."
STUB
chmod +x "$work"/*
SWIFT_TEST_CMD="$work/swift-events" SCRIPT_TESTS="" SDK_TEST_CMD="$work/sdk-ok" \
  scripts/run-tests.sh >"$work/timed.out" 2>&1
SWIFT_TEST_CMD="$work/swift-stub" SCRIPT_TESTS="$work/script-test" SDK_TEST_CMD="$work/sdk-ok" \
  scripts/run-tests.sh >"$work/mixed.out" 2>&1; mixed=$?
SWIFT_TEST_CMD="true" SCRIPT_TESTS="" SDK_TEST_CMD="$work/sdk-broken" \
  scripts/run-tests.sh >"$work/broken.out" 2>&1; broken=$?
SWIFT_TEST_CMD="echo ✔ Test \"x\" passed after 0.1 seconds." SCRIPT_TESTS="" SDK_TEST_CMD="$work/sdk-ok" \
  scripts/run-tests.sh >"$work/green.out" 2>&1; green=$?

check "the last line counts every suite (2+1+4 passed, 1+1 failed)" test "$(tail -n 1 "$work/mixed.out")" = "7 passed, 2 failed"
check "failures make the run fail" test "$mixed" -ne 0
check "XCTest's empty run is not the last line" bash -c "! tail -n 1 '$work/mixed.out' | grep -q Executed"
check "a suite that dies without a failed test counts as one failure" test "$(tail -n 1 "$work/broken.out")" = "0 passed, 1 failed"
check "and is named above the total" grep -q "sdk-broken ended with status 1" "$work/broken.out"
check "a green run ends with 0 failed and exits 0" bash -c "[ \"\$(tail -n 1 '$work/green.out')\" = '5 passed, 0 failed' ] && [ $green -eq 0 ]"
check "a broken run exits non-zero" test "$broken" -ne 0
check "the slowest test and its share of the run are named above the total" \
  grep -qx "slowest test: b 2.0 s of the run's 4.0 s (50%)" "$work/timed.out"
check "a run without an event stream says so instead of failing" grep -q "slowest test: no event stream" "$work/green.out"

if [ "$failures" -ne 0 ]; then
  for f in mixed broken green timed; do echo "--- $f"; cat "$work/$f.out"; done
  echo "make-and-summary-test: $failures check(s) failed"
  exit 1
fi
echo "make-and-summary-test: all checks passed"
