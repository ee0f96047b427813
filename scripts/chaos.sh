#!/usr/bin/env bash
# The chaos scenario (issue 11), three runs (or $RUNS) through scripts/bench.sh: a PostgreSQL server of its own, three
# silo processes (zones a, b, c) and the HTTP API as a process of its own, under steady job posts through the API with
# Idempotency-Keys; a zone killed and restored, a silo paused past failure detection, PostgreSQL down 10 s, every silo
# rolled; then every job read back. One JSON line per fault and a summary per run, then medians.
#   bash scripts/chaos.sh                          # every fault, 5 s of steady load before, between and after them
#   bash scripts/chaos.sh --faults postgres,roll --duration 10
# Definitions of the fields: docs/benchmarks.md, "chaos".
set -euo pipefail
exec bash "$(dirname "$0")/bench.sh" chaos "$@"
