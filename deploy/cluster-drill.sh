#!/usr/bin/env bash
# The kill drill of issue 15 in one command: three nodes behind HAProxy (deploy/cluster.sh), then the drill client
# (benchmarks/PrivacyLedger.ClusterDrill): 100,000 people imported and purged by a campaign, 90/10 checks and logged
# consent changes, 50 erasure requests, a node killed with SIGKILL every 20-30 s ten times and restarted; then every
# acknowledged change is checked through the API after a restart of the whole cluster. Exit 1 on any loss.
#
#   deploy/cluster-drill.sh [client options]      the drill (client options: see the client's usage, e.g. --kills 3)
#   deploy/cluster-drill.sh --scale [SECONDS]     throughput of single checks and consent changes with 1, 2 and 3 nodes
#
# Settings: CLUSTER_PORT (5280), CLUSTER_STATE_DIR (a new folder under /tmp, printed; kept for its logs). The nodes run
# in Development (the README's development keys) with Ledger:RequestWorkInterval 10 s, so a request or campaign whose
# node died resumes within seconds rather than a minute. Leaves nothing running. On this shared machine run it as
# `flock /work/bench.lock deploy/cluster-drill.sh`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export CLUSTER_PORT=${CLUSTER_PORT:-5280}
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export Ledger__RequestWorkInterval=${Ledger__RequestWorkInterval:-00:00:10}
key=${DRILL_API_KEY:-dev-admin-key}
client=$root/benchmarks/PrivacyLedger.ClusterDrill/bin/Release/net10.0/PrivacyLedger.ClusterDrill.dll

dotnet build -c Release "$root/benchmarks/PrivacyLedger.ClusterDrill" -nologo -v quiet >/dev/null
dotnet build -c Release "$root/src/PrivacyLedger.Gateway" -nologo -v quiet >/dev/null
export CLUSTER_GATEWAY_DLL=$root/src/PrivacyLedger.Gateway/bin/Release/net10.0/PrivacyLedger.Gateway.dll

new_state() {
  CLUSTER_STATE_DIR=$(mktemp -d /tmp/privacy-ledger-cluster-XXXXXX)
  chmod 755 "$CLUSTER_STATE_DIR"
  export CLUSTER_STATE_DIR
}
up() {
  local output
  output=$("$root/deploy/cluster.sh" up --nodes "$1")
  echo "$output" | sed 's/^/# /' >&2
  echo "$output" | sed -n 's/^url: //p'
}
down() { [ -n "${CLUSTER_STATE_DIR:-}" ] && "$root/deploy/cluster.sh" down >/dev/null 2>&1 || true; }
trap down EXIT

if [ "${1:-}" = "--scale" ]; then
  seconds=${2:-20}
  for nodes in 1 2 3; do
    new_state
    url=$(up "$nodes")
    metrics=$(for i in $(seq 1 "$nodes"); do printf 'http://127.0.0.1:%d,' $((CLUSTER_PORT + i)); done)
    echo "## $nodes node(s) behind HAProxy, state in $CLUSTER_STATE_DIR"
    dotnet "$client" --url "$url" --api-key "$key" --throughput "$seconds" --metrics-urls "$metrics" --work "$CLUSTER_STATE_DIR/drill"
    down
  done
  exit 0
fi

new_state
url=$(up 3)
echo "# cluster state, logs and the drill's files in $CLUSTER_STATE_DIR"
dotnet "$client" --url "$url" --api-key "$key" --cluster-script "$root/deploy/cluster.sh" --nodes 3 --work "$CLUSTER_STATE_DIR/drill" "$@"
