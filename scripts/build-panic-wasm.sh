#!/usr/bin/env bash
# Builds the test-only wasm with the `panic-trigger` feature into target/panic-pkg/ (no wasm-opt).
# In that build, analyze("\u0000article-lens:panic") panics; tests/browser/recovery.test.mjs serves it
# in place of www/pkg/ to check that the page survives a real wasm trap. Never ship this build.
set -euo pipefail
cd "$(dirname "$0")/.."
CRATE=article_lens
OUT=target/panic-pkg
cargo build --release --target wasm32-unknown-unknown --lib --features panic-trigger
rm -rf "$OUT"
wasm-bindgen --target web --no-typescript --out-dir "$OUT" "target/wasm32-unknown-unknown/release/$CRATE.wasm"
# The release .wasm in target/ now has the trigger: make sure no later step copies it from there by accident.
touch src/wasm.rs
echo "panic-trigger wasm in $OUT" >&2
