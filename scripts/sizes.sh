#!/usr/bin/env bash
# Prints the size of each file a cold visit downloads (raw, gzip -9, brotli -q 11) and their
# total, then the pages' chunks, which a visit fetches only when it opens those pages
# (deploy/split-wasm.mjs): the main wasm is the `_bg.wasm`, every other .wasm is a chunk.
set -euo pipefail
dir=${1:-dist}
row() { printf '%-48s %10s %10s %10s\n' "$@"; }
row file raw gzip brotli
total_raw=0; total_gz=0; total_br=0
chunks=0; chunks_raw=0; chunks_gz=0; chunks_br=0
for file in "$dir"/*.html "$dir"/*.js "$dir"/*.wasm "$dir"/*.css; do
  [ -f "$file" ] || continue
  raw=$(stat -c %s "$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  br=$(brotli -q 11 -c "$file" | wc -c)
  if [[ "$file" == *.wasm && "$file" != *_bg.wasm ]]; then
    chunks=$((chunks + 1)); chunks_raw=$((chunks_raw + raw)); chunks_gz=$((chunks_gz + gz)); chunks_br=$((chunks_br + br))
    continue
  fi
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
  row "$(basename "$file")" "$raw" "$gz" "$br"
done
row "cold visit total" "$total_raw" "$total_gz" "$total_br"
row "page chunks, fetched on demand ($chunks)" "$chunks_raw" "$chunks_gz" "$chunks_br"
