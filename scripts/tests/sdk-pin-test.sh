#!/usr/bin/env bash
# Script-level test of scripts/emulator-sdk-test.sh's pinning: in a fresh virtualenv, with PyPI
# out of reach (an index nobody answers on), the step fails before starting anything and says
# which package is missing and why.
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
work="$(mktemp -d /tmp/stripe-oltp-sdkpin.XXXXXX)"
trap 'rm -rf "$work"' EXIT
failures=0
check() { local what="$1"; shift; if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; failures=$((failures + 1)); fi; }

pinned="$(sed -n 's/^SDK_VERSION="${STRIPE_SDK_VERSION:-\(.*\)}"$/\1/p' scripts/emulator-sdk-test.sh)"
SDK_VENV="$work/venv" EMULATOR_BIN=/bin/true PIP_INDEX_URL=http://127.0.0.1:9/simple PIP_RETRIES=0 PIP_TIMEOUT=2 \
  PIP_NO_CACHE_DIR=1 scripts/emulator-sdk-test.sh >"$work/out" 2>&1; status=$?

check "the SDK version is pinned to an exact release" bash -c "[[ '$pinned' =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]"
check "an unreachable PyPI fails the step" test "$status" -ne 0
check "it says it installs the pinned version into the venv" grep -qF "installing stripe==$pinned into $work/venv (found: none)" "$work/out"
check "it names the missing package" grep -qF "missing: stripe==$pinned" "$work/out"
check "it says PyPI may be unreachable" grep -qF "is PyPI reachable?" "$work/out"
check "nothing ran against the emulator" bash -c "! grep -q 'stripe-python' '$work/out'"

if [ "$failures" -ne 0 ]; then cat "$work/out"; echo "sdk-pin-test: $failures check(s) failed"; exit 1; fi
echo "sdk-pin-test: all checks passed"
