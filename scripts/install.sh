#!/usr/bin/env bash
# Bedside's install command (README). Installs what a fresh Debian/Ubuntu machine lacks for the tests
# (Chromium for browser end-to-end tests; espeak-ng and sox to synthesise test speech), then the npm packages.
# `npm ci` also builds the app (the prepare script). No step downloads an Electron binary: Electron fetches it
# lazily on first `npm start` on a workstation.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
command -v sox >/dev/null 2>&1 || missing+=(sox)
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "install: apt-get install ${missing[*]}"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "install: please install ${missing[*]} with your package manager (needed by the tests only)" >&2
  fi
fi

# onnxruntime-node ships its CPU binaries in the package; never let it download CUDA/other builds at install.
export ONNXRUNTIME_NODE_INSTALL_CUDA=skip ONNXRUNTIME_NODE_INSTALL=skip
# `npm ci` installs exactly the lock and never rewrites it. Some optional per-platform packages of
# @fugood/whisper.node (darwin, win32, linux-arm64) were never published for its version; npm >= 11.16 leaves them
# out of the lock and then `npm ci` refuses that lock (npm/cli#9846). scripts/complete-lock.mjs checks that the lock
# carries an inert placeholder for each (`node scripts/complete-lock.mjs --write` adds them; nothing else changes).
if node scripts/complete-lock.mjs >/dev/null; then
  npm ci --no-audit --no-fund
else
  echo "install: package-lock.json lacks placeholders for unpublished optional packages; using npm install" >&2
  echo "install: run 'node scripts/complete-lock.mjs --write' and commit the lock so that npm ci can be used" >&2
  npm install --no-audit --no-fund
fi
