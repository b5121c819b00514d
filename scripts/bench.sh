#!/usr/bin/env bash
# Speed and size benchmark; run through `./build.sh bench` (which builds www/pkg first).
# Writes target/bench/{texts/,native.json,node.json,cold.json,memory.json,page.json,summary.json}
# and prints the table. See bench/README.md for what each figure means.
#   SHARED=../shared bash scripts/bench.sh
# Env: BENCH_WWW (page directory, default www), BENCH_COLD_RUNS (11), BENCH_PAGE_LOADS (5),
#      BENCH_COMPROMISE_MAX_BYTES (1100000: larger texts are skipped for compromise).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SHARED=${SHARED:-$ROOT/../shared}
WWW=${BENCH_WWW:-$ROOT/www}
PKG=$WWW/pkg
OUT=$ROOT/target/bench
TEXTS=$OUT/texts
COLD_RUNS=${BENCH_COLD_RUNS:-11}

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

[ -f "$PKG/article_lens_bg.wasm" ] || { echo "no $PKG/article_lens_bg.wasm: run ./build.sh bench" >&2; exit 1; }
[ -f "$SHARED/data/conll2003/test.jsonl" ] || { echo "no $SHARED/data/conll2003/test.jsonl: set SHARED=/path/to/shared" >&2; exit 1; }
mkdir -p "$OUT"
rm -f "$OUT"/{native,node,cold,memory,page,summary,meta}.json
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

log "texts"
node bench/texts.mjs "$SHARED" "$TEXTS"
INPUTS=()
for n in seed conll syn-10k syn-100k syn-1m syn-10m; do INPUTS+=("$n=$TEXTS/$n.txt"); done

log "native core (cargo --release example bench)"
cargo build --release --example bench
target/release/examples/bench --json "$OUT/native.json" "${INPUTS[@]}"

if [ ! -d bench/node_modules/compromise ] || [ ! -d bench/node_modules/compromise-dates ]; then
  log "installing the pinned compromise + compromise-dates into bench/node_modules (bench only)"
  (cd bench && npm ci --no-audit --no-fund)
fi

log "wasm in Node and compromise, same texts, one process"
node bench/node.mjs throughput "$PKG" "$TEXTS" "$OUT/node.json"

log "wasm cold start: $COLD_RUNS fresh Node processes"
{
  echo "["
  for i in $(seq 1 "$COLD_RUNS"); do
    [ "$i" = 1 ] || echo ","
    node bench/node.mjs cold "$PKG" "$TEXTS/seed.txt"
  done
  echo "]"
} > "$OUT/cold.json"

log "peak wasm memory on 10 MB (fresh process)"
node bench/node.mjs memory "$PKG" "$TEXTS/syn-10m.txt" > "$OUT/memory.json"

PAGE_SKIPPED=""
if [ -f "$WWW/index.html" ] && [ -d node_modules/playwright-core ] && [ -x /usr/bin/chromium ]; then
  log "page in headless Chromium"
  node bench/page.mjs "$WWW" "$TEXTS/syn-1m.txt" "$OUT/page.json" || PAGE_SKIPPED="bench/page.mjs failed (see above)"
else
  PAGE_SKIPPED="no $WWW/index.html, node_modules/playwright-core or /usr/bin/chromium"
fi
printf '{"load_before": [%s], "page_skipped": %s}\n' "$(echo "$LOAD_BEFORE" | tr ' ' ',')" \
  "$([ -n "$PAGE_SKIPPED" ] && printf '"%s"' "$PAGE_SKIPPED" || echo null)" > "$OUT/meta.json"

node bench/summary.mjs "$OUT"
