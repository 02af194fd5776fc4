#!/usr/bin/env bash
# Tools only the test suite needs, installed best effort (a machine without apt, or not
# root, still runs everything else, and the test that needs a missing tool says so):
#   a compose tool, to validate docker-compose.temporal.yml (test/integration/compose.test.ts)
#   Debian's chromium, driven by playwright-core (test/integration/webUi.test.ts)
#   a Rust Lab image (the provisioned one plus Debian's cargo), for the cargo test suite (test/integration/languages.test.ts)
# Run by `npm test` after provision/setup.sh.
set -Eeuo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
STATE="${LOOM_STATE_DIR:-$REPO/.loom}"
case "$STATE" in /*) ;; *) STATE="$PWD/$STATE" ;; esac
mkdir -p "$STATE"
# shellcheck source=provision/lib.sh
. "$REPO/provision/lib.sh"

if [ "${LOOM_SKIP_SETUP:-}" = 1 ]; then exit 0; fi

if compose_version="$(timeout 20 docker compose version --short 2>/dev/null)"; then
  say "compose: docker compose $compose_version"
elif compose_version="$(timeout 20 docker-compose version --short 2>/dev/null)"; then
  say "compose: docker-compose $compose_version"
else
  say "installing docker-compose with apt-get (one-time, ~15 s; log .loom/apt.log)"
  if apt_install_best_effort 300 docker-compose && hash -r && compose_version="$(timeout 20 docker-compose version --short 2>/dev/null)"; then
    say "compose: docker-compose $compose_version (installed)"
  else
    say "WARNING: no compose tool (docker compose / docker-compose), and it could not be installed (log .loom/apt.log); test/integration/compose.test.ts will fail under CI"
  fi
fi

if [ -x /usr/bin/chromium ]; then
  say "chromium: $(timeout 20 /usr/bin/chromium --version 2>/dev/null || echo present)"
else
  say "installing Debian's chromium with apt-get (one-time, ~60 s; log .loom/apt.log)"
  if apt_install_best_effort 600 chromium; then
    say "chromium: $(timeout 20 /usr/bin/chromium --version 2>/dev/null) (installed)"
  else
    say "WARNING: no /usr/bin/chromium, and Debian's chromium could not be installed (log .loom/apt.log); test/integration/webUi.test.ts will fail under CI"
  fi
fi

# A Rust Lab image, from the recipe docs/lab-images.md gives (test/integration/languages.test.ts).
LAB_TAG="$(cat "$STATE/lab-image" 2>/dev/null || true)"
if [ -n "$LAB_TAG" ]; then
  RUST_TAG="loom-lab-rust:${LAB_TAG#loom-lab:}"
  if docker image inspect "$RUST_TAG" >/dev/null 2>&1; then
    say "rust lab image: $RUST_TAG reused"
  else
    say "building $RUST_TAG: $LAB_TAG plus Debian's cargo (one-time, ~2 min; log .loom/rust-image.log)"
    # --network host: a dockerd started with --bridge=none has no default network for RUN steps.
    if DOCKER_BUILDKIT=0 timeout 900 docker build --network host --build-arg "BASE=$LAB_TAG" -t "$RUST_TAG" -f "$REPO/provision/rust-lab-image.Dockerfile" "$REPO/provision" >"$STATE/rust-image.log" 2>&1; then
      say "rust lab image: $RUST_TAG built ($(docker image inspect -f '{{.Size}}' "$RUST_TAG" | awk '{printf "%d MB", $1/1e6}'))"
    else
      say "WARNING: could not build $RUST_TAG (log .loom/rust-image.log); the cargo test suite will fail under CI"
    fi
  fi
  printf '%s\n' "$RUST_TAG" > "$STATE/rust-lab-image"
fi
