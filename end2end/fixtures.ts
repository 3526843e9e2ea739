import { test as base, expect, type Page, type APIRequestContext } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const DEMO = {
  email: 'demo@lumo.test',
  password: 'demo-password',
  apiKey: 'lb2b_0123456789abcdef0123456789abcdef',
};

const ROOT = path.resolve(__dirname, '..');
const SANDBOX_BIN = process.env.SANDBOX_BIN || path.join(ROOT, 'target/debug/lumo-sandbox');
const DIST = process.env.DIST_DIR || path.join(ROOT, 'dist');

export type Sandbox = {
  /** The API, e.g. http://127.0.0.1:18787 */
  api: string;
  /** The portal's origin, e.g. http://127.0.0.1:18788 */
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
  throw new Error(`sandbox did not answer at ${url}: ${String(lastError)}`);
}

type WorkerFixtures = { sandbox: Sandbox };
type TestFixtures = { signedIn: Page; consoleErrors: string[] };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  sandbox: [
    async ({}, use, workerInfo) => {
      const apiPort = 18787 + workerInfo.parallelIndex * 2;
      const portalPort = apiPort + 1;
      const child: ChildProcess = spawn(
        SANDBOX_BIN,
        [
          '--port', String(apiPort),
          '--static-dir', DIST,
          '--static-port', String(portalPort),
          '--config-json-override',
        ],
        { stdio: ['ignore', 'ignore', 'inherit'] },
      );
      const api = `http://127.0.0.1:${apiPort}`;
      const portal = `http://127.0.0.1:${portalPort}`;
      await waitForHttp(`${api}/_sandbox/state`, 15_000);
      await waitForHttp(`${portal}/`, 15_000);

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
      child.kill('SIGTERM');
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
  await page.getByLabel(/^api key/i).fill(key);
  if (opts.remember) await page.getByLabel(/keep me signed in/i).check();
  await page.getByRole('button', { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/orders/);
}

export { expect };
export type { APIRequestContext };
