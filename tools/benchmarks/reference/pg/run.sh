#!/usr/bin/env bash
# The persisted send as pgbench measures it (see ../README.md): creates the database if missing, loads schema.sql
# (which recreates its two tables), then runs send.sql (10,000 chats) and hot.sql (10 hot chats) and prints the
# committed transactions per second of each. One commit per send, as the product does today, so this is the
# ceiling of "one message, one commit" on this machine's disk: rerun it beside every measurement.
#
# Env: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), BENCH_DB (sendbench), BENCH_SECONDS (15),
# BENCH_CLIENTS (16), BENCH_JOBS (2).
set -euo pipefail
cd "$(dirname "$0")"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
db="${BENCH_DB:-sendbench}"
seconds="${BENCH_SECONDS:-15}"
clients="${BENCH_CLIENTS:-16}"
jobs="${BENCH_JOBS:-2}"

if [ "$(psql -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
  createdb "$db"
fi
PGOPTIONS="-c client_min_messages=warning" psql -q -d "$db" -v ON_ERROR_STOP=1 -f schema.sql

echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(psql -d "$db" -Atc 'SHOW server_version'), database $db"
echo "$clients clients, $jobs threads, $seconds s each"
for script in send hot; do
  tps="$(pgbench -n -f "$script.sql" -c "$clients" -j "$jobs" -T "$seconds" "$db" 2>&1 |
    sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p')"
  if [ -z "$tps" ]; then
    echo "pgbench $script.sql printed no tps" >&2
    exit 1
  fi
  printf '%-9s %8.0f tx/s\n' "$script.sql" "$tps"
done
