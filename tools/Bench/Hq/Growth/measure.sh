#!/usr/bin/env bash
# The store_journal growth measurements of docs/BENCHMARKS.md ("Growth of store_journal"), run from the repository's
# root against a scratch PostgreSQL 15 database you may fill (PGHOST, PGPORT, PGUSER, PGDATABASE as psql reads them):
#   tools/Bench/Hq/Growth/measure.sh 2 10 20     # loads up to 2, then 10, then 20 million rows, measuring at each
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
psql -q -f "$here/schema.sql"
psql -qc "create table bench_next (store_id text primary key, next bigint not null)" \
     -c "insert into bench_next select store_id, 1000000000 from stores"
loaded=0
for millions in "$@"; do
  # Each date: 2,000 stores x 1,000 events (2 million rows), all stores interleaved as their batches arrive.
  while (( loaded < millions / 2 )); do
    loaded=$((loaded + 1))
    psql -q -v n=$loaded -v e=1000 -f "$here/day.sql"
  done
  echo "== $(psql -Atc "select count(*) || ' rows, ' || pg_size_pretty(pg_total_relation_size('store_journal')) from store_journal")"
  psql -qc "checkpoint" -c "vacuum analyze store_journal"
  pgbench -n -c 8 -j 2 -T 20 -f "$here/ingest.pgbench" -r 2>&1 | grep -E "tps|INSERT"
  psql -q -f "$here/read.sql" 2>&1 | grep -E "Time"
  psql -q -f "$here/explain.sql" 2>&1 | grep -E "Buffers|Execution" | head -4
done
