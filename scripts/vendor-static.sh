#!/usr/bin/env bash
# Copy the pinned front-end files from npm into src/kuzbas/web/static/vendor/.
#
# The copies are committed, so `make demo` and `make test` never need node or npm; run this only
# after changing a version in package.json (then `npm install` once to refresh package-lock.json).
# Each package lands in vendor/<name>/ with its licence and a VERSION file naming what it is.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
vendor="$root/src/kuzbas/web/static/vendor"
modules="$root/node_modules"

command -v npm >/dev/null || { echo "vendor-static: npm is needed (apt-get install npm)." >&2; exit 1; }

cd "$root"
npm ci --no-audit --no-fund --loglevel=error

# copy_pkg <npm package> <vendor folder> <licence file> <file>...
copy_pkg() {
    local pkg="$1" dest="$vendor/$2" licence="$3"
    shift 3
    rm -rf "$dest"
    mkdir -p "$dest"
    for file in "$@"; do
        cp "$modules/$pkg/$file" "$dest/"
    done
    cp "$modules/$pkg/$licence" "$dest/LICENSE"
    local version
    version="$(node -p "require('$modules/$pkg/package.json').version")"
    printf '%s@%s from https://registry.npmjs.org/ (scripts/vendor-static.sh)\n' "$pkg" "$version" >"$dest/VERSION"
    echo "vendor-static: $pkg@$version -> ${dest#"$root"/}"
}

copy_pkg htmx.org htmx LICENSE dist/htmx.min.js
# Pico's default build (not classless): semantic HTML plus a few classes such as .container, .grid.
copy_pkg @picocss/pico pico LICENSE.md css/pico.min.css
# UMD builds: load vega, then vega-lite, then vega-embed; they expose window.vegaEmbed.
# The source maps come along because the files name them, and Django's manifest storage
# (collectstatic in production) refuses a sourceMappingURL that points at a missing file.
copy_pkg vega vega LICENSE build/vega.min.js
copy_pkg vega-lite vega-lite LICENSE build/vega-lite.min.js build/vega-lite.min.js.map
copy_pkg vega-embed vega-embed LICENSE build/vega-embed.min.js build/vega-embed.min.js.map

# Fail now, not in collectstatic, if an upstream file starts naming a map we did not copy.
missing=0
while IFS= read -r file; do
    map="$(sed -n 's|.*//# sourceMappingURL=\([^ ]*\).*|\1|p' "$file" | tail -n 1)"
    if [[ -n "$map" && "$map" != data:* && ! -f "$(dirname "$file")/$map" ]]; then
        echo "vendor-static: ${file#"$root"/} names $map, which was not copied." >&2
        missing=1
    fi
done < <(find "$vendor" -name '*.js' -o -name '*.css')
exit "$missing"

