#!/usr/bin/env bash
# A local three-zone cluster of separate silo processes on loopback, with membership and grain state in the
# PostgreSQL that scripts/postgres.sh starts (installed on first use).
#   bash scripts/cluster.sh start            # silos in zones a, b, c on ports 11111, 11112, 11113
#   bash scripts/cluster.sh show             # the membership table: address, zone, status, last heartbeat, votes
#   bash scripts/cluster.sh kill b           # kill -9 the silo of zone b (the others declare it dead within 10 s)
#   bash scripts/cluster.sh restart b        # start zone b's silo again (a new generation joins)
#   bash scripts/cluster.sh stop             # SIGTERM every silo (graceful: each leaves the cluster first)
# PLATFORM_CLUSTER_ID (default local), PLATFORM_CLUSTER_DIR (default /tmp/platform-cluster) hold logs and pids.
set -euo pipefail
cd "$(dirname "$0")/.."
cluster_id=${PLATFORM_CLUSTER_ID:-local}
dir=${PLATFORM_CLUSTER_DIR:-/tmp/platform-cluster}
zones=(a b c)
mkdir -p "$dir"

port_of() { case $1 in a) echo 11111 ;; b) echo 11112 ;; c) echo 11113 ;; *) echo "cluster.sh: unknown zone '$1'; use a, b or c" >&2; exit 2 ;; esac; }
postgres() { bash scripts/postgres.sh | tail -n 1; }
silo_dll=silo/Platform.Silo/bin/Release/net10.0/Platform.Silo.dll

start_zone() {
  local zone=$1 port conn
  port=$(port_of "$zone")
  conn=$(postgres)
  if [[ -f $dir/$zone.pid ]] && kill -0 "$(cat "$dir/$zone.pid")" 2>/dev/null; then
    echo "zone $zone: already running (pid $(cat "$dir/$zone.pid"))"
    return
  fi
  nohup dotnet "$silo_dll" --zone "$zone" --port "$port" --cluster-id "$cluster_id" \
    --storage postgres --membership postgres --postgres "$conn" >"$dir/$zone.log" 2>&1 &
  echo $! >"$dir/$zone.pid"
  for _ in $(seq 100); do
    grep -q "Platform silo running" "$dir/$zone.log" 2>/dev/null && { echo "zone $zone: silo on 127.0.0.1:$port (pid $!)"; return; }
    kill -0 "$(cat "$dir/$zone.pid")" 2>/dev/null || { echo "zone $zone: silo exited; see $dir/$zone.log" >&2; tail -n 5 "$dir/$zone.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "zone $zone: not ready after 20 s; see $dir/$zone.log" >&2
  exit 1
}

case ${1:-} in
  start)
    dotnet build silo/Platform.Silo -c Release --nologo -v quiet >/dev/null
    for zone in "${zones[@]}"; do start_zone "$zone"; done
    ;;
  show)
    postgres >/dev/null
    psql -h 127.0.0.1 -p 55432 -U postgres -d platform -c \
      "SELECT host || ':' || port AS silo, generation, zone, status, i_am_alive_time, jsonb_array_length(suspect_votes) AS votes
         FROM cluster_membership WHERE cluster_id = '$cluster_id' ORDER BY status, zone, generation"
    ;;
  kill)
    zone=${2:?usage: cluster.sh kill a|b|c}
    port_of "$zone" >/dev/null
    kill -9 "$(cat "$dir/$zone.pid")" && echo "zone $zone: killed (kill -9)"
    rm -f "$dir/$zone.pid"
    ;;
  restart)
    zone=${2:?usage: cluster.sh restart a|b|c}
    start_zone "$zone"
    ;;
  stop)
    for zone in "${zones[@]}"; do
      if [[ -f $dir/$zone.pid ]]; then kill "$(cat "$dir/$zone.pid")" 2>/dev/null || true; rm -f "$dir/$zone.pid"; fi
    done
    echo "stopped"
    ;;
  *)
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
