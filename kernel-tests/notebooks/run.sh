#!/usr/bin/env bash
# Executes every notebook in notebooks/ in a real client: Debian's Jupyter nbconvert on the .net-csharp kernel of the
# Microsoft.dotnet-interactive tool, against a freshly packed SsNotebook package. Writes the executed notebooks and
# their HTML to artifacts/notebooks/. Fails when a cell errors unexpectedly or an expected output is missing
# (expectations live in each cell's metadata, see check.py).
# Installs what it needs (idempotently): jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel, the tool.
# Usage: kernel-tests/notebooks/run.sh [NOTEBOOK.ipynb ...]   (default: every notebooks/*.ipynb)
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
here="$root/kernel-tests/notebooks"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The kernelspec runs `dotnet interactive`: the global tools folder must be on PATH or the kernel dies at start.
export PATH="$PATH:$HOME/.dotnet/tools"
tool_version=1.0.712001

missing=()
for package in jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel; do
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
for notebook in "${notebooks[@]}"; do
  name=$(basename "$notebook" .ipynb)
  input="$out/$name.input.ipynb"
  python3 "$here/check.py" prepare "$notebook" "$input" "$packages" "$version"
  echo "executing $notebook"
  if ! jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=.net-csharp \
      --ExecutePreprocessor.timeout=600 --output-dir "$out" --output "$name.ipynb" "$input"; then
    echo "FAILED: $name: nbconvert stopped (a cell failed unexpectedly)"
    status=1
    continue
  fi
  jupyter nbconvert --to html --output-dir "$out" "$out/$name.ipynb" >/dev/null 2>&1 || true
  if python3 "$here/check.py" check "$out/$name.ipynb"; then
    echo "ok: $name ($out/$name.ipynb, $out/$name.html)"
  else
    status=1
  fi
done
exit $status
