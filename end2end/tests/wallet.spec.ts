import { test, expect } from '../fixtures';
import type { Page } from '@playwright/test';

/** "12 500.50 USDT" (no-break spaces) -> 12500.5 */
function amountOf(text: string): number {
  return Number(text.replace(/[^\d.-]/g, ''));
}

async function openWallet(page: Page, query = '') {
  await page.goto(`/wallet${query}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Company wallet' })).toBeVisible();
}

test.describe('company wallet', () => {
  test('address, network, QR and every balance match the API', async ({ signedIn: page, sandbox }) => {
    const { body: wallet } = await sandbox.apiGet('/wallets/balance');
    await page.getByRole('link', { name: 'Wallet', exact: true }).click();
    await expect(page).toHaveURL(/\/wallet$/);
    await expect(page.getByTestId('deposit-address')).toHaveText(wallet.address);
    await expect(page.getByText(/Network: TRON/)).toBeVisible();
    await expect(page.getByText(/TRC-20/).first()).toBeVisible();
    await expect(page.getByRole('img', { name: /QR code of the company deposit address/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Copy deposit address' })).toBeVisible();

    for (const [testid, field] of [
      ['balance-usdt', 'usdtBalance'],
      ['balance-trx', 'trxBalance'],
      ['balance-frozen', 'frozenBalance'],
      ['balance-available', 'availableBalance'],
    ] as const) {
      const cell = page.getByTestId(testid);
      await expect(cell).toBeVisible();
      expect(amountOf(await cell.innerText()), testid).toBe(wallet[field]);
    }
    await expect(page.getByTestId('balance-usdt')).toContainText('USDT');
    await expect(page.getByTestId('balance-trx')).toContainText('TRX');
    // USDT is shown with at least 2 decimals, exactly.
    expect(await page.getByTestId('balance-usdt').innerText()).toMatch(/\.\d{2,6}\u00a0USDT$/);
  });

  test('the QR code holds the address (module matrix of a 34-character address)', async ({ signedIn: page }) => {
    await openWallet(page);
    const qr = page.getByTestId('qr-code').first();
    await expect(qr).toBeVisible();
    // 34 bytes at level M is a version 3 code: 29 modules, drawn with a 4-module quiet zone.
    await expect(qr).toHaveAttribute('data-modules', '29');
    await expect(qr).toHaveAttribute('viewBox', '0 0 37 37');
  });

  test('deposit history matches the API, with its chart and pagination in the URL', async ({ signedIn: page, sandbox }) => {
    const { body: first } = await sandbox.apiGet('/wallets/deposits?limit=20&offset=0');
    await openWallet(page);
    const rows = page.getByTestId('deposit-row');
    await expect(rows).toHaveCount(first.length);
    for (const index of [0, first.length - 1]) {
      const row = rows.nth(index);
      await expect(row).toHaveAttribute('data-tx', first[index].txHash);
      expect(amountOf(await row.getByTestId('deposit-amount').innerText())).toBe(first[index].amount);
      await expect(row).toContainText(first[index].currency);
      // Shortened id, the full one on hover.
      await expect(row.locator('code[title]')).toHaveAttribute('title', first[index].txHash);
    }
    // Every status of the seed is shown with words.
    await expect(page.getByTestId('deposits-table')).toContainText('Pending');
    await expect(page.getByTestId('deposits-table')).toContainText('Confirmed');

    const chart = page.getByRole('img', { name: /deposits? over \d+ days?/ });
    await expect(chart).toBeVisible();
    await expect(page.getByTestId('deposits-chart').locator('table')).toContainText('Day');

    // Page 2 is the API's offset 20; the URL carries it.
    await page.getByRole('button', { name: /Next/ }).click();
    await expect(page).toHaveURL(/\/wallet\?offset=20$/);
    const { body: second } = await sandbox.apiGet('/wallets/deposits?limit=20&offset=20');
    await expect(rows).toHaveCount(second.length);
    await expect(rows.first()).toHaveAttribute('data-tx', second[0].txHash);
    await expect(page.getByRole('button', { name: /Next/ })).toBeDisabled();
    await page.getByRole('button', { name: /Previous/ }).click();
    await expect(page).toHaveURL(/\/wallet$/);
    await expect(rows.first()).toHaveAttribute('data-tx', first[0].txHash);

    // A bookmarked page size and offset are honoured.
    await openWallet(page, '?limit=50&offset=0');
    const { body: all } = await sandbox.apiGet('/wallets/deposits?limit=50&offset=0');
    await expect(rows).toHaveCount(all.length);
  });

  test('a new deposit appears after a refresh, and the balance grows', async ({ signedIn: page, sandbox }) => {
    await openWallet(page);
    const before = amountOf(await page.getByTestId('balance-usdt').innerText());
    const deposit = await sandbox.control('POST', 'deposits', { amount: 123.45, currency: 'USDT' });
    await page.getByRole('button', { name: 'Refresh' }).click();
    const rows = page.getByTestId('deposit-row');
    await expect(rows.first()).toHaveAttribute('data-tx', deposit.txHash);
    await expect(rows.first()).toContainText('123.45');
    await expect(rows.first()).toContainText('Confirmed');
    await expect.poll(async () => amountOf(await page.getByTestId('balance-usdt').innerText()))
      .toBeCloseTo(before + 123.45, 6);

    // And after a reload of the page too.
    const pending = await sandbox.control('POST', 'deposits', { amount: 7, currency: 'TRX', status: 'pending' });
    await page.reload();
    await expect(rows.first()).toHaveAttribute('data-tx', pending.txHash);
    await expect(rows.first()).toContainText('Pending');
    await expect(rows.first()).toContainText('TRX');
  });

  test('an environment without deposit history says so and still shows balances', async ({ signedIn: page, sandbox }) => {
    await sandbox.fault({ method: 'GET', path: '/wallets/deposits', fault: 'status:404' });
    await openWallet(page);
    await expect(page.getByText('Deposit history is not available on this environment.')).toBeVisible();
    await expect(page.getByTestId('balance-usdt')).toBeVisible();
    await sandbox.clearFaults();
  });

  test('a failing deposit history shows an error with Retry that recovers', async ({ signedIn: page, sandbox }) => {
    await sandbox.fault({ method: 'GET', path: '/wallets/deposits', fault: 'status:500', times: 3 });
    await openWallet(page);
    await expect(page.getByText('Deposit history could not be loaded')).toBeVisible();
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByTestId('deposit-row').first()).toBeVisible();
  });
});

test.describe('live rate', () => {
  test('the top bar shows the effective rate and its age', async ({ signedIn: page, sandbox }) => {
    const { body: rate } = await sandbox.apiGet('/rates/current');
    const ticker = page.getByTestId('rate-ticker');
    await expect(ticker).toContainText('USDT/RUB');
    await expect(ticker).toContainText(/updated/);
    const shown = amountOf(await page.getByTestId('rate-value').innerText());
    // The rate moves slowly; the one shown is the effective rate of the moment it was fetched.
    expect(Math.abs(shown - rate.effectiveRate)).toBeLessThan(rate.effectiveRate * 0.02);
  });

  test('a deployment without the rate shows "rate unavailable", never an error page', async ({ signedIn: page, sandbox }) => {
    await sandbox.fault({ method: 'GET', path: '/rates/current', fault: 'status:404' });
    await page.reload();
    await expect(page.getByTestId('rate-ticker')).toContainText('rate unavailable');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page).not.toHaveURL(/\/login/);
    await sandbox.clearFaults();
  });

  test('a rate that stops answering is kept, marked stale', async ({ signedIn: page, sandbox }) => {
    await page.clock.install();
    await page.reload();
    await expect(page.getByTestId('rate-value')).toBeVisible();
    await sandbox.fault({ method: 'GET', path: '/rates/current', fault: 'status:503' });
    await page.clock.runFor(20_000);
    await expect(page.getByTestId('rate-ticker')).toContainText('stale');
    await expect(page.getByTestId('rate-value')).toBeVisible();
    await sandbox.clearFaults();
  });

  test('asks about every 15 s while the tab is visible, and not while it is hidden', async ({ signedIn: page }) => {
    let calls = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/rates/current')) calls++;
    });
    await page.clock.install();
    await page.goto('/wallet');
    await expect(page.getByTestId('rate-value')).toBeVisible();
    calls = 0;
    for (let i = 0; i < 3; i++) {
      await page.clock.runFor(15_000);
      await expect.poll(() => calls).toBe(i + 1);
    }
    // Hidden: no requests at all. (The browser fires visibilitychange; the poller listens.)
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.clock.runFor(60_000);
    await page.waitForTimeout(300);
    expect(calls).toBe(3);
    // Visible again after a long while: asked at once, not 15 s later.
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.clock.runFor(1_100);
    await expect.poll(() => calls).toBe(4);
  });

  test('a rotated key ends the session through the same 401 path as any request', async ({ signedIn: page, sandbox }) => {
    await page.clock.install();
    await page.goto('/wallet');
    await expect(page.getByTestId('rate-value')).toBeVisible();
    await sandbox.control('POST', 'rotate-key');
    // Only the rate poll runs now; its 401 signs out once and keeps the return path.
    await page.clock.runFor(16_000);
    await expect(page).toHaveURL(/\/login\?.*reason=expired/);
    await expect(page).toHaveURL(/return=%2Fwallet/);
  });
});

