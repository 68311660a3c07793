#!/usr/bin/env bash
# Starts a local PostgreSQL 15 cluster on loopback and the gateway pointed at it.
#   deploy/run-with-postgres.sh            start PostgreSQL (if not running) and run the gateway in the foreground
#   deploy/run-with-postgres.sh stop       stop the PostgreSQL cluster
# Settings (environment): PGPORT (5433), PGDATA_DIR (deploy/.pgdata), GATEWAY_URLS (http://127.0.0.1:5080).
# As root, PostgreSQL runs as user postgres, as it requires. Only loopback is ever bound.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
port=${PGPORT:-5433}
data=${PGDATA_DIR:-$root/deploy/.pgdata}
urls=${GATEWAY_URLS:-http://127.0.0.1:5080}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql-15)" >&2; exit 1; }

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = "stop" ]; then
  as_postgres "$bin/pg_ctl" -D "$data/db" -m fast stop
  exit 0
fi

if [ ! -f "$data/db/PG_VERSION" ]; then
  mkdir -p "$data"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$data"
  as_postgres "$bin/initdb" -D "$data/db" -U postgres -A trust -E UTF8 --locale=C >/dev/null
fi
if ! as_postgres "$bin/pg_ctl" -D "$data/db" status >/dev/null 2>&1; then
  as_postgres "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c max_connections=300" start
fi
as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'ledger'" | grep -q 1 \
  || as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres ledger

echo "PostgreSQL on 127.0.0.1:$port (data in $data); gateway on $urls"
export ConnectionStrings__Ledger="Host=127.0.0.1;Port=$port;Username=postgres;Database=ledger"
exec dotnet run --project "$root/src/PrivacyLedger.Gateway" --no-launch-profile -- --urls "$urls"
