import { test, expect, type Sandbox } from '../fixtures';
import type { Page, Route } from '@playwright/test';

// Accepting a quote spends the company's money. When the answer is lost (the server placed the
// order but the browser never heard), the page must find out instead of offering a fresh start:
// exactly one order, whatever happens to the answer.

const QR_AFFORDABLE =
  'https://qr.nspk.ru/AD10006M8KH1SN4K9ABPQ5J2PAMRBCTO?type=02&bank=100000000111&sum=500000&cur=RUB&crc=1A2B';

async function orderCount(sandbox: Sandbox) {
  return (await sandbox.control('GET', 'state')).orders as number;
}

/** config.json with a short request timeout, so a late answer times out quickly. */
async function shortTimeout(page: Page, ms = 1500) {
  await page.route('**/config.json', async (route: Route) => {
    const response = await route.fetch();
    const config = await response.json();
    await route.fulfill({ response, json: { ...config, requestTimeoutMs: ms } });
  });
}

/** Every accept the page sends, with its Idempotency-Key. */
function recordAccepts(page: Page) {
  const keys: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname.startsWith('/orders/accept/')) {
      keys.push(request.headers()['idempotency-key']);
    }
  });
  return keys;
}

async function getQuote(page: Page) {
  await page.goto('/orders/new');
  await page.getByLabel('Payment link from the QR code').fill(QR_AFFORDABLE);
  await page.getByRole('button', { name: 'Get a quote' }).click();
  const quote = page.getByTestId('quote');
  await expect(quote).toBeVisible();
  return (await quote.getAttribute('data-quote-id')) as string;
}

test.describe('a lost accept answer never leads to a second order', () => {
  test('the connection drops after the server placed the order: read back, one order, shown', async ({ signedIn: page, sandbox }) => {
    const before = await orderCount(sandbox);
    const accepts = recordAccepts(page);
    const quoteId = await getQuote(page);
    await sandbox.fault({ method: 'POST', path: '/orders/accept/*', fault: 'drop-after', times: 1 });
    await page.getByTestId('accept-quote').click();
    await expect(page).toHaveURL(new RegExp(`/orders/${quoteId}$`));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await orderCount(sandbox)).toBe(before + 1);
    // Chromium itself may send a POST again when a reused connection closes with no answer;
    // whoever sends it again, it carries the same key.
    expect(new Set(accepts).size).toBe(1);
  });

  test('the answer comes after the portal gave up: read back, one order, shown', async ({ signedIn: page, sandbox }) => {
    await shortTimeout(page);
    const before = await orderCount(sandbox);
    const accepts = recordAccepts(page);
    const quoteId = await getQuote(page);
    await sandbox.fault({ method: 'POST', path: '/orders/accept/*', fault: 'delay-after:5000', times: 1 });
    // The read-back is slowed a little, so the page is seen saying what it is doing.
    await sandbox.fault({ method: 'GET', path: `/orders/${quoteId}`, fault: 'latency:1000', times: 1 });
    await page.getByTestId('accept-quote').click();
    await expect(page.getByTestId('accept-checking')).toContainText('Checking whether the order was placed...');
    await expect(page.getByRole('button', { name: 'Get a new quote' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Get a quote' })).toBeDisabled();
    await expect(page).toHaveURL(new RegExp(`/orders/${quoteId}$`), { timeout: 10_000 });
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await orderCount(sandbox)).toBe(before + 1);
    expect(accepts).toHaveLength(1);
  });

  test('an accept that never arrived is sent again with the same key, once the order is known absent', async ({ signedIn: page, sandbox }) => {
    const before = await orderCount(sandbox);
    const accepts = recordAccepts(page);
    const quoteId = await getQuote(page);
    // Lost before the server handles it: nothing placed, so the read-back finds nothing. (The
    // sandbox's `drop` is not used here: Chromium resends a POST by itself when a reused
    // connection closes with no answer, so the page would never see the loss.)
    let first = true;
    await page.route('**/orders/accept/*', async (route) => {
      if (first && route.request().method() === 'POST') {
        first = false;
        await route.abort('connectionreset');
        return;
      }
      await route.continue();
    });
    await page.getByTestId('accept-quote').click();
    await expect(page).toHaveURL(new RegExp(`/orders/${quoteId}$`));
    expect(accepts).toHaveLength(2);
    expect(new Set(accepts).size).toBe(1);
    expect(accepts[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await orderCount(sandbox)).toBe(before + 1);
  });

  test('a reload in the uncertain window resumes the check with the same key', async ({ signedIn: page, sandbox }) => {
    await shortTimeout(page);
    const before = await orderCount(sandbox);
    const accepts = recordAccepts(page);
    const quoteId = await getQuote(page);
    // The order is placed but its answer is late, and reading it back fails for now.
    await sandbox.fault({ method: 'POST', path: '/orders/accept/*', fault: 'delay-after:5000', times: 1 });
    await sandbox.fault({ method: 'GET', path: `/orders/${quoteId}`, fault: 'status:503' });
    await page.getByTestId('accept-quote').click();
    await expect(page.getByTestId('accept-checking')).toBeVisible({ timeout: 10_000 });
    const stored = await page.evaluate(() =>
      Object.keys(sessionStorage).filter((key) => key.startsWith('lumo.pending-accept|')));
    expect(stored).toHaveLength(1);

    await page.reload();
    // Back on the same quote, still checking, still no way to start over.
    await expect(page.getByTestId('quote')).toHaveAttribute('data-quote-id', quoteId);
    await expect(page.getByTestId('accept-checking')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Get a new quote' })).toBeHidden();
    await expect(page.getByTestId('accept-quote')).toBeDisabled();

    await sandbox.clearFaults();
    await expect(page).toHaveURL(new RegExp(`/orders/${quoteId}$`), { timeout: 15_000 });
    expect(await orderCount(sandbox)).toBe(before + 1);
    expect(new Set(accepts).size).toBe(1);
    expect(await page.evaluate(() =>
      Object.keys(sessionStorage).filter((key) => key.startsWith('lumo.pending-accept|')))).toEqual([]);
  });

  test('no definite answer: the page says so and offers only "Check again"; a confirmed absence after expiry offers a new quote', async ({ signedIn: page, sandbox }) => {
    await page.clock.install();
    const before = await orderCount(sandbox);
    const accepts = recordAccepts(page);
    await getQuote(page);
    // A proxy in front of the API answers 503 to every accept: the outcome is never definite.
    await sandbox.fault({ method: 'POST', path: '/orders/accept/*', fault: 'status:503' });
    await page.getByTestId('accept-quote').click();
    const unknown = page.getByTestId('accept-unknown');
    await expect(unknown).toContainText("We don't know yet whether the order was placed");
    await expect(unknown).toContainText('HTTP 503');
    await expect(page.getByRole('button', { name: 'Get a new quote' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Get a quote' })).toBeDisabled();
    expect(new Set(accepts).size).toBe(1);
    expect(accepts.length).toBeGreaterThan(1);
    expect(await orderCount(sandbox)).toBe(before);

    // Well past the quote's deadline (and the grace after it) the order is still absent:
    // now it is certain that nothing was placed, and only now is a new quote offered.
    await sandbox.clearFaults();
    await page.clock.fastForward('00:45');
    await page.getByTestId('accept-check-again').click();
    await expect(page.getByTestId('accept-refused')).toContainText('expired before the order was placed');
    await expect(page.getByRole('button', { name: 'Get a new quote' })).toBeEnabled();
    expect(await orderCount(sandbox)).toBe(before);
  });
});
