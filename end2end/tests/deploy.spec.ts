// The portal as deployed: dist/ behind nginx with the configuration deploy/render-nginx.mjs renders
// (see fixtures.ts). Headers, caching, SPA fallback, compression, Content-Security-Policy and
// subresource integrity are checked on the wire and in the browser.
import { createHash } from 'node:crypto';
import http from 'node:http';
import zlib from 'node:zlib';
import { test, expect, DEMO, signInWithKey } from '../fixtures';

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** A plain GET that neither decompresses nor follows anything, so the wire is what we see. */
function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { 'Accept-Encoding': 'identity', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** Directive name -> sources, from a Content-Security-Policy header. */
function parseCsp(header: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), sources);
  }
  return map;
}

/** The `'sha256-…'` source of each inline script in a page, computed here independently. */
function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc=/i.test(m[1])) continue;
    hashes.push(`'sha256-${createHash('sha256').update(m[2].replace(/\r\n?/g, '\n')).digest('base64')}'`);
  }
  return hashes;
}

/** The page chunks the chunk loader (deploy/split-wasm.mjs) fetches, with the integrity it asks for. */
async function chunkFiles(portal: string, html: string) {
  const loader = assets(html).find((f) => /-split-[0-9a-f]{16}\.js$/.test(f.href));
  expect(loader, 'index.html preloads the chunk loader').toBeDefined();
  const text = (await get(`${portal}${loader!.href}`)).body.toString('utf8');
  return [...text.matchAll(/fetch\(new URL\("\.\/([^"]+\.wasm)", import\.meta\.url\), \{ integrity: "([^"]+)" \}\)/g)]
    .map((m) => ({ href: `/${m[1]}`, integrity: m[2] }));
}

/** The hashed files index.html references: [kind, href, integrity]. */
function assets(html: string) {
  const found: { href: string; integrity?: string; tag: string }[] = [];
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const tag = m[0];
    const href = tag.match(/\shref="([^"]+)"/)?.[1];
    if (!href || !/\.(js|wasm|css)$/.test(href)) continue;
    found.push({ href, integrity: tag.match(/\sintegrity="([^"]+)"/)?.[1], tag });
  }
  return found;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

test.describe('served as deployed (nginx + rendered config)', () => {
  test('index.html carries the security headers and the exact CSP', async ({ sandbox }) => {
    const res = await get(`${sandbox.portal}/`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(res.headers[name], name).toBe(value);
    }
    expect(res.headers['permissions-policy']).toContain('camera=()');
    expect(res.headers['permissions-policy']).toContain('geolocation=()');
    expect(res.headers['permissions-policy']).toContain('microphone=()');
    expect(res.headers['strict-transport-security'], 'HSTS only for https deployments').toBeUndefined();
    expect(res.headers['server']).toBe('nginx'); // server_tokens off: no version

    const header = String(res.headers['content-security-policy'] ?? '');
    expect(header).not.toContain('unsafe-inline');
    expect(header).not.toMatch(/'unsafe-eval'/);
    const csp = parseCsp(header);
    const html = res.body.toString('utf8');
    const scriptHashes = inlineScriptHashes(html);
    expect(scriptHashes.length, 'Trunk bootstrap + theme script').toBeGreaterThanOrEqual(2);
    expect(Object.fromEntries(csp)).toEqual({
      'default-src': ["'none'"],
      'script-src': ["'self'", "'wasm-unsafe-eval'", ...scriptHashes],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'", sandbox.api],
      'manifest-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    });
    // Headers only: a <meta> policy cannot carry frame-ancestors and would drift from the header.
    expect(html).not.toMatch(/http-equiv="?content-security-policy/i);
  });

  test('caching: hashed assets immutable, the shell and config.json revalidated', async ({ sandbox }) => {
    for (const route of ['/', '/index.html', '/config.json', '/orders/abc']) {
      const res = await get(`${sandbox.portal}${route}`);
      expect(res.status, route).toBe(200);
      expect(res.headers['cache-control'], route).toBe('no-cache');
      expect(res.headers['x-content-type-options'], route).toBe('nosniff');
    }
    const config = JSON.parse((await get(`${sandbox.portal}/config.json`)).body.toString('utf8'));
    expect(config.environments[0].apiBaseUrl).toBe(sandbox.api);

    const html = (await get(`${sandbox.portal}/`)).body.toString('utf8');
    const files = assets(html);
    const kinds = files.map((f) => f.href.split('.').pop()).sort();
    // The JS glue and the chunk loader it imports (deploy/split-wasm.mjs), the wasm, the CSS.
    expect(kinds).toEqual(['css', 'js', 'js', 'wasm']);
    // The pages' chunks, which the loader fetches, are cached the same way.
    const chunks = await chunkFiles(sandbox.portal, html);
    expect(chunks.length, 'page chunks').toBeGreaterThan(0);
    for (const { href } of [...files, ...chunks.slice(0, 3)]) {
      expect(href, 'content-hashed name').toMatch(/^\/[^/]+-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/);
      const res = await get(`${sandbox.portal}${href}`);
      expect(res.status, href).toBe(200);
      expect(res.headers['cache-control'], href).toBe('public, max-age=31536000, immutable');
      expect(res.headers['x-content-type-options'], href).toBe('nosniff');
      expect(res.headers['content-security-policy'], href).toBeTruthy();
      const type = { js: /^application\/javascript/, wasm: /^application\/wasm$/, css: /^text\/css/ }[href.split('.').pop() as 'js' | 'wasm' | 'css'];
      expect(res.headers['content-type'], href).toMatch(type);
    }
  });

  test('index.html pins every asset with subresource integrity', async ({ sandbox }) => {
    const html = (await get(`${sandbox.portal}/`)).body.toString('utf8');
    const sri = async (href: string) =>
      `sha384-${createHash('sha384').update((await get(`${sandbox.portal}${href}`)).body).digest('base64')}`;
    const files = assets(html);
    expect(files.length).toBe(4);
    for (const { href, integrity, tag } of files) {
      if (href.endsWith('.wasm')) continue; // Chromium ignores integrity on a fetch preload: see below
      expect(integrity, `${tag} has an integrity attribute`).toMatch(/^sha384-[A-Za-z0-9+/]+=*$/);
      expect(integrity, `${href} integrity matches its bytes`).toBe(await sri(href));
    }
    // The wasm is pinned where it is fetched: the loader passes a Request with integrity
    // (deploy/wasm-integrity.mjs, a Trunk post_build hook).
    const wasm = files.find((f) => f.href.endsWith('.wasm'))!;
    const loader = html.match(/init\(\{ module_or_path: new Request\('([^']+)', \{ integrity: '([^']+)' \}\) \}\)/);
    expect(loader, 'the loader fetches the wasm with integrity').not.toBeNull();
    expect(loader![1]).toBe(wasm.href);
    expect(loader![2]).toBe(await sri(wasm.href));
    // Each page chunk is fetched by the chunk loader with its own integrity.
    for (const chunk of await chunkFiles(sandbox.portal, html)) {
      expect(chunk.integrity, `${chunk.href} integrity matches its bytes`).toBe(await sri(chunk.href));
    }
  });

  test('compression: brotli and gzip for wasm, js and css; plain when not asked', async ({ sandbox }) => {
    const html = (await get(`${sandbox.portal}/`)).body.toString('utf8');
    for (const { href } of assets(html)) {
      const plain = await get(`${sandbox.portal}${href}`);
      expect(plain.headers['content-encoding'], href).toBeUndefined();
      if (href.endsWith('.wasm')) expect(plain.body.subarray(0, 4).toString('latin1')).toBe('\0asm');

      const br = await get(`${sandbox.portal}${href}`, { 'Accept-Encoding': 'gzip, deflate, br' });
      expect(br.headers['content-encoding'], `${href} br`).toBe('br');
      expect(br.headers['vary'], `${href} Vary`).toMatch(/Accept-Encoding/i);
      expect(br.headers['cache-control'], `${href} br`).toBe('public, max-age=31536000, immutable');
      expect(zlib.brotliDecompressSync(br.body).equals(plain.body), `${href} br round trip`).toBe(true);
      expect(br.body.length).toBeLessThan(plain.body.length);

      const gz = await get(`${sandbox.portal}${href}`, { 'Accept-Encoding': 'gzip' });
      expect(gz.headers['content-encoding'], `${href} gzip`).toBe('gzip');
      expect(zlib.gunzipSync(gz.body).equals(plain.body), `${href} gzip round trip`).toBe(true);
    }
    // The shell is compressed on the fly.
    const shell = await get(`${sandbox.portal}/`, { 'Accept-Encoding': 'gzip' });
    expect(shell.headers['content-encoding']).toBe('gzip');
  });

  test('SPA fallback for routes, 404 for missing files', async ({ sandbox }) => {
    const index = (await get(`${sandbox.portal}/index.html`)).body.toString('utf8');
    for (const route of ['/orders/abc', '/disputes?status=open', '/user-wallets/user.42', '/no/such/route']) {
      const res = await get(`${sandbox.portal}${route}`);
      expect(res.status, route).toBe(200);
      expect(res.headers['content-type'], route).toMatch(/^text\/html/);
      expect(res.body.toString('utf8'), route).toBe(index);
      expect(res.headers['content-security-policy'], route).toBeTruthy();
    }
    for (const route of ['/foo.js', '/lumo-portal-0123456789abcdef_bg.wasm', '/main-0123456789abcdef.css', '/favicon.ico', '/.git/config', '/.env']) {
      const res = await get(`${sandbox.portal}${route}`);
      expect(res.status, route).toBe(404);
      expect(res.body.toString('utf8'), route).not.toContain('boot-placeholder');
      expect(res.headers['x-content-type-options'], route).toBe('nosniff');
    }
  });

  test('the app loads, signs in and navigates with no CSP violation; the key stays out of URLs', async ({ page, sandbox, consoleErrors: _errors }) => {
    const violations: string[] = [];
    await page.exposeFunction('__reportCspViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as any).__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
      });
    });
    page.on('console', (message) => {
      if (/Content.Security.Policy|Refused to|integrity|Permissions-Policy|preload/i.test(message.text())) {
        violations.push(`console ${message.type()}: ${message.text()}`);
      }
    });
    const requests: { url: string; key?: string }[] = [];
    page.on('request', (request) => requests.push({ url: request.url(), key: request.headers()['x-api-key'] }));

    await signInWithKey(page, DEMO.apiKey);
    // One page load so far: the wasm is fetched once, the integrity-checked fetch reusing the
    // preload (a preload that goes unused would download it twice).
    expect(requests.filter((r) => r.url.endsWith('.wasm')).length, 'wasm downloads per load').toBe(1);
    for (const route of ['/orders', '/orders/new', '/disputes', '/wallet', '/user-wallets', '/profile', '/orders']) {
      await page.goto(route);
      await expect(page.locator('#boot-placeholder')).toHaveCount(0);
      await expect(page.locator('main').first()).toBeVisible();
      await page.waitForLoadState('networkidle');
    }
    // In-app navigation too (no full reload): the sidebar links.
    await page.getByRole('link', { name: /disputes/i }).first().click();
    await expect(page).toHaveURL(/\/disputes/);
    await page.waitForLoadState('networkidle');

    expect(violations, 'CSP / SRI violations').toEqual([]);

    const encoded = encodeURIComponent(DEMO.apiKey);
    const leaking = requests.filter((r) => r.url.includes(DEMO.apiKey) || r.url.includes(encoded));
    expect(leaking.map((r) => r.url), 'API key in a URL').toEqual([]);
    const withKey = requests.filter((r) => r.key !== undefined);
    expect(withKey.length, 'authenticated API calls were made').toBeGreaterThan(0);
    for (const r of withKey) {
      expect(new URL(r.url).origin, `key sent to ${r.url}`).toBe(sandbox.api);
    }
    const origins = new Set(requests.map((r) => new URL(r.url).origin));
    expect([...origins].sort()).toEqual([sandbox.api, sandbox.portal].sort());
    expect(page.url()).not.toContain(DEMO.apiKey);
  });

  test('a tampered wasm or JS file is refused (SRI enforced by the browser)', async ({ browser, sandbox }) => {
    for (const kind of ['wasm', 'js'] as const) {
      const context = await browser.newContext({ baseURL: sandbox.portal });
      const page = await context.newPage();
      const messages: string[] = [];
      page.on('console', (m) => messages.push(m.text()));
      await page.route(new RegExp(`-[0-9a-f]{8,16}(_bg)?\\.${kind}$`), async (route) => {
        const response = await route.fetch();
        const body = Buffer.from(await response.body());
        body[body.length - 1] ^= 0x01; // one bit: same size, different digest
        await route.fulfill({ response, body });
      });
      await page.goto('/login');
      await expect.poll(() => messages.join('\n'), { message: `${kind} integrity failure reported` })
        .toMatch(/integrity|digest/i);
      await expect(page.locator('#boot-placeholder'), `${kind}: the app did not start`).toBeVisible();
      await expect(page.getByRole('tab', { name: /api key/i })).toHaveCount(0);
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await context.close();
    }
  });

  test('another site cannot frame the portal', async ({ page, sandbox }) => {
    await page.goto('about:blank');
    await page.setContent(`<iframe id="f" src="${sandbox.portal}/login" width="600" height="400"></iframe>`);
    await page.waitForTimeout(1_000);
    const framed = page.frames().find((f) => f !== page.mainFrame());
    expect(framed).toBeDefined();
    // Blocked by frame-ancestors 'none' (and X-Frame-Options): Chromium shows its error page.
    expect(framed!.url()).not.toContain(sandbox.portal);
  });
});
