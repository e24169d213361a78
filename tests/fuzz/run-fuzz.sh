#!/usr/bin/env bash
# Builds the libFuzzer target for the JMAP and GitHub response parsers with
# clang and runs it for a while on a copy of the seed corpus.
#   tests/fuzz/run-fuzz.sh [SECONDS (30)] [BUILD_DIR with config.h (_build)]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-30}
build=${2:-_build}
out="$build/fuzz"
cc=$(command -v clang-14 || command -v clang)

mkdir -p "$out"
"$cc" -g -O1 -fsanitize=fuzzer,address,undefined -I"$build" -Isrc/core -Isrc/sync \
  tests/fuzz/fuzz-jmap.c src/sync/flaw-jmap-codec.c src/sync/flaw-jmap-text.c src/sync/flaw-github-codec.c \
  src/sync/flaw-json-util.c \
  src/core/flaw-synced-message.c \
  $(pkg-config --cflags --libs json-glib-1.0 gio-2.0) -o "$out/fuzz-jmap"

rm -rf "$out/corpus-jmap"
cp -r tests/fuzz/corpus-jmap "$out/corpus-jmap"
"$out/fuzz-jmap" -max_total_time="$seconds" -max_len=8192 -dict=tests/fuzz/json.dict "$out/corpus-jmap"
