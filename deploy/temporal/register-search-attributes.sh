#!/bin/sh
# Makes sure a namespace exists and carries Loom's search attributes. Idempotent: run it
# on every `docker compose up` (the loom-search-attributes service does), or by hand
# against any cluster with the temporal CLI on PATH.
#
#   TEMPORAL_ADDRESS          host:port of the frontend            (default temporal:7233)
#   TEMPORAL_NAMESPACE        namespace to create and equip        (default default)
#   LOOM_NAMESPACE_RETENTION  retention if the namespace is new    (default 720h, 30 days)
#   LOOM_SEARCH_ATTRIBUTES    "Name=Type Name=Type ..."            (required; the list in
#                             generation/searchAttributes.ts, types as the CLI spells them)
#   LOOM_WAIT_SECONDS         how long to wait for a healthy server (default 180)
#
# Further connection options (TLS, API key) come from the CLI's own environment
# variables (TEMPORAL_TLS_CLIENT_CERT_PATH, TEMPORAL_API_KEY, ...).
set -euf  # -f: no globbing of the attribute list

address="${TEMPORAL_ADDRESS:-temporal:7233}"
namespace="${TEMPORAL_NAMESPACE:-default}"
retention="${LOOM_NAMESPACE_RETENTION:-720h}"
wait_seconds="${LOOM_WAIT_SECONDS:-180}"
attributes="${LOOM_SEARCH_ATTRIBUTES:-}"

say() { echo "[loom search attributes] $*"; }
die() { echo "[loom search attributes] ERROR: $*" >&2; exit 1; }

[ -n "$attributes" ] || die "LOOM_SEARCH_ATTRIBUTES is empty; set it to \"Name=Type ...\" (see generation/searchAttributes.ts)"
command -v temporal >/dev/null 2>&1 || die "the temporal CLI is not on PATH"

waited=0
until temporal operator cluster health --address "$address" >/dev/null 2>&1; do
  [ "$waited" -lt "$wait_seconds" ] || die "Temporal at $address is not healthy after ${wait_seconds}s"
  [ "$waited" -eq 0 ] && say "waiting for Temporal at $address"
  sleep 2
  waited=$((waited + 2))
done

if temporal operator namespace describe --address "$address" --namespace "$namespace" >/dev/null 2>&1; then
  say "namespace $namespace exists"
else
  temporal operator namespace create --address "$address" --namespace "$namespace" --retention "$retention" >/dev/null ||
    temporal operator namespace describe --address "$address" --namespace "$namespace" >/dev/null 2>&1 ||
    die "could not create namespace $namespace"
  say "created namespace $namespace (retention $retention)"
  # A new namespace reaches every frontend within the namespace cache's refresh interval.
  waited=0
  until temporal operator search-attribute list --address "$address" --namespace "$namespace" >/dev/null 2>&1; do
    [ "$waited" -lt 60 ] || die "namespace $namespace was created but does not answer after 60s"
    sleep 2
    waited=$((waited + 2))
  done
fi

for pair in $attributes; do
  name="${pair%%=*}"
  type="${pair#*=}"
  { [ -n "$name" ] && [ -n "$type" ] && [ "$name" != "$pair" ]; } || die "\"$pair\" in LOOM_SEARCH_ATTRIBUTES is not Name=Type"
  if out="$(temporal operator search-attribute create --address "$address" --namespace "$namespace" --name "$name" --type "$type" 2>&1)"; then
    say "$name ($type) registered on $namespace"
  elif temporal operator search-attribute list --address "$address" --namespace "$namespace" 2>/dev/null |
      grep -Eq "^[[:space:]]*$name[[:space:]]+$type[[:space:]]*\$"; then
    say "$name ($type) was already registered on $namespace"
  else
    die "could not register $name as $type on $namespace: $out"
  fi
done
say "done: $(echo "$attributes" | wc -w | tr -d ' ') search attributes on namespace $namespace at $address"
