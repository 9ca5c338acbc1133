#!/usr/bin/env bash
# Whole-process speed of `lmlab tokenize --tokenizer gpt2` against tiktoken's WASM build under
# Node (tiktoken-lines.cjs, the same line-by-line contract), run alternately in the same session:
# a large file and the one line "hi" (start-up). Checks that both write byte-identical ids, then
# prints each run and the medians. Usage, from anywhere:
#   tokenizers/src/test/bench/cli-vs-tiktoken.sh [FILE] [RUNS]
# FILE defaults to five copies of data/tinyshakespeare.txt (5,576,970 bytes); RUNS to 5.
# tiktoken is installed with npm into $TIKTOKEN_DIR (default /tmp/tiktoken-bench), outside the repo.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
work="${TMPDIR:-/tmp}/lmlab-cli-bench"
mkdir -p "$work"
file="${1:-$work/shake5.txt}"
runs="${2:-5}"
if [[ ! -f "$file" ]]; then
  for _ in 1 2 3 4 5; do cat "$root/data/tinyshakespeare.txt"; done >"$file"
fi
printf 'hi\n' >"$work/hi.txt"
tiktoken_dir="${TIKTOKEN_DIR:-/tmp/tiktoken-bench}"
if [[ ! -d "$tiktoken_dir/node_modules/tiktoken" ]]; then
  mkdir -p "$tiktoken_dir"
  (cd "$tiktoken_dir" && npm init -y >/dev/null && npm install --silent tiktoken >/dev/null)
fi
export NODE_PATH="$tiktoken_dir/node_modules"
lmlab() { "$root/lmlab" tokenize --tokenizer gpt2 --input "$1" >"$2"; }
tiktoken() { node "$here/tiktoken-lines.cjs" "$1" >"$2"; }
seconds() { # seconds SIDE INPUT OUTPUT: runs one side, prints "WALL CPU" (CPU: user + system, all threads)
  local timed=(/usr/bin/time -f "%e %U %S" -o "$work/time")
  case "$1" in
    lmlab) "${timed[@]}" "$root/lmlab" tokenize --tokenizer gpt2 --input "$2" >"$3" ;;
    tiktoken) "${timed[@]}" node "$here/tiktoken-lines.cjs" "$2" >"$3" ;;
  esac
  tail -n 1 "$work/time" | awk '{ printf "%.2f %.2f", $1, $2 + $3 }'
}
median() { tr ' ' '\n' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# One untimed run each: builds lmlab and its class data sharing archive if needed, warms the page cache.
lmlab "$file" "$work/lmlab.file"
tiktoken "$file" "$work/tiktoken.file"
if cmp -s "$work/lmlab.file" "$work/tiktoken.file"; then
  echo "outputs: byte-identical ($(wc -l <"$work/lmlab.file") lines, $(wc -c <"$work/lmlab.file") bytes)"
else
  echo "outputs DIFFER: cmp $work/lmlab.file $work/tiktoken.file" >&2
  exit 1
fi
declare -A wall cpu
for ((i = 1; i <= runs; i++)); do
  line="run $i:"
  for job in "file lmlab $file" "file tiktoken $file" "hi lmlab $work/hi.txt" "hi tiktoken $work/hi.txt"; do
    read -r what side input <<<"$job"
    read -r w c <<<"$(seconds "$side" "$input" "$work/$side.$what")"
    wall[$what.$side]+=" $w" cpu[$what.$side]+=" $c"
    line+=" $what $side ${w}s (cpu ${c}s)"
  done
  echo "$line"
done
cmp -s "$work/lmlab.hi" "$work/tiktoken.hi" || { echo "hi: outputs DIFFER" >&2; exit 1; }
for what in file hi; do
  lw=$(echo ${wall[$what.lmlab]} | median) tw=$(echo ${wall[$what.tiktoken]} | median)
  lc=$(echo ${cpu[$what.lmlab]} | median) tc=$(echo ${cpu[$what.tiktoken]} | median)
  echo "median $what: lmlab ${lw}s (cpu ${lc}s), tiktoken ${tw}s (cpu ${tc}s), tiktoken/lmlab wall" \
    "$(awk -v a="$tw" -v b="$lw" 'BEGIN { printf "%.2f", a / b }')x"
done
