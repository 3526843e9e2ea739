import { test as base, expect, type Page, type APIRequestContext } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const DEMO = {
  email: 'demo@lumo.test',
  password: 'demo-password',
  apiKey: 'lb2b_0123456789abcdef0123456789abcdef',
};

const ROOT = path.resolve(__dirname, '..');
const SANDBOX_BIN = process.env.SANDBOX_BIN || path.join(ROOT, 'target/debug/lumo-sandbox');
export const DIST = path.resolve(process.env.DIST_DIR || path.join(ROOT, 'dist'));
const NGINX_BIN = process.env.NGINX_BIN || '/usr/sbin/nginx';
const RENDER_NGINX = path.join(ROOT, 'deploy/render-nginx.mjs');
const NGINX_MODULES = '/usr/lib/nginx/modules';
/** Worker n uses ports BASE + 2n (API) and BASE + 2n + 1 (portal). */
const BASE_PORT = Number(process.env.E2E_BASE_PORT || 18787);

// Every process a worker starts is killed when the worker exits, however it exits (a killed test
// run included): the 'exit' handler runs on normal exit, on uncaught errors and when the runner
// disconnects. Pid files let the next run reap what a SIGKILLed worker could not.
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
});

function pidFile(name: string, port: number) {
  return path.join(os.tmpdir(), `lumo-e2e-${name}-${port}.pid`);
}

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Kills a process that a previous, killed test worker left on this port: only if the pid file
 * names it, the worker that started it is gone (a live run is never touched), and its command
 * line still carries the marker (the pid was not reused).
 */
function reapStale(name: string, port: number, marker: string) {
  const file = pidFile(name, port);
  try {
    const [pid, owner] = fs.readFileSync(file, 'utf8').trim().split(/\s+/).map(Number);
    if (alive(owner)) return;
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (pid > 1 && cmdline.includes(marker)) process.kill(pid, 'SIGKILL');
  } catch { /* no pid file, or the process is gone */ }
  fs.rmSync(file, { force: true });
}

function start(name: string, port: number, command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'], detached: false });
  children.add(child);
  child.on('exit', () => children.delete(child));
  if (child.pid) fs.writeFileSync(pidFile(name, port), `${child.pid} ${process.pid}`);
  return child;
}

/** Fails fast, and clearly, when something else already listens on a port we need. */
async function assertPortFree(port: number) {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', () => reject(new Error(
      `port ${port} is already in use (another test run or server?); set E2E_BASE_PORT to move the suite`,
    )));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

async function stop(child: ChildProcess, name: string, port: number) {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  fs.rmSync(pidFile(name, port), { force: true });
}

/**
 * The deployed setup: dist/ behind Debian's nginx with the configuration deploy/render-nginx.mjs
 * renders for production (headers, CSP, caching, SPA fallback, compression), used verbatim. Only
 * the http { } wrapper is the test's: temporary paths, one process, and this worker's config.json
 * (served from the temporary directory, pointing at this worker's sandbox).
 */
function startNginx(dir: string, port: number, api: string): ChildProcess {
  fs.writeFileSync(
    path.join(dir, 'config.json'),
    JSON.stringify({
      environments: [{ id: 'sandbox', name: 'Sandbox', apiBaseUrl: api }],
      defaultEnvironment: 'sandbox',
    }),
  );
  execFileSync(process.execPath, [
    RENDER_NGINX,
    '--dist', DIST,
    '--config', path.join(dir, 'config.json'),
    '--out', dir,
    '--listen', `127.0.0.1:${port}`,
    '--server-name', '127.0.0.1',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  const modules = ['ngx_http_brotli_filter_module.so', 'ngx_http_brotli_static_module.so']
    .map((so) => path.join(NGINX_MODULES, so))
    .filter((so) => fs.existsSync(so))
    .map((so) => `load_module ${so};`);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `    ${kind}_temp_path ${path.join(dir, kind)};`);
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, [
    ...modules,
    ...(process.getuid?.() === 0 ? ['user root;'] : []),
    'master_process off;',
    'daemon off;',
    `pid ${path.join(dir, 'nginx.pid')};`,
    `error_log ${path.join(dir, 'error.log')} warn;`,
    'events { worker_connections 256; }',
    'http {',
    '    include /etc/nginx/mime.types;',
    '    default_type application/octet-stream;',
    '    sendfile on;',
    '    access_log off;',
    ...temp,
    `    include ${path.join(dir, 'lumo-portal.conf')};`,
    '}',
    '',
  ].join('\n'));
  return start('nginx', port, NGINX_BIN, ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', conf]);
}

export type Sandbox = {
  /** The API, e.g. http://127.0.0.1:18787 */
  api: string;
  /** The portal's origin, e.g. http://127.0.0.1:18788: dist/ served by nginx as deployed. */
  portal: string;
  /** POST/GET/DELETE a control route under /_sandbox/. */
  control: (method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown) => Promise<any>;
  reset: () => Promise<void>;
  fault: (spec: { method?: string; path: string; fault: string; times?: number }) => Promise<void>;
  clearFaults: () => Promise<void>;
  /** A request to the API with the given key (defaults to the demo key). */
  apiGet: (route: string, key?: string) => Promise<{ status: number; body: any }>;
};

async function waitForHttp(url: string, deadlineMs: number) {
  const started = Date.now();
  let lastError: unknown;
  while (Date.now() - started < deadlineMs) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing answered at ${url}: ${String(lastError)}`);
}

type WorkerFixtures = { sandbox: Sandbox };
type TestFixtures = { signedIn: Page; consoleErrors: string[] };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  sandbox: [
    async ({}, use, workerInfo) => {
      const apiPort = BASE_PORT + workerInfo.parallelIndex * 2;
      const portalPort = apiPort + 1;
      const api = `http://127.0.0.1:${apiPort}`;
      const portal = `http://127.0.0.1:${portalPort}`;
      reapStale('sandbox', apiPort, 'lumo-sandbox');
      reapStale('nginx', portalPort, path.join(os.tmpdir(), `lumo-e2e-nginx-${portalPort}-`));
      await assertPortFree(apiPort);
      await assertPortFree(portalPort);
      // Nothing serves this port, so a directory left for it by a killed run is stale.
      for (const stale of fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(`lumo-e2e-nginx-${portalPort}-`))) {
        fs.rmSync(path.join(os.tmpdir(), stale), { recursive: true, force: true });
      }
      const child = start('sandbox', apiPort, SANDBOX_BIN, [
        '--port', String(apiPort),
        '--cors-origin', portal,
      ]);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lumo-e2e-nginx-${portalPort}-`));
      let nginx: ChildProcess | undefined;
      try {
        fs.chmodSync(dir, 0o755);
        nginx = startNginx(dir, portalPort, api);
        await waitForHttp(`${api}/_sandbox/state`, 15_000);
        if (child.exitCode !== null) throw new Error(`lumo-sandbox exited with ${child.exitCode} on port ${apiPort}`);
        try {
          await waitForHttp(`${portal}/`, 15_000);
        } catch (error) {
          const log = fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : '';
          throw new Error(`nginx did not serve the portal: ${String(error)}\n${log}`);
        }

        const control: Sandbox['control'] = async (method, route, body) => {
          const response = await fetch(`${api}/_sandbox/${route.replace(/^\//, '')}`, {
            method,
            headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          if (response.status >= 400) {
            throw new Error(`control ${method} ${route} answered ${response.status}: ${await response.text()}`);
          }
          const text = await response.text();
          return text ? JSON.parse(text) : undefined;
        };
        await use({
          api,
          portal,
          control,
          reset: async () => void (await control('POST', 'reset')),
          fault: async (spec) => void (await control('POST', 'faults', spec)),
          clearFaults: async () => void (await control('DELETE', 'faults')),
          apiGet: async (route, key = DEMO.apiKey) => {
            const response = await fetch(`${api}${route}`, { headers: { 'X-API-Key': key } });
            const text = await response.text();
            let body: any = text;
            try { body = JSON.parse(text); } catch { /* not JSON */ }
            return { status: response.status, body };
          },
        });
      } finally {
        if (nginx) await stop(nginx, 'nginx', portalPort);
        await stop(child, 'sandbox', apiPort);
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    { scope: 'worker' },
  ],

  // Every test starts from the seed and fails on any uncaught page error or panic.
  consoleErrors: async ({ page, sandbox }, use) => {
    await sandbox.reset();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /panicked|RuntimeError|unreachable/.test(message.text())) {
        errors.push(`console: ${message.text()}`);
      }
    });
    await use(errors);
    expect(errors, 'uncaught errors or panics in the page').toEqual([]);
  },

  baseURL: async ({ sandbox }, use) => use(sandbox.portal),

  // A page signed in with the demo key (session in sessionStorage, like a real sign-in).
  signedIn: async ({ page, consoleErrors: _errors }, use) => {
    await signInWithKey(page, DEMO.apiKey);
    await use(page);
  },
});

export async function signInWithKey(page: Page, key: string, opts: { remember?: boolean } = {}) {
  await page.goto('/login');
  await page.getByRole('tab', { name: /api key/i }).click();
  await page.getByLabel('Company API key').fill(key);
  if (opts.remember) await page.getByRole('checkbox', { name: /keep me signed in/i }).check();
  await page.getByRole('button', { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/orders/);
}

export { expect };
export type { APIRequestContext };
