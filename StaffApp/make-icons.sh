#!/usr/bin/env bash
# Renders the app's PNG icons from its SVG ones with the machine's headless Chromium (Debian's `chromium`).
# The PNGs are committed; run this again only after changing wwwroot/icons/*.svg.
set -euo pipefail
cd "$(dirname "$0")/wwwroot/icons"
command -v chromium >/dev/null || { echo "error: chromium is not installed: run 'apt-get install chromium'" >&2; exit 1; }
render() { # svg size png
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --default-background-color=00000000 \
    --window-size="$2,$2" --screenshot="$PWD/$3" "file://$PWD/$1" >/dev/null 2>&1
  echo "wrote wwwroot/icons/$3"
}
page() { # svg size -> an html page scaling the svg to size
  printf '<!DOCTYPE html><html><body style="margin:0"><img src="%s" width="%s" height="%s" alt=""></body></html>' "$1" "$2" "$2"
}
trap 'rm -f render-*.html' EXIT
for spec in "icon.svg 192 icon-192.png" "icon.svg 512 icon-512.png" "icon-maskable.svg 512 icon-maskable-512.png"; do
  set -- $spec
  page "$1" "$2" >"render-$3.html"
  render "render-$3.html" "$2" "$3"
done
