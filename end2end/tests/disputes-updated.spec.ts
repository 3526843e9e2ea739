import { test, expect, DEMO, signInWithKey, type Sandbox } from '../fixtures';
import type { Page } from '@playwright/test';

/*
 * "Updated since your last visit" on /disputes: the page remembers (localStorage, per API
 * address and company) the status and resolution of every dispute it showed; the next visit
 * badges a changed dispute "Updated" and one it never showed "New", and the sidebar's Disputes
 * entry counts them. The first visit ever is the baseline (nothing badged).
 */

const DEMO_COMPANY_ID = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const PREFIX = 'lumo.disputes-seen|';

async function openDispute(sandbox: Sandbox, skip = 0): Promise<any> {
  const { body } = await sandbox.apiGet('/disputes');
  const open = body.filter((d: any) => d.status === 'submitted');
  expect(open.length).toBeGreaterThan(skip);
  return open[skip];
}

async function undisputedOrder(sandbox: Sandbox, key = DEMO.apiKey): Promise<any> {
  const { body } = await sandbox.apiGet('/orders?status=success&limit=10', key);
  expect(body.length).toBeGreaterThan(0);
  return body[0];
}

/** File a dispute straight through the API, behind the portal's back. */
async function fileViaApi(sandbox: Sandbox, orderId: string, reason: string): Promise<any> {
  const response = await fetch(`${sandbox.api}/orders/${orderId}/disputes`, {
    method: 'POST',
    headers: { 'X-API-Key': DEMO.apiKey, 'Content-Type': 'application/json' },
    body: JSON.stringify({ reason }),
  });
  expect(response.status).toBe(201);
  return response.json();
}

async function register(sandbox: Sandbox, name: string) {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Date.now()}@lumo.test`;
  const response = await fetch(`${sandbox.api}/auth/company/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, email, password: 'b-company-password' }),
  });
  expect(response.status).toBe(201);
  const body = await response.json();
  return { apiKey: body.apiKey as string, id: body.company.id as string };
}

/** The disputes page showing every dispute the API has (so the marks are of this list). */
async function showDisputes(page: Page, sandbox: Sandbox, how: 'goto' | 'reload' = 'goto') {
  const { body } = await sandbox.apiGet('/disputes');
  if (how === 'goto') await page.goto('/disputes');
  else await page.reload();
  await expect(page.getByTestId('dispute-card')).toHaveCount(body.length);
  return body as any[];
}

function card(page: Page, id: string) {
  return page.locator(`[data-testid="dispute-card"][data-dispute-id="${id}"]`);
}

function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

async function seenKeys(page: Page): Promise<Record<string, string>> {
  return page.evaluate((prefix) => {
    const found: Record<string, string> = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key && key.startsWith(prefix)) found[key] = localStorage.getItem(key) ?? '';
    }
    return found;
  }, PREFIX);
}

test.describe('updated since your last visit', () => {
  test('the first visit is the baseline; then exactly the changed dispute is "Updated", the new one "New", and the nav counts 2', async ({ signedIn: page, sandbox }) => {
    const baseline = await showDisputes(page, sandbox);
    await expect(page.getByTestId('seen-badge')).toHaveCount(0);
    await expect(mainNav(page).getByRole('link', { name: 'Disputes', exact: true })).toBeVisible();
    await expect(page.getByTestId('nav-disputes-count')).toHaveCount(0);
    const key = `${PREFIX}${sandbox.api}|${DEMO_COMPANY_ID}`;
    await expect.poll(async () => Object.keys(await seenKeys(page))).toEqual([key]);
    // Only ids and statuses are kept: no reason, comment or key.
    const stored = (await seenKeys(page))[key];
    expect(stored).not.toContain(baseline[0].reason);
    expect(stored).not.toContain('lb2b_');

    const changed = await openDispute(sandbox);
    await sandbox.control('POST', `disputes/${changed.id}/reject`, { adminComment: 'Not a payment problem.' });
    const filed = await fileViaApi(sandbox, (await undisputedOrder(sandbox)).id, 'Filed behind the portal\'s back.');

    const now = await showDisputes(page, sandbox, 'reload');
    expect(now.length).toBe(baseline.length + 1);
    await expect(card(page, changed.id).getByTestId('seen-badge')).toHaveText('Updated');
    await expect(card(page, filed.id).getByTestId('seen-badge')).toHaveText('New');
    await expect(page.getByTestId('seen-badge')).toHaveCount(2);
    await expect(page.getByTestId('seen-summary')).toHaveText('2 disputes updated or new since your last visit.');
    const disputesLink = mainNav(page).getByRole('link', { name: 'Disputes, 2 updated', exact: true });
    await expect(disputesLink).toBeVisible();
    await expect(disputesLink.getByTestId('nav-disputes-count')).toHaveText('2');
    await expect(disputesLink).toHaveAttribute('aria-current', 'page');

    // The badges stay for the whole view (a refresh with no change keeps them).
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByTestId('disputes-updated')).toBeVisible();
    await expect(page.getByTestId('seen-badge')).toHaveCount(2);

    // Leaving the page: its changes have been seen, the count goes.
    await mainNav(page).getByRole('link', { name: 'Orders', exact: true }).click();
    await expect(page).toHaveURL(/\/orders$/);
    await expect(page.getByTestId('nav-disputes-count')).toHaveCount(0);
    await expect(mainNav(page).getByRole('link', { name: 'Disputes', exact: true })).toBeVisible();

    // The marks advanced to what was shown: the next visit badges nothing.
    await mainNav(page).getByRole('link', { name: 'Disputes', exact: true }).click();
    await expect(page.getByTestId('dispute-card')).toHaveCount(now.length);
    await expect(page.getByTestId('seen-badge')).toHaveCount(0);
    await showDisputes(page, sandbox, 'reload');
    await expect(page.getByTestId('seen-badge')).toHaveCount(0);
    await expect(page.getByTestId('nav-disputes-count')).toHaveCount(0);
    await expect(page.getByTestId('seen-summary')).toHaveCount(0);
  });

  test('a refresh while the page stays open badges a change the same way', async ({ signedIn: page, sandbox }) => {
    await showDisputes(page, sandbox);
    const changed = await openDispute(sandbox, 1);
    await sandbox.control('POST', `disputes/${changed.id}/resolve`, { resolution: 'refund' });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(card(page, changed.id).getByTestId('seen-badge')).toHaveText('Updated');
    await expect(card(page, changed.id)).toHaveAttribute('data-status', 'resolved');
    await expect(page.getByTestId('seen-badge')).toHaveCount(1);
    await expect(mainNav(page).getByRole('link', { name: 'Disputes, 1 updated', exact: true })).toBeVisible();
    // Already seen: the next visit has nothing new.
    await showDisputes(page, sandbox, 'reload');
    await expect(page.getByTestId('seen-badge')).toHaveCount(0);
  });

  test('unreadable marks in storage make a new baseline, not wrong badges', async ({ signedIn: page, sandbox }) => {
    await showDisputes(page, sandbox);
    const key = `${PREFIX}${sandbox.api}|${DEMO_COMPANY_ID}`;
    for (const garbage of ['{"v":1,"d":{"x":', '[]', '{"v":99,"d":{}}', '\u0000\uffff']) {
      await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, garbage]);
      await showDisputes(page, sandbox, 'reload');
      await expect(page.getByTestId('seen-badge')).toHaveCount(0);
      await expect(page.getByTestId('nav-disputes-count')).toHaveCount(0);
      // Replaced by readable marks of the list shown.
      await expect.poll(async () => JSON.parse((await seenKeys(page))[key] ?? 'null')?.v).toBe(1);
    }
  });

  test('another company sees no marks of the first; the marks survive sign-out', async ({ page, sandbox, consoleErrors: _ }) => {
    const companyB = await register(sandbox, 'Company B');
    const keyA = `${PREFIX}${sandbox.api}|${DEMO_COMPANY_ID}`;
    const keyB = `${PREFIX}${sandbox.api}|${companyB.id}`;

    // A's baseline.
    await signInWithKey(page, DEMO.apiKey);
    await showDisputes(page, sandbox);
    await expect.poll(async () => Object.keys(await seenKeys(page))).toEqual([keyA]);
    const marksA = (await seenKeys(page))[keyA];
    const changed = await openDispute(sandbox);
    await sandbox.control('POST', `disputes/${changed.id}/reject`, {});

    // A signs out, B signs in in the same browser: nothing of A's, and A's marks stay as they were.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    expect((await seenKeys(page))[keyA]).toBe(marksA);
    await signInWithKey(page, companyB.apiKey);
    await expect(page.getByTestId('company-name')).toHaveText('Company B');
    await page.goto('/disputes');
    await expect(page.getByTestId('disputes-empty')).toBeVisible();
    await expect(page.getByTestId('seen-badge')).toHaveCount(0);
    await expect(page.getByTestId('nav-disputes-count')).toHaveCount(0);
    await expect.poll(async () => Object.keys(await seenKeys(page)).sort()).toEqual([keyA, keyB].sort());
    const stored = await seenKeys(page);
    expect(stored[keyA]).toBe(marksA);
    expect(JSON.parse(stored[keyB])).toEqual({ v: 1, d: {} });

    // A again, after the sign-out and B's visit: exactly A's change since A's last visit.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    await signInWithKey(page, DEMO.apiKey);
    await showDisputes(page, sandbox);
    await expect(card(page, changed.id).getByTestId('seen-badge')).toHaveText('Updated');
    await expect(page.getByTestId('seen-badge')).toHaveCount(1);
    await expect(mainNav(page).getByRole('link', { name: 'Disputes, 1 updated', exact: true })).toBeVisible();
  });
});
