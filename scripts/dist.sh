#!/usr/bin/env bash
# dist/: the npm-ready package (module API, <article-lens> element, wasm, types, README) that is also the
# static site, plus dist/article-lens.html, the single-file build. Run through `./build.sh dist`, which
# builds www/pkg/ first; this script only packages what www/ holds.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DIST=${DIST:-$ROOT/dist}

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

if [ ! -f www/pkg/article_lens_bg.wasm ] || [ ! -f www/pkg/article_lens.js ]; then
  echo "dist: www/pkg/ is missing: run ./build.sh (or ./build.sh dist) first" >&2
  exit 1
fi

VERSION=$(sed -n 's/^version *= *"\(.*\)"/\1/p' Cargo.toml | head -n1)
LICENSE=$(sed -n 's/^license *= *"\(.*\)"/\1/p' Cargo.toml | head -n1)
DESCRIPTION=$(sed -n 's/^description *= *"\(.*\)"/\1/p' Cargo.toml | head -n1)

log "dist/ (article-lens $VERSION)"
rm -rf "$DIST"
mkdir -p "$DIST"
# The static site: everything in www/ (page, component, module API, worker, types, sample, pkg/).
cp -R www/. "$DIST/"
rm -f "$DIST/pkg/.gitignore" "$DIST/pkg/package.json"

# package.json from the template. Types: article-lens.d.ts declares everything; lens.d.ts and element.d.ts
# are the two entry points' views of it.
VERSION="$VERSION" LICENSE="$LICENSE" DESCRIPTION="$DESCRIPTION" node -e '
  const fs = require("fs");
  const t = fs.readFileSync("packaging/package.template.json", "utf8");
  const pkg = JSON.parse(t);
  pkg.version = process.env.VERSION;
  pkg.license = process.env.LICENSE;
  pkg.description = process.env.DESCRIPTION;
  fs.writeFileSync(process.argv[1], JSON.stringify(pkg, null, 2) + "\n");
' "$DIST/package.json"
cp packaging/lens.d.ts packaging/element.d.ts "$DIST/"
sed "s/@VERSION@/$VERSION/g" packaging/README-embed.md > "$DIST/README.md"
if [ -f packaging/HOSTING.md ]; then
  { printf '\n'; sed 's/^# /## /' packaging/HOSTING.md; } >> "$DIST/README.md"
fi
sed "s/@YEAR@/$(date +%Y)/" packaging/LICENSE > "$DIST/LICENSE"

# The single-file build needs esbuild (and the tests tsc): build-time tools kept out of the project's
# own package.json.
if [ ! -x packaging/tools/node_modules/.bin/esbuild ] || [ ! -x packaging/tools/node_modules/.bin/tsc ]; then
  log "installing build tools (esbuild, typescript) in packaging/tools"
  (cd packaging/tools && npm ci --no-audit --no-fund --loglevel=error)
fi
log "single-file build"
node packaging/single-file.mjs "$DIST"

log "dist/ done: $(du -sh "$DIST" | cut -f1); try: cd dist && npm pack"
