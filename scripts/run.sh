#!/usr/bin/env bash
# Runs the platform on its embedded defaults, no external server: one Orleans silo (in-memory grain storage,
# reminders, journal and streams, the local embedder, simulated payments) and the HTTP API beside it as an Orleans
# client of the silo's gateway over mutual TLS (development certificates the silo makes for this run), with its own
# development token issuer. Prints the API's URL and tokens of the demo users (README, "Try it").
#   bash scripts/run.sh                      # silo + API on http://127.0.0.1:5080 (PLATFORM_API_URL)
#   bash scripts/run.sh --smoke              # silo only: post and assign one job through the grains, print it, exit 0
#   bash scripts/run.sh --zone a             # extra arguments go to the silo (see its --help)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# A build directory of its own, so a run never collides with another build of the tree.
artifacts=${PLATFORM_RUN_ARTIFACTS:-/tmp/platform-run}
silo="$artifacts/bin/Platform.Silo/release/Platform.Silo.dll"
if [[ " $* " == *" --smoke "* ]]; then
  dotnet build silo/Platform.Silo -c Release --nologo -v quiet --artifacts-path "$artifacts" >&2
  exec dotnet "$silo" "$@"
fi

bash scripts/web.sh
dotnet build src/Platform.Api -c Release --nologo -v quiet --artifacts-path "$artifacts" >&2
dotnet build silo/Platform.Silo -c Release --nologo -v quiet --artifacts-path "$artifacts" >&2
log=$(mktemp)
# A development authority and certificates of this run alone, deleted with it (--make-dev-certs; docs/operations.md).
certs=$(mktemp -d)
silo_pid=""
trap '[[ -z $silo_pid ]] || { kill "$silo_pid" 2>/dev/null; wait "$silo_pid" 2>/dev/null || true; }; rm -rf "$log" "$certs"' EXIT INT TERM
dotnet "$silo" --make-dev-certs "$certs" >/dev/null
PLATFORM_SILO__TLSCERTIFICATE=$certs/silo.crt PLATFORM_SILO__TLSKEY=$certs/silo.key PLATFORM_SILO__TLSCA=$certs/ca.crt \
  dotnet "$silo" --gateway-port "${PLATFORM_GATEWAY_PORT:-30000}" "$@" >"$log" 2>&1 &
silo_pid=$!

# The silo prints one line when it serves: "Platform silo running: silo ...@..., gateway ADDRESS:PORT, ...". The JSON
# log line repeats it as its template ("gateway {Gateway}"), which the first character of the address rules out.
gateway=""
for _ in $(seq 600); do
  gateway=$(sed -n 's/.*Platform silo running: silo [^ ]*, gateway \([^{,][^,]*\),.*/\1/p' "$log" | head -n 1)
  [[ -n $gateway ]] && break
  kill -0 "$silo_pid" 2>/dev/null || { cat "$log" >&2; echo "scripts/run.sh: the silo stopped before it was ready" >&2; exit 1; }
  sleep 0.1
done
[[ -n $gateway ]] || { cat "$log" >&2; echo "scripts/run.sh: the silo was not ready within 60 s" >&2; exit 1; }
echo "Silo ready, gateway $gateway (mutual TLS)" >&2

Api__Gateways__0=$gateway \
Api__Tls__CertificatePath=$certs/client.crt Api__Tls__KeyPath=$certs/client.key Api__Tls__CertificateAuthorityPath=$certs/ca.crt \
Api__Jwt__Issuer=platform-development \
Api__Jwt__DevelopmentIssuer=true \
ASPNETCORE_URLS=${PLATFORM_API_URL:-http://127.0.0.1:5080} \
  dotnet "$artifacts/bin/Platform.Api/release/Platform.Api.dll"
