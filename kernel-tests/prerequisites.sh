# Sourced by start.sh and kernel-tests/run-tests.sh before they change directory (their $0 must still name them):
# re-runs the calling script as root through sudo when needed (network namespaces, other users' sockets), and
# installs the Debian packages the build, the NativeAOT ssn and the socket populations need.
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "$0: needs root (network namespaces), and sudo is not installed" >&2; exit 2; }
  exec sudo env "PATH=$PATH" ${DOTNET_ROOT:+DOTNET_ROOT=$DOTNET_ROOT} ${CI:+CI=$CI} bash "$0" "$@"
fi
command -v dotnet >/dev/null || { echo "$0: the .NET 10 SDK is needed (https://dot.net/download)" >&2; exit 2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
prerequisites_missing=()
# iproute2 (ip, ss), util-linux (nsenter), gcc (the socket populations), clang and zlib1g-dev (NativeAOT's link),
# afl++ (the fuzz smoke run's coverage-guided step, so every machine runs the same suite).
for prerequisite in iproute2 util-linux gcc clang zlib1g-dev afl++; do
  dpkg-query -W -f='${Status}' "$prerequisite" 2>/dev/null | grep -q "install ok installed" ||
    prerequisites_missing+=("$prerequisite")
done
if [ ${#prerequisites_missing[@]} -gt 0 ]; then
  echo "installing ${prerequisites_missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${prerequisites_missing[@]}" >/dev/null
fi
unset prerequisites_missing prerequisite
