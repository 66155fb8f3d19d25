#!/usr/bin/env bash
# Create .venv and install Kuzbas into it, unless the same install is already there.
#
#   scripts/ensure-venv.sh          # the app only (make demo)
#   scripts/ensure-venv.sh --dev    # the app and the `dev` extra: pytest, playwright, ruff (make test)
#
# A stamp file in .venv records the checksum of pyproject.toml and the Python used; when both still
# match, pip does not run at all, so a second `make demo` starts at once. A dev install also
# satisfies a plain one. Set PYTHON to build the venv with another interpreter (default python3).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
venv=.venv
python="${PYTHON:-python3}"

extra=""
[[ "${1:-}" == "--dev" ]] && extra="dev"

command -v "$python" >/dev/null || {
    echo "ensure-venv: $python not found; Kuzbas needs Python 3.11 or newer." >&2
    exit 1
}
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "ensure-venv: $("$python" --version) is too old; Kuzbas needs Python 3.11 or newer." >&2
    exit 1
}

# Debian splits venv/ensurepip out of python3 into python3-venv (or python3.X-venv).
if ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then
    minor="$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
    echo "ensure-venv: $python has no venv module; installing Debian's python$minor-venv."
    "$root/scripts/ensure-system-packages.sh" "python$minor-venv"
fi

# A venv left half-made by an interrupted run has no working python; start it again.
if [[ -d "$venv" ]] && ! "$venv/bin/python" -c '' 2>/dev/null; then
    echo "ensure-venv: $venv is broken; recreating it."
    rm -rf "$venv"
fi
if [[ ! -d "$venv" ]]; then
    echo "ensure-venv: creating $venv with $("$python" --version)"
    "$python" -m venv "$venv"
fi

want="$(sha256sum pyproject.toml | cut -d' ' -f1) $("$venv/bin/python" -c 'import sys; print(sys.version)' | head -n 1)"
stamp_dev="$venv/.kuzbas-installed-dev"
stamp_app="$venv/.kuzbas-installed-app"
if [[ -f "$stamp_dev" && "$(cat "$stamp_dev")" == "$want" ]]; then
    echo "ensure-venv: $venv is up to date (dev)."
    exit 0
fi
if [[ -z "$extra" && -f "$stamp_app" && "$(cat "$stamp_app")" == "$want" ]]; then
    echo "ensure-venv: $venv is up to date."
    exit 0
fi

target="."
[[ -n "$extra" ]] && target=".[$extra]"
echo "ensure-venv: pip install -e '$target'"
# Drop both stamps first: if pip fails half-way, the next run must try again.
rm -f "$stamp_dev" "$stamp_app"
"$venv/bin/python" -m pip install --disable-pip-version-check --progress-bar off -e "$target"
echo "$want" >"$stamp_app"
[[ -n "$extra" ]] && echo "$want" >"$stamp_dev"
echo "ensure-venv: installed."
