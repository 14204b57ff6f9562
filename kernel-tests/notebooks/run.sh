#!/usr/bin/env bash
# Executes every notebook in notebooks/ in a real client: Debian's Jupyter (nbclient, as nbconvert --execute) on the
# .net-csharp kernel of the Microsoft.dotnet-interactive tool, against a freshly packed SsNotebook package, with the
# notebook's own folder as the kernel's working directory (relative paths such as ../samples/x.ssrec work as when
# the notebook is opened there). Writes the executed notebooks, their HTML and a screenshot to artifacts/notebooks/.
# Fails when a cell errors unexpectedly or an expected output is missing (expectations live in each cell's metadata,
# see check.py), when a chart was not drawn by plotly.js in headless Chromium with no network (render.py), or when a
# notebook's .dib twin is out of date (dib.py).
# Installs what it needs (idempotently): jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel
# chromium (the render check), libjs-requirejs (Debian's nbconvert pages then load require.js, as a Jupyter Notebook
# install has it: charts must draw with it), the tool.
# Usage: kernel-tests/notebooks/run.sh [NOTEBOOK.ipynb ...]   (default: every notebooks/*.ipynb)
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
here="$root/kernel-tests/notebooks"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The kernelspec runs `dotnet interactive`: the global tools folder must be on PATH or the kernel dies at start.
export PATH="$PATH:$HOME/.dotnet/tools"
# Debian's Python, which has nbclient and nbformat (an earlier python3 on PATH, e.g. pyenv's, may not).
py=/usr/bin/python3
tool_version=1.0.712001

missing=()
for package in jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel chromium libjs-requirejs; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! dotnet tool list -g | grep -qiE "^microsoft\.dotnet-interactive +$tool_version\b"; then
  dotnet tool uninstall -g Microsoft.dotnet-interactive >/dev/null 2>&1 || true
  dotnet tool install -g Microsoft.dotnet-interactive --version "$tool_version"
fi
if ! jupyter kernelspec list 2>/dev/null | grep -q '\.net-csharp'; then
  dotnet interactive jupyter install
fi

# Everything builds first (warnings are errors), so this one command checks the whole solution.
dotnet build SsNotebook.sln -c Release -nologo -v:q

# A unique version per run: the NuGet cache would otherwise serve an older package of the same version.
# (An alphanumeric prerelease part: a numeric one with a leading zero breaks restore.)
version="0.1.0-nb$(date -u +%s)"
packages="$root/artifacts/packages"
dotnet pack extension/SsNotebook -c Release -p:Version="$version" -o "$packages" -nologo -v:q
echo "packed SsNotebook $version into $packages"

out="$root/artifacts/notebooks"
mkdir -p "$out"
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
