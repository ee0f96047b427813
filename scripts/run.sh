#!/usr/bin/env bash
# Runs the platform on its embedded defaults: one silo, in-memory storage and reminders, no external server.
# Extra arguments go to the silo (see --help), e.g. bash scripts/run.sh --call-timeout 00:00:10
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet run --project silo/Platform.Silo -c Release -- "$@"
