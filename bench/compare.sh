#!/bin/sh
# The bench at two sizes on SQLite and PostgreSQL in one go, for docs/performance.md.
#
#   bench/compare.sh                      # 20 and 200 units x 30 measures x 60 months
#   SIZES="20 50" MONTHS=36 bench/compare.sh
#
# Each size gets its own database, so a generated organisation is kept for the
# next run: the SQLite file $SQLITE_DIR/bench-<units>.sqlite3, and the
# PostgreSQL database ${PG_PREFIX}<units>, which must exist (createdb -h
# 127.0.0.1 -U postgres scorecard_bench_20). Prints each run's table as it
# finishes, then the median times side by side; the JSON of each run is kept
# in $OUT. Other options are passed on to bench/run.py (e.g. --runs 10).
set -eu

cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
SIZES=${SIZES:-"20 200"}
MEASURES=${MEASURES:-30}
MONTHS=${MONTHS:-60}
SQLITE_DIR=${SQLITE_DIR:-/tmp}
PG_PREFIX=${PG_PREFIX:-postgres://postgres@127.0.0.1:5432/scorecard_bench_}
OUT=${OUT:-$(mktemp -d)}

for units in $SIZES; do
    for vendor in sqlite postgres; do
        case $vendor in
            sqlite) database=sqlite:///$SQLITE_DIR/bench-$units.sqlite3 ;;
            postgres) database=$PG_PREFIX$units ;;
        esac
        DATABASE_URL=$database "$PYTHON" bench/run.py --units "$units" \
            --measures-per-unit "$MEASURES" --months "$MONTHS" \
            --json "$OUT/$vendor-$units.json" "$@"
    done
done

"$PYTHON" - "$OUT" $SIZES <<'EOF'
import json
import sys
from pathlib import Path

out, sizes = Path(sys.argv[1]), sys.argv[2:]
runs = [
    (f"{vendor} {units}", json.loads((out / f"{vendor}-{units}.json").read_text()))
    for units in sizes
    for vendor in ("sqlite", "postgres")
]
print("\nMedian ms (queries), by database and units:\n")
print("| | " + " | ".join(name for name, _ in runs) + " |")
print("| --- |" + " ---: |" * len(runs))
for page in runs[0][1]["pages"]:
    cells = []
    for _, report in runs:
        figures = report["pages"][page]
        ms = figures["median_ms"]
        cells.append(f"{ms:,.0f} ({figures['queries']})" if ms >= 10 else f"{ms:.1f} ({figures['queries']})")
    print(f"| {page} | " + " | ".join(cells) + " |")
EOF
