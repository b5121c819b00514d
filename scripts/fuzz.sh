#!/usr/bin/env bash
# Runs every cargo-fuzz target for SECONDS each (default 60), one after the other.
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]      (./build.sh fuzz [SECONDS] calls this)
# Seeds in fuzz/seeds/<target>/ are copied into fuzz/corpus/<target>/ first (the corpus is
# git-ignored and grows between runs). Exits non-zero when a target crashes; the crashing input
# is in fuzz/artifacts/<target>/ — minimize it with
#   cargo +nightly fuzz tmin <target> fuzz/artifacts/<target>/crash-…
# and add it to tests/regression.rs.
# Environment: FUZZ_JOBS (default 1), FUZZ_MAX_LEN (default 16384 bytes), FUZZ_NICE (default 10),
# FUZZ_SANITIZER (default address; the crate has no unsafe code, so "none" is a fair choice for
# long runs: several times more executions per second).
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-60}
shift || true

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

if ! rustup toolchain list | grep -q '^nightly'; then
  log "installing the nightly toolchain (cargo-fuzz needs -Z sanitizer flags)"
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  log "installing cargo-fuzz"
  cargo install cargo-fuzz
fi

cd fuzz
if [ $# -gt 0 ]; then TARGETS=("$@"); else mapfile -t TARGETS < <(cargo +nightly fuzz list); fi

log "building fuzz targets: ${TARGETS[*]}"
cargo +nightly fuzz build -s "${FUZZ_SANITIZER:-address}"

JOBS_ARGS=()
if [ "${FUZZ_JOBS:-1}" -gt 1 ]; then JOBS_ARGS=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS"); fi
status=0
for t in "${TARGETS[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  if [ -d "seeds/$t" ]; then cp -n seeds/"$t"/* "corpus/$t/" 2>/dev/null || true; fi
  log "fuzzing $t for ${SECS}s"
  if ! nice -n "${FUZZ_NICE:-10}" cargo +nightly fuzz run -s "${FUZZ_SANITIZER:-address}" "$t" "corpus/$t" -- \
      -max_total_time="$SECS" -max_len="${FUZZ_MAX_LEN:-16384}" -timeout=20 -rss_limit_mb=2048 \
      -print_final_stats=1 ${JOBS_ARGS[@]+"${JOBS_ARGS[@]}"}; then
    log "CRASH in $t: see fuzz/artifacts/$t/"
    status=1
  fi
done
exit $status
