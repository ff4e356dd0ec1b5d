#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis servers on loopback for the tests (Debian's postgresql and redis-server packages).
#
#   scripts/test-services.sh start DIR   start both with their data in DIR; prints the variables the tests read:
#                                        AIDDAO_TEST_POSTGRES (an admin connection string) and AIDDAO_TEST_REDIS
#   scripts/test-services.sh stop DIR    stop both and delete DIR
#
# Nothing is kept: PostgreSQL runs without fsync from a fresh cluster, Redis without persistence. Ports are free ones
# picked at start. As root, PostgreSQL runs as the 'postgres' user (initdb refuses root).
set -euo pipefail

die() { echo "error: $*" >&2; exit 1; }
[ $# -eq 2 ] || die "usage: $0 start|stop DIR"
action=$1
dir=$2

pg_bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$found" ] || die "PostgreSQL is not installed: install Debian's postgresql package (apt-get install postgresql)"
  echo "$found"
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 - <<'EOF' 2>/dev/null || node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
EOF
}

case "$action" in
  start)
    command -v redis-server >/dev/null || die "Redis is not installed: install Debian's redis-server package (apt-get install redis-server)"
    bin=$(pg_bin)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    pg_port=$(free_port)
    redis_port=$(free_port)
    as_pg "$bin/initdb" -D "$dir/pg" -A trust -U postgres --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; die "initdb failed (log above)"; }
    as_pg "$bin/pg_ctl" -D "$dir/pg" -l "$dir/pg.log" -w -t 60 \
      -o "-p $pg_port -k $dir/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null || { cat "$dir/pg.log" >&2; die "PostgreSQL did not start (log above)"; }
    redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
      --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir" >/dev/null
    for _ in $(seq 1 50); do
      redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
      sleep 0.1
    done
    redis-cli -p "$redis_port" ping >/dev/null 2>&1 || { cat "$dir/redis.log" >&2; die "Redis did not start (log above)"; }
    {
      echo "export AIDDAO_TEST_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres'"
      echo "export AIDDAO_TEST_REDIS='127.0.0.1:$redis_port'"
    } | tee "$dir/env"
    ;;
  stop)
    [ -d "$dir" ] || exit 0
    dir=$(cd "$dir" && pwd)
    if [ -f "$dir/pg/postmaster.pid" ]; then as_pg "$(pg_bin)/pg_ctl" -D "$dir/pg" -m immediate -w stop >/dev/null || true; fi
    if [ -f "$dir/redis.pid" ]; then kill "$(cat "$dir/redis.pid")" 2>/dev/null || true; fi
    rm -rf "$dir"
    ;;
  *) die "usage: $0 start|stop DIR" ;;
esac
