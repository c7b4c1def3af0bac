#!/usr/bin/env bash
# The test command. Installs what NuGet cannot bring (Debian's chromium, for the report's browser test), then runs
# every test in the solution. Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "installing chromium (Debian package) for the report's browser test..." >&2
    # A failed install must not stop the other tests; the browser test then fails saying what is missing.
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null 2>&1 ||
      echo "warning: could not install chromium; the report's browser test will fail" >&2
  else
    echo "chromium is missing: install it with 'sudo apt-get install -y chromium' (the report test needs it)" >&2
  fi
fi
exec dotnet test ActorPods.sln -c Release "$@"
