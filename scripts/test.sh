#!/usr/bin/env bash
# Runs every test of the platform. On a fresh machine it needs only the .NET 10 SDK: NuGet packages are restored
# from the pinned versions in Directory.Packages.props, scripts/postgres.sh installs and starts PostgreSQL 15 with
# pgvector (left running afterwards, so the next run reuses it), and scripts/kubectl.sh installs kubectl for the
# Kubernetes manifest tests.
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
output=$(mktemp)

PLATFORM_TEST_POSTGRES=$(bash scripts/postgres.sh | tail -1) || { echo "scripts/postgres.sh failed" >&2; exit 1; }
export PLATFORM_TEST_POSTGRES
bash scripts/web.sh || { echo "scripts/web.sh failed" >&2; exit 1; }
bash scripts/browser.sh || { echo "scripts/browser.sh failed" >&2; exit 1; }
bash scripts/kubectl.sh || { echo "scripts/kubectl.sh failed" >&2; exit 1; }
dotnet build Platform.sln -c Release --nologo -v quiet || exit 1
dotnet test Platform.sln -c Release --no-build --nologo --logger "console;verbosity=normal" 2>&1 | tee "$output"
status=${PIPESTATUS[0]}

# One plain closing line over all test assemblies.
awk '$1 == "Passed:" { p += $2 } $1 == "Failed:" { f += $2 } $1 == "Skipped:" { s += $2 }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s; exit (f > 0 || p == 0) }' "$output" || status=1
rm -f "$output"
exit "$status"
