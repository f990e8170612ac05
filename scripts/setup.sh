#!/usr/bin/env bash
# Everything `make test` needs on a fresh machine: Debian packages, npm packages and
# the Go-built servers. Each step is skipped when already done, so warm runs are quick.
set -euo pipefail
cd "$(dirname "$0")/.."

# command -> Debian package: Redis for the cache tests, Chromium for the dashboard's browser tests.
declare -A apt_pkgs=([redis-server]=redis-server [chromium]=chromium)
missing=()
for cmd in "${!apt_pkgs[@]}"; do command -v "$cmd" >/dev/null 2>&1 || missing+=("${apt_pkgs[$cmd]}"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Debian starts a system redis-server on 6379 after install; tests run their own on free ports.
if command -v systemctl >/dev/null 2>&1; then systemctl disable --now redis-server >/dev/null 2>&1 || true; fi

scripts/npm-install.sh
# The dashboard the browser tests open (make build does the same); under a second.
npx vite build --config internal/web/ui/vite.config.ts
scripts/schemathesis-install.sh
tools/build.sh
