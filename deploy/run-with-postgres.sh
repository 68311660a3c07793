#!/usr/bin/env bash
# Starts a local PostgreSQL 15 cluster on loopback and the gateway pointed at it.
#   deploy/run-with-postgres.sh            start PostgreSQL (if not running) and run the gateway in the foreground
#   deploy/run-with-postgres.sh stop       stop the gateway it started (if still running) and the PostgreSQL cluster
# Settings (environment): PGPORT (5433), PGDATA_DIR (deploy/.pgdata), GATEWAY_URLS (http://127.0.0.1:5080),
# ASPNETCORE_ENVIRONMENT (Development: the README's development keys and master key; a deployment sets Production
# and its own Ledger__MasterKey and Auth__ApiKeys__*). Any other gateway setting passes through the environment.
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

pidfile=$data/gateway.pid

if [ "${1:-}" = "stop" ]; then
  if [ -f "$pidfile" ]; then
    pid=$(cat "$pidfile")
    if kill -TERM "$pid" 2>/dev/null; then
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  fi
  if as_postgres "$bin/pg_ctl" -D "$data/db" status >/dev/null 2>&1; then
    as_postgres "$bin/pg_ctl" -D "$data/db" -m fast stop
  fi
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

# As the README says: the development keys and master key, unless the caller chose an environment.
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-${DOTNET_ENVIRONMENT:-Development}}
export ConnectionStrings__Ledger="Host=127.0.0.1;Port=$port;Username=postgres;Database=ledger"
gateway=$root/src/PrivacyLedger.Gateway
dotnet build "$gateway" -v quiet -nologo >&2
echo "PostgreSQL on 127.0.0.1:$port (data in $data); gateway on $urls ($ASPNETCORE_ENVIRONMENT)"
# The gateway takes this shell's process id (exec), which `stop` finds in the pid file.
echo $$ >"$pidfile"
cd "$gateway"
exec dotnet bin/Debug/net10.0/PrivacyLedger.Gateway.dll --urls "$urls"
