#!/usr/bin/env bash
# Installs the Debian packages plancli builds with, only those that are missing.
# Idempotent and non-interactive; run as root (or with sudo available).
set -euo pipefail
PKGS=(cmake g++ make pkg-config python3
      libicu-dev libre2-dev nlohmann-json3-dev libcli11-dev libfmt-dev catch2)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "plancli: installing missing packages: ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
