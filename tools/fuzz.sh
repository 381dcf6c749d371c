#!/usr/bin/env bash
# Fuzzes the TOML loader with libFuzzer for a given time (default 600 s).
#   tools/fuzz.sh [SECONDS]
# Builds build-fuzz/ with clang (ASan + UBSan + libFuzzer), starts from the seed
# corpus tests/fuzz/corpus plus every TOML file of schemas/ and docs/ examples,
# and works on a copy (the committed corpus only changes by hand). A crash
# leaves crash-* files in build-fuzz/fuzz-out and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
tools/install-deps.sh
if [[ ! -f build-fuzz/build.ninja ]]; then
    CXX=clang++ CC=clang meson setup build-fuzz -Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false \
        -Dcpp_args=-fsanitize=fuzzer-no-link \
        -Dbuildtype=debugoptimized >/dev/null
fi
ninja -C build-fuzz tools/fuzz/toml_loader_fuzz
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp tests/fuzz/corpus/* "$work/"
for f in schemas/*.toml; do cp "$f" "$work/schemas-$(basename "$f")"; done
mkdir -p build-fuzz/fuzz-out
rm -f build-fuzz/fuzz-out/crash-* build-fuzz/fuzz-out/leak-* build-fuzz/fuzz-out/timeout-*  # findings of earlier runs
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
echo "fuzz: toml_loader_fuzz for ${seconds}s on $(ls "$work" | wc -l) seeds"
build-fuzz/tools/fuzz/toml_loader_fuzz "$work" -max_total_time="$seconds" -max_len=16384 -timeout=10 \
    -rss_limit_mb=4096 -dict=tools/fuzz/toml.dict -artifact_prefix=build-fuzz/fuzz-out/ -print_final_stats=1 \
    >build-fuzz/fuzz-out/log.txt 2>&1 && status=0 || status=$?
grep -E '^#[0-9]+.*(pulse|DONE)|stat::|ERROR|SUMMARY|Test unit|Done' build-fuzz/fuzz-out/log.txt || true
if [[ "$status" != 0 ]] || compgen -G 'build-fuzz/fuzz-out/crash-*' >/dev/null || compgen -G 'build-fuzz/fuzz-out/leak-*' >/dev/null ||
    compgen -G 'build-fuzz/fuzz-out/timeout-*' >/dev/null; then
    echo "fuzz: FAILED (exit $status); inputs and log in build-fuzz/fuzz-out/" >&2
    exit 1
fi
echo "fuzz: clean for ${seconds}s"
