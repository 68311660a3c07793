#!/usr/bin/env bash
# A PrivacyLedger cluster on this machine: PostgreSQL, N gateway nodes (each a co-hosted Orleans silo, one cluster on
# ADO.NET clustering in that PostgreSQL) and HAProxy in front, all on loopback. deploy/README.md has the details.
#
#   deploy/cluster.sh up [--nodes N]   build the gateway (Release) once, start everything, print `url: http://127.0.0.1:PORT`
#   deploy/cluster.sh status           each node's pid, ports and readiness, HAProxy's view, PostgreSQL
#   deploy/cluster.sh kill N           SIGKILL node N (1-based), as a crash would
#   deploy/cluster.sh restart N        start node N again on the same ports and settings, wait until it is ready
#   deploy/cluster.sh down             stop everything this script started (pids in the state folder); data and logs stay
#
# Settings (environment):
#   CLUSTER_STATE_DIR        state folder: pids, logs/, PostgreSQL data, haproxy.cfg (deploy/.cluster)
#   CLUSTER_PORT             HAProxy's port P (5180); node i listens on HTTP P+i, silo P+100+i, Orleans gateway
#                            P+200+i, gRPC P+500+i; the throwaway PostgreSQL on P+300; HAProxy's stats page on P+400
#   CLUSTER_CONNECTION_STRING  an Npgsql connection string to use instead of a throwaway PostgreSQL
#   CLUSTER_GATEWAY_DLL      a built PrivacyLedger.Gateway.dll to run instead of building one
#   CLUSTER_ID               the Orleans cluster id (privacy-ledger)
#   CLUSTER_START_TIMEOUT    seconds a node may take to become ready (180)
# Every node gets this script's environment, so gateway settings (Auth__ApiKeys__0__Key, Ledger__MasterKey,
# Ledger__SigningKeys__0__PrivateKey, ...) set before `up` reach all of them. Without ASPNETCORE_ENVIRONMENT the nodes run
# in Development, with the README's development keys. Only loopback is ever bound.
set -euo pipefail
# haproxy and runuser live in /usr/sbin, which a non-root PATH may lack.
PATH=$PATH:/usr/sbin:/sbin

root=$(cd "$(dirname "$0")/.." && pwd)
state=${CLUSTER_STATE_DIR:-$root/deploy/.cluster}
logs=$state/logs

usage() {
  echo "usage: $0 up [--nodes N] | status | kill N | restart N | down" >&2
  exit 2
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Running, and not a zombie waiting for init to reap it.
alive() {
  local stat
  [ -n "${1:-}" ] && stat=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null) && [ -n "$stat" ] && [ "${stat:0:1}" != Z ]
}

pid_of() { cat "$state/$1.pid" 2>/dev/null || true; }

# Stops one recorded process: SIGTERM (a node drains and leaves the cluster), then SIGKILL after $2 seconds.
stop_process() {
  local name=$1 patience=$2 pid
  pid=$(pid_of "$name")
  if alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 $((patience * 4))); do alive "$pid" || break; sleep 0.25; done
    if alive "$pid"; then
      echo "$name (pid $pid) did not stop in ${patience} s: SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$state/$name.pid"
}

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ ! -x "$bin/initdb" ]; then
    [ "$(id -u)" -eq 0 ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql-15)" >&2; exit 1; }
    echo "installing the PostgreSQL server (postgresql-15)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null 2>&1 \
      || { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null; }
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$bin"
}

ensure_haproxy() {
  command -v haproxy >/dev/null 2>&1 && return 0
  [ "$(id -u)" -eq 0 ] || { echo "haproxy is not installed (apt-get install haproxy)" >&2; exit 1; }
  echo "installing haproxy (the distribution's package)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null 2>&1 \
    || { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null; }
}

load_config() {
  [ -f "$state/cluster.conf" ] || { echo "no cluster in $state (run: $0 up)" >&2; exit 1; }
  # shellcheck source=/dev/null
  . "$state/cluster.conf"
}

# The settings the nodes got at `up` (gateway settings: names with __, ASPNETCORE_*, DOTNET_*), so that a node started
# again by `restart` runs with the same keys as its peers whatever the caller's shell holds now. Mode 600: it holds keys.
save_settings() {
  local file=$state/settings.env name
  (umask 077; : >"$file")
  while IFS= read -r name; do
    case $name in
      *__*|ASPNETCORE_*|DOTNET_*) printf 'export %s=%q\n' "$name" "${!name}" >>"$file" ;;
    esac
  done < <(compgen -e)
}

node_ports() {
  local i=$1
  http_port=$((port + i)) silo_port=$((port + 100 + i)) gateway_port=$((port + 200 + i)) grpc_port=$((port + 500 + i))
}

start_node() {
  local i=$1
  node_ports "$i"
  echo "--- started $(date -u +%FT%TZ)" >>"$logs/node-$i.log"
  (
    cd "$gateway_dir"
    export ConnectionStrings__Ledger="$connection"
    export Orleans__ClusterId="$cluster_id" Orleans__SiloPort=$silo_port Orleans__GatewayPort=$gateway_port
    export Orleans__AdvertisedIPAddress=127.0.0.1
    # Each node's gRPC listener on a port of its own (the default 5081 would be every node's); HAProxy fronts HTTP/JSON.
    export Grpc__Url="http://127.0.0.1:$grpc_port"
    # setsid: the node outlives the terminal that ran `up`; exec keeps the recorded pid the node's own.
    exec setsid dotnet "$dll" --urls "http://127.0.0.1:$http_port" </dev/null >>"$logs/node-$i.log" 2>&1 9>&-
  ) &
  echo $! >"$state/node-$i.pid"
}

readyz() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/readyz" 2>/dev/null || true
}

wait_ready() {
  local i=$1 pid deadline
  node_ports "$i"
  pid=$(pid_of "node-$i")
  deadline=$((SECONDS + ${CLUSTER_START_TIMEOUT:-180}))
  until [ "$(readyz "$http_port")" = 200 ]; do
    if ! alive "$pid"; then
      echo "node $i exited while starting; the end of $logs/node-$i.log:" >&2
      tail -n 30 "$logs/node-$i.log" >&2
      return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "node $i was not ready after ${CLUSTER_START_TIMEOUT:-180} s; see $logs/node-$i.log" >&2
      return 1
    fi
    sleep 0.5
  done
}

start_postgres() {
  local bin data=$state/pg
  bin=$(pg_bin)
  if [ ! -f "$data/db/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$data"
    as_postgres "$bin/initdb" -D "$data/db" -U postgres -A trust -E UTF8 --locale=C >/dev/null
  fi
  if ! as_postgres "$bin/pg_ctl" -D "$data/db" status >/dev/null 2>&1; then
    as_postgres "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $data -c max_connections=400 -c shared_buffers=256MB" start >/dev/null 9>&-
  fi
  as_postgres "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'ledger'" | grep -q 1 \
    || as_postgres "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres ledger
}

stop_postgres() {
  local bin
  [ "$pg_managed" = 1 ] || return 0
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -f "$state/pg/db/PG_VERSION" ] && as_postgres "$bin/pg_ctl" -D "$state/pg/db" status >/dev/null 2>&1; then
    as_postgres "$bin/pg_ctl" -D "$state/pg/db" -m fast -w stop >/dev/null
  fi
}

# deploy/haproxy/privacy-ledger.cfg with this cluster's addresses: the template is what runs.
write_haproxy_config() {
  local servers="" i
  for i in $(seq 1 "$nodes"); do servers+="    server node$i 127.0.0.1:$((port + i))\n"; done
  awk -v listen="127.0.0.1:$port" -v stats="127.0.0.1:$((port + 400))" -v servers="$servers" -v root_user="$([ "$(id -u)" -eq 0 ] && echo 1 || echo 0)" '
    /^ *# nodes:/ { print; printf "%s", servers; skipping = 1; next }
    /^ *# end of nodes/ { skipping = 0 }
    skipping { next }
    /^ *(user|group) / && root_user == 0 { next }
    /^frontend / { section = "frontend" } /^listen stats/ { section = "stats" }
    /^ *bind / { sub(/bind .*/, "bind " (section == "stats" ? stats : listen)) }
    { print }' "$root/deploy/haproxy/privacy-ledger.cfg" >"$state/haproxy.cfg"
  haproxy -c -q -f "$state/haproxy.cfg"
}

start_haproxy() {
  echo "--- started $(date -u +%FT%TZ)" >>"$logs/haproxy.log"
  (exec setsid haproxy -db -f "$state/haproxy.cfg" </dev/null >>"$logs/haproxy.log" 2>&1 9>&-) &
  echo $! >"$state/haproxy.pid"
  for _ in $(seq 1 40); do
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$((port + 400))/stats" && return 0
    alive "$(pid_of haproxy)" || break
    sleep 0.25
  done
  echo "haproxy did not start; see $logs/haproxy.log" >&2
  tail -n 20 "$logs/haproxy.log" >&2
  return 1
}

# HAProxy's status of node i (UP, DOWN, MAINT, "UP 1/2", ...), from its stats CSV.
haproxy_view() {
  curl -s --max-time 2 "http://127.0.0.1:$((port + 400))/stats;csv" 2>/dev/null \
    | awk -F, -v node="node$1" '$1 == "gateways" && $2 == node { print $18 }'
}

# A failed `up` leaves nothing running.
abandon_up() {
  echo "up failed: stopping what was started" >&2
  cmd_down >/dev/null 2>&1 || true
  exit 1
}

cmd_up() {
  local i
  nodes=3
  while [ $# -gt 0 ]; do
    case $1 in
      --nodes) nodes=${2:?--nodes needs a number}; shift 2 ;;
      *) usage ;;
    esac
  done
  [[ $nodes =~ ^[0-9]+$ ]] && [ "$nodes" -ge 1 ] && [ "$nodes" -le 99 ] || { echo "--nodes must be 1 to 99" >&2; exit 2; }
  if [ -f "$state/cluster.conf" ]; then
    for i in $(seq 1 99); do
      if alive "$(pid_of "node-$i")"; then echo "a cluster is already running from $state ($0 down first)" >&2; exit 1; fi
    done
  fi
  mkdir -p "$logs"
  chmod 755 "$state"

  port=${CLUSTER_PORT:-5180}
  pg_port=$((port + 300))
  cluster_id=${CLUSTER_ID:-privacy-ledger}
  gateway_dir=$root/src/PrivacyLedger.Gateway
  if [ -n "${CLUSTER_GATEWAY_DLL:-}" ]; then
    dll=$(cd "$(dirname "$CLUSTER_GATEWAY_DLL")" && pwd)/$(basename "$CLUSTER_GATEWAY_DLL")
    [ -f "$dll" ] || { echo "CLUSTER_GATEWAY_DLL: $CLUSTER_GATEWAY_DLL does not exist" >&2; exit 1; }
  else
    echo "building the gateway (Release)"
    dotnet build -c Release "$gateway_dir" -nologo -v quiet >"$logs/build.log" 2>&1 \
      || { tail -n 30 "$logs/build.log" >&2; exit 1; }
    dll=$gateway_dir/bin/Release/net10.0/PrivacyLedger.Gateway.dll
  fi
  connection=${CLUSTER_CONNECTION_STRING:-}
  pg_managed=0
  if [ -z "$connection" ]; then
    pg_managed=1
    connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=ledger"
  fi
  {
    printf 'nodes=%q\nport=%q\npg_port=%q\npg_managed=%q\ncluster_id=%q\n' "$nodes" "$port" "$pg_port" "$pg_managed" "$cluster_id"
    printf 'gateway_dir=%q\ndll=%q\nconnection=%q\n' "$gateway_dir" "$dll" "$connection"
  } >"$state/cluster.conf"
  chmod 600 "$state/cluster.conf"

  ensure_haproxy
  if [ "$pg_managed" = 1 ]; then
    start_postgres
    echo "postgresql: 127.0.0.1:$pg_port, data in $state/pg"
  else
    echo "postgresql: the one CLUSTER_CONNECTION_STRING names"
  fi

  # The README's development keys unless the caller chose an environment.
  export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-${DOTNET_ENVIRONMENT:-Development}}
  # A cluster is watched: the Orleans Dashboard on, unless the caller turned it off (load tests: Cluster__Dashboard=false).
  export Cluster__Dashboard=${Cluster__Dashboard:-true}
  save_settings
  # All at once: the schema migration takes an advisory lock, and Orleans' membership admits concurrent joins.
  for i in $(seq 1 "$nodes"); do start_node "$i"; done
  for i in $(seq 1 "$nodes"); do
    wait_ready "$i" || abandon_up
    node_ports "$i"
    echo "node $i: pid $(pid_of "node-$i"), http 127.0.0.1:$http_port, silo $silo_port, gateway $gateway_port, log $logs/node-$i.log"
  done
  write_haproxy_config || abandon_up
  start_haproxy || abandon_up
  echo "haproxy: pid $(pid_of haproxy), stats http://127.0.0.1:$((port + 400))/stats, log $logs/haproxy.log"
  echo "environment: $ASPNETCORE_ENVIRONMENT; logs in $logs"
  # Return once HAProxy has seen a node ready, so the url works when printed.
  for _ in $(seq 1 40); do
    for i in $(seq 1 "$nodes"); do [[ $(haproxy_view "$i") == UP* ]] && break 2; done
    sleep 0.25
  done
  echo "url: http://127.0.0.1:$port"
}

cmd_status() {
  local i pid running
  load_config
  for i in $(seq 1 "$nodes"); do
    node_ports "$i"
    pid=$(pid_of "node-$i")
    if alive "$pid"; then running="running"; else running="not running"; fi
    echo "node $i: pid ${pid:--} $running, http 127.0.0.1:$http_port, silo $silo_port, gateway $gateway_port, readyz $(readyz "$http_port" | sed 's/^000$/-/'), haproxy $(haproxy_view "$i" || true)"
  done
  pid=$(pid_of haproxy)
  if alive "$pid"; then running="running"; else running="not running"; fi
  echo "haproxy: pid ${pid:--} $running, url http://127.0.0.1:$port, stats http://127.0.0.1:$((port + 400))/stats"
  if [ "$pg_managed" = 1 ]; then
    if as_postgres "$(pg_bin)/pg_ctl" -D "$state/pg/db" status >/dev/null 2>&1; then running="running"; else running="not running"; fi
    echo "postgresql: 127.0.0.1:$pg_port $running, data in $state/pg"
  else
    echo "postgresql: given by CLUSTER_CONNECTION_STRING (not managed here)"
  fi
  echo "logs: $logs"
}

node_number() {
  [[ ${1:-} =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le "$nodes" ] || { echo "node must be 1 to $nodes" >&2; exit 2; }
}

cmd_kill() {
  local pid
  load_config
  node_number "${1:-}"
  pid=$(pid_of "node-$1")
  alive "$pid" || { echo "node $1 is not running" >&2; exit 1; }
  kill -KILL "$pid"
  while alive "$pid"; do sleep 0.05; done
  echo "node $1: pid $pid killed (SIGKILL)"
}

cmd_restart() {
  load_config
  node_number "${1:-}"
  stop_process "node-$1" 40
  # The settings the cluster started with (see save_settings).
  # shellcheck source=/dev/null
  . "$state/settings.env"
  start_node "$1"
  wait_ready "$1"
  node_ports "$1"
  echo "node $1: pid $(pid_of "node-$1"), http 127.0.0.1:$http_port, silo $silo_port, gateway $gateway_port, ready"
}

cmd_down() {
  local i
  load_config
  # The nodes first, gracefully and together (each drains, hands its grains off and leaves the cluster), then the rest.
  for i in $(seq 1 "$nodes"); do
    pid=$(pid_of "node-$i")
    alive "$pid" && kill -TERM "$pid" 2>/dev/null || true
  done
  for i in $(seq 1 "$nodes"); do stop_process "node-$i" 60; done
  stop_process haproxy 10
  stop_postgres
  echo "stopped; logs and data stay in $state"
}

command=${1:-}
[ $# -gt 0 ] && shift
mkdir -p "$state"
# One command at a time per cluster (what this script starts gets the lock's descriptor closed: 9>&-).
exec 9>"$state/.lock"
flock 9
case $command in
  up) cmd_up "$@" ;;
  status) cmd_status ;;
  kill) cmd_kill "${1:-}" ;;
  restart) cmd_restart "${1:-}" ;;
  down) cmd_down ;;
  *) usage ;;
esac
