#!/usr/bin/env bash
# Runs the official `stripe` Python SDK against the built emulator: creates a git-ignored venv
# (.venv-sdk) with `stripe` from PyPI, starts the emulator on a free loopback port, runs
# scripts/emulator_sdk_test.py and stops the emulator. Prints "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${EMULATOR_BIN:-.build/debug/stripe-oltp-emulator}"
VENV=.venv-sdk
[ -x "$BIN" ] || swift build --product stripe-oltp-emulator ${SWIFT_FLAGS:-}
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -c "import stripe" 2>/dev/null || "$VENV/bin/pip" install -q stripe
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
