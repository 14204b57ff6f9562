#!/usr/bin/env bash
# Rewrites the seed corpora (kernel-tests/fuzz/corpus/TARGET/) from sockets made in a private network namespace:
# real sock_diag replies, /proc/net files, -D dumps and recordings, plus hand-written filters and command lines.
# Needs root (unshare -n). Review the diff before committing: seeds are part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build kernel-tests/SsNotebook.Fuzz -c Release -nologo -v:q >/dev/null
rm -rf kernel-tests/fuzz/corpus
unshare -n sh -c 'ip link set lo up && exec dotnet artifacts/bin/SsNotebook.Fuzz/release/SsNotebook.Fuzz.dll seeds kernel-tests/fuzz'
