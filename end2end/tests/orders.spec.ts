import fs from 'node:fs';
import { test, expect, DEMO, type Sandbox } from '../fixtures';
import type { Page } from '@playwright/test';
import { parseCsv } from '../csv';

// The sandbox's affordable demo payment link (sandbox/src/demo.rs).
const QR_FOR_EXPORT =
  'https://qr.nspk.ru/AD10006M8KH1SN4K9ABPQ5J2PAMRBCTO?type=02&bank=100000000111&sum=500000&cur=RUB&crc=1A2B';

/** The ids of the order rows on screen, top to bottom. */
async function rowIds(page: Page): Promise<string[]> {
  return page.locator('tbody tr[data-order-id]').evaluateAll((rows) =>
    rows.map((row) => row.getAttribute('data-order-id') ?? ''),
  );
}

/** The ids the API gives for this query (the oracle). */
async function apiIds(sandbox: Sandbox, query: string): Promise<string[]> {
  const { status, body } = await sandbox.apiGet(`/orders?${query}`);
  expect(status).toBe(200);
  return body.map((order: any) => order.id);
}

/** Every order matching the filters, through the API, 100 at a time. */
async function allOrders(sandbox: Sandbox, filters: string): Promise<any[]> {
  const all: any[] = [];
  for (let offset = 0; ; offset += 100) {
    const { body } = await sandbox.apiGet(`/orders?${filters}${filters ? '&' : ''}limit=100&offset=${offset}`);
    all.push(...body);
    if (body.length < 100) return all;
  }
}

async function expectRows(page: Page, expected: string[]) {
  await expect.poll(() => rowIds(page), { timeout: 7_000 }).toEqual(expected);
  // The table has settled (no load in flight).
  await expect(page.locator('.api-view')).toHaveAttribute('aria-busy', 'false');
}

test.describe('orders list', () => {
  test('first page matches the API, newest first, with every column', async ({ signedIn: page, sandbox }) => {
    await page.goto('/orders');
    const expected = await apiIds(sandbox, 'limit=20&offset=0');
    await expectRows(page, expected);
    for (const name of ['Created', 'Order', 'Merchant', 'Amount RUB', 'Amount USDT', 'Rate', 'Status']) {
      await expect(page.getByRole('columnheader', { name, exact: true })).toBeVisible();
    }
    const [first] = (await sandbox.apiGet('/orders?limit=1')).body;
    const row = page.locator(`tr[data-order-id="${first.id}"]`);
    await expect(row.getByText(first.merchantName)).toBeVisible();
    await expect(row.locator('.badge')).toHaveAttribute('data-status', first.status);
    await expect(page.getByTestId('page-summary')).toHaveText('Page 1 · 20 orders on this page');
    await expect(page.getByRole('button', { name: /previous/i })).toBeDisabled();
    await expect(page.getByRole('button', { name: /next/i })).toBeEnabled();
    await expect(page.getByText(/no date-range or merchant filter/i)).toBeVisible();
  });

  test('status filter, page size and paging follow the URL and the API; reload and back/forward reproduce the view', async ({ signedIn: page, sandbox }) => {
    await page.goto('/orders');
    await expectRows(page, await apiIds(sandbox, 'limit=20&offset=0'));

    await page.getByLabel('Status', { exact: true }).selectOption('success');
    await expect(page).toHaveURL(/\/orders\?status=success$/);
    await expectRows(page, await apiIds(sandbox, 'status=success&limit=20&offset=0'));
    for (const status of await page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))) {
      expect(status).toBe('success');
    }

    await page.getByLabel('Per page').selectOption('50');
    await expect(page).toHaveURL(/\/orders\?status=success&limit=50$/);
    await expectRows(page, await apiIds(sandbox, 'status=success&limit=50&offset=0'));

    await page.getByRole('button', { name: /next/i }).click();
    await expect(page).toHaveURL(/\/orders\?status=success&page=2&limit=50$/);
    const page2 = await apiIds(sandbox, 'status=success&limit=50&offset=50');
    await expectRows(page, page2);
    await expect(page.getByTestId('page-summary')).toContainText('Page 2');

    // Reload keeps the view.
    await page.reload();
    await expect(page).toHaveURL(/\/orders\?status=success&page=2&limit=50$/);
    await expectRows(page, page2);
    await expect(page.getByLabel('Status', { exact: true })).toHaveValue('success');
    await expect(page.getByLabel('Per page')).toHaveValue('50');

    // Back and forward.
    await page.goBack();
    await expect(page).toHaveURL(/\/orders\?status=success&limit=50$/);
    await expectRows(page, await apiIds(sandbox, 'status=success&limit=50&offset=0'));
    await page.goForward();
    await expect(page).toHaveURL(/page=2/);
    await expectRows(page, page2);

    // Walk to the last page: a page shorter than the limit disables "Next".
    const total = (await allOrders(sandbox, 'status=success')).length;
    const lastPage = Math.floor(total / 50) + 1;
    await page.goto(`/orders?status=success&page=${lastPage}&limit=50`);
    const last = await apiIds(sandbox, `status=success&limit=50&offset=${(lastPage - 1) * 50}`);
    expect(last.length).toBeLessThan(50);
    await expectRows(page, last);
    await expect(page.getByRole('button', { name: /next/i })).toBeDisabled();
    await expect(page.getByTestId('page-summary')).toContainText('(last page)');
  });

  test('a pasted link reproduces the view and says what it ignored', async ({ signedIn: page, sandbox }) => {
    await page.goto('/orders?status=failed&limit=100&page=1');
    await expectRows(page, await apiIds(sandbox, 'status=failed&limit=100&offset=0'));
    await page.goto('/orders?status=bogus&limit=1000');
    await expect(page.getByText(/ignored: status=bogus, limit=1000/)).toBeVisible();
    await expectRows(page, await apiIds(sandbox, 'limit=20&offset=0'));
  });

  test('search by exact external order id; empty result is explicit', async ({ signedIn: page, sandbox }) => {
    const [order] = (await sandbox.apiGet('/orders?limit=1&offset=30')).body;
    expect(order.externalOrderId).toBeTruthy();
    await page.goto('/orders');
    await page.getByLabel(/your order id/i).fill(order.externalOrderId);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(new RegExp(`externalOrderId=${order.externalOrderId}`));
    await expectRows(page, [order.id]);
    await expect(page.getByRole('button', { name: /next/i })).toBeDisabled();

    await page.getByLabel(/your order id/i).fill('ORD-NO-SUCH');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByTestId('orders-empty')).toContainText('No orders match these filters');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await expect(page).toHaveURL(/\/orders$/);
    await expectRows(page, await apiIds(sandbox, 'limit=20&offset=0'));
  });

  test('a row opens its order by click, and its link by keyboard', async ({ signedIn: page, sandbox }) => {
    const ids = await apiIds(sandbox, 'limit=20&offset=0');
    await page.goto('/orders');
    await expectRows(page, ids);
    // Clicking anywhere on the row (here: the merchant cell).
    await page.locator(`tr[data-order-id="${ids[2]}"] td`).nth(2).click();
    await expect(page).toHaveURL(new RegExp(`/orders/${ids[2]}$`));
    await page.goBack();
    await expectRows(page, ids);
    // Keyboard: focus the row's link and press Enter.
    const link = page.locator(`tr[data-order-id="${ids[4]}"] a`);
    await link.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/orders/${ids[4]}$`));
    await expect(page.getByText('Lumo order id')).toBeVisible();
  });

  test('loading a new page keeps the previous rows visible', async ({ signedIn: page, sandbox }) => {
    await page.goto('/orders');
    const first = await apiIds(sandbox, 'limit=20&offset=0');
    await expectRows(page, first);
    await sandbox.fault({ method: 'GET', path: '/orders', fault: 'latency:1500', times: 1 });
    await page.getByRole('button', { name: /next/i }).click();
    await expect(page.locator('.api-view')).toHaveAttribute('aria-busy', 'true');
    expect(await rowIds(page)).toEqual(first);
    await expectRows(page, await apiIds(sandbox, 'limit=20&offset=20'));
  });

  test('an API error is explicit and Retry recovers', async ({ signedIn: page, sandbox }) => {
    await sandbox.fault({ method: 'GET', path: '/orders', fault: 'status:503', times: 3 });
    await page.goto('/orders');
    await expect(page.getByRole('alert')).toContainText(/HTTP 503/);
    await page.getByRole('button', { name: 'Retry' }).click();
    await expectRows(page, await apiIds(sandbox, 'limit=20&offset=0'));
  });
});

test.describe('orders CSV export', () => {
  test('contains every filtered order, all pages, with exact amounts and ISO times', async ({ signedIn: page, sandbox }) => {
    const expected = await allOrders(sandbox, 'status=success');
    expect(expected.length).toBeGreaterThan(100);
    await page.goto('/orders?status=success');
    await expectRows(page, expected.slice(0, 20).map((o) => o.id));
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^lumo-orders-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const [header, ...rows] = parseCsv(text, ',');
    expect(header).toEqual(['id', 'createdAt', 'status', 'merchantName', 'externalOrderId', 'amountRub', 'amountUsdt', 'rate', 'paymentUntil', 'updatedAt']);
    // Every cell is quoted, so a reader splitting on ';' (a Russian Excel) sees the same cells.
    expect(text.split('\r\n')[0]).toBe(header.map((cell) => `"${cell}"`).join(','));
    expect(rows.length).toBe(expected.length);
    expect(rows.map((row) => row[0])).toEqual(expected.map((o) => o.id));
    // Exact amounts and ISO 8601 UTC times.
    const cells = rows[0];
    expect(Number(cells[5])).toBe(expected[0].amountRub);
    expect(Number(cells[6])).toBe(expected[0].amountUsdt);
    expect(cells[1]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(new Date(cells[1]).getTime()).toBe(new Date(expected[0].createdAt).getTime());
    expect(text).not.toContain(DEMO.apiKey);
    expect(text).not.toContain('lb2b_');
    await expect(page.getByTestId('export-status')).toContainText(`Saved ${expected.length} orders`);
  });

  test('text a user typed is exported as one inert cell, for readers splitting on , and on ;', async ({ signedIn: page, sandbox }) => {
    const typed = 'ok;=HYPERLINK("http://x.test","y")';
    await page.goto('/orders/new');
    await page.getByLabel('Payment link from the QR code').fill(QR_FOR_EXPORT);
    await page.getByLabel('Your order id').fill(typed);
    await page.getByRole('button', { name: 'Get a quote' }).click();
    await page.getByTestId('accept-quote').click();
    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
    const { body: found } = await sandbox.apiGet(`/orders?externalOrderId=${encodeURIComponent(typed)}`);
    expect(found).toHaveLength(1);

    await page.goto(`/orders?externalOrderId=${encodeURIComponent(typed)}`);
    await expect(page.locator('tbody tr')).toHaveCount(1);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const text = fs.readFileSync(await (await downloading).path(), 'utf8').replace(/^\uFEFF/, '');
    const [header, row] = parseCsv(text, ',');
    expect(header).toHaveLength(10);
    expect(row).toHaveLength(10);
    // One cell, and the formula after the ';' is text (a ' before it).
    expect(row[4]).toBe('ok;\'=HYPERLINK("http://x.test","y")');
    // Read by a program splitting on ';' (Excel in a Russian locale) the columns are wrong, but
    // no cell anywhere is a formula.
    for (const delimiter of [',', ';']) {
      for (const cells of parseCsv(text, delimiter)) {
        for (const cell of cells) expect(cell, `${delimiter}: ${cell}`).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
  });

  test('shows progress and can be cancelled', async ({ signedIn: page, sandbox }) => {
    await page.goto('/orders');
    await expect(page.locator('tbody tr').first()).toBeVisible();
    await sandbox.fault({ method: 'GET', path: '/orders', fault: 'latency:800' });
    let downloaded = false;
    page.on('download', () => { downloaded = true; });
    await page.getByRole('button', { name: 'Export CSV' }).click();
    await expect(page.getByTestId('export-status')).toContainText('Fetched 100 orders…');
    await page.getByRole('button', { name: 'Cancel export' }).click();
    await expect(page.getByTestId('export-status')).toContainText('Export cancelled');
    await sandbox.clearFaults();
    await page.waitForTimeout(1_000);
    expect(downloaded).toBe(false);
    await expect(page.getByRole('button', { name: 'Export CSV' })).toBeEnabled();
  });
});

test.describe('order detail', () => {
  test('shows every field, a timeline, and copies the external id', async ({ signedIn: page, sandbox, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const [order] = (await sandbox.apiGet('/orders?status=failed&limit=1')).body;
    await page.goto(`/orders/${order.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Order ${order.externalOrderId}`);
    await expect(page.getByTestId('order-status').locator('.badge')).toHaveText('Failed');
    await expect(page.getByText(order.id, { exact: true })).toBeVisible();
    await expect(page.getByText(order.merchantName).first()).toBeVisible();
    await expect(page.locator('.order-details').getByText(/RUB\/USDT/)).toBeVisible();
    for (const label of ['Created', 'Payment deadline', 'Last updated', 'Amount (RUB)', 'Amount (USDT)']) {
      await expect(page.locator('dt', { hasText: label })).toBeVisible();
    }
    const timeline = page.getByRole('list', { name: 'Order progress' });
    await expect(timeline.getByText('Created')).toBeVisible();
    await expect(timeline.getByText('Payment deadline')).toBeVisible();
    await expect(timeline.getByText('Completed: failed')).toBeVisible();
    await page.getByRole('button', { name: 'Copy your order id' }).click();
    await expect(page.getByRole('button', { name: 'Copy your order id' })).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(order.externalOrderId);
  });

  test('an unknown order is a clear error', async ({ signedIn: page }) => {
    await page.goto('/orders/00000000-0000-4000-8000-000000000000');
    await expect(page.getByRole('alert')).toContainText(/not found/i);
  });
});
