#!/usr/bin/env bash
# Runs the official `stripe` Python SDK against the built emulator: keeps a git-ignored venv
# (.venv-sdk) holding the pinned `stripe` version (reinstalled when another version is found),
# starts the emulator on a free loopback port, runs scripts/emulator_sdk_test.py and stops the
# emulator. Prints "N passed, N failed".
#
#   STRIPE_SDK_VERSION   the stripe-python version under test (default below)
#   EMULATOR_BIN         the emulator executable (default .build/debug/stripe-oltp-emulator)
#   SDK_VENV             the virtualenv (default .venv-sdk)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${EMULATOR_BIN:-.build/debug/stripe-oltp-emulator}"
VENV="${SDK_VENV:-.venv-sdk}"
SDK_VERSION="${STRIPE_SDK_VERSION:-16.1.0}"
[ -x "$BIN" ] || swift build --product stripe-oltp-emulator ${SWIFT_FLAGS:-}
SDK_VENV="$VENV" STRIPE_SDK_VERSION="$SDK_VERSION" scripts/sdk-venv.sh
echo "sdk-test: stripe-python $SDK_VERSION against $BIN"
LOG="$(mktemp)"
"$BIN" --port 0 --quiet >"$LOG" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -f "$LOG"' EXIT
PORT=""
for _ in $(seq 1 100); do
  PORT="$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$LOG" | grep -o '[0-9]*$' || true)"
  [ -n "$PORT" ] && break
  kill -0 "$PID" 2>/dev/null || { cat "$LOG" >&2; exit 1; }
  sleep 0.1
done
[ -n "$PORT" ] || { echo "emulator did not start" >&2; exit 1; }
STRIPE_EMULATOR_URL="http://127.0.0.1:$PORT" "$VENV/bin/python" scripts/emulator_sdk_test.py
