#!/usr/bin/env bash
# The programs Threadline's tests open exported files with, as a user would, and the
# fonts its charts need: a browser and librsvg for SVG, pdftoppm for PDF, a CJK font for
# Chinese and Korean names. Installs only what is missing; needs root and apt (Debian).
set -euo pipefail
declare -A wanted=(
  [chromium]=/usr/bin/chromium
  [librsvg2-bin]=/usr/bin/rsvg-convert
  [poppler-utils]=/usr/bin/pdftoppm
  [fonts-noto-cjk]=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
  [desktop-file-utils]=/usr/bin/desktop-file-validate
)
missing=()
for package in "${!wanted[@]}"; do
  [[ -e "${wanted[$package]}" ]] || missing+=("$package")
done
if ((${#missing[@]} == 0)); then exit 0; fi
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
  echo "missing system packages (install them with your package manager): ${missing[*]}" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
