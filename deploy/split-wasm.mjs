#!/usr/bin/env node
// Trunk post_build hook (Trunk.toml), before wasm-integrity.mjs: cuts the wasm into a main module
// and one chunk per lazily loaded page (src/pages/mod.rs, `lazy_route!`), so a cold visit
// downloads only the shell and the landing pages.
//
// Trunk 0.21 cannot do this itself (trunk-rs/trunk#1022): the split needs the relocations of
// rustc's output (`-C link-args=--emit-relocs`, .cargo/config.toml), which wasm-bindgen drops,
// and Trunk's hooks run either before the build or after wasm-bindgen. So this hook starts again
// from rustc's wasm, the way cargo-leptos' `--split` does:
//   1. wasm-split-cli (crate wasm_split_cli_support, installed by scripts/setup.sh): the main
//      module, the chunks, and a loader (`__wasm_split.js`) that fetches a chunk on first use;
//   2. wasm-bindgen on the main module (`--keep-lld-exports`: the chunks link against them);
//   3. wasm-opt -Oz on every module (release builds; Trunk's own pass is off: data-wasm-opt="0");
//   4. content-hashed names, written over Trunk's JS and wasm in the staging dir, and index.html
//      pointed at them. The loader gets a modulepreload with integrity like the main JS, and
//      fetches every chunk with its SHA-384 (`fetch(url, { integrity })`), so no code runs
//      unchecked;
//   5. deploy/wasm-integrity.mjs, which pins the main wasm's fetch as before (run from here, not
//      as a hook of its own: Trunk runs the hooks of a stage concurrently).
// Any surprise (a pattern not found, a tool failing) stops the build: a half-split portal would
// fail at run time instead.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CRATE = 'lumo-portal';

function fail(message) {
  console.error(`split-wasm: ${message}`);
  process.exit(1);
}

const staging = process.env.TRUNK_STAGING_DIR;
const source = process.env.TRUNK_SOURCE_DIR || process.cwd();
const release = process.env.TRUNK_PROFILE === 'release';
if (!staging) fail('TRUNK_STAGING_DIR is not set (run as a Trunk post_build hook)');

// A tool's chatter (wasm-opt warns about name subsections it does not know) is shown only when
// the tool fails.
const run = (tool, args) => {
  try {
    execFileSync(tool, args, { cwd: source, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  } catch (error) {
    process.stderr.write(error.stdout ?? '');
    process.stderr.write(error.stderr ?? '');
    fail(`${path.basename(tool)} failed`);
  }
};
const sha384 = (data) => `sha384-${createHash('sha384').update(data).digest('base64')}`;
const shortHash = (...parts) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex').slice(0, 16);
};

// rustc's output, wherever CARGO_TARGET_DIR puts it.
const metadata = JSON.parse(execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps', '--offline'], {
  cwd: source, encoding: 'utf8', maxBuffer: 64 << 20,
}));
const input = path.join(metadata.target_directory, 'wasm32-unknown-unknown', release ? 'release' : 'debug', `${CRATE}.wasm`);
if (!fs.existsSync(input)) fail(`rustc's wasm not found at ${input}`);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lumo-split-'));
try {
  const splitDir = path.join(work, 'split');
  const bindgenDir = path.join(work, 'bindgen');
  run('wasm-split-cli', [input, splitDir, '--out-name', CRATE]);
  run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-typescript', '--out-dir', bindgenDir,
    '--out-name', CRATE, path.join(splitDir, `${CRATE}.wasm`)]);

  const wasmOpt = path.join(source, 'node_modules', '.bin', 'wasm-opt');
  const optimise = (file) => {
    if (release) run(wasmOpt, ['-Oz', '--quiet', file, '-o', file]);
    return fs.readFileSync(file);
  };

  // Chunks: split_<page>.wasm and chunk_<n>.wasm (code shared by some pages), each named by its
  // own content.
  const chunks = fs.readdirSync(splitDir).filter((name) => name.endsWith('.wasm') && name !== `${CRATE}.wasm`).sort();
  if (chunks.length === 0) fail('the splitter wrote no chunk: are the split points gone from src/pages/mod.rs?');
  const renamed = new Map();
  for (const name of chunks) {
    const data = optimise(path.join(splitDir, name));
    const stem = name.replace(/\.wasm$/, '').replace(/^split_/, '').replace(/^chunk_/, 'chunk').replace(/_/g, '-');
    renamed.set(name, { file: `${CRATE}-${stem}-${shortHash(data)}.wasm`, data, integrity: sha384(data) });
  }

  const mainWasm = optimise(path.join(bindgenDir, `${CRATE}_bg.wasm`));
  let mainJs = fs.readFileSync(path.join(bindgenDir, `${CRATE}.js`), 'utf8');
  let loaderJs = fs.readFileSync(path.join(splitDir, '__wasm_split.js'), 'utf8');

  // The main JS and the loader import each other, so their names share one hash of everything,
  // this hook's own text included (it rewrites them).
  const build = shortHash(fs.readFileSync(new URL(import.meta.url)), mainWasm, mainJs, loaderJs,
    ...[...renamed.values()].map((c) => c.file));
  const mainJsName = `${CRATE}-${build}.js`;
  const mainWasmName = `${CRATE}-${build}_bg.wasm`;
  const loaderName = `${CRATE}-split-${build}.js`;

  const replaceAll = (text, from, to, what) => {
    if (!text.includes(from)) fail(`${what}: "${from}" not found (wasm-bindgen or wasm-split output changed?)`);
    return text.split(from).join(to);
  };
  // Only the module specifiers: the key of the wasm's import object stays the name in the wasm.
  mainJs = replaceAll(mainJs, 'from "./__wasm_split.js"', `from "./${loaderName}"`, 'main JS');
  loaderJs = replaceAll(loaderJs, `"./${CRATE}.js"`, `"./${mainJsName}"`, 'loader');
  for (const [name, chunk] of renamed) {
    loaderJs = replaceAll(loaderJs, `fetch(new URL("./${name}", import.meta.url))`,
      `fetch(new URL("./${chunk.file}", import.meta.url), { integrity: "${chunk.integrity}" })`, 'loader');
  }
  if (/\.wasm"/.test(loaderJs.replace(/lumo-portal-[a-z0-9-]+-[0-9a-f]{16}\.wasm"/g, ''))) {
    fail('loader: a chunk is fetched under a name this hook did not rename');
  }

  // Trunk's own JS and wasm go; ours take their place in index.html.
  const indexPath = path.join(staging, 'index.html');
  let html = fs.readFileSync(indexPath, 'utf8');
  const trunkJs = html.match(/\/(lumo-portal-[0-9a-f]{8,16}\.js)/)?.[1];
  const trunkWasm = html.match(/\/(lumo-portal-[0-9a-f]{8,16}_bg\.wasm)/)?.[1];
  if (!trunkJs || !trunkWasm) fail("index.html does not name Trunk's JS and wasm (Trunk's loader changed?)");
  html = html.split(`/${trunkJs}`).join(`/${mainJsName}`).split(`/${trunkWasm}`).join(`/${mainWasmName}`);

  const writeAsset = (name, data) => fs.writeFileSync(path.join(staging, name), data);
  for (const stale of [trunkJs, trunkWasm]) fs.rmSync(path.join(staging, stale), { force: true });
  writeAsset(mainJsName, mainJs);
  writeAsset(mainWasmName, mainWasm);
  writeAsset(loaderName, loaderJs);
  for (const chunk of renamed.values()) writeAsset(chunk.file, chunk.data);

  // Integrity: the main JS's modulepreload and the wasm preload (wasm-integrity.mjs compares it
  // with the file), and a modulepreload for the loader, which the main JS imports.
  const setIntegrity = (tagPattern, data, what) => {
    const tag = html.match(tagPattern)?.[0];
    if (!tag) fail(`index.html: no ${what}`);
    html = html.replace(tag, tag.replace(/ integrity="[^"]*"/, ` integrity="${sha384(data)}"`));
    return tag;
  };
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const jsPreload = new RegExp(`<link rel="modulepreload" href="/${escape(mainJsName)}"[^>]*>`);
  setIntegrity(jsPreload, mainJs, 'modulepreload of the main JS');
  setIntegrity(new RegExp(`<link rel="preload" href="/${escape(mainWasmName)}"[^>]*>`), mainWasm, 'preload of the wasm');
  const loaderPreload = `<link rel="modulepreload" href="/${loaderName}" crossorigin="anonymous" integrity="${sha384(loaderJs)}">`;
  html = html.replace(jsPreload, (tag) => tag + loaderPreload);
  fs.writeFileSync(indexPath, html);

  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  const chunkBytes = [...renamed.values()].reduce((sum, c) => sum + c.data.length, 0);
  console.error(`split-wasm: main ${mainWasmName} ${kb(mainWasm.length)}, ${renamed.size} chunks ${kb(chunkBytes)} (raw)`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

execFileSync(process.execPath, [path.join(path.dirname(new URL(import.meta.url).pathname), 'wasm-integrity.mjs')], { stdio: 'inherit' });
