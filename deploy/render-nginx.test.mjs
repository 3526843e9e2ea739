// node --test deploy/ (part of `make unit`): the pure parts of render-nginx.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  apiOrigins, buildCsp, cspHash, cspText, hashedAssets, inlineHashes, parseArgs, render,
} from './render-nginx.mjs';

const sha = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

test('API origins come from apiBaseUrl; relative URLs are same-origin', () => {
  const config = {
    environments: [
      { id: 'prod', apiBaseUrl: 'https://api.example/v1/' },
      { id: 'stage', apiBaseUrl: 'https://api.example:8443' },
      { id: 'again', apiBaseUrl: 'https://api.example/other' },
      { id: 'proxy', apiBaseUrl: '/api' },
    ],
  };
  assert.deepEqual(apiOrigins(config), ['https://api.example', 'https://api.example:8443']);
  assert.throws(() => apiOrigins({ environments: [{ id: 'x', apiBaseUrl: 'javascript:alert(1)' }] }), /http/);
});

test('inline scripts are hashed as the browser does (CR LF -> LF); src scripts and JSON are not', () => {
  const html = '<script>a()\r\n</script><script type="module">\nb()\n</script>'
    + '<script src="/x.js"></script><script type="application/json">{"a":1}</script>'
    + '<!-- <script>commented()</script> --><style>p{}</style>';
  const { scripts, styles, problems } = inlineHashes(html);
  assert.deepEqual(scripts, [sha('a()\n'), sha('\nb()\n')]);
  assert.deepEqual(styles, [sha('p{}')]);
  assert.deepEqual(problems, []);
  assert.equal(cspHash('x\r\ny\rz'), sha('x\ny\nz'));
});

test('what a strict policy would block is refused', () => {
  assert.match(inlineHashes('<div style="color:red">').problems.join(), /style attribute/);
  assert.match(inlineHashes('<button onclick="x()">').problems.join(), /event handler/);
  assert.match(inlineHashes('<a href="javascript:void(0)">').problems.join(), /javascript:/);
});

test('the policy has no unsafe-inline and lists what it is given', () => {
  const csp = cspText(buildCsp({ scriptHashes: ["'sha256-A'"], styleHashes: [], connectOrigins: ['https://api.example'] }));
  assert.equal(
    csp,
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'sha256-A'; style-src 'self'; img-src 'self' data:; "
      + "font-src 'self'; connect-src 'self' https://api.example; manifest-src 'self'; object-src 'none'; "
      + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  );
});

test('hashed assets are found in Trunk output', () => {
  const html = `<link rel="modulepreload" href="/app-0123456789abcdef.js"><link href="/main-fedcba9876543210.css">
    <script type="module">import init from '/app-0123456789abcdef.js'; init({ module_or_path: '/app-0123456789abcdef_bg.wasm' })</script>
    <link href="/favicon.ico"><link href="/short-d13b761bc804ba.css"><link href="/some-bad.js">`;
  assert.deepEqual(hashedAssets(html), [
    '/app-0123456789abcdef.js', '/app-0123456789abcdef_bg.wasm', '/main-fedcba9876543210.css',
    '/short-d13b761bc804ba.css', // Trunk prints the hash with {:x}: leading zeros are dropped
  ]);
});

test('render writes a server block with an alias for an outside config.json', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'render-nginx-test-'));
  writeFileSync(path.join(dir, 'index.html'), '<html><head><script>boot()</script></head><body></body></html>');
  const config = path.join(dir, 'elsewhere.json');
  writeFileSync(config, JSON.stringify({ environments: [{ id: 'p', name: 'P', apiBaseUrl: 'https://api.example' }] }));
  const opts = parseArgs(['--dist', dir, '--config', config, '--out', path.join(dir, 'out'), '--listen', '8080', '--brotli', 'off', '--stdout']);
  const { files, headers } = render(opts);
  const conf = files['lumo-portal.conf'];
  assert.match(conf, /listen 8080;/);
  assert.match(conf, new RegExp(`alias ${config.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')};`));
  assert.match(conf, /try_files \$uri \$uri\/ \/index\.html;/);
  assert.doesNotMatch(conf, /brotli_static/);
  const csp = Object.fromEntries(headers)['Content-Security-Policy'];
  assert.match(csp, new RegExp(sha('boot()').replace(/[+/]/g, '\\$&')));
  assert.match(csp, /connect-src 'self' https:\/\/api\.example;/);
  assert.equal(Object.fromEntries(headers)['Strict-Transport-Security'], undefined);
  assert.throws(() => parseArgs(['--bogus']), /unknown option/);
});
