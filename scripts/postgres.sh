#!/usr/bin/env bash
# Makes a throw-away PostgreSQL 15 with pgvector 0.8 available for tests and local clusters, installing what is
# missing on a fresh Debian 12 machine (recipe: shared/ENVIRONMENT.md). Idempotent: a second call reuses the server.
# Prints the connection string on stdout as its last line; everything else goes to stderr.
#   PLATFORM_PG_PORT (default 55432), PLATFORM_PG_DIR (default /tmp/platform-postgres-PORT)
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PLATFORM_PG_PORT:-55432}
# Outside the repository: the postgres user must be able to reach it, whoever owns the checkout.
root=${PLATFORM_PG_DIR:-/tmp/platform-postgres-$port}
bin=/usr/lib/postgresql/15/bin
log() { echo "postgres.sh: $*" >&2; }
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

if [[ ! -x $bin/initdb ]]; then
  log "installing PostgreSQL 15"
  as_root apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql-15 postgresql-server-dev-15 build-essential >&2
fi

if [[ ! -f /usr/share/postgresql/15/extension/vector.control ]]; then
  log "building pgvector from Debian trixie's source package"
  if [[ ! -d /usr/include/postgresql/15/server ]] || ! command -v make >/dev/null; then
    as_root apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql-server-dev-15 build-essential >&2
  fi
  if [[ ! -f /etc/apt/sources.list.d/trixie-src.sources ]]; then
    awk 'BEGIN{RS="";ORS="\n\n"} NR==1' /etc/apt/sources.list.d/debian.sources \
      | sed -e 's/^Types: .*/Types: deb-src/' -e 's/^Suites: .*/Suites: trixie/' \
      | as_root tee /etc/apt/sources.list.d/trixie-src.sources >/dev/null
  fi
  as_root apt-get update -qq >&2
  src=$(mktemp -d)
  (cd "$src" && apt-get source --download-only pgvector >&2 && tar xzf pgvector_*.orig.tar.gz \
    && cd pgvector-*/ && make -s OPTFLAGS="" PG_CONFIG=$bin/pg_config >&2 && as_root make -s install PG_CONFIG=$bin/pg_config >&2)
  rm -rf "$src"
fi

# PostgreSQL refuses to run as root: the throw-away instance belongs to the postgres user.
run_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$root"
[[ $(id -u) -eq 0 ]] && chown postgres:postgres "$root"
if [[ ! -f $root/data/PG_VERSION ]]; then
  log "initialising a cluster in $root/data"
  run_pg $bin/initdb -D "$root/data" -U postgres --auth=trust -E UTF8 >&2
fi

if $bin/pg_isready -q -h 127.0.0.1 -p "$port"; then
  log "reusing the server already listening on 127.0.0.1:$port"
elif ! run_pg $bin/pg_ctl -D "$root/data" status >/dev/null 2>&1; then
  log "starting on 127.0.0.1:$port"
  # shared_buffers holds the matching index's HNSW graph (about 8 KB per freelancer at 1,536 dimensions, docs/matching.md).
  run_pg $bin/pg_ctl -D "$root/data" -l "$root/server.log" -w -t 60 \
    -o "-p $port -k $root -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=2GB" start >&2
fi

run_pg $bin/psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAq \
  -c "SELECT 1 FROM pg_database WHERE datname = 'platform'" | grep -q 1 \
  || run_pg $bin/createdb -h 127.0.0.1 -p "$port" -U postgres platform
run_pg $bin/psql -h 127.0.0.1 -p "$port" -U postgres -d platform -qc "CREATE EXTENSION IF NOT EXISTS vector" >&2

echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=platform"
