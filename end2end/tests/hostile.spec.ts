import { test, expect, type Sandbox } from '../fixtures';
import type { Page } from '@playwright/test';

/*
 * Hostile data (issue 7): answers carrying markup, very long unbroken strings, bidi overrides and
 * zero-width characters, huge and negative numbers, extreme dates. Everything must stay inert
 * text, the layout must hold (no page-wide horizontal scroll), and nothing may panic (the
 * consoleErrors fixture); a number beyond Decimal gives a clear decode message.
 */

const IMG = '<img src=x onerror="window.__pwned=1;alert(1)">';
const SCRIPT = '<script>window.__pwned=2;alert(2)</script>';
const LONG = 'W'.repeat(5_000);
const RTL = '\u202Eexe.txt\u202C and zero\u200Bwidth\u200D\uFEFFjoin';
const HUGE = '79228162514264337593543950335';

/** JSON text where "__RAW:x__" strings become the raw number x (beyond what JS numbers keep). */
function rawJson(value: unknown): string {
  return JSON.stringify(value).replace(/"__RAW:([^"]+)__"/g, '$1');
}

async function serve(page: Page, sandbox: Sandbox, path: string, edit: (body: any) => any) {
  await page.route((url) => url.origin === sandbox.api && url.pathname === path, async (route) => {
    if (route.request().method() !== 'GET') return route.continue();
    const response = await route.fetch();
    const body = edit(await response.json());
    await route.fulfill({ response, body: rawJson(body), headers: { ...response.headers(), 'content-type': 'application/json' } });
  });
}

async function expectInert(page: Page, dialogs: string[]) {
  expect(dialogs, 'no dialog opened by injected markup').toEqual([]);
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  expect(await page.locator('main img[src="x"], main script').count()).toBe(0);
}

async function expectLayoutHolds(page: Page) {
  const { scroll, client, widest } = await page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    // The outermost elements sticking out, to name the culprit in the failure message.
    const widest = [...document.querySelectorAll('main *')]
      .filter((el) => el.getBoundingClientRect().right > client + 4)
      .filter((el) => !(el.parentElement && el.parentElement.getBoundingClientRect().right > client + 4))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
    return { scroll: document.documentElement.scrollWidth, client, widest };
  });
  expect(scroll, `the page does not scroll sideways (sticking out: ${widest.join(', ')})`).toBeLessThanOrEqual(client + 4);
}

function watchDialogs(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  return dialogs;
}

test.describe('hostile data', () => {
  test('orders: markup, long strings, bidi, huge and negative amounts, extreme dates', async ({ signedIn: page, sandbox }) => {
    const dialogs = watchDialogs(page);
    await serve(page, sandbox, '/orders', (list) => {
      list[0].merchantName = IMG;
      list[0].externalOrderId = SCRIPT;
      list[0].amountUsdt = `__RAW:${HUGE}__`;
      list[1].merchantName = LONG;
      list[1].externalOrderId = LONG;
      list[1].amountRub = -5000.5;
      list[1].createdAt = '0001-01-01T00:00:00Z';
      list[2].merchantName = RTL;
      list[2].createdAt = '9999-12-31T23:59:59Z';
      list[2].amountUsdt = -1;
      return list;
    });
    await page.goto('/orders');
    await expect(page.locator('tbody tr[data-order-id]').first()).toBeVisible();
    await expect(page.getByText(IMG).first()).toBeAttached();
    await expect(page.locator('main')).toContainText('79');
    await expectInert(page, dialogs);
    await expectLayoutHolds(page);
  });

  test('order detail: the same hostile order', async ({ signedIn: page, sandbox }) => {
    const dialogs = watchDialogs(page);
    const { body } = await sandbox.apiGet('/orders?status=success&limit=1');
    const id = body[0].id;
    await serve(page, sandbox, `/orders/${id}`, (order) => ({
      ...order,
      merchantName: `${IMG} ${LONG}`,
      externalOrderId: `${SCRIPT}${RTL}`,
      amountUsdt: `__RAW:${HUGE}__`,
      amountRub: -12.34,
      createdAt: '0001-01-01T00:00:00Z',
      updatedAt: '9999-12-31T23:59:59Z',
    }));
    await page.goto(`/orders/${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('<script>');
    await expectInert(page, dialogs);
    await expectLayoutHolds(page);
  });

  test('a number beyond Decimal (1e30) gives a clear decode message, not a panic', async ({ signedIn: page, sandbox }) => {
    await serve(page, sandbox, '/orders', (list) => {
      list[0].amountUsdt = '__RAW:1e30__';
      return list;
    });
    await page.goto('/orders');
    await expect(page.locator('.error-panel')).toContainText(/unexpected shape|not JSON|broken/);
  });

  test('disputes: markup and long text in reasons and comments', async ({ signedIn: page, sandbox }) => {
    const dialogs = watchDialogs(page);
    await serve(page, sandbox, '/disputes', (list) => {
      list[0].reason = IMG + SCRIPT;
      list[1].reason = LONG;
      list[2].reason = RTL;
      const decided = list.find((d: any) => d.adminComment !== undefined && d.status !== 'submitted') ?? list[3];
      decided.adminComment = `${LONG}${IMG}`;
      decided.refundAmount = -3;
      list[0].createdAt = '0001-01-01T00:00:00Z';
      list[1].createdAt = '9999-12-31T23:59:59Z';
      return list;
    });
    await page.goto('/disputes');
    await expect(page.getByTestId('dispute-card').first()).toBeVisible();
    await expectInert(page, dialogs);
    await expectLayoutHolds(page);
  });

  test('profile: markup, long and bidi values stay text in the form', async ({ signedIn: page, sandbox }) => {
    const dialogs = watchDialogs(page);
    await serve(page, sandbox, '/auth/company/profile', (profile) => ({
      ...profile,
      name: IMG,
      contactEmail: LONG,
      contactTelegram: RTL,
      webhookUrl: 'javascript:alert(3)',
      depositForwardAddress: SCRIPT,
    }));
    await page.goto('/profile');
    await expect(page.getByLabel('Contact e-mail')).toHaveValue(LONG);
    await expectInert(page, dialogs);
    await expectLayoutHolds(page);
  });

  test('user wallets: markup in ids and reasons, huge and negative balances', async ({ signedIn: page, sandbox }) => {
    const dialogs = watchDialogs(page);
    await serve(page, sandbox, '/user-wallets', (list) => {
      list[0].externalId = IMG;
      list[0].lastUsdtBalance = `__RAW:${HUGE}__`;
      list[1].externalId = LONG;
      list[1].lastTrxBalance = -7.5;
      list[2].externalId = RTL;
      list[2].isBlocked = true;
      list[2].blockReason = LONG + SCRIPT;
      list[3].createdAt = '0001-01-01T00:00:00Z';
      list[4].createdAt = '9999-12-31T23:59:59Z';
      return list;
    });
    await page.goto('/user-wallets');
    await expect(page.getByTestId('user-wallet-row').first()).toBeVisible();
    await expectInert(page, dialogs);
    await expectLayoutHolds(page);
  });
});
