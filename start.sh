#!/usr/bin/env bash
# The main job, from a fresh clone: builds everything (the solution and the NativeAOT ssn CLI), then runs two
# notebooks end to end in Jupyter, headless, on the real .NET Interactive kernel with the extension packed from this
# tree: notebooks/quickstart.ipynb (#!ss cells over live sockets, DataFrames, sharing, errors) and
# notebooks/investigation.ipynb (live sampling of cubic against bbr through a tc bottleneck, with charts).
# Prints where the executed notebooks, their HTML and screenshots are. Needs root (re-runs itself through sudo) and
# installs what it needs: Debian packages, the local dotnet-interactive tool (.config/dotnet-tools.json).
set -euo pipefail
source "$(dirname "$0")/kernel-tests/prerequisites.sh"
cd "$(dirname "$0")"
dotnet build SsNotebook.sln -c Release -nologo -v:q
dotnet publish extension/Ssn -c Release -o artifacts/ssn -nologo -v:q
echo "built artifacts/ssn/ssn (try: artifacts/ssn/ssn -tan)"
kernel-tests/notebooks/run.sh --no-build notebooks/quickstart.ipynb notebooks/investigation.ipynb
cat <<DONE

Open the results (outputs and charts as a person sees them):
  $PWD/artifacts/notebooks/quickstart.html      (and quickstart.ipynb, quickstart.png)
  $PWD/artifacts/notebooks/investigation.html   (and investigation.ipynb, investigation.png)
The .html files open in any browser, offline. To run the notebooks yourself, see docs/notebooks.md.
DONE
