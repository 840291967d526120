# Shared by the bench/ scripts (after bin/lib/common.sh).
# shellcheck shell=bash

psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres "$@"; }

# The machine's speed varies between days (by 4× on the same machine): prints the TPS of a 10 s
# pgbench select-only run (16 clients) on the local PostgreSQL, a reference to compare figures by.
machine_reference() {
  local log="$1" tps
  psql_admin -d postgres -c "DROP DATABASE IF EXISTS listings_pgbench_ref" -c "CREATE DATABASE listings_pgbench_ref"
  pgbench -q -i -s 10 -h 127.0.0.1 -U postgres listings_pgbench_ref > "$log" 2>&1
  tps=$(pgbench -S -c 16 -j 2 -T 10 -h 127.0.0.1 -U postgres listings_pgbench_ref 2>>"$log" | sed -n 's/^tps = \([0-9]*\).*/\1/p')
  psql_admin -d postgres -c "DROP DATABASE listings_pgbench_ref"
  printf '%s' "$tps"
}
