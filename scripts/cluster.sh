#!/usr/bin/env bash
# A local three-zone Orleans cluster of separate silo processes on loopback, with membership, grain state and reminders
# in the PostgreSQL that scripts/postgres.sh starts (installed on first use). Silos and the API talk mutual TLS with
# development certificates in the cluster dir (tls/), made anew by `start` when nothing of the cluster runs.
#   bash scripts/cluster.sh start            # silos in zones a, b, c: silo ports 11111-11113, gateways 30000-30002
#   bash scripts/cluster.sh show             # Orleans' membership table: silo, zone, status, last heartbeat, suspicions
#   bash scripts/cluster.sh kill b           # kill -9 the silo of zone b (the others vote it dead)
#   bash scripts/cluster.sh restart b        # start zone b's silo again (a new generation joins)
#   bash scripts/cluster.sh add b            # one more silo in zone b on the next free ports (11114/30003 up): prints its name, e.g. b3
#   bash scripts/cluster.sh remove b3        # SIGTERM that silo: it leaves gracefully (any silo's name works: a, b, c or an added one)
#   bash scripts/cluster.sh api              # the HTTP API beside them on http://127.0.0.1:5080 (gateways from PostgreSQL)
#   bash scripts/cluster.sh token acme alice client   # a token the cluster's API accepts (RS256, key in the cluster dir)
#   bash scripts/cluster.sh stop             # SIGTERM the API and every silo, added ones too (graceful: each silo leaves first)
# PLATFORM_CLUSTER_ID (default local), PLATFORM_CLUSTER_DIR (default /tmp/platform-cluster) hold logs, pids and the build.
set -euo pipefail
cd "$(dirname "$0")/.."
cluster_id=${PLATFORM_CLUSTER_ID:-local}
dir=${PLATFORM_CLUSTER_DIR:-/tmp/platform-cluster}
zones=(a b c)
mkdir -p "$dir"
silo_dll=$dir/artifacts/bin/Platform.Silo/release/Platform.Silo.dll
tls=$dir/tls

index_of() { case $1 in a) echo 0 ;; b) echo 1 ;; c) echo 2 ;; *) echo "cluster.sh: unknown zone '$1'; use a, b or c" >&2; exit 2 ;; esac; }
postgres() { bash scripts/postgres.sh 2>/dev/null | tail -n 1; }
running() { [[ -f $dir/$1.pid ]] && kill -0 "$(cat "$dir/$1.pid")" 2>/dev/null; }

# Silo <name> in <zone> on silo port 11111+index and gateway 30000+index; zone a's silo is named a (index 0), b's b,
# c's c; added silos are named zone + index and remember their zone and index in name.zone and name.index.
start_silo() {
  local name=$1 zone=$2 index=$3 conn pid
  if running "$name"; then
    echo "silo $name: already running (pid $(cat "$dir/$name.pid"))"
    return
  fi
  conn=$(postgres)
  nohup dotnet "$silo_dll" --zone "$zone" --port $((11111 + index)) --gateway-port $((30000 + index)) \
    --cluster-id "$cluster_id" --storage postgres --postgres "$conn" \
    --tls-certificate "$tls/silo.crt" --tls-key "$tls/silo.key" --tls-ca "$tls/ca.crt" >"$dir/$name.log" 2>&1 &
  pid=$!
  echo "$pid" >"$dir/$name.pid"
  for _ in $(seq 300); do
    if grep -q "Platform silo running" "$dir/$name.log" 2>/dev/null; then
      echo "silo $name (zone $zone): $(grep -o 'silo [0-9.:]*@[0-9]*, gateway [0-9.:]*' "$dir/$name.log" | tail -n 1) (pid $pid)"
      return
    fi
    kill -0 "$pid" 2>/dev/null || { echo "silo $name: exited; see $dir/$name.log" >&2; tail -n 5 "$dir/$name.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "silo $name: not ready after 60 s; see $dir/$name.log" >&2
  exit 1
}

start_zone() { start_silo "$1" "$1" "$(index_of "$1")"; }

stop_silo() {
  local name=$1 pid
  running "$name" || { rm -f "$dir/$name.pid"; return; }
  pid=$(cat "$dir/$name.pid")
  kill -TERM "$pid"
  for _ in $(seq 450); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "silo $name: still running 90 s after SIGTERM; killing it" >&2
    kill -9 "$pid"
  else
    echo "silo $name: stopped"
  fi
  rm -f "$dir/$name.pid"
}

# The silos `add` started and that were not removed, by name.
added_silos() { for file in "$dir"/*.index; do [[ -f $file ]] && basename "$file" .index; done; }

# A development authority and certificates for silos and the API (--make-dev-certs): new ones when no process of the
# cluster runs, so a fresh start never meets expired ones; kept while any runs, which trusts only their authority.
ensure_dev_certs() {
  local name
  for name in api "${zones[@]}" $(added_silos); do running "$name" && return; done
  dotnet "$silo_dll" --make-dev-certs "$tls" >/dev/null
}

# The local cluster's token issuer: an RSA key made on first use. The API gets its public key (Api:Jwt:SigningKeysPem),
# as it would get an identity provider's; `token` signs with the private key.
jwt_issuer=platform-local-cluster
ensure_jwt_key() {
  [[ -f $dir/jwt.key ]] || openssl genrsa -out "$dir/jwt.key" 2048 2>/dev/null
  openssl rsa -in "$dir/jwt.key" -pubout -out "$dir/jwt.pub" 2>/dev/null
}
base64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

start_api() {
  local conn pid
  if running api; then echo "api: already running (pid $(cat "$dir/api.pid"))"; return; fi
  conn=$(postgres)
  ensure_jwt_key
  dotnet build src/Platform.Api -c Release --nologo -v quiet --artifacts-path "$dir/artifacts" >/dev/null
  [[ -f $tls/client.crt ]] || { echo "cluster.sh: no certificates in $tls yet; run cluster.sh start first" >&2; exit 1; }
  Api__PostgresConnectionString=$conn Api__ClusterId=$cluster_id Api__Jwt__Issuer=$jwt_issuer \
  Api__Tls__CertificatePath=$tls/client.crt Api__Tls__KeyPath=$tls/client.key Api__Tls__CertificateAuthorityPath=$tls/ca.crt \
  Api__Jwt__SigningKeysPem__0="$(cat "$dir/jwt.pub")" ASPNETCORE_URLS=${PLATFORM_API_URL:-http://127.0.0.1:5080} \
    nohup dotnet "$dir/artifacts/bin/Platform.Api/release/Platform.Api.dll" >"$dir/api.log" 2>&1 &
  pid=$!
  echo "$pid" >"$dir/api.pid"
  for _ in $(seq 300); do
    if grep -q "Now listening on" "$dir/api.log" 2>/dev/null; then
      echo "api: $(grep -o 'Now listening on: [^"]*' "$dir/api.log" | head -n 1) (pid $pid), mutual TLS to the silos; tokens: bash scripts/cluster.sh token <tenant> <user> <role>"
      return
    fi
    kill -0 "$pid" 2>/dev/null || { echo "api: exited; see $dir/api.log" >&2; tail -n 5 "$dir/api.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "api: not ready after 60 s; see $dir/api.log" >&2
  exit 1
}

case ${1:-} in
  api)
    start_api
    ;;
  token)
    [[ $# -eq 4 ]] || { echo "usage: cluster.sh token <tenant> <user> <client|freelancer|admin>" >&2; exit 2; }
    case $4 in client|freelancer|admin) ;; *) echo "cluster.sh: unknown role '$4'; use client, freelancer or admin" >&2; exit 2 ;; esac
    ensure_jwt_key
    now=$(date +%s)
    header=$(printf '{"alg":"RS256","typ":"JWT"}' | base64url)
    payload=$(printf '{"iss":"%s","aud":"platform-api","sub":"%s","tenant":"%s","role":"%s","iat":%d,"nbf":%d,"exp":%d}' \
      "$jwt_issuer" "$3" "$2" "$4" "$now" "$now" $((now + 8 * 3600)) | base64url)
    signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$dir/jwt.key" -binary | base64url)
    echo "$header.$payload.$signature"
    ;;
  start)
    postgres >/dev/null
    dotnet build silo/Platform.Silo -c Release --nologo -v quiet --artifacts-path "$dir/artifacts" >/dev/null
    ensure_dev_certs
    for zone in "${zones[@]}"; do start_zone "$zone"; done
    ;;
  add)
    zone=${2:?usage: cluster.sh add a|b|c}
    index_of "$zone" >/dev/null
    [[ -f $silo_dll ]] || { echo "cluster.sh: no silo build yet; run cluster.sh start first" >&2; exit 1; }
    index=3
    while grep -qx "$index" "$dir"/*.index 2>/dev/null; do index=$((index + 1)); done
    name=$zone$index
    echo "$zone" >"$dir/$name.zone"
    echo "$index" >"$dir/$name.index"
    start_silo "$name" "$zone" "$index"
    ;;
  remove)
    name=${2:?usage: cluster.sh remove <silo name, e.g. b3>}
    running "$name" || { echo "silo $name: not running" >&2; exit 1; }
    stop_silo "$name"
    rm -f "$dir/$name.zone" "$dir/$name.index"
    ;;
  show)
    # The table and its columns are Orleans' membership table as src/Platform.PostgreSql/Migrations/0002 creates it;
    # the zone is silo metadata, not a column, so it is told here by the ports this script gives each silo.
    postgres >/dev/null
    zone_of_port="WHEN 11111 THEN 'a' WHEN 11112 THEN 'b' WHEN 11113 THEN 'c'"
    for name in $(added_silos); do
      zone_of_port+=" WHEN $((11111 + $(cat "$dir/$name.index"))) THEN '$(cat "$dir/$name.zone")'"
    done
    psql "host=127.0.0.1 port=${PLATFORM_PG_PORT:-55432} user=postgres dbname=platform" -c \
      "SELECT address || ':' || port AS silo, generation,
              CASE port $zone_of_port ELSE '?' END AS zone,
              CASE status WHEN 1 THEN 'Created' WHEN 2 THEN 'Joining' WHEN 3 THEN 'Active' WHEN 4 THEN 'ShuttingDown'
                          WHEN 5 THEN 'Stopping' WHEN 6 THEN 'Dead' ELSE status::text END AS status,
              proxy_port AS gateway, start_time, i_am_alive_time, coalesce(suspect_times, '') AS suspected_by
         FROM orleans_membership WHERE deployment_id = '$cluster_id'
        ORDER BY status = 6, port, generation"
    ;;
  kill)
    zone=${2:?usage: cluster.sh kill a|b|c}
    index_of "$zone" >/dev/null
    running "$zone" || { echo "zone $zone: not running" >&2; exit 1; }
    kill -9 "$(cat "$dir/$zone.pid")" && echo "zone $zone: killed (kill -9)"
    rm -f "$dir/$zone.pid"
    ;;
  restart)
    zone=${2:?usage: cluster.sh restart a|b|c}
    index_of "$zone" >/dev/null
    stop_silo "$zone"
    start_zone "$zone"
    ;;
  stop)
    stop_silo api
    for name in $(added_silos); do stop_silo "$name"; rm -f "$dir/$name.zone" "$dir/$name.index"; done
    for zone in "${zones[@]}"; do stop_silo "$zone"; done
    ;;
  *)
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
