#!/bin/sh
# One-shot (the temporal-schema service, in the admin-tools image): creates Temporal's
# two PostgreSQL databases if missing and applies every schema version not yet applied.
# Safe to run on every `docker compose up`; after a server upgrade this is the migration.
#
#   POSTGRES_SEEDS, DB_PORT, POSTGRES_USER, POSTGRES_PWD   where PostgreSQL is
#   DBNAME (temporal), VISIBILITY_DBNAME (temporal_visibility)
set -eu

host="${POSTGRES_SEEDS:-postgresql}"
port="${DB_PORT:-5432}"
user="${POSTGRES_USER:-temporal}"
export SQL_PASSWORD="${POSTGRES_PWD:-temporal}"
schema_root="${TEMPORAL_HOME:-/etc/temporal}/schema/postgresql/v12"

say() { echo "[loom temporal-schema] $*"; }

sql_tool() {
  temporal-sql-tool --plugin postgres12 --ep "$host" -p "$port" -u "$user" "$@"
}

waited=0
until nc -z "$host" "$port" 2>/dev/null; do
  if [ "$waited" -ge 120 ]; then echo "[loom temporal-schema] ERROR: PostgreSQL at $host:$port does not answer after 120s" >&2; exit 1; fi
  sleep 2
  waited=$((waited + 2))
done

for spec in "${DBNAME:-temporal}:temporal" "${VISIBILITY_DBNAME:-temporal_visibility}:visibility"; do
  db="${spec%%:*}"
  dir="$schema_root/${spec#*:}/versioned"
  # `create` fails when the database exists; a real connection problem fails the next step.
  sql_tool --db "$db" create >/dev/null 2>&1 && say "created database $db" || say "database $db exists"
  sql_tool --db "$db" setup-schema -v 0.0
  sql_tool --db "$db" update-schema -d "$dir"
  say "database $db is at the latest schema in $dir"
done
