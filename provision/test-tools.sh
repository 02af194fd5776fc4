#!/usr/bin/env bash
# Tools only the test suite needs, installed best effort (a machine without apt, or not
# root, still runs everything else, and the test that needs a missing tool says so):
#   a compose tool, to validate docker-compose.temporal.yml (test/integration/compose.test.ts)
#   Debian's chromium, driven by playwright-core (test/integration/webUi.test.ts)
#   a Rust Lab image (the provisioned one plus Debian's cargo), for the cargo test suite (test/integration/languages.test.ts)
#   a Java Lab image (the provisioned one plus Debian's JDK 17 and Maven 3.9), for the Maven test suite (the same file)
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

# A Java Lab image, from the recipe docs/lab-images.md gives (test/integration/languages.test.ts).
# Tagged by the Lab image and a hash of the recipe, which pins Maven's version and checksum;
# the Maven tarball is fetched here by curl, which trusts the host's authorities (a
# TLS-inspecting proxy's too), where a build step would not.
java_image() {
  local recipe="$REPO/provision/java-lab-image.Dockerfile" version sha tarball ctx
  version="$(sed -n 's/^ARG MAVEN_VERSION=//p' "$recipe")"
  sha="$(sed -n 's/^ARG MAVEN_SHA512=//p' "$recipe")"
  tarball="$STATE/cache/maven/apache-maven-$version-bin.tar.gz"
  if ! { [ -f "$tarball" ] && echo "$sha  $tarball" | sha512sum -c - >/dev/null 2>&1; }; then
    mkdir -p "$STATE/cache/maven"
    echo "=== fetching Maven $version" >>"$STATE/java-image.log"
    timeout 300 curl -fsSL --retry 2 -o "$tarball.part" "https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/$version/apache-maven-$version-bin.tar.gz" >>"$STATE/java-image.log" 2>&1 &&
      echo "$sha  $tarball.part" | sha512sum -c - >>"$STATE/java-image.log" 2>&1 &&
      mv -f "$tarball.part" "$tarball" || { rm -f "$tarball.part"; echo "could not fetch Maven $version from Maven Central" >>"$STATE/java-image.log"; return 1; }
  fi
  mkdir -p "$STATE/tmp" && ctx="$(mktemp -d "$STATE/tmp/java-context.XXXXXX")" || return 1
  cp "$recipe" "$ctx/Dockerfile" && cp "$tarball" "$ctx/" &&
    DOCKER_BUILDKIT=0 timeout 900 docker build --network host --build-arg "BASE=$LAB_TAG" -t "$JAVA_TAG" "$ctx" >>"$STATE/java-image.log" 2>&1
  local rc=$?
  rm -rf "$ctx"
  return $rc
}

if [ -n "$LAB_TAG" ]; then
  java_hash="$(sha256sum "$REPO/provision/java-lab-image.Dockerfile")"
  JAVA_TAG="loom-lab-java:${LAB_TAG#loom-lab:}-${java_hash:0:12}"
  if docker image inspect "$JAVA_TAG" >/dev/null 2>&1; then
    say "java lab image: $JAVA_TAG reused"
  else
    say "building $JAVA_TAG: $LAB_TAG plus Debian's JDK 17 and Maven from Maven Central (one-time, ~1 min; log .loom/java-image.log)"
    : >"$STATE/java-image.log"
    if java_image; then
      say "java lab image: $JAVA_TAG built ($(docker image inspect -f '{{.Size}}' "$JAVA_TAG" | awk '{printf "%d MB", $1/1e6}'))"
    else
      say "WARNING: could not build $JAVA_TAG (log .loom/java-image.log); the Maven test suite will fail under CI, and skip outside it"
    fi
  fi
  printf '%s\n' "$JAVA_TAG" > "$STATE/java-lab-image"
fi
