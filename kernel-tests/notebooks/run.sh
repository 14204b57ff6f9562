#!/usr/bin/env bash
# Executes notebooks in a real client: Debian's Jupyter (nbclient, as nbconvert --execute) on the .net-csharp kernel
# of the Microsoft.dotnet-interactive tool pinned in .config/dotnet-tools.json, against the SsNotebook package packed
# from this tree, with the notebook's own folder as the kernel's working directory (relative paths such as
# ../samples/x.ssrec work as when the notebook is opened there). Writes the executed notebooks, their HTML and a
# screenshot to artifacts/notebooks/.
# Fails when a cell errors unexpectedly or an expected output is missing (expectations live in each cell's metadata,
# see check.py), when a chart was not drawn by plotly.js in headless Chromium with no network (render.py), or when a
# notebook's .dib twin is out of date (dib.py).
# Leaves the user's setup alone: the tool is a local one (dotnet tool restore, never a global install), the
# kernelspec is written into a private Jupyter folder, and the kernel restores packages into a private NuGet folder
# (artifacts/notebooks/nuget), where the test package replaces its previous copy. The kernel's HTTP services listen
# on loopback only.
# Installs what it needs (idempotently): jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel
# chromium (the render check), libjs-requirejs (Debian's nbconvert pages then load require.js, as a Jupyter Notebook
# install has it: charts must draw with it).
# Usage: kernel-tests/notebooks/run.sh [--no-build] [NOTEBOOK.ipynb ...]   (default: every notebooks/*.ipynb)
#   --no-build  the solution is already built in Release (run-tests.sh builds it first)
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
here="$root/kernel-tests/notebooks"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Debian's Python, which has nbclient and nbformat (an earlier python3 on PATH, e.g. pyenv's, may not).
py=/usr/bin/python3
build=true
if [ "${1:-}" = --no-build ]; then
  build=false
  shift
fi

missing=()
for package in jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel chromium libjs-requirejs; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

out="$root/artifacts/notebooks"
mkdir -p "$out"
# Everything the kernel restores (the tool itself included) goes to a private folder, not ~/.nuget/packages.
export NUGET_PACKAGES="$out/nuget"
dotnet tool restore >/dev/null

# Our own kernelspec, in a private Jupyter folder: the local tool, HTTP services on loopback only.
export JUPYTER_DATA_DIR="$out/jupyter" JUPYTER_PATH="$out/jupyter" JUPYTER_RUNTIME_DIR="$out/jupyter/runtime"
mkdir -p "$JUPYTER_DATA_DIR/kernels/.net-csharp" "$JUPYTER_RUNTIME_DIR"
cat >"$JUPYTER_DATA_DIR/kernels/.net-csharp/kernel.json" <<JSON
{
  "argv": ["dotnet", "tool", "run", "dotnet-interactive", "--", "jupyter", "--default-kernel", "csharp",
           "--http-local-only", "{connection_file}"],
  "env": {"NUGET_PACKAGES": "$NUGET_PACKAGES", "DOTNET_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_NOLOGO": "1"},
  "display_name": ".NET (C#), SsNotebook tests",
  "language": "C#"
}
JSON

if $build; then
  # Everything builds first (warnings are errors), so this one command checks the whole solution.
  dotnet build SsNotebook.sln -c Release -warnaserror -nologo -v:q
fi
# The package is packed from that build; the previous test package leaves the feed and the private cache first, so
# the kernel restores this one under the same version.
packages="$out/feed"
rm -rf "$packages" "$NUGET_PACKAGES/ssnotebook"
dotnet pack extension/SsNotebook -c Release --no-build -o "$packages" -nologo -v:q
package="$(basename "$(ls "$packages"/SsNotebook.*.nupkg)" .nupkg)"
version="${package#SsNotebook.}"
echo "packed SsNotebook $version into $packages"

notebooks=("$@")
[ ${#notebooks[@]} -gt 0 ] || notebooks=("$root"/notebooks/*.ipynb)
status=0
$py "$here/dib.py" check "${notebooks[@]}" || status=1
for notebook in "${notebooks[@]}"; do
  name=$(basename "$notebook" .ipynb)
  input="$out/$name.input.ipynb"
  $py "$here/check.py" prepare "$notebook" "$input" "$packages" "$version"
  echo "executing $notebook"
  executed=true
  $py "$here/check.py" execute "$input" "$out/$name.ipynb" "$(cd "$(dirname "$notebook")" && pwd)" || executed=false
  jupyter nbconvert --to html --output-dir "$out" "$out/$name.ipynb" >/dev/null 2>&1 || true
  if ! $executed; then
    echo "FAILED: $name: a cell failed unexpectedly (outputs so far: $out/$name.ipynb)"
    status=1
    continue
  fi
  ok=true
  $py "$here/check.py" check "$out/$name.ipynb" || ok=false
  $py "$here/render.py" "$out/$name.html" --notebook "$out/$name.ipynb" --screenshot "$out/$name.png" || ok=false
  if $ok; then
    echo "ok: $name ($out/$name.ipynb, $out/$name.html, $out/$name.png)"
  else
    status=1
  fi
done
exit $status
