#!/usr/bin/env bash
# Instructions a byte, per document: the measure of parse speed that does not
# move with the host's load (tools/bench_parse.sh gives seconds, which do).
#
#   tools/bench_instructions.sh [BUILD_DIR] [COPIES]
#
# For each seed and corpus document, callgrind counts the instructions of
# `plancli parse -j1 -f ndjson` over COPIES copies of it (default 20) and
# over one copy; the difference divided by COPIES - 1 is the cost of one
# more document, without start-up (the first regex compiles, the tables).
# Under valgrind SHA-256 runs its portable code, not the CPU's SHA
# instructions: the script reports the instructions with and without it.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
copies=${2:-20}
bin=$build/plancli
command -v valgrind > /dev/null || { echo "bench_instructions: valgrind is needed" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
count() {  # count LIST → total instructions, and those under the SHA-256 block function
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$bin" parse -q -j 1 -f ndjson \
    --files-from "$1" > /dev/null 2> "$work/cg.err"
  local total sha
  total=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/cg.err")
  sha=$(callgrind_annotate --inclusive=yes "$work/cg.out" 2> /dev/null |
        awk '/compress_blocks/ && !n++ { gsub(",", "", $1); print $1 }')  # reads to the end: no SIGPIPE
  echo "$total ${sha:-0}"
}
printf "%-28s %9s %12s %12s %10s\n" document bytes "instr/doc" "instr/byte" "w/o SHA"
all_bytes=0; all_instr=0; all_sha=0
for f in "$here"/testdata/seeds/*.txt "$here"/testdata/corpus/d0*.txt; do
  : > "$work/many"
  for _ in $(seq "$copies"); do echo "$f" >> "$work/many"; done
  echo "$f" > "$work/one"
  read -r t1 s1 < <(count "$work/one")
  read -r tn sn < <(count "$work/many")
  bytes=$(stat -c %s "$f")
  awk -v n="$(basename "$f")" -v b="$bytes" -v t="$(( (tn - t1) / (copies - 1) ))" \
      -v s="$(( (sn - s1) / (copies - 1) ))" \
      'BEGIN { printf "%-28s %9d %12d %12.0f %10.0f\n", n, b, t, t / b, (t - s) / b }'
  all_bytes=$((all_bytes + bytes))
  all_instr=$((all_instr + (tn - t1) / (copies - 1)))
  all_sha=$((all_sha + (sn - s1) / (copies - 1)))
done
awk -v b="$all_bytes" -v t="$all_instr" -v s="$all_sha" \
    'BEGIN { printf "%-28s %9d %12d %12.0f %10.0f\n", "all ten", b, t, t / b, (t - s) / b }'
