#!/usr/bin/env bash
# Runs each scenario three times (or $RUNS), prints every JSON line, then the median per scenario and the ratios
# of the platform against its baselines measured in the same run.
#   bash scripts/bench.sh                      # every scenario
#   bash scripts/bench.sh rolling-restart      # one scenario, three runs
#   bash scripts/bench.sh capacity             # where each part saturates: one line per part, medians per part
#   bash scripts/bench.sh local-call --duration 10
#   SCENARIOS="local-call-bare local-call-traced local-call" bash scripts/bench.sh --duration 5   # interleaved rounds
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
# An artifacts path of its own: builds of other checkouts or IDEs must not share obj/ with the measured build.
artifacts=${PLATFORM_BENCH_ARTIFACTS:-/tmp/platform-bench-artifacts}
dotnet build bench/Platform.Bench -c Release --nologo -v quiet --artifacts-path "$artifacts" >/dev/null
# failover, rolling-restart and rebalance create a database per run on the PostgreSQL of scripts/postgres.sh (chaos
# starts a server of its own, with the binaries that script installs).
export PLATFORM_BENCH_POSTGRES=${PLATFORM_BENCH_POSTGRES:-$(bash scripts/postgres.sh | tail -n 1)}
bench=$artifacts/bin/Platform.Bench/release/Platform.Bench.dll
out=$(mktemp)

if [[ -n ${SCENARIOS:-} ]]; then
  # One round of every listed scenario per run, so that a slow spell of the machine hits them all alike.
  for _ in $(seq "$runs"); do
    for scenario in $SCENARIOS; do dotnet "$bench" "$scenario" "$@" | tee -a "$out"; done
  done
elif [[ $# -gt 0 ]]; then
  for _ in $(seq "$runs"); do dotnet "$bench" "$@" | tee -a "$out"; done
else
  for _ in $(seq "$runs"); do
    for scenario in local-baseline local-call-bare local-call-traced local-call activation remote-baseline remote-call failover rolling-restart rebalance; do
      dotnet "$bench" "$scenario" | tee -a "$out"
    done
  done
fi

python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
medians = {}
# A scenario that prints several lines per run (api: read, write, read-max; chaos: one per fault and a summary;
# capacity: one per part) is summarised per endpoint, fault or part.
LINE_NAMES = ("endpoint", "fault", "part")
def line_name(r): return next((name for name in LINE_NAMES if name in r), None)
def key(r): return (r["scenario"], r[line_name(r)] if line_name(r) else None)
for scenario, endpoint in dict.fromkeys(key(r) for r in rows):
    runs = [r for r in rows if key(r) == (scenario, endpoint)]
    # Yes/no outcomes must hold in every run; numbers are summarised by their median.
    median = {k: all(r[k] for r in runs) if isinstance(runs[0][k], bool) else statistics.median(r[k] for r in runs)
              for k in runs[0] if isinstance(runs[0][k], (int, float))}
    medians[scenario if endpoint is None else f"{scenario}/{endpoint}"] = median
    label = {"scenario": scenario} if endpoint is None else {"scenario": scenario, line_name(runs[0]): endpoint}
    print(json.dumps({**label, "median_of": len(runs), **median}))
for measured, baseline in (("local-call", "local-call-bare"), ("local-call", "local-call-traced"), ("local-call-traced", "local-call-bare"), ("local-call-bare", "local-baseline"), ("remote-call", "remote-baseline")):
    if measured in medians and baseline in medians:
        ratio = medians[measured]["ops_per_sec"] / medians[baseline]["ops_per_sec"]
        print(json.dumps({"ratio": f"{measured}/{baseline}", "value": round(ratio, 3)}))
PY
rm -f "$out"
