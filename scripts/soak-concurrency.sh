#!/usr/bin/env bash
# Runs the event-store concurrency test (8 writers × 2,000 events, transactions held open, a
# catch-up subscriber) N times in a row (default 20) and stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  if npx jest test/contract/postgres-event-store.spec.ts -t "8 writers" --silent >/tmp/ledger-soak-$$.log 2>&1; then
    echo "run $i/$runs passed in $(( $(date +%s) - start ))s"
  else
    echo "run $i/$runs FAILED"; cat /tmp/ledger-soak-$$.log; exit 1
  fi
done
echo "$runs passed, 0 failed"
