#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run) and as the README documents it:
#   build (warnings are errors) → format check → NativeAOT ssn → xunit suites → fuzz smoke run → differential
#   conformance against the installed ss → iproute2's filter tests → notebooks executed by Jupyter's nbconvert.
# Needs root (network namespaces). Installs what it needs itself. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
shared="$root/../shared"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_EnableDiagnostics=0
passed=0
failed=0
failures=()

step() { echo; echo "=== $*"; }
ok() { passed=$((passed + ${2:-1})); echo "ok: $1"; }
fail() { failed=$((failed + ${2:-1})); failures+=("$1"); echo "FAILED: $1"; }

step "prerequisites"
need=()
for tool in ip:iproute2 ss:iproute2 nsenter:util-linux python3:python3 gcc:gcc make:make; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
[ "$(id -u)" = 0 ] || echo "warning: not root: namespace tests will fail"

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

step "conformance against the installed ss (kernel-tests/conformance/corpus.txt)"
if [ -x artifacts/ssn/ssn ]; then
  report=artifacts/test-results/conformance.txt
  if bash "$shared/conformance/diffss.sh" "$root/artifacts/ssn/ssn" kernel-tests/conformance/corpus.txt "$report"; then
    ok conformance
  else
    cat "$report"
    fail conformance
  fi
  step "iproute2 ssfilter.t"
  if bash "$shared/conformance/iproute2-testsuite/run.sh" "$root/artifacts/ssn/ssn"; then ok ssfilter.t; else fail ssfilter.t; fi
else
  fail "conformance: no ssn"
fi

if [ -x kernel-tests/notebooks/run.sh ]; then
  step "notebooks (Jupyter nbconvert, .net-csharp)"
  if kernel-tests/notebooks/run.sh; then ok notebooks; else fail notebooks; fi
fi

echo
for f in "${failures[@]}"; do echo "failed: $f"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
