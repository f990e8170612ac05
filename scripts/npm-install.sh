#!/usr/bin/env bash
# `npm ci` when node_modules is missing or older than the lockfile; otherwise nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.botplatform-lock.sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
