import { test, expect, DEMO, signInWithKey, type Sandbox } from '../fixtures';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/*
 * Accessibility (issue 7): axe on every page in light and dark, no serious or critical violation;
 * the sign-in and dispute forms usable with the keyboard alone.
 */

type Ctx = { order: any; wallet: any };

const PAGES: { name: string; url: (ctx: Ctx) => string; signedIn: boolean; ready: (page: Page) => Promise<void> }[] = [
  { name: 'login', url: () => '/login', signedIn: false, ready: async (p) => { await expect(p.getByRole('button', { name: /sign in/i }).first()).toBeVisible(); } },
  { name: 'register', url: () => '/register', signedIn: false, ready: async (p) => { await expect(p.locator('h1').first()).toBeVisible(); } },
  { name: 'orders', url: () => '/orders', signedIn: true, ready: async (p) => { await expect(p.locator('tbody tr[data-order-id]').first()).toBeVisible(); } },
  { name: 'order detail', url: ({ order }) => `/orders/${order.id}`, signedIn: true, ready: async (p) => { await expect(p.getByRole('button', { name: 'Open dispute' })).toBeVisible(); } },
  { name: 'new order', url: () => '/orders/new', signedIn: true, ready: async (p) => { await expect(p.getByLabel('Payment link from the QR code')).toBeVisible(); } },
  { name: 'disputes', url: () => '/disputes', signedIn: true, ready: async (p) => { await expect(p.getByTestId('dispute-card').first()).toBeVisible(); } },
  { name: 'wallet', url: () => '/wallet', signedIn: true, ready: async (p) => { await expect(p.getByTestId('deposit-address')).toBeVisible(); } },
  { name: 'user wallets', url: () => '/user-wallets', signedIn: true, ready: async (p) => { await expect(p.getByTestId('user-wallet-row').first()).toBeVisible(); } },
  { name: 'user wallet detail', url: ({ wallet }) => `/user-wallets/${encodeURIComponent(wallet.externalId)}`, signedIn: true, ready: async (p) => { await expect(p.locator('h1')).toContainText('User'); } },
  { name: 'profile', url: () => '/profile', signedIn: true, ready: async (p) => { await expect(p.getByLabel('Contact e-mail')).toHaveValue('support@demo.example'); } },
  { name: 'not found', url: () => '/no-such-page', signedIn: true, ready: async (p) => { await expect(p.locator('h1')).toHaveText('Page not found'); } },
];

async function context(sandbox: Sandbox): Promise<Ctx> {
  const orders = await sandbox.apiGet('/orders?status=success&limit=1');
  const wallets = await sandbox.apiGet('/user-wallets?limit=1');
  return { order: orders.body[0], wallet: wallets.body[0] };
}

async function seriousViolations(page: Page) {
  // Let transitions (theme colours, fade-ins) settle so colours are final.
  await page.waitForTimeout(400);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`).join(' | ')}`);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`axe, ${scheme}`, () => {
    for (const target of PAGES) {
      test(`${target.name} (${scheme}) has no serious or critical violations`, async ({ page, sandbox, consoleErrors: _errors }) => {
        await page.emulateMedia({ colorScheme: scheme });
        await page.addInitScript((theme) => {
          try { localStorage.setItem('lumo.theme', theme); } catch { /* ignore */ }
        }, scheme);
        const ctx = await context(sandbox);
        if (target.signedIn) await signInWithKey(page, DEMO.apiKey);
        await page.goto(target.url(ctx));
        await target.ready(page);
        const theme = await page.evaluate(() => document.documentElement.getAttribute('data-theme'));
        expect([scheme, null]).toContain(theme);
        expect(await seriousViolations(page)).toEqual([]);
      });
    }
  });
}

test.describe('keyboard only', () => {
  test('sign in: Tab to the key, type it, toggle "keep me signed in", submit with Enter', async ({ page, consoleErrors: _errors }) => {
    await page.goto('/login');
    await page.getByRole('tab', { name: /api key/i }).click();
    const key = page.getByLabel('Company API key');
    const remember = page.getByRole('checkbox', { name: /keep me signed in/i });
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    for (let i = 0; i < 40 && !(await key.evaluate((el) => el === document.activeElement)); i += 1) {
      await page.keyboard.press('Tab');
    }
    await expect(key).toBeFocused();
    await page.keyboard.type(DEMO.apiKey);
    for (let i = 0; i < 10 && !(await remember.evaluate((el) => el === document.activeElement)); i += 1) {
      await page.keyboard.press('Tab');
    }
    await expect(remember).toBeFocused();
    await page.keyboard.press('Space');
    await expect(remember).toBeChecked();
    await key.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/orders/);
  });

  test('dispute form: Tab to the reason, type, submit with the keyboard', async ({ signedIn: page, sandbox }) => {
    const { body } = await sandbox.apiGet('/orders?status=success&limit=1');
    await page.goto(`/orders/${body[0].id}`);
    const reason = page.getByLabel('Reason');
    await expect(reason).toBeVisible();
    await page.locator('h1').click();
    for (let i = 0; i < 80 && !(await reason.evaluate((el) => el === document.activeElement)); i += 1) {
      await page.keyboard.press('Tab');
    }
    await expect(reason).toBeFocused();
    await page.keyboard.type('Filed with the keyboard alone.');
    await page.keyboard.press('Tab');
    const button = page.getByRole('button', { name: 'Open dispute' });
    for (let i = 0; i < 5 && !(await button.evaluate((el) => el === document.activeElement)); i += 1) {
      await page.keyboard.press('Tab');
    }
    await expect(button).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('dispute-outcome')).toContainText('Dispute filed');
  });
});

test.describe('theme', () => {
  test('follows the system until a choice is made, then keeps the choice across reloads', async ({ page, consoleErrors: _errors }) => {
    const theme = () => page.evaluate(() => document.documentElement.getAttribute('data-theme'));
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/login');
    await expect(page.getByRole('button', { name: 'Switch to light theme' })).toBeVisible();
    expect(await theme()).toBe('dark');
    // No choice stored yet: a system switch is followed at once, and the toggle agrees.
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(theme).toBe('light');
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    expect(await theme()).toBe('dark');
    expect(await page.evaluate(() => localStorage.getItem('lumo.theme'))).toBe('dark');
    // A choice outlives system switches and reloads.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.reload();
    expect(await theme()).toBe('dark');
    await expect(page.getByRole('button', { name: 'Switch to light theme' })).toBeVisible();
  });
});
