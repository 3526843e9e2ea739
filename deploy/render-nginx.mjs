#!/usr/bin/env node
// Renders the production nginx configuration for a built portal (dist/).
//
// The Content-Security-Policy depends on the deployment: its connect-src lists the API origins of
// the environments in config.json, and its script-src pins the inline bootstrap scripts of the
// built index.html by SHA-256 (Trunk's wasm loader and the theme pre-paint script), so no
// 'unsafe-inline' is needed. Run it again whenever dist/ or config.json changes.
//
//   node deploy/render-nginx.mjs [options]
//     --dist DIR          the built portal to read index.html from (default dist)
//     --config FILE       the deployment's config.json: its apiBaseUrl origins go into connect-src.
//                         Default DIR/config.json. A file outside --root is served by an alias.
//     --root DIR          the document root on the server (default: --dist, made absolute)
//     --out DIR           where to write the files (default deploy/out)
//     --install-dir DIR   where those files will live on the server (default: --out)
//     --listen ADDR       nginx `listen` value (default 80; e.g. "443 ssl", "127.0.0.1:8080")
//     --server-name NAME  nginx `server_name` (default _)
//     --connect-src URL   one more origin the portal may call (repeatable): a custom API URL
//     --include FILE      one more file to include in the server block (repeatable): TLS, logs
//     --hsts              send Strict-Transport-Security (https deployments only)
//     --brotli MODE       auto (default: if this machine's nginx has Debian's brotli modules),
//                         on (static + on-the-fly), static (precompressed .br only), off
//     --stdout            print the server block and headers instead of writing files
//
// Writes into --out:
//   lumo-portal.conf          a complete `server { }` block for nginx's http { } context
//   lumo-portal-headers.conf  the security headers, included by every location of the server
//   csp.txt                   the policy alone, for other CDNs
//   _headers                  the same headers in Netlify / Cloudflare Pages syntax
// Node 18+ only, no dependencies. See README.md, "Deployment".

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';

/**
 * Files Trunk names `<name>-<hash>[_bg].<ext>` (filehash = true): the hash is a u64 printed with
 * `{:x}`, so 16 hex digits or fewer when it starts with zeros. Their content never changes under
 * the same name: safe to cache forever.
 */
export const HASHED_ASSET = '^/[^/]+-[0-9a-f]{8,16}(_bg)?\\.(js|wasm|css)$';

export function parseArgs(argv) {
  const opts = {
    dist: 'dist',
    config: null,
    root: null,
    out: null,
    installDir: null,
    listen: '80',
    serverName: '_',
    connectSrc: [],
    include: [],
    hsts: false,
    brotli: 'auto',
    stdout: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--dist': opts.dist = value(); break;
      case '--config': opts.config = value(); break;
      case '--root': opts.root = value(); break;
      case '--out': opts.out = value(); break;
      case '--install-dir': opts.installDir = value(); break;
      case '--listen': opts.listen = value(); break;
      case '--server-name': opts.serverName = value(); break;
      case '--connect-src': opts.connectSrc.push(value()); break;
      case '--include': opts.include.push(value()); break;
      case '--hsts': opts.hsts = true; break;
      case '--brotli': opts.brotli = value(); break;
      case '--stdout': opts.stdout = true; break;
      case '-h': case '--help': opts.help = true; break;
      default: throw new Error(`unknown option: ${arg}`);
    }
  }
  if (!['auto', 'on', 'static', 'off'].includes(opts.brotli)) {
    throw new Error('--brotli takes auto, on, static or off');
  }
  return opts;
}

/** `'sha256-…'` of a script or style element's text, as the browser hashes it. */
export function cspHash(text) {
  // The HTML parser turns CR LF and lone CR into LF before the script sees its text.
  const normalized = text.replace(/\r\n?/g, '\n');
  return `'sha256-${createHash('sha256').update(normalized, 'utf8').digest('base64')}'`;
}

/** Inline <script> and <style> hashes of an HTML page; refuses what a hash cannot allow. */
export function inlineHashes(html) {
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  const scripts = [];
  for (const m of withoutComments.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\ssrc\s*=/i.test(m[1])) continue;
    // Data blocks are never executed; classic, module and importmap scripts are.
    if (/\stype\s*=\s*["']?application\/(ld\+)?json/i.test(m[1])) continue;
    scripts.push(cspHash(m[2]));
  }
  const styles = [];
  for (const m of withoutComments.matchAll(/<style\b([^>]*)>([\s\S]*?)<\/style\s*>/gi)) {
    styles.push(cspHash(m[2]));
  }
  const problems = [];
  const handler = withoutComments.match(/<[a-z][^>]*\son[a-z]+\s*=/i);
  if (handler) problems.push(`an inline event handler (${handler[0].slice(0, 60)}…): use addEventListener`);
  const styleAttr = withoutComments.match(/<[a-z][^>]*\sstyle\s*=/i);
  if (styleAttr) problems.push(`a style attribute (${styleAttr[0].slice(0, 60)}…): use a class`);
  if (/javascript:/i.test(withoutComments)) problems.push('a javascript: URL');
  return { scripts: [...new Set(scripts)], styles: [...new Set(styles)], problems };
}

/** The API origins a config.json names (relative apiBaseUrls are same-origin: 'self' covers them). */
export function apiOrigins(config) {
  const origins = [];
  for (const env of config.environments ?? []) {
    const base = String(env.apiBaseUrl ?? '').trim();
    if (!base) continue;
    let url;
    try {
      url = new URL(base);
    } catch {
      continue; // relative: served from the portal's own origin
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new Error(`environment ${env.id}: apiBaseUrl must be http(s), not ${url.protocol}`);
    }
    origins.push(url.origin);
  }
  return [...new Set(origins)];
}

export function normalizeOrigin(value) {
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`not an http(s) origin: ${value}`);
  return url.origin;
}

/** The policy as an ordered list of [directive, ...sources]. */
export function buildCsp({ scriptHashes, styleHashes, connectOrigins }) {
  return [
    ['default-src', "'none'"],
    ['script-src', "'self'", "'wasm-unsafe-eval'", ...scriptHashes],
    ['style-src', "'self'", ...styleHashes],
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...connectOrigins],
    ['manifest-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
  ];
}

export const cspText = (csp) => csp.map((d) => d.join(' ')).join('; ');

export const PERMISSIONS_POLICY =
  'accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), ' +
  'magnetometer=(), microphone=(), midi=(), payment=(), usb=(), browsing-topics=()';

/** [name, value] of every security header the portal's responses carry. */
export function securityHeaders(csp, { hsts }) {
  const headers = [
    ['Content-Security-Policy', cspText(csp)],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
    ['Permissions-Policy', PERMISSIONS_POLICY],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['X-Frame-Options', 'DENY'],
  ];
  if (hsts) headers.push(['Strict-Transport-Security', 'max-age=63072000; includeSubDomains']);
  return headers;
}

const q = (value) => `"${value.replace(/["\\]/g, '\\$&')}"`;

export function headersConf(headers) {
  return [
    '# Security headers of the Lumo portal, rendered by deploy/render-nginx.mjs: do not edit by hand.',
    '# Included in every location: an add_header in a location drops the server-level ones.',
    ...headers.map(([name, value]) => `add_header ${name} ${q(value)} always;`),
    '',
  ].join('\n');
}

export function serverConf({ listen, serverName, root, configFile, headersFile, brotli, include = [] }) {
  const inc = `include ${headersFile};`;
  const immutable = 'add_header Cache-Control "public, max-age=31536000, immutable" always;';
  const noCache = 'add_header Cache-Control "no-cache" always;';
  const compressible = 'text/css application/javascript text/javascript application/json application/wasm image/svg+xml';
  const brotliLines = brotli
    ? [
        '    # Precompressed .br files next to the hashed assets (make dist writes them);',
        '    # needs Debian\'s libnginx-mod-http-brotli-static (and -filter for on-the-fly brotli).',
        '    brotli_static on;',
        ...(brotli === 'filter' ? ['    brotli on;', '    brotli_comp_level 5;', `    brotli_types ${compressible};`] : []),
      ]
    : ['    # No brotli (rendered with --brotli off, or this nginx lacks the brotli modules): gzip only.'];
  return `# The Lumo company portal (static files built by \`make dist\`), rendered by
# deploy/render-nginx.mjs: do not edit by hand, render again. Goes inside nginx's http { }.
server {
    listen ${listen};
    server_name ${serverName};
    root ${root};
    index index.html;
    server_tokens off;
    charset utf-8;
    charset_types text/css application/javascript text/javascript application/json;
    autoindex off;
${include.map((file) => `    include ${file};\n`).join('')}
    # Compression: the precompressed .gz/.br files first, otherwise on the fly.
    gzip on;
    gzip_static on;
    gzip_vary on;
    gzip_comp_level 6;
    gzip_min_length 256;
    gzip_types ${compressible};
${brotliLines.join('\n')}

    ${inc}

    # Dotfiles are never served.
    location ~ /\\. {
        ${inc}
        return 404;
    }

    # The page shell: always revalidated, so a deploy is seen on the next load.
    location = /index.html {
        ${inc}
        ${noCache}
    }

    # Deployment-specific environments; replaced without rebuilding, so never cached blindly.
    location = /config.json {
${configFile ? `        alias ${configFile};\n` : ''}        ${inc}
        ${noCache}
    }

    # Content-hashed wasm, JS glue and CSS (Trunk filehash): cached for a year, never revalidated.
    location ~ "${HASHED_ASSET.replace('(js|wasm|css)', 'wasm')}" {
        types { application/wasm wasm; }
        ${inc}
        ${immutable}
    }
    location ~ "${HASHED_ASSET.replace('(js|wasm|css)', '(js|css)')}" {
        ${inc}
        ${immutable}
    }

    # Any other top-level file (a name with an extension): the file or 404, never index.html, so
    # a stale or mistyped asset URL fails loudly instead of being answered with HTML.
    location ~ "^/[^/]+\\.[A-Za-z0-9]+$" {
        ${inc}
        ${noCache}
        try_files $uri =404;
    }

    # Everything else is a route of the single-page app: the file if there is one, else the shell.
    location / {
        ${inc}
        ${noCache}
        try_files $uri $uri/ /index.html;
    }
}
`;
}

/**
 * Netlify / Cloudflare Pages `_headers`: the same headers for CDNs configured by a file. Both
 * merge every matching rule, so Cache-Control is set per path, never on the catch-all; the
 * hashed files are named exactly (splats inside a path are not portable between the two).
 */
export function netlifyHeaders(headers, hashedAssets) {
  const lines = ['/*', ...headers.map(([n, v]) => `  ${n}: ${v}`)];
  for (const route of ['/', '/index.html', '/config.json']) lines.push(route, '  Cache-Control: no-cache');
  for (const asset of hashedAssets) {
    lines.push(asset, '  Cache-Control: public, max-age=31536000, immutable');
    if (asset.endsWith('.wasm')) lines.push('  Content-Type: application/wasm');
  }
  return lines.join('\n') + '\n';
}

/** The content-hashed files an index.html references (`/name-<hash>.js`, …). */
export function hashedAssets(html) {
  const re = new RegExp(HASHED_ASSET);
  const found = [...html.matchAll(/\s(?:href|src)\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]);
  for (const m of html.matchAll(/['"](\/[^'"\s]+)['"]/g)) found.push(m[1]);
  return [...new Set(found.filter((url) => re.test(url)))].sort();
}

export function render(opts) {
  const dist = path.resolve(opts.dist);
  const index = path.join(dist, 'index.html');
  if (!existsSync(index)) throw new Error(`${index} does not exist: run \`make dist\` first`);
  const configPath = path.resolve(opts.config ?? path.join(dist, 'config.json'));
  const config = JSON.parse(readFileSync(configPath, 'utf8'));
  const html = readFileSync(index, 'utf8');
  const { scripts, styles, problems } = inlineHashes(html);
  if (problems.length) {
    throw new Error(`index.html has ${problems.join('; ')}: a strict CSP would block it`);
  }
  const connectOrigins = [...new Set([...apiOrigins(config), ...opts.connectSrc.map(normalizeOrigin)])];
  const csp = buildCsp({ scriptHashes: scripts, styleHashes: styles, connectOrigins });
  const headers = securityHeaders(csp, { hsts: opts.hsts });

  let brotli = false;
  if (opts.brotli === 'on') brotli = 'filter';
  else if (opts.brotli === 'static') brotli = 'static';
  else if (opts.brotli === 'auto' && existsSync(BROTLI_MODULE)) {
    brotli = existsSync(BROTLI_MODULE.replace('_static_', '_filter_')) ? 'filter' : 'static';
  }

  const out = path.resolve(opts.out ?? path.join(path.dirname(fileURLToPath(import.meta.url)), 'out'));
  const headersFile = path.join(path.resolve(opts.installDir ?? out), 'lumo-portal-headers.conf');
  const root = path.resolve(opts.root ?? dist);
  const defaultConfig = path.join(root, 'config.json');
  const files = {
    'lumo-portal.conf': serverConf({
      listen: opts.listen,
      serverName: opts.serverName,
      root,
      configFile: opts.config && configPath !== defaultConfig ? configPath : null,
      headersFile,
      brotli,
      include: opts.include.map((file) => path.resolve(file)),
    }),
    'lumo-portal-headers.conf': headersConf(headers),
    'csp.txt': cspText(csp) + '\n',
    _headers: netlifyHeaders(headers, hashedAssets(html)),
  };
  if (!opts.stdout) {
    mkdirSync(out, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(out, name), text);
  }
  return { out, csp, headers, files, brotli };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  try {
    const opts = parseArgs(process.argv.slice(2));
    if (opts.help) {
      const lines = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1);
      const header = lines.slice(0, lines.findIndex((l) => !l.startsWith('//')));
      console.log(header.map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    }
    const result = render(opts);
    if (opts.stdout) {
      process.stdout.write(result.files['lumo-portal.conf'] + '\n' + result.files['lumo-portal-headers.conf']);
    } else {
      console.error(`rendered ${Object.keys(result.files).join(', ')} into ${result.out}`);
      console.error(`CSP: ${cspText(result.csp)}`);
    }
  } catch (error) {
    console.error(`render-nginx: ${error.message}`);
    process.exit(1);
  }
}
