#!/usr/bin/env bash
# Build the Loom lab image without a container registry.
#
# Equivalent of ./Dockerfile for machines that can reach a Debian apt mirror
# but not Docker Hub: debootstrap a minimal bookworm rootfs, drop the host's
# node + npm into it, add the `lab` user and /workspace, then `docker import`.
#
# Usage: build-offline.sh TAG
# Env:   LOOM_STATE_DIR       scratch/cache parent (default: <repo>/.loom)
#        LOOM_DEBIAN_MIRROR   apt mirror (default: first bookworm mirror in
#                             /etc/apt/sources.list{,.d}, else deb.debian.org)
# Needs: root (debootstrap, chroot), debootstrap, docker CLI + daemon.
# Normally called by provision/setup.sh, which logs its output to .loom/lab-build.log.
set -euo pipefail

TAG="${1:?usage: build-offline.sh TAG}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
STATE="${LOOM_STATE_DIR:-$REPO/.loom}"
SUITE=bookworm

LOOM_LOG_PREFIX=build-offline
# shellcheck source=provision/lib.sh
. "$REPO/provision/lib.sh"

[ "$(id -u)" = 0 ] || die "needs root (debootstrap/chroot)"
command -v debootstrap >/dev/null || die "debootstrap not installed (apt-get install debootstrap)"
command -v docker >/dev/null || die "docker CLI not installed"

# --- apt mirror ------------------------------------------------------------
# First URI serving suite "bookworm" (type deb) from one-line .list files or
# deb822 .sources files; *.disabled* and other suffixes are ignored by apt and by us.
find_mirror() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk -v s="$SUITE" '
      $1 == "deb" {
        i = 2
        if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
        if ($(i+1) == s) { print $i; exit }
      }' "$f"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk -v s="$SUITE" '
      function flush() {
        if (deb && suite && !off && uri != "") { print uri; done = 1; exit }
        deb = 0; suite = 0; off = 0; uri = ""
      }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      tolower($1) == "types:"   { for (i = 2; i <= NF; i++) if ($i == "deb") deb = 1 }
      tolower($1) == "suites:"  { for (i = 2; i <= NF; i++) if ($i == s) suite = 1 }
      tolower($1) == "uris:"    { uri = $2 }
      tolower($1) == "enabled:" { if (tolower($2) == "no") off = 1 }
      END { if (!done) flush() }' "$f"
  done
}
MIRROR="${LOOM_DEBIAN_MIRROR:-$(find_mirror | head -n1 || true)}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"

# --- host node + npm -------------------------------------------------------
NODE_BIN="$(command -v node)" || die "node not on PATH"
NODE_BIN="$(readlink -f "$NODE_BIN")"
NPM_DIR="$(host_npm_dir)" || die "cannot find the host's npm package directory (looked next to \`command -v npm\` and in \`npm root -g\`)"

# --- scratch rootfs (always cleaned up, mounts first) ----------------------
mkdir -p "$STATE/tmp" "$STATE/cache/debootstrap"
WORK="$(mktemp -d "$STATE/tmp/lab-rootfs.XXXXXX")"
ROOT="$WORK/root"
trap 'unmount_and_remove "$WORK"' EXIT

say "debootstrap $SUITE (minbase + git, ca-certificates, python3 with pytest and venv) from $MIRROR"
# libstdc++6/libgcc-s1 are node's only non-libc deps; minbase already pulls them
# in via apt, naming them keeps that true if apt's deps ever change.
debootstrap --variant=minbase \
  --include=git,ca-certificates,libstdc++6,libgcc-s1,python3,python3-pytest,python3-venv,libfaketime \
  --cache-dir="$STATE/cache/debootstrap" \
  "$SUITE" "$ROOT" "$MIRROR"

say "installing host node $("$NODE_BIN" --version) ($NODE_BIN) and npm ($NPM_DIR)"
install -D -m 0755 "$NODE_BIN" "$ROOT/usr/local/bin/node"
mkdir -p "$ROOT/usr/local/lib/node_modules"
cp -a "$NPM_DIR" "$ROOT/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$ROOT/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$ROOT/usr/local/bin/npx"
# corepack, as Node ships it: pnpm and yarn through their shims (fetched by a setup step with network).
COREPACK_DIR="$(dirname "$NPM_DIR")/corepack"
if [ -f "$COREPACK_DIR/dist/corepack.js" ]; then
  cp -a "$COREPACK_DIR" "$ROOT/usr/local/lib/node_modules/corepack"
  ln -sf ../lib/node_modules/corepack/dist/corepack.js "$ROOT/usr/local/bin/corepack"
else
  say "no corepack next to the host's npm ($COREPACK_DIR): the image has no pnpm or yarn shims"
fi

# The host's Go, like its node (its own tests folder left out); none when the host has none.
GOROOT_HOST="$(host_goroot || true)"
if [ -n "$GOROOT_HOST" ]; then
  say "installing host Go $("$GOROOT_HOST/bin/go" version | cut -d' ' -f3) ($GOROOT_HOST)"
  mkdir -p "$ROOT/usr/local/go"
  cp -a "$GOROOT_HOST/." "$ROOT/usr/local/go/"
  rm -rf "$ROOT/usr/local/go/test"
else
  say "no Go on this machine: the image has none (install Go and re-run setup for Go repositories)"
fi

in_root() { chroot "$ROOT" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin LANG=C.UTF-8 "$@"; }
in_root node --version >/dev/null || {
  echo "--- ldd of host node vs. the rootfs:" >&2
  ldd "$NODE_BIN" >&2 || true
  die "host node does not run inside a $SUITE rootfs (shared library / glibc mismatch?)"
}
in_root npm --version >/dev/null || die "npm does not run inside the rootfs"
if [ -x "$ROOT/usr/local/bin/corepack" ]; then in_root corepack enable --install-directory /usr/local/bin || die "corepack enable failed inside the rootfs"; fi
say "rootfs runs node $(in_root node --version), npm $(in_root npm --version), $(in_root git --version)"

say "adding user lab (1000:1000, /home/lab) and /workspace"
in_root groupadd --gid 1000 lab
in_root useradd --uid 1000 --gid 1000 --home-dir /home/lab --create-home --shell /bin/bash lab
mkdir -p "$ROOT/workspace" "$ROOT/usr/local/share/loom/go-build-seed"
chown 1000:1000 "$ROOT/workspace" "$ROOT/usr/local/share/loom/go-build-seed"

# GOROOT is named: without /proc in the chroot, the trimmed go binary cannot find its own.
say "seeding the Go build cache (provision/lab-image/go-cache-seed.sh)"
install -m 0644 "$HERE/go-cache-seed.sh" "$ROOT/usr/local/share/loom/go-cache-seed.sh"
chroot --userspec=1000:1000 "$ROOT" /usr/bin/env -i HOME=/tmp GOROOT=/usr/local/go PATH=/usr/local/go/bin:/usr/local/bin:/usr/bin:/bin GOTOOLCHAIN=local GOPROXY=off GOTELEMETRY=off \
  sh /usr/local/share/loom/go-cache-seed.sh
chown -R root:root "$ROOT/usr/local/share/loom"
chmod -R a+rX,go-w "$ROOT/usr/local/share/loom"
# The seed is used in place (runners/go.ts): its entries are root's and read-only, its folders
# sticky, so a run adds entries it alone can remove and none can change the seed's.
find "$ROOT/usr/local/share/loom/go-build-seed" -type d -exec chmod 1777 {} +
find "$ROOT/usr/local/share/loom/go-build-seed" -type f -exec chmod 0444 {} +

say "trimming apt caches, docs, logs"
rm -rf "$ROOT"/var/cache/apt/archives/*.deb "$ROOT"/var/cache/apt/*.bin \
       "$ROOT"/var/lib/apt/lists/* "$ROOT"/var/cache/debconf/*-old \
       "$ROOT"/usr/share/doc/* "$ROOT"/usr/share/man/* "$ROOT"/usr/share/info/* \
       "$ROOT"/usr/share/locale/* "$ROOT"/usr/share/lintian "$ROOT"/var/log/*.log \
       "$ROOT"/var/log/apt/* "$ROOT"/root/.npm "$ROOT"/tmp/* "$ROOT"/debootstrap
find "$ROOT/dev" -mindepth 1 -delete  # docker provides /dev at run time

say "docker import -> $TAG"
tar --numeric-owner -C "$ROOT" -c . | docker import \
  --change 'USER lab' \
  --change 'WORKDIR /workspace' \
  --change 'ENV HOME=/home/lab PATH=/usr/local/go/bin:/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 GOTOOLCHAIN=local GOPROXY=off GOTELEMETRY=off PYTHONDONTWRITEBYTECODE=1 COREPACK_ENABLE_DOWNLOAD_PROMPT=0' \
  --change 'CMD ["/bin/bash"]' \
  --message "loom lab image (offline build: debootstrap $SUITE from $MIRROR, node $("$NODE_BIN" --version))" \
  - "$TAG" >/dev/null
say "done: $TAG"
