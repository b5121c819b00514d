#!/usr/bin/env bash
# Article Lens build script. Installs what is missing on a fresh machine and skips what is there.
#
#   ./build.sh              build the wasm (release) into www/pkg/
#   ./build.sh serve [PORT] build, then serve www/ on http://127.0.0.1:PORT (default 8000)
#   ./build.sh test         Rust tests (native and wasm in Node), wasm build, browser tests in headless
#                           Chromium, and a 60 s smoke run of each fuzz target (SKIP_FUZZ=1 skips it locally)
#   ./build.sh train        retrain the name tagger from ../shared/data (writes data/)
#   ./build.sh eval [FILE]  name-tagging precision/recall/F1 (default: CoNLL-2003 test)
#   ./build.sh bench        speed and size benchmark (native, wasm in Node, compromise, Chromium)
#   ./build.sh dist         npm-ready package and single-file build in dist/
#   ./build.sh fuzz [SECS]  run each fuzz target (default 60 s each)
#   ./build.sh setup        only install the toolchain pieces
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
SHARED=${SHARED:-$ROOT/../shared}
CRATE=article_lens
PKG=www/pkg

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

wbg_version() {
  # The exact wasm-bindgen version in Cargo.lock; the CLI must match it.
  grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p'
}

setup_rust() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! cargo fmt --version >/dev/null 2>&1; then
    log "adding rustfmt (the format check of ./build.sh test)"
    rustup component add rustfmt
  fi
  [ -f Cargo.lock ] || cargo generate-lockfile
  local want
  want=$(wbg_version)
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    log "installing wasm-bindgen-cli $want (about 6 minutes, once)"
    # No --locked: the CLI's lockfile pins a crate version the registry here lacks (see TOOLCHAIN.md).
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

setup_node() {
  # Every devDependency of package.json present at the locked version, else npm ci.
  if ! node -e '
      const fs = require("fs"), lock = require("./package-lock.json");
      for (const name of Object.keys(require("./package.json").devDependencies || {})) {
        const p = "node_modules/" + name + "/package.json";
        if (!fs.existsSync(p) || require("./" + p).version !== lock.packages["node_modules/" + name].version) process.exit(1);
      }' 2>/dev/null; then
    log "installing dev npm packages (package-lock.json)"
    npm ci --no-audit --no-fund
  fi
}

setup_chromium() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    log "installing Debian chromium and chromium-driver"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium chromium-driver
  fi
}

setup() { setup_rust; setup_node; setup_chromium; }

build_wasm() {
  setup_rust
  setup_node
  log "building the wasm (release)"
  cargo build --release --target wasm32-unknown-unknown --lib "$@"
  rm -rf "$PKG"
  wasm-bindgen --target web --no-typescript --out-dir "$PKG" "target/wasm32-unknown-unknown/release/$CRATE.wasm"
  if [ "${NO_WASM_OPT:-}" != 1 ]; then
    # -O3 (speed; the Rust side is opt-level 3 with SIMD128, see .cargo/config.toml), except that a
    # function with a single caller is inlined only when small (<= 300 bytes): by default the optimizer
    # folded most of the pipeline into one 128 KB function, which V8 compiles lazily and tiers up as one
    # piece (measured with -Oz: largest function 128 KB -> 18 KB, page's first analysis ~780 -> ~690 ms).
    log "wasm-opt -O3"
    node_modules/.bin/wasm-opt -O3 --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --one-caller-inline-max-function-size=300 \
      "$PKG/${CRATE}_bg.wasm" -o "$PKG/${CRATE}_bg.wasm"
  fi
  # Smoke-test the optimized module: a bad optimizer only shows at instantiate time.
  node --input-type=module -e "
    import { readFileSync } from 'node:fs';
    const m = await import('$ROOT/$PKG/$CRATE.js');
    await m.default({ module_or_path: readFileSync('$ROOT/$PKG/${CRATE}_bg.wasm') });
    const a = m.analyze('88% of 424 airstrikes since 2004.', undefined);
    if (typeof a.version !== 'string' || !Array.isArray(a.spans)) { console.error('wasm smoke test failed', a); process.exit(1); }
  "
  local raw gz
  raw=$(stat -c %s "$PKG/${CRATE}_bg.wasm")
  gz=$(gzip -9 -c "$PKG/${CRATE}_bg.wasm" | wc -c)
  log "wasm: $raw bytes raw, $gz bytes gzip -9"
}

serve() {
  local port=${1:-8000}
  build_wasm
  log "serving www/ at http://127.0.0.1:$port/  (Ctrl-C stops)"
  exec python3 -m http.server "$port" --bind 127.0.0.1 --directory www
}

rust_tests() {
  log "Rust formatting (cargo fmt --check, rustfmt.toml)"
  cargo fmt --check
  log "Rust tests (native)"
  cargo test --all-targets
  cargo test --doc
}

browser_tests() {
  setup_chromium
  setup_node
  log "browser tests (headless Chromium)"
  mkdir -p test-output
  node --test --test-concurrency=1 tests/browser/
}

cmd=${1:-build}
shift || true
case "$cmd" in
  build) build_wasm "$@" ;;
  serve) serve "$@" ;;
  setup) setup ;;
  test)
    setup
    rust_tests
    log "wasm tests in Node (wasm-bindgen-test)"
    bash scripts/wasm-tests.sh
    build_wasm
    browser_tests
    # A 60-second smoke run of each fuzz target; SKIP_FUZZ=1 skips it locally, never in CI.
    if [ "${SKIP_FUZZ:-}" = 1 ] && [ "${CI:-}" != true ]; then
      log "fuzz smoke run skipped (SKIP_FUZZ=1)"
    else
      FUZZ_SANITIZER=${FUZZ_SANITIZER:-none} bash scripts/fuzz.sh "${FUZZ_SECONDS:-60}"
    fi
    log "all tests passed"
    ;;
  train)
    cargo run --release -- train "$@"
    ;;
  eval)
    cargo run --release -- eval "${1:-$SHARED/data/conll2003/test.jsonl}"
    ;;
  bench)
    build_wasm
    setup_chromium
    SHARED="$SHARED" bash scripts/bench.sh "$@"
    ;;
  dist)
    build_wasm
    bash scripts/dist.sh "$@"
    ;;
  fuzz)
    bash scripts/fuzz.sh "${1:-60}"
    ;;
  *)
    sed -n '2,10p' "$0" >&2
    exit 2
    ;;
esac
