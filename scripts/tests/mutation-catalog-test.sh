#!/usr/bin/env bash
# Script-level test of the mutation catalog: every entry of scripts/mutations.json can be applied
# to today's sources (its file exists and its text occurs exactly once), and `mutate.py --validate`
# names an entry whose text is gone, occurs twice, whose file is missing or whose name repeats.
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
work="$(mktemp -d /tmp/stripe-oltp-mutcat.XXXXXX)"
trap 'rm -rf "$work"' EXIT
failures=0
check() { local what="$1"; shift; if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; failures=$((failures + 1)); fi; }

scripts/mutate.py --validate >"$work/real" 2>&1; real=$?
check "every catalog entry applies to today's sources" test "$real" -eq 0
[ "$real" -eq 0 ] || cat "$work/real"

# A catalog of four broken entries, each a copy of the first real one with one fault.
python3 - "$work/broken.json" <<'PY'
import json, sys
first = json.load(open("scripts/mutations.json"))[0]
gone = dict(first, name="text-gone", find=first["find"] + "no such text anywhere")
missing = dict(first, name="file-missing", file="Sources/NoSuchFile.swift")
twice = dict(first, name="twice", find="\n")
json.dump([first, gone, missing, twice, dict(first)], open(sys.argv[1], "w"))
PY
scripts/mutate.py --validate --catalog "$work/broken.json" >"$work/broken" 2>&1; broken=$?
check "a broken catalog fails validation" test "$broken" -ne 0
check "it names the entry whose text is gone" grep -qF "text-gone: the text to replace occurs 0 times" "$work/broken"
check "it names the entry whose file is missing" grep -qF "file-missing: Sources/NoSuchFile.swift does not exist" "$work/broken"
check "it names the entry whose text occurs more than once" grep -qE "twice: the text to replace occurs [0-9]+ times" "$work/broken"
check "it names a repeated name" grep -qF "the name is used twice" "$work/broken"
check "it counts the usable entries" grep -qF "mutations: 1 of 5 entries usable" "$work/broken"

if [ "$failures" -ne 0 ]; then cat "$work/broken"; echo "mutation-catalog-test: $failures check(s) failed"; exit 1; fi
echo "mutation-catalog-test: all checks passed"
