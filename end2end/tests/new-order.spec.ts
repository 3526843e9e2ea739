import { test, expect } from '../fixtures';
import type { Page } from '@playwright/test';

// The sandbox's demo payloads (sandbox/src/demo.rs).
const QR_AFFORDABLE =
  'https://qr.nspk.ru/AD10006M8KH1SN4K9ABPQ5J2PAMRBCTO?type=02&bank=100000000111&sum=500000&cur=RUB&crc=1A2B';
const QR_TOO_EXPENSIVE =
  'https://qr.nspk.ru/BD20007N9LJ2TP5L0BCQR6K3QBNSCDUP?type=02&bank=100000000004&sum=5000000000&cur=RUB&crc=3C4D';
const QR_STATIC =
  'https://qr.nspk.ru/AS10003P3RUNTVBB4P2AUMV7VJBE8C1E?type=01&bank=100000000111&cur=RUB&crc=5E6F';

async function getQuote(page: Page, qr: string, externalOrderId?: string) {
  await page.goto('/orders/new');
  await page.getByLabel('Payment link from the QR code').fill(qr);
  if (externalOrderId) await page.getByLabel('Your order id').fill(externalOrderId);
  await page.getByRole('button', { name: 'Get a quote' }).click();
  const quote = page.getByTestId('quote');
  await expect(quote).toBeVisible();
  return quote;
}

async function orderCount(sandbox: { control: (m: 'GET', r: string) => Promise<any> }) {
  return (await sandbox.control('GET', 'state')).orders as number;
}

test.describe('new order', () => {
  test('the payment link is checked on the client with a specific message', async ({ signedIn: page, sandbox }) => {
    const quotesBefore = (await sandbox.control('GET', 'state')).quotes;
    await page.goto('/orders/new');
    const qr = page.getByLabel('Payment link from the QR code');
    await qr.fill(QR_STATIC);
    await page.getByRole('button', { name: 'Get a quote' }).click();
    await expect(page.getByTestId('qr-error')).toHaveText(/static QR code without an amount/);
    await expect(qr).toHaveAttribute('aria-invalid', 'true');
    await expect(qr).toBeFocused();

    await qr.fill('https://example.com/pay?sum=100');
    await page.getByRole('button', { name: 'Get a quote' }).click();
    await expect(page.getByTestId('qr-error')).toContainText('https://qr.nspk.ru/');

    await qr.fill(QR_AFFORDABLE);
    await expect(page.getByTestId('qr-preview')).toContainText('5\u00a0000.00\u00a0RUB');
    await page.getByLabel('Your order id').fill('x'.repeat(256));
    await page.getByRole('button', { name: 'Get a quote' }).click();
    await expect(page.getByText(/at most 255 characters/)).toBeVisible();
    // Nothing reached the server.
    expect((await sandbox.control('GET', 'state')).quotes).toBe(quotesBefore);
  });

  test('quote, accept, and the new order page', async ({ signedIn: page, sandbox }) => {
    const before = await orderCount(sandbox);
    await page.getByRole('link', { name: 'New order' }).first().click();
    await expect(page).toHaveURL(/\/orders\/new$/);
    const reference = `E2E-${Date.now()}`;
    const quote = await getQuote(page, QR_AFFORDABLE, reference);
    await expect(page.getByTestId('quote-merchant')).toHaveText('OOO Romashka');
    await expect(page.getByTestId('quote-rub')).toHaveText('5\u00a0000.00\u00a0RUB');
    await expect(page.getByTestId('quote-usdt')).toContainText('USDT');
    await expect(page.getByTestId('quote-rate')).toContainText('RUB/USDT');
    await expect(page.getByTestId('quote-balance')).toContainText('Sufficient');
    await expect(page.getByTestId('countdown')).toContainText(/Expires in 0:[0-3]\d/);
    await expect(page.getByTestId('countdown-announcement')).toContainText('Quote ready');
    const quoteId = await quote.getAttribute('data-quote-id');

    await page.getByTestId('accept-quote').click();
    await expect(page).toHaveURL(new RegExp(`/orders/${quoteId}$`));
    expect(await orderCount(sandbox)).toBe(before + 1);
    const { body: order } = await sandbox.apiGet(`/orders/${quoteId}`);
    expect(order.externalOrderId).toBe(reference);
    expect(order.status).toBe('in_progress');
  });

  test('a double click on accept creates exactly one order', async ({ signedIn: page, sandbox }) => {
    const before = await orderCount(sandbox);
    await getQuote(page, QR_AFFORDABLE);
    await page.getByTestId('accept-quote').dblclick();
    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
    expect(await orderCount(sandbox)).toBe(before + 1);
  });

  test('an expired quote is refused by the server and the UI shows why', async ({ signedIn: page, sandbox }) => {
    const before = await orderCount(sandbox);
    await getQuote(page, QR_AFFORDABLE);
    // The server's clock moves past the quote's expiry; the browser's does not notice.
    await sandbox.control('POST', 'clock/advance', { seconds: 31 });
    await page.getByTestId('accept-quote').click();
    const refused = page.getByTestId('accept-refused');
    await expect(refused).toContainText('Quote has expired');
    await expect(page.getByTestId('accept-quote')).toBeDisabled();
    expect(await orderCount(sandbox)).toBe(before);

    // A new quote can be accepted.
    await page.getByRole('button', { name: 'Get a new quote' }).click();
    await expect(page.getByTestId('accept-refused')).toBeHidden();
    await expect(page.getByTestId('accept-quote')).toBeEnabled();
    await page.getByTestId('accept-quote').click();
    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
    expect(await orderCount(sandbox)).toBe(before + 1);
  });

  test('the countdown expires on the client and then refuses to accept', async ({ signedIn: page }) => {
    await page.clock.install();
    await getQuote(page, QR_AFFORDABLE);
    await page.clock.runFor(31_000);
    await expect(page.getByTestId('countdown')).toContainText('Expired');
    await expect(page.getByTestId('countdown-announcement')).toContainText('The quote has expired');
    await expect(page.getByTestId('accept-quote')).toBeDisabled();
    await expect(page.getByTestId('accept-blocked')).toContainText('expired');
  });

  test('insufficient balance is refused with a clear message', async ({ signedIn: page, sandbox }) => {
    const before = await orderCount(sandbox);
    await getQuote(page, QR_TOO_EXPENSIVE);
    await expect(page.getByTestId('quote-balance')).toContainText('Not sufficient');
    await expect(page.getByTestId('accept-quote')).toBeDisabled();
    await expect(page.getByTestId('accept-blocked')).toContainText('balance does not cover');
    expect(await orderCount(sandbox)).toBe(before);
  });
});
