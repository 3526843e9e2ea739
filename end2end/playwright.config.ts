import { defineConfig } from '@playwright/test';

// Each worker starts its own sandbox API and its own nginx serving the release build (dist/) with
// the production configuration from deploy/render-nginx.mjs, on its own ports (E2E_BASE_PORT),
// so tests that reset or mutate the sandbox never see each other's data. See fixtures.ts.
export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  timeout: 30_000,
  expect: { timeout: 7_000 },
  fullyParallel: false,
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  forbidOnly: !!process.env.CI,
  // One retry on CI only: a 2-core machine under load can miss a UI deadline; Playwright still
  // reports such a test as flaky, so it stays visible.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['./plain-summary-reporter.ts']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
