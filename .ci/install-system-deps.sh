#!/usr/bin/env bash
# System libraries Qt needs on a bare Debian/Ubuntu (offscreen and xcb), plus the PDF tools the tests use.
# Runs apt-get only when something is missing and we are root (or have sudo).
set -euo pipefail
pkgs=(libegl1 libgl1 libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3
      libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
      libxcb-render-util0 libxcb-image0 libxcb-xfixes0 libxrender1 libxi6 libsm6 libice6
      libpulse0 libasound2 libnss3 qpdf poppler-utils)
command -v dpkg-query >/dev/null 2>&1 || { echo "bukan Debian/Ubuntu: pasang pustaka Qt secara manual"; exit 0; }
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# libasound2 is libasound2t64 on newer releases: install what exists.
avail=()
for p in "${missing[@]}"; do
  if apt-cache show "$p" >/dev/null 2>&1; then avail+=("$p"); elif apt-cache show "${p}t64" >/dev/null 2>&1; then avail+=("${p}t64"); fi
done
$SUDO apt-get install -y -qq --no-install-recommends "${avail[@]}"
