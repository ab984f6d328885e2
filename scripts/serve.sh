#!/usr/bin/env bash
# Command 1: set up, build and serve the web app on http://127.0.0.1:8080 (or, with --desktop, build and start the
# desktop app).   scripts/serve.sh [--desktop] [--port N] [--host ADDR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
desktop=0; port=8080; host=127.0.0.1
while [ $# -gt 0 ]; do
  case "$1" in
    --desktop) desktop=1 ;;
    --port) port=$2; shift ;;
    --host) host=$2; shift ;;
    -h|--help) sed -n '2,3p' "$0"; exit 0 ;;
    *) echo "serve.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
"$here/scripts/setup.sh"
cd "$here"
if [ $desktop = 1 ]; then
  cmake --preset native-release >/dev/null
  cmake --build --preset native-release --target hebblab
  exec build/native-release/bin/hebblab
fi
cmake --preset web-release >/dev/null
cmake --build --preset web-release --target site
exec node web/serve.mjs build/web-release/site --port "$port" --host "$host"
