#!/usr/bin/env bash
# Records ss 6.10's exit status and stderr for every case of corpus.txt into expected.txt, from the oracle build in
# ../shared/oracle (a clone without it keeps the committed expected.txt). Each case runs in its own network namespace,
# as the test runs ssn. Needs root.
set -euo pipefail
cd "$(dirname "$0")/../.."
oracle="$(cd ../shared/oracle && pwd)"
"$oracle/ss-6.10.sh" -V >/dev/null   # installs the oracle's runtime libraries the first time
dotnet build kernel-tests/SsNotebook.Fuzz -c Release -nologo -v:q >/dev/null
dotnet artifacts/bin/SsNotebook.Fuzz/release/SsNotebook.Fuzz.dll cmdline-record "$oracle/ss-6.10" \
  kernel-tests/cmdline/corpus.txt kernel-tests/cmdline/expected.txt
