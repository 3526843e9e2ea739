import { test, expect, type Sandbox } from '../fixtures';
import type { Page, Request } from '@playwright/test';

// One refresh policy for everything that polls (src/refresh.rs, lumo_api::rules::refresh):
// the open disputes (every 20 s) and the rate ticker (every 15 s). These count requests, not
// times: the page's clock is installed and paused, and the test moves it forward in 1 s steps,
// letting the (real) network answer in between, so nothing depends on the machine's speed.

type Counter = { count: number; reset: () => void };

/** Counts the page's GET requests to one API path. */
function counter(page: Page, sandbox: Sandbox, pathname: string): Counter {
  const c: Counter = { count: 0, reset: () => { c.count = 0; } };
  page.on('request', (request: Request) => {
    const url = new URL(request.url());
    if (request.method() === 'GET' && url.origin === sandbox.api && url.pathname === pathname) c.count += 1;
  });
  return c;
}

/** Stops the page's clock (installed before the page loaded): only `advance` moves it. */
async function pause(page: Page) {
  const now = await page.evaluate(() => Date.now());
  await page.clock.pauseAt(now + 2_000);
}

/** Moves the page's clock `ms` forward in 1 s steps, giving answers in flight time to land. */
async function advance(page: Page, ms: number) {
  for (let left = ms; left > 0; left -= 1_000) {
    await page.clock.runFor(Math.min(1_000, left));
    await page.waitForTimeout(25);
  }
}

/** Moves the clock in 100 ms steps until `done()` (at most `maxMs`). */
async function advanceUntil(page: Page, done: () => boolean, maxMs: number) {
  for (let spent = 0; !done() && spent < maxMs; spent += 100) {
    await page.clock.runFor(100);
    await page.waitForTimeout(10);
  }
  expect(done()).toBe(true);
}

async function setHidden(page: Page, hidden: boolean) {
  await page.evaluate((hidden) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

/** The disputes page with open disputes (the seed has some), auto-refresh on, clock paused. */
async function openDisputes(page: Page) {
  await page.clock.install();
  await page.goto('/disputes');
  await expect(page.getByTestId('dispute-card').first()).toBeVisible();
  await expect(page.getByText(/Refreshes every 20 s while disputes are open/)).toBeVisible();
  await expect(page.getByTestId('rate-value')).toBeVisible();
  await pause(page);
}

test.describe('refresh policy', () => {
  // Each test moves the page's clock through minutes in 1 s steps, each a round trip to the
  // page: on a loaded 2-core machine that alone can take close to the default 30 s.
  test.describe.configure({ timeout: 90_000 });

  test('under 60 s of 503 from GET /disputes the page sends at most 6 requests', async ({ signedIn: page, sandbox }) => {
    await openDisputes(page);
    const lists = counter(page, sandbox, '/disputes');
    await sandbox.fault({ method: 'GET', path: '/disputes', fault: 'status:503' });
    await advance(page, 60_000);
    // It kept trying (at 20 s and 20 s later), backing off instead of hammering the API.
    expect(lists.count).toBeGreaterThanOrEqual(1);
    expect(lists.count).toBeLessThanOrEqual(6);
    // The last list stays, with the failure said.
    await expect(page.getByTestId('dispute-card').first()).toBeVisible();
    await expect(page.getByText(/could not be refreshed/)).toBeVisible();
    // And once the API answers again, it recovers on its own.
    await sandbox.clearFaults();
    await advance(page, 90_000);
    await expect(page.getByText(/could not be refreshed/)).toHaveCount(0);
  });

  test('after a 429 with Retry-After: 30 nothing is sent for 30 s', async ({ signedIn: page, sandbox }) => {
    await openDisputes(page);
    const lists = counter(page, sandbox, '/disputes');
    await sandbox.fault({ method: 'GET', path: '/disputes', fault: 'status:429:retry-after=30', times: 1 });
    let limited = false;
    page.on('response', (r) => {
      if (new URL(r.url()).pathname === '/disputes' && r.status() === 429) limited = true;
    });
    // The next automatic refresh (20 s after the page's load) meets the 429; the clock stops
    // within 100 ms of it.
    await advanceUntil(page, () => limited, 25_000);
    await page.waitForTimeout(100);
    expect(lists.count).toBe(1);
    lists.reset();

    // 29 s: nothing, not from the timer, not from the tab coming back, not from a Refresh click
    // (it waits for the Retry-After), not from coming back online.
    await advance(page, 5_000);
    await setHidden(page, true);
    await advance(page, 5_000);
    await setHidden(page, false);
    await advance(page, 5_000);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await advance(page, 5_000);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await advance(page, 9_000);
    expect(lists.count).toBe(0);

    // Then one request (the click's and the timer's are one), and the list is fresh again.
    await advance(page, 3_000);
    await expect.poll(() => lists.count).toBe(1);
    await expect(page.getByText(/could not be refreshed/)).toHaveCount(0);
    await advance(page, 5_000);
    expect(lists.count).toBe(1);
  });

  test('a hidden tab sends nothing; visible again, it refreshes at once', async ({ signedIn: page, sandbox }) => {
    await openDisputes(page);
    const lists = counter(page, sandbox, '/disputes');
    const rates = counter(page, sandbox, '/rates/current');
    await setHidden(page, true);
    await expect(page.getByText(/paused while this tab is hidden/)).toBeVisible();
    await advance(page, 90_000);
    expect(lists.count).toBe(0);
    expect(rates.count).toBe(0);

    await setHidden(page, false);
    // "At once": the clock moves 100 ms, far less than either interval.
    await advance(page, 100);
    await expect.poll(() => lists.count).toBe(1);
    await expect.poll(() => rates.count).toBe(1);
    await expect(page.getByText(/Refreshes every 20 s/)).toBeVisible();

    // A quick switch right after does not send again.
    await setHidden(page, true);
    await advance(page, 2_000);
    await setHidden(page, false);
    await advance(page, 1_000);
    expect(lists.count).toBe(1);
    expect(rates.count).toBe(1);
  });

  test('back online, it refreshes at once', async ({ signedIn: page, sandbox, context }) => {
    await openDisputes(page);
    const lists = counter(page, sandbox, '/disputes');
    const rates = counter(page, sandbox, '/rates/current');
    await context.setOffline(true);
    await expect(page.getByTestId('offline-banner')).toBeVisible();
    // Offline: nothing is sent (it could not arrive).
    await advance(page, 45_000);
    expect(lists.count).toBe(0);
    expect(rates.count).toBe(0);

    await context.setOffline(false);
    await expect(page.getByTestId('offline-banner')).toHaveCount(0);
    await advance(page, 100);
    await expect.poll(() => lists.count).toBe(1);
    await expect.poll(() => rates.count).toBe(1);
    await expect(page.getByText(/could not be refreshed/)).toHaveCount(0);
  });
});
