#!/usr/bin/env bash
# The bounded fuzz smoke run of the test command (kernel-tests/run-tests.sh, step "fuzz smoke"): for every target,
# its seeds, its regression inputs (kernel-tests/fuzz/regressions/TARGET) and FUZZ_SMOKE_MUTATIONS (default 3000)
# deterministic mutations, in-process with a 5 s bound per input, in a private network namespace, under a 512 MB GC
# heap limit — about 40 s in all. Then, when afl-fuzz is installed, a FUZZ_SMOKE_AFL_SECONDS (default 5) afl-fuzz
# run of the filter, recording-body and btf targets. Any exception outside a target's contract, hang or crash fails it;
# the input is kept under artifacts/fuzz/smoke/findings/TARGET/. Prints one line per target and
# "fuzz smoke: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
dll=artifacts/bin/SsNotebook.Fuzz/release/SsNotebook.Fuzz.dll
[ -f "$dll" ] || dotnet build kernel-tests/SsNotebook.Fuzz -c Release -nologo -v:q >/dev/null
mutations="${FUZZ_SMOKE_MUTATIONS:-3000}"
out=artifacts/fuzz/smoke
passed=0
failed=0
for target in $(dotnet "$dll" list | cut -f1); do
  mkdir -p "$out"
  log="$out/$target.log"
  DOTNET_GCHeapHardLimit=0x20000000 timeout 300 unshare -n dotnet "$dll" smoke "$target" --mutations "$mutations" --out "$out" \
    </dev/null >"$log" 2>&1
  rc=$?
  # The runtime's own report of a stack overflow repeats every frame: the first lines are enough.
  awk '/^Stack overflow/ { print; n = 4; next } n > 0 { print; n--; next } /^   at / { next } { print }' "$log"
  if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1))
    continue
  fi
  failed=$((failed + 1))
  current="$out/$target.current"
  if [ -f "$current" ]; then
    # The process died inside one input (stack overflow, abort, kill): that input is the finding.
    mkdir -p "$out/findings/$target"
    kept="$out/findings/$target/$(sha256sum "$current" | cut -c1-16)"
    mv "$current" "$kept"
    echo "FINDING $target: the process died (exit status $rc) on a $(stat -c %s "$kept")-byte input, kept as $kept"
  fi
  echo "FAILED: fuzz smoke $target"
done
if command -v afl-fuzz >/dev/null && [ "${FUZZ_SMOKE_AFL_SECONDS:-5}" -gt 0 ]; then
  for target in filter recording-body btf; do
    if kernel-tests/fuzz/run.sh "$target" "${FUZZ_SMOKE_AFL_SECONDS:-5}"; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      echo "FAILED: afl-fuzz $target"
    fi
  done
else
  echo "afl-fuzz not installed: no coverage-guided run (kernel-tests/fuzz/run.sh installs it)"
fi
echo "fuzz smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
