#!/usr/bin/env bash
# Times the PostgreSQL upgrade 006 -> 007 (compact keys) on N people's rows: a throwaway cluster on loopback port 54987.
# Usage (as root, PostgreSQL 15 from Debian installed, nothing else on port 54987): benchmarks/schema-upgrade/run.sh [people]
# Timing only: the rows are generated shapes of the measured sizes, not real people.
set -euo pipefail
n=${1:-1000000}; here=$(cd "$(dirname "$0")" && pwd); schema_dir=${2:-$here/../../src/PrivacyLedger.Storage.Postgres/Schema}
root=$(mktemp -d /tmp/privacyledger-upgrade-XXXX); chown postgres "$root"; port=54987
bin=/usr/lib/postgresql/15/bin
runuser -u postgres -- $bin/initdb -D "$root/data" -U postgres -A trust >/dev/null
runuser -u postgres -- $bin/pg_ctl -D "$root/data" -l "$root/log" -o "-c listen_addresses=127.0.0.1 -p $port -k $root -c shared_buffers=256MB" -w start >/dev/null
trap 'runuser -u postgres -- $bin/pg_ctl -D "$root/data" -m immediate stop >/dev/null; rm -rf "$root"' EXIT
psql() { command psql -h 127.0.0.1 -p $port -U postgres -d postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql -c "CREATE SCHEMA ledger"
for f in "$schema_dir"/00[1-6]_*.sql; do psql -c "SET search_path = ledger" -f "$f" >/dev/null; done
echo "# filling version-6 tables with $n people's rows $(date -u +%T)"
psql -v n=$n -f "$here/fill-v6.sql"
psql -At -c "SELECT 'before: ' || pg_size_pretty(sum(pg_total_relation_size(c.oid))) FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'ledger' AND c.relkind = 'r'"
echo "# upgrading $(date -u +%T)"
start=$(date +%s.%N)
psql -c "SET search_path = ledger" -c "BEGIN" -f "$schema_dir/007_compact_keys.sql" -c "COMMIT"
end=$(date +%s.%N)
echo "upgrade 006 -> 007 of $n people: $(echo "$end - $start" | bc) s"
psql -At -c "SELECT 'after: ' || pg_size_pretty(sum(pg_total_relation_size(c.oid))) FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'ledger' AND c.relkind = 'r'"
psql -At -c "SET search_path = ledger" -c "SELECT 'rows: state ' || (SELECT count(*) FROM grain_state) || ', events ' || (SELECT count(*) FROM stream_events) || ', members ' || (SELECT count(*) FROM set_entries) || ', claims ' || (SELECT count(*) FROM unique_index) || ', keys ' || (SELECT count(*) FROM data_keys)"
