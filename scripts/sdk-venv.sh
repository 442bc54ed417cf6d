#!/usr/bin/env bash
# Makes sure the git-ignored venv (.venv-sdk, SDK_VENV) holds the pinned official `stripe` Python
# SDK (STRIPE_SDK_VERSION, default the version pinned in scripts/emulator-sdk-test.sh), reinstalling it when another version is found. Used
# by scripts/emulator-sdk-test.sh and, before the Swift tests, by scripts/run-tests.sh (the webhook
# tests run scripts/webhook_sdk_test.py with it). Exit 1, naming the missing package, without PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${SDK_VENV:-.venv-sdk}"
SDK_VERSION="${STRIPE_SDK_VERSION:-$(sed -n 's/^SDK_VERSION="${STRIPE_SDK_VERSION:-\(.*\)}"$/\1/p' scripts/emulator-sdk-test.sh)}"
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
