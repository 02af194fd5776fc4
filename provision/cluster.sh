#!/usr/bin/env bash
# The production Temporal without Docker images: the server and its SQL tool built from
# Temporal's Go module at the version docker-compose.temporal.yml pins, PostgreSQL from
# Debian's packages on a loopback port under .loom/cluster/, the schema set up by the
# compose stack's own deploy/temporal/setup-postgres.sh and Loom's search attributes
# registered by its deploy/temporal/register-search-attributes.sh.
#
#   provision/cluster.sh build     build (or reuse) the server for the pinned version
#   provision/cluster.sh start     start whatever is not running (PostgreSQL, schema, server, attributes)
#   provision/cluster.sh stop      stop the server, then PostgreSQL (data is kept)
#   provision/cluster.sh status    what runs, and where
#   provision/cluster.sh restart-postgres
#   provision/cluster.sh version   the pinned server version
#
# Knobs: LOOM_CLUSTER_PORT (frontend gRPC, default 7933; the server's other ports follow it),
# LOOM_CLUSTER_PG_PORT (default 55432), LOOM_CLUSTER_DB_PASSWORD (default temporal),
# TEMPORAL_NAMESPACE (default default), LOOM_TOOLS_CACHE (where built servers are kept
# across clones, default ~/.cache/loom).
set -Eeuo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
STATE="${LOOM_STATE_DIR:-$REPO/.loom}"
case "$STATE" in /*) ;; *) STATE="$PWD/$STATE" ;; esac
CLUSTER="$STATE/cluster"
mkdir -p "$CLUSTER"
export LOOM_LOG_PREFIX="loom cluster"
# shellcheck source=provision/lib.sh
. "$REPO/provision/lib.sh"

# One place names the version: the image the compose file runs.
server_version() {
  local v
  v="$(grep -oE 'image: temporalio/server:[0-9]+\.[0-9]+\.[0-9]+' "$REPO/docker-compose.temporal.yml" | head -n 1 | sed 's/.*://')"
  [ -n "$v" ] || die "docker-compose.temporal.yml names no temporalio/server image" "pin the server image there (image: temporalio/server:X.Y.Z)"
  echo "$v"
}

VERSION="$(server_version)"
CACHE="${LOOM_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/loom}/temporal-server-$VERSION"
PORT="${LOOM_CLUSTER_PORT:-7933}"
PG_PORT="${LOOM_CLUSTER_PG_PORT:-55432}"
PASSWORD="${LOOM_CLUSTER_DB_PASSWORD:-temporal}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
ADDRESS="127.0.0.1:$PORT"
PG_DIR="$CLUSTER/pg"
SERVER_PID="$CLUSTER/temporal-server.pid"

# ------------------------------------------------------------------ build
build() {
  if [ -x "$CACHE/bin/temporal-server" ] && [ -x "$CACHE/bin/temporal-sql-tool" ] && [ -f "$CACHE/config/docker.yaml" ] && [ -d "$CACHE/schema/postgresql" ]; then
    say "temporal-server $VERSION reused ($CACHE)"
    return 0
  fi
  command -v go >/dev/null ||
    die "Go is not installed: the Temporal server $VERSION is built from its Go module" \
      "install Go 1.24 or newer (https://go.dev/dl/, or apt-get install golang-go on a recent Debian) and put it on PATH, then re-run"
  local log="$CLUSTER/build.log" tmp="$CACHE.tmp.$$" mod started
  started=$(date +%s)
  say "building temporal-server $VERSION and temporal-sql-tool from go.temporal.io/server (first time: minutes; log .loom/cluster/build.log)"
  rm -rf "$tmp"
  mkdir -p "$tmp/bin"
  GOBIN="$tmp/bin" GOFLAGS=-mod=mod go install "go.temporal.io/server/cmd/server@v$VERSION" "go.temporal.io/server/cmd/tools/sql@v$VERSION" >"$log" 2>&1 || {
    tail_log "$log"
    die "building the Temporal server $VERSION failed (log: .loom/cluster/build.log)" "check that the Go module proxy is reachable (go env GOPROXY), then re-run"
  }
  mv "$tmp/bin/server" "$tmp/bin/temporal-server"
  mv "$tmp/bin/sql" "$tmp/bin/temporal-sql-tool"
  # The module's own config template (what the official image renders) and schema files.
  mod="$(go env GOMODCACHE)/go.temporal.io/server@v$VERSION"
  cp -r "$mod/config" "$mod/schema" "$tmp/"
  chmod -R u+w "$tmp"
  rm -rf "$CACHE"
  mv "$tmp" "$CACHE"
  say "built temporal-server $VERSION in $(($(date +%s) - started)) s ($CACHE)"
}

# ------------------------------------------------------------------ PostgreSQL
pg_bin() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$d" ]; then
    apt_install postgresql
    d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  fi
  [ -n "$d" ] || die "PostgreSQL is not installed" "apt-get install postgresql (Debian's package), then re-run"
  echo "$d"
}

# as_pg CMD...: PostgreSQL refuses to run as root; it runs as the postgres user then.
as_pg() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_running() { [ -d "$PG_DIR/data" ] && as_pg "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; }

start_pg() {
  local bin
  bin="$(pg_bin)"
  if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
    rm -rf "$PG_DIR"
    mkdir -p "$PG_DIR/socket"
    printf '%s\n' "$PASSWORD" >"$PG_DIR/pwfile"
    is_root && chown -R postgres: "$PG_DIR"
    chmod 700 "$PG_DIR"
    as_pg "$bin/initdb" -D "$PG_DIR/data" -U temporal --pwfile="$PG_DIR/pwfile" --auth=scram-sha-256 -E UTF8 >"$CLUSTER/initdb.log" 2>&1 || {
      tail_log "$CLUSTER/initdb.log"
      die "initdb failed (log: .loom/cluster/initdb.log)" "remove .loom/cluster/pg and re-run"
    }
    rm -f "$PG_DIR/pwfile"
    say "PostgreSQL data folder created ($PG_DIR/data)"
  fi
  if pg_running; then
    say "PostgreSQL answers on 127.0.0.1:$PG_PORT"
    return 0
  fi
  as_pg "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR/socket -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null 2>&1 || {
    tail_log "$PG_DIR/postgres.log"
    die "PostgreSQL did not start on 127.0.0.1:$PG_PORT (log: .loom/cluster/pg/postgres.log)" "free the port, or set LOOM_CLUSTER_PG_PORT"
  }
  say "PostgreSQL started on 127.0.0.1:$PG_PORT"
}

stop_pg() {
  pg_running || return 0
  as_pg "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
  say "PostgreSQL stopped"
}

# ------------------------------------------------------------------ schema and server
# The compose stack's scripts want nc and temporal-sql-tool on PATH.
tools_path() {
  local shim="$CACHE/shim"
  if ! command -v nc >/dev/null; then
    apt_install_best_effort 120 netcat-openbsd || true
  fi
  if ! command -v nc >/dev/null; then
    # Only `nc -z HOST PORT` is used: bash can answer that by itself.
    mkdir -p "$shim"
    printf '#!/usr/bin/env bash\n[ "$1" = -z ] && shift\nexec 3<>"/dev/tcp/$1/$2"\n' >"$shim/nc"
    chmod +x "$shim/nc"
  fi
  echo "$CACHE/bin:$shim:$PATH"
}

server_env() {
  export DB=postgres12 POSTGRES_SEEDS=127.0.0.1 DB_PORT="$PG_PORT" POSTGRES_USER=temporal POSTGRES_PWD="$PASSWORD"
  # The PostgreSQL visibility store reads its port from VISIBILITY_DB_PORT (or POSTGRES_PORT), not DB_PORT.
  export VISIBILITY_DB_PORT="$PG_PORT"
  export BIND_ON_IP=127.0.0.1 DYNAMIC_CONFIG_FILE_PATH="$REPO/deploy/temporal/dynamicconfig/loom.yaml"
  export FRONTEND_GRPC_PORT="$PORT" FRONTEND_HTTP_PORT=$((PORT + 10)) INTERNAL_FRONTEND_HTTP_PORT=$((PORT + 13))
  export HISTORY_GRPC_PORT=$((PORT + 1)) MATCHING_GRPC_PORT=$((PORT + 2)) WORKER_GRPC_PORT=$((PORT + 6))
  export FRONTEND_MEMBERSHIP_PORT=$((PORT + 100)) HISTORY_MEMBERSHIP_PORT=$((PORT + 101)) MATCHING_MEMBERSHIP_PORT=$((PORT + 102)) WORKER_MEMBERSHIP_PORT=$((PORT + 106))
}

# A killed server can linger as a zombie when its parent does not reap it: that is not running.
server_running() {
  local pid
  [ -f "$SERVER_PID" ] && pid="$(cat "$SERVER_PID")" && [ -r "/proc/$pid/status" ] || return 1
  ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" && grep -q temporal-server "/proc/$pid/cmdline" 2>/dev/null
}

setup_schema() {
  PATH="$(tools_path)" POSTGRES_SEEDS=127.0.0.1 DB_PORT="$PG_PORT" POSTGRES_USER=temporal POSTGRES_PWD="$PASSWORD" TEMPORAL_HOME="$CACHE" \
    sh "$REPO/deploy/temporal/setup-postgres.sh" >"$CLUSTER/schema.log" 2>&1 || {
    tail_log "$CLUSTER/schema.log"
    die "setting up Temporal's schema failed (log: .loom/cluster/schema.log)" "check PostgreSQL's log (.loom/cluster/pg/postgres.log), then re-run"
  }
  say "schema: $(grep -c 'is at the latest schema' "$CLUSTER/schema.log") databases at the latest version"
}

temporal_cli() { cat "$STATE/temporal-bin" 2>/dev/null || command -v temporal || die "the Temporal CLI is not provisioned" "run bash provision/setup.sh first"; }

start_server() {
  if server_running; then
    say "temporal-server answers on $ADDRESS (pid $(cat "$SERVER_PID"))"
    return 0
  fi
  (
    server_env
    cd "$CLUSTER"
    setsid nohup "$CACHE/bin/temporal-server" -r "$CACHE" -c config -e docker start >>"$CLUSTER/temporal-server.log" 2>&1 &
    echo $! >"$SERVER_PID"
  )
  local cli waited=0
  cli="$(temporal_cli)"
  until "$cli" operator cluster health --address "$ADDRESS" >/dev/null 2>&1; do
    server_running || { tail_log "$CLUSTER/temporal-server.log"; die "temporal-server exited at start (log: .loom/cluster/temporal-server.log)" "free ports $PORT-$((PORT + 106)), or set LOOM_CLUSTER_PORT"; }
    [ "$waited" -lt 120 ] || die "temporal-server does not answer on $ADDRESS after 120 s (log: .loom/cluster/temporal-server.log)" "read the log, then provision/cluster.sh stop && provision/cluster.sh start"
    sleep 1
    waited=$((waited + 1))
  done
  say "temporal-server $VERSION started on $ADDRESS (pid $(cat "$SERVER_PID"))"
}

stop_server() {
  server_running || { rm -f "$SERVER_PID"; return 0; }
  local pid waited=0
  pid="$(cat "$SERVER_PID")"
  kill "$pid" 2>/dev/null || true
  while server_running && [ "$waited" -lt 30 ]; do sleep 1; waited=$((waited + 1)); done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$SERVER_PID"
  say "temporal-server stopped"
}

register_attributes() {
  local attrs cli
  attrs="$(cd "$REPO" && node_modules/.bin/tsx -e "import('./generation/searchAttributes.ts').then((m) => console.log(m.LOOM_SEARCH_ATTRIBUTES.map((k) => k.name + '=' + m.CLI_TYPE[k.type]).join(' ')))")"
  cli="$(temporal_cli)"
  PATH="$(dirname "$cli"):$PATH" TEMPORAL_ADDRESS="$ADDRESS" TEMPORAL_NAMESPACE="$NAMESPACE" LOOM_SEARCH_ATTRIBUTES="$attrs" \
    sh "$REPO/deploy/temporal/register-search-attributes.sh" >"$CLUSTER/search-attributes.log" 2>&1 || {
    tail_log "$CLUSTER/search-attributes.log"
    die "registering Loom's search attributes failed (log: .loom/cluster/search-attributes.log)" "read the log, then re-run"
  }
  say "$(tail -n 1 "$CLUSTER/search-attributes.log" | sed 's/^\[loom search attributes\] //')"
}

addresses() {
  write_state cluster-address "$ADDRESS"
  say "ready: TEMPORAL_ADDRESS=$ADDRESS TEMPORAL_NAMESPACE=$NAMESPACE (PostgreSQL 127.0.0.1:$PG_PORT, user temporal, databases temporal and temporal_visibility)"
}

case "${1:-}" in
  version) echo "$VERSION" ;;
  build) build ;;
  start)
    build
    start_pg
    setup_schema
    start_server
    register_attributes
    addresses
    ;;
  stop)
    stop_server
    stop_pg
    ;;
  restart-postgres)
    # What an operator does after changing PostgreSQL's settings; the cluster suite does it mid-loop.
    pg_running || die "PostgreSQL is not running" "provision/cluster.sh start"
    as_pg "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -m fast -w -t 60 \
      -o "-p $PG_PORT -k $PG_DIR/socket -c listen_addresses=127.0.0.1 -c max_connections=200" restart >/dev/null
    say "PostgreSQL restarted on 127.0.0.1:$PG_PORT"
    ;;
  status)
    if server_running; then echo "temporal-server $VERSION: running on $ADDRESS (pid $(cat "$SERVER_PID"))"; else echo "temporal-server $VERSION: stopped"; fi
    if pg_running; then echo "PostgreSQL: running on 127.0.0.1:$PG_PORT ($PG_DIR/data)"; else echo "PostgreSQL: stopped"; fi
    ;;
  *) die "usage: provision/cluster.sh build|start|stop|status|restart-postgres|version" "e.g. bash provision/cluster.sh start" ;;
esac
