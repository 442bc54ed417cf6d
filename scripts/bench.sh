#!/usr/bin/env bash
# make bench: generate a synthetic dump set, then measure on a fresh database
#   (a) stripe-oltp ingest all: wall time and peak RSS
#   (b) the floor: COPY of the same objects as (id text primary key, raw jsonb), one table per resource
#   (b') the same floor with raw compressed by lz4, as the loader stores it
#   (c) re-ingesting the unchanged set
#   (d) the integrity check of the loaded set against the dumps
# and print a/b' first (the like-for-like ratio, target <= 1.6), then objects/s and the ratios
# a/b, c/a and d/a. BENCH_DB names the database (default stripe_oltp_bench) on the dev server.
set -euo pipefail
bin="$1"; customers="$2"; dir="$3"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

source scripts/env.sh
dev_url="$(database_url dev)"
server="${dev_url%/*}"
bench_db="${BENCH_DB:-stripe_oltp_bench}"
bench_url="$server/$bench_db"
# The catalog's resources in load order (the CLI derives them; nothing here lists them by hand).
mapfile -t resources < <("$bin" resources)
[ "${#resources[@]}" -gt 0 ] || { echo "bench: $bin resources printed no resource names" >&2; exit 1; }

if [ ! -f "$dir/.customers" ] || [ "$(cat "$dir/.customers")" != "$customers" ]; then
  echo "bench: generating $customers customers into $dir"
  rm -rf "$dir"
  "$bin" generate --customers "$customers" --out "$dir"
  echo "$customers" > "$dir/.customers"
fi
objects=0
for r in "${resources[@]}"; do objects=$((objects + $(wc -l < "$dir/$r.json"))); done
size_mb=$(du -sm "$dir" | cut -f1)
echo "bench: $objects objects, ${size_mb} MB in $dir"

fresh_db() {
  psql "$server/postgres" -q -c "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)" -c "CREATE DATABASE $bench_db" >/dev/null
}
# Every measured phase starts from a checkpoint, so none pays for flushing the previous one's
# dirty buffers (skipped quietly where the role may not checkpoint).
settle() { psql "$server/postgres" -q -c "CHECKPOINT" >/dev/null 2>&1 || true; }

# (b) the floor
fresh_db
floor_dir="$(mktemp -d)"
trap 'rm -rf "$floor_dir"' EXIT
python3 - "$dir" "$floor_dir" "${resources[@]}" <<'PY'
import json, sys
src, out, *resources = sys.argv[1:]
for r in resources:
    with open(f"{src}/{r}.json", "rb") as f, open(f"{out}/{r}.tsv", "wb") as o:
        for line in f:
            line = line.strip()
            if not line:
                continue
            oid = json.loads(line)["id"].encode()
            raw = line.replace(b"\\", b"\\\\").replace(b"\t", b"\\t")
            o.write(oid + b"\t" + raw + b"\n")
PY
# $1: table suffix, $2: column options for raw ("" = the server's default TOAST compression)
copy_floor() {
  for r in "${resources[@]}"; do
    psql "$bench_url" -q -c "CREATE TABLE floor$1_$r (id text PRIMARY KEY, raw jsonb $2 NOT NULL)" >/dev/null
  done
  settle
  local start; start=$(date +%s.%N)
  for r in "${resources[@]}"; do
    psql "$bench_url" -q -c "\\copy floor$1_$r (id, raw) FROM '$floor_dir/$r.tsv'" >/dev/null
  done
  echo "$(date +%s.%N) - $start" | bc
}
floor=$(copy_floor "" "")
# (b') the same with lz4, as the loader stores raw (migration 0003), for a like-for-like ratio
fresh_db
floor_lz4=$(copy_floor "_lz4" "COMPRESSION lz4" 2>/dev/null || echo 0)

# (a) ingest into a fresh, migrated database
fresh_db
"$bin" migrate up --database-url "$bench_url" >/dev/null
settle
/usr/bin/time -f "%e %M" -o "$floor_dir/time-a" "$bin" ingest all --dir "$dir" --database-url "$bench_url" > "$floor_dir/ingest-a.txt"
read -r ingest rss_kb < "$floor_dir/time-a"
# (c) re-ingest, unchanged
settle
/usr/bin/time -f "%e %M" -o "$floor_dir/time-c" "$bin" ingest all --dir "$dir" --database-url "$bench_url" > "$floor_dir/ingest-c.txt"
read -r reingest rss_kb_c < "$floor_dir/time-c"

# (d) integrity check of the loaded set
settle
/usr/bin/time -f "%e %M" -o "$floor_dir/time-d" "$bin" check --dir "$dir" --database-url "$bench_url" > "$floor_dir/check.txt" || { cat "$floor_dir/check.txt"; echo "bench: check found differences" >&2; exit 1; }
read -r check rss_kb_d < "$floor_dir/time-d"

# The headline first: ingest against the like-for-like floor (both with lz4), the figure issue
# reports compare across versions.
if [ "$(echo "$floor_lz4 > 0" | bc)" = 1 ]; then
  printf "bench: a/b' = %.2f (target <= 1.6): ingest %.1f s against the lz4 COPY floor %.1f s\n" \
    "$(echo "$ingest / $floor_lz4" | bc -l)" "$ingest" "$floor_lz4"
else
  echo "bench: a/b' = n/a (target <= 1.6): the server has no lz4, so no like-for-like floor"
fi
cat "$floor_dir/ingest-a.txt"
echo
printf 'bench: objects                 %d (%s MB)\n' "$objects" "$size_mb"
printf 'bench: (b) COPY floor          %.1f s  (%.0f objects/s)\n' "$floor" "$(echo "$objects / $floor" | bc -l)"
printf "bench: (b') COPY floor, lz4    %.1f s  (raw jsonb COMPRESSION lz4, as the loader stores it)\n" "$floor_lz4"
printf 'bench: (a) ingest all          %.1f s  (%.0f objects/s), peak RSS %d MB\n' "$ingest" "$(echo "$objects / $ingest" | bc -l)" "$((rss_kb / 1024))"
printf 'bench: (c) re-ingest unchanged %.1f s, peak RSS %d MB\n' "$reingest" "$((rss_kb_c / 1024))"
printf 'bench: (d) check              %.1f s, peak RSS %d MB\n' "$check" "$((rss_kb_d / 1024))"
printf 'bench: a/b = %.2f (target <= 1.3), c/a = %.2f (target <= 0.5), d/a = %.2f (target <= 1)\n' "$(echo "$ingest / $floor" | bc -l)" "$(echo "$reingest / $ingest" | bc -l)" "$(echo "$check / $ingest" | bc -l)"
