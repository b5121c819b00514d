#!/usr/bin/env bash
# The wasm32 tests in Node (tests/wasm_node.rs, wasm-bindgen-test). Needs wasm-bindgen-test-runner
# at the wasm-bindgen version of Cargo.lock (installed with wasm-bindgen-cli by ./build.sh setup).
#   bash scripts/wasm-tests.sh [extra cargo test args]
set -euo pipefail
cd "$(dirname "$0")/.."
want=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
have=$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}')
if [ "$have" != "$want" ]; then
  echo "wasm-bindgen-test-runner $want is needed (found: ${have:-none}); run ./build.sh setup" >&2
  exit 1
fi
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
cargo test --target wasm32-unknown-unknown --test wasm_node "$@"
