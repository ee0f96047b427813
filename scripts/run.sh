#!/usr/bin/env bash
# Runs the platform on its embedded defaults: one Orleans silo, in-memory grain storage, reminders and journal, no
# external server. Extra arguments go to the silo (see --help), e.g.
#   bash scripts/run.sh --smoke          # post and assign one job through the grains, print it as JSON, exit 0
#   bash scripts/run.sh --zone a --gateway-port 30001
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# A build directory of its own, so a run never collides with another build of the tree.
artifacts=${PLATFORM_RUN_ARTIFACTS:-/tmp/platform-run}
dotnet build silo/Platform.Silo -c Release --nologo -v quiet --artifacts-path "$artifacts" >&2
exec dotnet "$artifacts/bin/Platform.Silo/release/Platform.Silo.dll" "$@"
