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
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV" || {
    echo "sdk-test: could not create the virtualenv $VENV: the SDK test needs python3 with the venv module (Debian: python3-venv)" >&2
    exit 1
  }
fi
installed="$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("stripe"))' 2>/dev/null || true)"
if [ "$installed" != "$SDK_VERSION" ]; then
  echo "sdk-test: installing stripe==$SDK_VERSION into $VENV (found: ${installed:-none})"
  PIP_LOG="$(mktemp)"
  if ! "$VENV/bin/pip" install -q --disable-pip-version-check "stripe==$SDK_VERSION" >"$PIP_LOG" 2>&1; then
    echo "sdk-test: could not install the Python package stripe==$SDK_VERSION from PyPI into $VENV" >&2
    echo "sdk-test: (is PyPI reachable? pip said: $(tail -n 2 "$PIP_LOG" | tr '\n' ' '))" >&2
    echo "sdk-test: missing: stripe==$SDK_VERSION; install it with '$VENV/bin/pip install stripe==$SDK_VERSION' when PyPI answers" >&2
    rm -f "$PIP_LOG"
    exit 1
  fi
  rm -f "$PIP_LOG"
fi
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
