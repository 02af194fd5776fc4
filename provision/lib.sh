# Helpers shared by Loom's provisioning scripts (sourced, never run). The caller sets
# STATE (the state directory) and may set LOOM_LOG_PREFIX (default "loom setup").

say() { echo "[${LOOM_LOG_PREFIX:-loom setup}] $*"; }

# die WHAT [FIX...]: name the missing piece and how to fix it, exit 1.
die() {
  echo "[${LOOM_LOG_PREFIX:-loom setup}] ERROR: $1" >&2
  shift
  local fix
  for fix in "$@"; do echo "[${LOOM_LOG_PREFIX:-loom setup}]   fix: $fix" >&2; done
  exit 1
}

is_root() { [ "$(id -u)" = 0 ]; }

# last_line TEXT: its last non-blank line (for one-line error summaries).
last_line() { printf '%s\n' "$1" | sed '/^[[:space:]]*$/d' | tail -n 1; }

# write_state NAME VALUE: $STATE/NAME = VALUE (one line), rewritten only on change.
write_state() {
  local f="$STATE/$1"
  if [ -f "$f" ] && [ "$(cat "$f")" = "$2" ]; then return 0; fi
  printf '%s\n' "$2" >"$f.tmp"
  mv -f "$f.tmp" "$f"
}

# tail_log FILE: last lines of a log, indented, to stderr.
tail_log() { [ -f "$1" ] && tail -n 15 "$1" | sed "s/^/[${LOOM_LOG_PREFIX:-loom setup}]   | /" >&2 || true; }

# apt_install PKG...: install or die naming the fix.
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

# apt_install_best_effort SECONDS PKG...: install without failing the caller; the
# package lists are refreshed only when the first try fails. Returns apt's verdict.
apt_install_best_effort() {
  local seconds="$1"
  shift
  is_root && command -v apt-get >/dev/null || return 1
  export DEBIAN_FRONTEND=noninteractive
  { timeout "$seconds" apt-get install -y --no-install-recommends "$@" ||
    { timeout 300 apt-get update && timeout "$seconds" apt-get install -y --no-install-recommends "$@"; }; } >>"$STATE/apt.log" 2>&1
}

# unmount_and_remove DIR...: unmount everything mounted below each DIR, deepest first,
# then remove it without crossing into another filesystem: an interrupted debootstrap
# leaves proc and sys mounted, and rm -rf through a live mount would empty the host's.
unmount_and_remove() {
  local dir m
  for dir in "$@"; do
    [ -n "$dir" ] && [ "$dir" != / ] || continue
    for m in $(awk -v d="${dir%/}/" 'index($2 "/", d) == 1 { print $2 }' /proc/self/mounts | sort -r); do
      umount -l "$m" 2>/dev/null || true
    done
    rm -rf --one-file-system "$dir" 2>/dev/null || true
  done
}

# host_goroot: the host's Go installation, which the Lab image carries like the host's node
# (nothing when this machine has no Go).
host_goroot() { command -v go >/dev/null && go env GOROOT 2>/dev/null; }

# host_npm_dir: the host's npm package directory (bin/npm-cli.js inside), copied into the Lab image.
host_npm_dir() {
  local cand
  command -v npm >/dev/null || return 1
  # bin/npm -> ../lib/node_modules/npm/bin/npm-cli.js on Debian/nodesource/nvm/official tarballs
  cand="$(dirname "$(readlink -f "$(command -v npm)")")/.."
  if [ -f "$cand/bin/npm-cli.js" ]; then (cd "$cand" && pwd); return 0; fi
  cand="$(npm root -g 2>/dev/null)/npm"
  [ -f "$cand/bin/npm-cli.js" ] && echo "$cand"
}
