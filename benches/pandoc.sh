#!/usr/bin/env bash
# pandoc md→docx beside jobdoc on the same Markdown (the seed role's out/client-manager.md).
# usage: benches/pandoc.sh [RUNS]   (needs pandoc; prints medians in milliseconds)
#  - pandoc: one process per document, as pandoc is used;
#  - jobdoc, one process per document: `jobdoc build ROLE --format docx` into an empty folder
#    (loads, validates, renders the template, parses the Markdown, writes the DOCX);
#  - jobdoc per role in a batch: 100 unlike roles made from the seed, one thread, divided by 100; each
#    role is three DOCX files, the job description, its лист ознакомления and its vacancy.
# The writer alone, Markdown → DOCX in-process, is timed by `cargo bench --bench render`.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
command -v pandoc >/dev/null || { echo "pandoc is not installed (apt-get install pandoc)"; exit 2; }
cargo build --release --quiet --locked
jobdoc=$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/release/jobdoc
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. benches/common.sh

pandoc_ms=$(for i in $(seq "$runs"); do ms pandoc out/client-manager.md -o "$tmp/p.docx"; done | median)
single_ms=$(for i in $(seq "$runs"); do ms "$jobdoc" build client-manager --format docx --quiet --out "$tmp/single$i"; done | median)

mkdir -p "$tmp/batch/roles"
cp roles/_organization.yaml "$tmp/batch/roles/"
for i in $(seq -w 1 100); do
  unlike roles/client-manager.yaml "$i" > "$tmp/batch/roles/role-$i.yaml"
done
batch_ms=$(for i in $(seq 5); do
  rm -rf "$tmp/batch/out"
  (cd "$tmp/batch" && ms "$jobdoc" build --format docx --jobs 1 --quiet) || exit 1
done | median)
per_doc=$(awk -v b="$batch_ms" 'BEGIN {printf "%.2f", b / 100}')

echo "pandoc $(pandoc --version | head -1 | cut -d' ' -f2) md→docx, one process:   $pandoc_ms ms"
echo "jobdoc build ROLE --format docx, one process: $single_ms ms ($(awk -v p="$pandoc_ms" -v j="$single_ms" 'BEGIN {printf "%.0f", p / j}')× faster)"
echo "jobdoc per role (3 DOCX) in a batch of 100, one thread: $per_doc ms ($(awk -v p="$pandoc_ms" -v j="$per_doc" 'BEGIN {printf "%.0f", p / j}')× faster)"
