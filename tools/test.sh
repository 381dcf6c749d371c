#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds with AddressSanitizer
# and UBSan, and runs every test against a throwaway PostgreSQL 15 cluster.
# Ends with one line: "N passed, N failed".
#   tools/test.sh [meson test args...]
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
builddir="${PGKEEL_TEST_BUILDDIR:-build-test}"
if [[ ! -f "$builddir/build.ninja" ]]; then
    meson setup "$builddir" -Dbuildtype=debug -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
fi
ninja -C "$builddir" -j "$(nproc)"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
rc=0
tools/with-postgres.sh meson test -C "$builddir" --print-errorlogs --num-processes "$(nproc)" "$@" || rc=$?

python3 tools/test_summary.py "$builddir/meson-logs/testlog.json"
exit "$rc"
