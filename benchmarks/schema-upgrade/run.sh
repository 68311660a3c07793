#!/usr/bin/env bash
# Times a PostgreSQL schema upgrade on N people's rows: a throwaway cluster on loopback port 54987. By default the upgrade
# 008 -> 009 (17-byte ledger stream ids, integer seq) on tables filled by fill-v8.sql; "to" 8 times 007 -> 008 (lean
# rows) on fill-v7.sql, 7 times 006 -> 007 (compact keys) on fill-v6.sql. Then the bytes per stream_events row and
# primary-key entry of versions 8 and 9 (stream-entries.sql).
# Usage (as root, PostgreSQL 15 from Debian installed, nothing else on port 54987): benchmarks/schema-upgrade/run.sh [people] [schema dir] [to]
# Timing only: the rows are generated shapes of the measured sizes, not real people.
set -euo pipefail
n=${1:-1000000}; here=$(cd "$(dirname "$0")" && pwd); schema_dir=${2:-$here/../../src/PrivacyLedger.Storage.Postgres/Schema}
to=${3:-9}; from=$((to - 1)); script=$(ls "$schema_dir"/$(printf '%03d' "$to")_*.sql)
root=$(mktemp -d /tmp/privacyledger-upgrade-XXXX); chown postgres "$root"; port=54987
bin=/usr/lib/postgresql/15/bin
runuser -u postgres -- $bin/initdb -D "$root/data" -U postgres -A trust >/dev/null
runuser -u postgres -- $bin/pg_ctl -D "$root/data" -l "$root/log" -o "-c listen_addresses=127.0.0.1 -p $port -k $root -c shared_buffers=256MB" -w start >/dev/null
trap 'runuser -u postgres -- $bin/pg_ctl -D "$root/data" -m immediate stop >/dev/null; rm -rf "$root"' EXIT
psql() { command psql -h 127.0.0.1 -p $port -U postgres -d postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql -c "CREATE SCHEMA ledger"
for f in "$schema_dir"/*.sql; do
    version=$(basename "$f" | cut -c1-3)
    if ((10#$version <= from)); then psql -c "SET search_path = ledger" -f "$f" >/dev/null; fi
done
echo "# filling version-$from tables with $n people's rows $(date -u +%T)"
psql -v n=$n -f "$here/fill-v$from.sql"
size() {
    psql -At -c "SELECT '$1: ' || pg_size_pretty(sum(pg_total_relation_size(c.oid))) FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'ledger' AND c.relkind = 'r'"
    # Rows as PostgreSQL stores them (pg_column_size of the whole row, its header included), averaged over a 1% sample.
    psql -At -c "SET search_path = ledger" -c "SELECT '$1, average row (pg_column_size): state ' || (SELECT avg(pg_column_size(t.*))::numeric(8,1) FROM grain_state t TABLESAMPLE SYSTEM (1)) || ' B, event ' || (SELECT avg(pg_column_size(t.*))::numeric(8,1) FROM stream_events t TABLESAMPLE SYSTEM (1)) || ' B, member ' || (SELECT avg(pg_column_size(t.*))::numeric(8,1) FROM set_entries t TABLESAMPLE SYSTEM (1)) || ' B'"
    psql -At -c "SET search_path = ledger" -c "SELECT '$1, stream_events primary key: ' || round(pg_relation_size('stream_events_pkey') / greatest(count(*), 1)::numeric, 1) || ' B per event' FROM stream_events"
}
size before
echo "# upgrading $(date -u +%T)"
start=$(date +%s.%N)
psql -c "SET search_path = ledger" -c "BEGIN" -f "$script" -c "COMMIT"
end=$(date +%s.%N)
echo "upgrade $(printf '%03d' $from) -> $(basename "$script" .sql) of $n people: $(echo "$end - $start" | bc) s"
size after
psql -At -c "SET search_path = ledger" -c "SELECT 'rows: state ' || (SELECT count(*) FROM grain_state) || ', events ' || (SELECT count(*) FROM stream_events) || ', members ' || (SELECT count(*) FROM set_entries) || ', claims ' || (SELECT count(*) FROM unique_index) || ', keys ' || (SELECT count(*) FROM data_keys)"
echo "# bytes per event row and primary-key entry, versions 8 and 9 $(date -u +%T)"
psql -At -v n=$n -f "$here/stream-entries.sql"
