#!/usr/bin/env bash
# Installs what pgkeel needs to build and test, on Debian 12 (bookworm).
# Idempotent: installs only missing packages. Needs root (apt-get).
set -euo pipefail

packages=(
    build-essential pkg-config meson ninja-build python3
    libpg-query-dev libprotobuf-c-dev libpqxx-dev libboost-graph-dev libtomlplusplus-dev
    doctest-dev libcli11-dev nlohmann-json3-dev libfmt-dev libssl-dev libjemalloc-dev
    postgresql-15 postgresql-client-15 pgbouncer time
    python3-jsonschema clang libfuzzer-14-dev
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if ((${#missing[@]} == 0)); then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

if [[ "$(id -u)" != 0 ]]; then
    echo "install-deps: missing packages: ${missing[*]}" >&2
    echo "install-deps: run as root (apt-get) or install them first" >&2
    exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The Debian package starts a cluster on port 5432; pgkeel never uses it
# (tests start their own throwaway clusters), so stop it to free resources.
if command -v pg_ctlcluster >/dev/null && [[ -d /etc/postgresql/15/main ]]; then
    pg_ctlcluster 15 main stop >/dev/null 2>&1 || true
fi
echo "install-deps: done"
