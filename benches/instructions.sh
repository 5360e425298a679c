#!/usr/bin/env bash
# Instruction counts (callgrind: they do not depend on the machine's load) and wall-time ratios
# against pandoc measured in the same run — the four figures of the speed targets:
#   1. a process building one role in every format (job description and лист ознакомления, each
#      as MD, DOCX and PDF), from a roles folder holding only the organization and the seed role;
#   2. each further role in a batch: (a batch of 11 roles − one role) / 10;
#   3. `validate` of one role;
#   4. wall time of (1) against pandoc turning the role's Markdown into one DOCX (medians).
# usage: benches/instructions.sh [RUNS]   (needs valgrind, pandoc and perl; a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)"; exit 2; }
command -v pandoc >/dev/null || { echo "pandoc is not installed (apt-get install pandoc)"; exit 2; }
cargo build --release --quiet --locked
jobdoc=$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/release/jobdoc
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. benches/common.sh

# the organization without its translations, the seed role alone without its vacancy: the
# targets' project
project() {
  mkdir -p "$1/roles"
  sed '/^# The organization in English/,$d' roles/_organization.yaml > "$1/roles/_organization.yaml"
  sed '/^vacancy:/,/^signatures:/{/^signatures:/!d}' roles/client-manager.yaml > "$1/roles/client-manager.yaml"
}
one=$tmp/one
project "$one"
batch=$tmp/batch
project "$batch"
# every provision of a further role differs from every other role's (benches/common.sh)
for i in $(seq -w 1 10); do
  unlike "$one/roles/client-manager.yaml" "$i" > "$batch/roles/role-$i.yaml"
done

# instructions of `jobdoc ARGS` run in folder $1 (every thread counted)
instructions() {
  local dir=$1
  shift
  (cd "$dir" && SOURCE_DATE_EPOCH=1780617600 valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" \
    "$jobdoc" "$@" >/dev/null 2>"$tmp/cg.err") || { cat "$tmp/cg.err" >&2; exit 1; }
  grep -E '^summary:|^totals:' "$tmp/cg.out" | head -1 | awk '{print $2}'
}
mi() { awk -v n="$1" 'BEGIN {printf "%.1f M", n / 1e6}'; }

one_i=$(instructions "$one" build --quiet --jobs 1 --force)
batch_i=$(instructions "$batch" build --quiet --jobs 1 --force)
validate_i=$(instructions "$one" validate)
further=$(( (batch_i - one_i) / 10 ))

(cd "$one" && "$jobdoc" build --quiet --format md --out "$tmp/md")
markdown=$tmp/md/client-manager.md
pandoc_ms=$(for i in $(seq "$runs"); do ms pandoc "$markdown" -o "$tmp/p.docx"; done | median)
jobdoc_ms=$(for i in $(seq "$runs"); do
  rm -rf "$one/out"
  (cd "$one" && ms "$jobdoc" build --quiet --force) || exit 1
done | median)

echo "instructions (callgrind, release):"
echo "  one role, every format, a process:  $(mi "$one_i")   (target ≤ 90 M)"
echo "  each further role in a batch:       $(mi "$further")   (target ≤ 60 M)"
echo "  validate of one role:               $(mi "$validate_i")   (target ≤ 12 M)"
echo "wall time, medians of $runs:"
echo "  jobdoc, one role, six files:        $jobdoc_ms ms"
echo "  pandoc, its Markdown to one DOCX:   $pandoc_ms ms"
awk -v j="$jobdoc_ms" -v p="$pandoc_ms" 'BEGIN {printf "  ratio jobdoc / pandoc:              %.2f   (target ≤ 0.33)\n", j / p}'
