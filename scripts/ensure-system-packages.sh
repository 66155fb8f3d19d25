#!/usr/bin/env bash
# Install the named Debian packages that are missing; do nothing when all are present.
#
#   scripts/ensure-system-packages.sh postgresql chromium
#
# Runs apt-get directly as root, through sudo otherwise; with neither, it names the command to run
# and fails. Never interactive: CI has no stdin, and a half-answered debconf prompt hangs forever.
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $0 PACKAGE..." >&2
    exit 2
fi

is_installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
    echo "ensure-system-packages: this is not a Debian-like system (no dpkg/apt-get)." >&2
    echo "  Install these yourself, then run the command again: $*" >&2
    exit 1
fi

missing=()
for package in "$@"; do
    is_installed "$package" || missing+=("$package")
done
if [[ ${#missing[@]} -eq 0 ]]; then
    echo "ensure-system-packages: already installed: $*"
    exit 0
fi

if [[ "$(id -u)" -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null; then
    as_root=(sudo)
    echo "ensure-system-packages: sudo may ask for your password to install: ${missing[*]}"
else
    echo "ensure-system-packages: missing Debian packages: ${missing[*]}" >&2
    echo "  You are not root and sudo is not installed. As root, run:" >&2
    echo "    apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
fi

echo "ensure-system-packages: installing ${missing[*]}"
# Wait for another apt/dpkg run (unattended-upgrades, a parallel job) instead of failing on its lock.
apt_options=(-o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_options[@]}" update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get "${apt_options[@]}" install -y -q "${missing[@]}" </dev/null

for package in "${missing[@]}"; do
    if ! is_installed "$package"; then
        echo "ensure-system-packages: $package is still not installed after apt-get." >&2
        exit 1
    fi
done
echo "ensure-system-packages: installed ${missing[*]}"
