# Helpers the bench scripts share (sourced).

# the wall time of `ARGS` in microseconds; a run that fails is no measurement: the script stops
ms() {
  local s
  s=$(date +%s%N)
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  echo $((($(date +%s%N) - s) / 1000))
}

# the median of microseconds on stdin, in milliseconds
median() { sort -n | awk '{a[NR] = $1} END {printf "%.1f", a[int((NR + 1) / 2)] / 1000}'; }

# ROLE.yaml with the word «вариант N» added to each line of its provisions' text (from
# `guided_by:` to `vacancy:` or `signatures:`), so that no two roles of a batch share a provision
# and what the writers keep per thread serves only what real roles share
unlike() {
  command -v perl >/dev/null || { echo "perl is not installed" >&2; exit 2; }
  perl -CSD -Mutf8 -pe "if (/^guided_by:/../^(?:vacancy|signatures):/) { s/(\\p{Cyrillic}[^\\n]*?)(\\s*)\$/\\1 вариант $2\\2/ unless /:\\s*\$/ || /^(?:vacancy|signatures):/ }" "$1"
}
