#!/usr/bin/env bash
# A coverage-guided campaign on one target: afl-fuzz (Debian's afl++) driving SharpFuzz-instrumented SsNotebook.Core.
#   kernel-tests/fuzz/run.sh TARGET SECONDS        e.g. kernel-tests/fuzz/run.sh filter 600
#   kernel-tests/fuzz/run.sh list                  the targets and their contracts
# Seeds: kernel-tests/fuzz/corpus/TARGET. Output: artifacts/fuzz/afl/TARGET (crashes/, hangs/, fuzzer_stats).
# Runs in a private network namespace (unshare -n) with a 512 MB GC heap limit. Needs root. Exit status 1 when the
# campaign saved a crash or a hang; reproduce one with
#   dotnet artifacts/fuzz/afl-bin/SsNotebook.Fuzz.dll repro TARGET FILE
# (against the uninstrumented build: dotnet artifacts/bin/SsNotebook.Fuzz/release/SsNotebook.Fuzz.dll repro ...).
# See docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
bin="$root/artifacts/fuzz/afl-bin"

if [ "${1:-}" = list ]; then
  dotnet build kernel-tests/SsNotebook.Fuzz -c Release -nologo -v:q >/dev/null
  exec dotnet artifacts/bin/SsNotebook.Fuzz/release/SsNotebook.Fuzz.dll list
fi
[ $# -eq 2 ] || { echo "usage: $0 TARGET SECONDS | $0 list" >&2; exit 2; }
target="$1"
seconds="$2"

if ! command -v afl-fuzz >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends afl++ >/dev/null
fi

# An instrumented copy of the build: SharpFuzz rewrites our assemblies in place, so never the ones tests use.
if [ ! -f "$bin/.instrumented" ] || [ -n "$(find extension/SsNotebook.Core extension/SsNotebook.Frames extension/SsNotebook.Sampling kernel-tests/SsNotebook.Fuzz -name '*.cs' -newer "$bin/.instrumented" -print -quit)" ]; then
  rm -rf "$bin"
  dotnet publish kernel-tests/SsNotebook.Fuzz -c Release -o "$bin" -nologo -v:q >/dev/null
  (cd kernel-tests/fuzz && dotnet tool restore >/dev/null &&
    for assembly in SsNotebook.Core SsNotebook.Frames SsNotebook.Sampling; do
      dotnet tool run sharpfuzz "$bin/$assembly.dll" >/dev/null
    done)
  touch "$bin/.instrumented"
fi
dotnet "$bin/SsNotebook.Fuzz.dll" list | cut -f1 | grep -qx "$target" || { echo "unknown target $target" >&2; exit 2; }

out="$root/artifacts/fuzz/afl/$target"
rm -rf "$out"
mkdir -p "$out"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_IGNORE_SEED_PROBLEMS=1 DOTNET_GCHeapHardLimit=0x20000000 DOTNET_TieredPGO=0
unshare -n afl-fuzz -V "$seconds" -t 5000 -m none -i "kernel-tests/fuzz/corpus/$target" -o "$out" \
  -- dotnet "$bin/SsNotebook.Fuzz.dll" afl "$target" >"$out/afl.log" 2>&1 || { tail -n 30 "$out/afl.log"; exit 1; }

stats="$out/default/fuzzer_stats"
value() { sed -n "s/^$1 *: *//p" "$stats"; }
crashes=$(value saved_crashes)
hangs=$(value saved_hangs)
echo "fuzz $target: $(value execs_done) execs in $(value run_time) s ($(value execs_per_sec)/s), corpus $(value corpus_count)," \
  "coverage $(value bitmap_cvg) of the map, $crashes crashes, $hangs hangs"
for file in "$out"/default/crashes/id:* "$out"/default/hangs/id:*; do
  [ -e "$file" ] && echo "  $file"
done
[ "$crashes" = 0 ] && [ "$hangs" = 0 ]
