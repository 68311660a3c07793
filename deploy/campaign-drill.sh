#!/usr/bin/env bash
# The operator's drill of issue 5, end to end from the command line, on PostgreSQL (loopback only):
#   1. import N people (default 100,000) into a register with `privacy-ledger import` (bulk path);
#   2. start a register-purge campaign over all of them and follow it with `campaign status --watch`;
#   3. kill the gateway with SIGKILL part-way through, start it again, and let the watch carry on;
#   4. check that every person is accounted for exactly once and the register is empty.
# Usage: deploy/campaign-drill.sh [N]. Settings: PGPORT (5434), GATEWAY_URL (http://127.0.0.1:5090),
# KILL_AT (percent processed before the kill, 30). Leaves nothing running; data in a temporary folder.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-100000}
export PGPORT=${PGPORT:-5434}
url=${GATEWAY_URL:-http://127.0.0.1:5090}
kill_at=${KILL_AT:-30}
register=plusterveys-corporate
work=$(mktemp -d /tmp/privacy-ledger-drill-XXXXXX)
export PGDATA_DIR=$work/pg GATEWAY_URLS=$url
# The development keys and master key (appsettings.Development.json): this is a drill, not a deployment.
export ASPNETCORE_ENVIRONMENT=Development
chmod 755 "$work"
cli() { dotnet "$root/src/PrivacyLedger.Cli/bin/Release/net10.0/privacy-ledger.dll" --gateway "$url" "$@"; }
admin() { curl -fsS -H "X-Api-Key: dev-admin-key" "$url$1"; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
stop_gateway() { pkill -9 -f -- "--urls $url" 2>/dev/null || true; }
start_gateway() {
  "$root/deploy/run-with-postgres.sh" >>"$work/gateway.log" 2>&1 &
  for _ in $(seq 1 120); do curl -fsS "$url/readyz" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "the gateway did not become ready; see $work/gateway.log" >&2; exit 1
}
cleanup() { stop_gateway; "$root/deploy/run-with-postgres.sh" stop >/dev/null 2>&1 || true; }
trap cleanup EXIT

echo "# drill: N=$n, register $register, gateway $url, PostgreSQL 127.0.0.1:$PGPORT, work folder $work"
dotnet build -c Release "$root/src/PrivacyLedger.Cli" >/dev/null
dotnet build "$root/src/PrivacyLedger.Gateway" >/dev/null
start_gateway

# Everyone last active in 2014, so an inactive-since-2016 purge selects them all.
awk -v n="$n" 'BEGIN { print "email,phone,lastActivityAt,categories";
  for (i = 0; i < n; i++) printf "drill%d@example.fi,+35850%07d,2014-06-01,contact-person\n", i, i }' >"$work/people.csv"
export PRIVACY_LEDGER_API_KEY=dev-admin-key
start=$(date +%s)
cli import "$work/people.csv" --register "$register" --source drill
echo "# import took $(( $(date +%s) - start )) s"

campaign=$(cli campaign start --kind register-purge --register "$register" --inactive-since 2016-01-01 --execute --yes | tail -n 1)
echo "# campaign $campaign"
cli campaign status "$campaign" --watch &
watch=$!

until [ "$(admin "/v1/campaigns/$campaign" | json "['processed']")" -ge $(( n * kill_at / 100 )) ]; do sleep 0.5; done
echo "# SIGKILL to the gateway at $(admin "/v1/campaigns/$campaign" | json "['processed']") processed"
stop_gateway
sleep 3
start_gateway
echo "# gateway restarted"
wait "$watch"

status=$(admin "/v1/campaigns/$campaign")
echo "# final: $status"
python3 - "$status" "$n" <<'PY'
import json, sys
status, n = json.loads(sys.argv[1]), int(sys.argv[2])
accounted = status["erased"] + status["held"] + status["failed"] + status.get("skipped", 0)
assert status["status"] == "completed", status["status"]
assert status["total"] == n and status["processed"] == n and accounted == n, (status, n)
print(f"# every one of {n:,} people accounted for once: erased {status['erased']:,}, held {status['held']:,}, failed {status['failed']:,}")
PY
members=$(admin "/v1/registers/$register/members?limit=1" | json "['items']")
[ "$members" = "[]" ] || { echo "the register still has members: $members" >&2; exit 1; }
echo "# register $register is empty"
