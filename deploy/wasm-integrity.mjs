#!/usr/bin/env node
// Trunk post_build hook (Trunk.toml): makes the browser verify the wasm file's SHA-384.
//
// Trunk 0.21 pins the JS glue with `<link rel="modulepreload" integrity=…>`, which browsers
// enforce, and puts the same kind of attribute on `<link rel="preload" as="fetch">` for the wasm,
// which Chromium ignores ("The `integrity` attribute is currently ignored for preload
// destinations that do not support subresource integrity", crbug.com/981419). The wasm itself is
// then fetched by the loader with no integrity at all. This hook rewrites the loader's
// `init({ module_or_path: '/x_bg.wasm' })` into `init({ module_or_path: new Request('/x_bg.wasm',
// { integrity: 'sha384-…' }) })` (wasm-bindgen fetches a Request as given), so the fetch that
// instantiates the module is checked, and drops the ignored attribute from the preload, which
// the fetch still reuses. The hash is computed here from the staged wasm and must agree with
// Trunk's. The CSP hash of the loader is taken later, from the final index.html
// (deploy/render-nginx.mjs), so it covers this rewrite.

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('wasm-integrity: TRUNK_STAGING_DIR is not set (run as a Trunk post_build hook)');
  process.exit(1);
}
const indexPath = path.join(staging, 'index.html');
let html = readFileSync(indexPath, 'utf8');

const init = html.match(/init\(\{ module_or_path: '([^']+_bg\.wasm)' \}\)/);
if (!init) {
  if (/new Request\('[^']+_bg\.wasm', \{ integrity:/.test(html)) process.exit(0); // already done
  console.error("wasm-integrity: no `init({ module_or_path: '…_bg.wasm' })` in index.html (Trunk's loader changed?)");
  process.exit(1);
}
const url = init[1];
const file = path.join(staging, path.basename(url));
const integrity = `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;

const preload = new RegExp(`<link rel="preload" href="${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`);
const link = html.match(preload)?.[0];
if (link) {
  const trunks = link.match(/ integrity="([^"]+)"/)?.[1];
  if (trunks && trunks !== integrity) {
    console.error(`wasm-integrity: Trunk's ${trunks} differs from the staged file's ${integrity}`);
    process.exit(1);
  }
  html = html.replace(link, link.replace(/ integrity="[^"]+"/, ''));
}
html = html.replace(init[0], `init({ module_or_path: new Request('${url}', { integrity: '${integrity}' }) })`);
writeFileSync(indexPath, html);
console.error(`wasm-integrity: ${path.basename(url)} pinned to ${integrity}`);
