#!/usr/bin/env bash
# The filter language over TCPDIAG_FILE replays (our own take on iproute2's ssfilter tests): every case of
# cases.txt runs through SS with its dump, and stdout (trailing blanks dropped) must equal the expected lines,
# with an empty stderr and exit status 0. The expectations are ss 6.10's; `run.sh /path/to/ss-6.10` shows it.
# usage: kernel-tests/conformance/filter/run.sh SS     prints "filter cases: K/N passed" last.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tool="$1"
case "$tool" in */*) tool="$(realpath "$tool")" ;; esac
total=0 passed=0
check() { # DUMP ARGS EXPECTED
  local out err status
  err="$(mktemp)"
  out="$(cd "$here" && TCPDIAG_FILE="$1" bash -c "\"\$0\" $2" "$tool" 2>"$err" | sed -E 's/ +$//')"
  status=${PIPESTATUS[0]}
  total=$((total + 1))
  if [ "$out" == "$3" ] && [ ! -s "$err" ] && [ "$status" -eq 0 ]; then
    passed=$((passed + 1))
  else
    echo "FAILED: TCPDIAG_FILE=$1 ss $2 (exit status $status)"
    diff <(printf '%s\n' "$3") <(printf '%s\n' "$out") | head -10
    head -3 "$err"
  fi
  rm -f "$err"
}
dump= args= expected=
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    '#'*) ;;
    '> '*) expected+="${expected:+$'\n'}${line#> }" ;;
    '')
      [ -n "$dump" ] && check "$dump" "$args" "$expected"
      dump= args= expected= ;;
    *) dump="${line%% *}" args="${line#* }" expected= ;;
  esac
done <"$here/cases.txt"
[ -n "$dump" ] && check "$dump" "$args" "$expected"
echo "filter cases: $passed/$total passed"
[ "$passed" -eq "$total" ] && [ "$total" -gt 0 ]
