#!/usr/bin/env bash
# Installs the system packages stripe-oltp needs when they are missing:
# libpq and libcurl headers (for the Swift system-library targets), pkg-config,
# and the PostgreSQL server (for the local clusters when no Docker engine answers).
# With --developer, also the tools of developer-only targets: graphviz (make schema-diagram).
set -euo pipefail

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if command -v pkg-config >/dev/null 2>&1; then
  pkg-config --exists libpq 2>/dev/null || missing+=(libpq-dev)
  pkg-config --exists libcurl 2>/dev/null || missing+=(libcurl4-openssl-dev)
else
  missing+=(libpq-dev libcurl4-openssl-dev)
fi
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
command -v gzip >/dev/null 2>&1 || missing+=(gzip)
command -v bc >/dev/null 2>&1 || missing+=(bc)
[ -x /usr/bin/time ] || missing+=(time)
command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
if [ "${1:-}" = "--developer" ]; then
  command -v dot >/dev/null 2>&1 || missing+=(graphviz)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "deps: missing ${missing[*]} and not root (no sudo): install them and run again" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "deps: installed ${missing[*]}"
