#!/usr/bin/env bash
# Builds the optional native bf16 products (sketchrnn_bf16.c) into the classes folder, at Maven's compile phase.
#   bash src/main/c/build.sh <java.home> <classes dir>
# Only on Linux x86-64 with gcc; anywhere else, or if gcc fails, it says so and exits 0: the Java kernels run.
set -u
java_home="$1"
out="$2/native/linux-x86_64"
src="$(cd "$(dirname "$0")" && pwd)/sketchrnn_bf16.c"
if [ "$(uname -s)" != Linux ] || [ "$(uname -m)" != x86_64 ]; then
  echo "sketchrnn: native bf16 products not built (not Linux x86-64); the Java kernels will run"
  exit 0
fi
if ! command -v gcc >/dev/null; then
  echo "sketchrnn: native bf16 products not built (no gcc); the Java kernels will run"
  exit 0
fi
mkdir -p "$out"
if [ -f "$out/libsketchrnn_bf16.so" ] && [ "$out/libsketchrnn_bf16.so" -nt "$src" ]; then
  exit 0
fi
tmp="$out/.libsketchrnn_bf16.so.tmp"
if gcc -O3 -std=gnu11 -Wall -Wextra -Wno-unused-parameter -shared -fPIC \
    -I"$java_home/include" -I"$java_home/include/linux" -o "$tmp" "$src"; then
  mv -f "$tmp" "$out/libsketchrnn_bf16.so"
else
  rm -f "$tmp"
  echo "sketchrnn: native bf16 products not built (gcc failed); the Java kernels will run"
fi
exit 0
