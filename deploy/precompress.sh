#!/usr/bin/env bash
# Writes <file>.gz (gzip -9) and <file>.br (brotli -q 11) next to every content-hashed asset of a
# built portal, so nginx's gzip_static / brotli_static (or a CDN that takes precompressed objects)
# serve the smallest encoding without compressing on each request. Only hashed files: their
# content never changes under the same name, so a precompressed copy can never go stale.
# index.html and config.json are compressed on the fly (config.json is replaced per deployment).
set -euo pipefail
dir=${1:-dist}
count=0
shopt -s nullglob
for file in "$dir"/*.wasm "$dir"/*.js "$dir"/*.css; do
  [[ "$(basename "$file")" =~ -[0-9a-f]{8,16}(_bg)?\.(wasm|js|css)$ ]] || continue
  gzip -9 -n -k -f "$file"
  brotli -q 11 -k -f "$file"
  touch -r "$file" "$file.gz" "$file.br"
  count=$((count + 1))
done
echo "precompressed $count hashed assets in $dir (.gz, .br)"
