#!/usr/bin/env bash
# Installs (or reuses) schemathesis, pinned with every dependency in
# scripts/schemathesis.requirements.txt, into a venv under the cache dir, never the repo:
#   ~/.cache/botplatform/venv-schemathesis-<version>/bin/st
# The venv is rebuilt only when the pins change (a stamp holds their hash).
#   scripts/schemathesis-install.sh          install if needed
#   scripts/schemathesis-install.sh --print  print the st path (no install)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
requirements="$here/schemathesis.requirements.txt"
version=$(sed -n 's/^schemathesis==//p' "$requirements")
cache=${BOTPLATFORM_CACHE:-$HOME/.cache/botplatform}
venv="$cache/venv-schemathesis-$version"

if [ "${1:-}" = "--print" ]; then
  echo "$venv/bin/st"
  exit 0
fi

want=$(sha256sum "$requirements" | cut -c1-16)
if [ -x "$venv/bin/st" ] && [ "$(cat "$venv/.requirements.sha" 2>/dev/null)" = "$want" ]; then
  exit 0
fi

python=${PYTHON:-python3}
# Debian's python3 leaves venv and ensurepip to the python3-venv package.
if ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  echo "setup: installing Debian package python3-venv"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
  python=python3
fi

echo "setup: installing schemathesis $version into $venv"
start=$SECONDS
rm -rf "$venv"
mkdir -p "$cache"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --no-input --disable-pip-version-check -r "$requirements"
"$venv/bin/st" --version >/dev/null
echo "$want" > "$venv/.requirements.sha"
echo "setup: schemathesis $version installed in $((SECONDS - start)) s"
