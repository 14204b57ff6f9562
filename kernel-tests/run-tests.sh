#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run) and as the README documents it:
#   build (warnings are errors) → format check → NativeAOT ssn → xunit suites → fuzz smoke run → differential conformance against
#   an oracle ss (kernel-tests/conformance) → the filter cases over TCPDIAG_FILE replays → notebooks executed by
#   Jupyter's nbconvert (kernel-tests/notebooks/run.sh).
# Needs root (network namespaces): re-runs itself through sudo otherwise. Installs what it needs itself (Debian
# packages, the local .NET tools). Needs nothing outside the repository; when ../shared exists beside it, its ss 6.10
# becomes the conformance oracle and iproute2's own filter cases run as an extra check. Ends with "N passed, N failed".
set -uo pipefail
source "$(dirname "$0")/prerequisites.sh"
cd "$(dirname "$0")/.."
root="$PWD"
shared="$root/../shared"
export DOTNET_EnableDiagnostics=0
passed=0
failed=0
failures=()

step() { echo; echo "=== $*"; }
ok() { passed=$((passed + ${2:-1})); echo "ok: $1"; }
fail() { failed=$((failed + ${2:-1})); failures+=("$1"); echo "FAILED: $1"; }

step "build"
if dotnet build SsNotebook.sln -c Release -warnaserror -nologo -v:q; then ok build; else fail build; fi

step "format"
if dotnet format SsNotebook.sln --verify-no-changes -v:q; then ok format; else fail "dotnet format"; fi

step "ssn (NativeAOT)"
if dotnet publish extension/Ssn -c Release -o artifacts/ssn -nologo -v:q && [ -x artifacts/ssn/ssn ]; then
  ok "publish ssn"
else
  fail "publish ssn"
fi

step "xunit"
for project in kernel-tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  log="artifacts/test-results/$name.log"
  mkdir -p artifacts/test-results
  dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=minimal" 2>&1 | tee "$log"
  summary=$(grep -E '(Passed|Failed)!  - Failed: +[0-9]+, Passed: +[0-9]+' "$log" | tail -n 1)
  if [ -z "$summary" ]; then
    fail "$name did not run"
    continue
  fi
  f=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$summary")
  p=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")
  passed=$((passed + p))
  if [ "$f" -gt 0 ]; then fail "$name: $f failed" "$f"; fi
done

step "fuzz smoke (kernel-tests/fuzz/smoke.sh: seeds, regressions and deterministic mutations of every fuzz target)"
smoke_log=artifacts/test-results/fuzz-smoke.log
mkdir -p artifacts/test-results
bash kernel-tests/fuzz/smoke.sh 2>&1 | tee "$smoke_log"
smoke=$(grep -E '^fuzz smoke: [0-9]+ passed, [0-9]+ failed' "$smoke_log" | tail -n 1)
if [ -z "$smoke" ]; then
  fail "fuzz smoke did not run"
else
  p=$(sed -E 's/.* ([0-9]+) passed.*/\1/' <<<"$smoke")
  f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$smoke")
  passed=$((passed + p))
  if [ "$f" -gt 0 ]; then fail "fuzz smoke: $f targets failed" "$f"; fi
fi

step "conformance: ssn against the oracle ss (kernel-tests/conformance)"
if [ -x artifacts/ssn/ssn ]; then
  if bash kernel-tests/conformance/run.sh artifacts/ssn/ssn; then
    ok conformance
  else
    cat artifacts/test-results/conformance.txt
    fail conformance
  fi
  step "filter cases over TCPDIAG_FILE replays (kernel-tests/conformance/filter)"
  if bash kernel-tests/conformance/filter/run.sh artifacts/ssn/ssn; then ok "filter cases"; else fail "filter cases"; fi
  if [ -f "$shared/conformance/iproute2-testsuite/run.sh" ]; then
    step "iproute2's ssfilter.t cases (optional: ../shared is present)"
    if bash "$shared/conformance/iproute2-testsuite/run.sh" "$root/artifacts/ssn/ssn"; then ok ssfilter.t; else fail ssfilter.t; fi
  fi
else
  fail "conformance: no ssn"
fi

if [ -x kernel-tests/notebooks/run.sh ]; then
  step "notebooks (Jupyter nbconvert, .net-csharp)"
  if kernel-tests/notebooks/run.sh --no-build; then ok notebooks; else fail notebooks; fi
fi

echo
for f in "${failures[@]}"; do echo "failed: $f"; done
echo "took $((SECONDS / 60))m$((SECONDS % 60))s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
