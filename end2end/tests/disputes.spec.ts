import { test, expect, DEMO, type Sandbox } from '../fixtures';
import type { Page } from '@playwright/test';

/** A completed order without a dispute (the seed has plenty). */
async function undisputedOrder(sandbox: Sandbox, status: 'success' | 'failed' = 'success', skip = 0): Promise<any> {
  const { body } = await sandbox.apiGet(`/orders?status=${status}&limit=10&offset=${skip}`);
  expect(body.length).toBeGreaterThan(0);
  return body[0];
}

/** File a dispute straight through the API, behind the portal's back. */
async function fileViaApi(sandbox: Sandbox, orderId: string, reason: string) {
  const response = await fetch(`${sandbox.api}/orders/${orderId}/disputes`, {
    method: 'POST',
    headers: { 'X-API-Key': DEMO.apiKey, 'Content-Type': 'application/json' },
    body: JSON.stringify({ reason }),
  });
  expect(response.status).toBe(201);
  return response.json();
}

async function cardIds(page: Page): Promise<string[]> {
  return page.getByTestId('dispute-card').evaluateAll((cards) =>
    cards.map((card) => card.getAttribute('data-dispute-id') ?? ''),
  );
}

test.describe('opening a dispute', () => {
  test('on a success order: filed, then first in /disputes; the order page then shows it', async ({ signedIn: page, sandbox }) => {
    const order = await undisputedOrder(sandbox);
    await page.goto(`/orders/${order.id}`);
    const reason = page.getByLabel('Reason');
    await reason.fill('  The customer paid but the merchant saw nothing.  ');
    await expect(page.getByTestId('reason-counter')).toHaveText('47 / 2000');
    await page.getByRole('button', { name: 'Open dispute' }).click();
    await expect(page.getByTestId('dispute-outcome')).toContainText('Dispute filed');
    const card = page.getByTestId('dispute-card');
    await expect(card).toHaveAttribute('data-order-id', order.id);
    await expect(card.locator('.badge').first()).toHaveText('Submitted');
    await expect(card.getByTestId('dispute-reason')).toHaveText('The customer paid but the merchant saw nothing.');
    await expect(page.getByTestId('order-status').locator('.badge')).toHaveText('Disputed');
    await expect(page.getByRole('button', { name: 'Open dispute' })).toHaveCount(0);

    const { body: disputes } = await sandbox.apiGet('/disputes');
    expect(disputes[0].orderId).toBe(order.id);

    await page.getByRole('link', { name: 'Disputes', exact: true }).first().click();
    await expect(page).toHaveURL(/\/disputes$/);
    await expect.poll(async () => (await cardIds(page))[0]).toBe(disputes[0].id);
    const first = page.getByTestId('dispute-card').first();
    await expect(first).toHaveAttribute('data-order-id', order.id);
    await expect(first.getByTestId('dispute-age')).toHaveText(/^open (just now|1 minute)$/);

    // Back on the order (fresh load): no form, the open dispute is said plainly.
    await page.goto(`/orders/${order.id}`);
    await expect(page.getByTestId('dispute-unavailable')).toContainText('This order already has an open dispute, filed on');
    await expect(page.getByRole('button', { name: 'Open dispute' })).toHaveCount(0);
    await expect(page.getByTestId('dispute-card')).toHaveAttribute('data-dispute-id', disputes[0].id);
  });

  test('a second attempt shows the existing open dispute instead of a new one', async ({ signedIn: page, sandbox }) => {
    const order = await undisputedOrder(sandbox, 'failed');
    await page.goto(`/orders/${order.id}`);
    await expect(page.getByRole('button', { name: 'Open dispute' })).toBeVisible();
    // Someone else (or the company's backend) files first; this page still offers the form.
    const existing = await fileViaApi(sandbox, order.id, 'Filed by the integration.');
    await page.getByLabel('Reason').fill('Filed from the portal a moment later.');
    await page.getByRole('button', { name: 'Open dispute' }).click();
    const outcome = page.getByTestId('dispute-outcome');
    await expect(outcome).toContainText('This order already has an open dispute, filed on');
    await expect(outcome).toContainText('Filed from the portal a moment later.');
    await expect(outcome).not.toContainText('Dispute filed');
    const card = page.getByTestId('dispute-card');
    await expect(card).toHaveAttribute('data-dispute-id', existing.id);
    await expect(card.getByTestId('dispute-reason')).toHaveText('Filed by the integration.');
    const { body: disputes } = await sandbox.apiGet('/disputes');
    expect(disputes.filter((d: any) => d.orderId === order.id)).toHaveLength(1);
  });

  test('a pending order offers no dispute and says why', async ({ signedIn: page, sandbox }) => {
    const [created] = (await sandbox.apiGet('/orders?status=created&limit=1')).body;
    await page.goto(`/orders/${created.id}`);
    await expect(page.getByTestId('dispute-unavailable')).toHaveText(
      'Disputes can be opened once the order is completed (success or failed). This order has just been created.',
    );
    await expect(page.getByRole('button', { name: 'Open dispute' })).toHaveCount(0);

    const [inProgress] = (await sandbox.apiGet('/orders?status=in_progress&limit=1')).body;
    await page.goto(`/orders/${inProgress.id}`);
    await expect(page.getByTestId('dispute-unavailable')).toHaveText(
      'Disputes can be opened once the order is completed (success or failed). This order is in progress.',
    );
    await expect(page.getByRole('button', { name: 'Open dispute' })).toHaveCount(0);
    await expect(page.getByRole('list', { name: 'Order progress' }).getByText('Payment deadline')).toBeVisible();
  });

  test('the reason is required, counted and limited to 2000 characters', async ({ signedIn: page, sandbox }) => {
    const order = await undisputedOrder(sandbox, 'success', 3);
    await page.goto(`/orders/${order.id}`);
    let posted = 0;
    page.on('request', (r) => { if (r.method() === 'POST') posted += 1; });
    await page.getByLabel('Reason').fill('   ');
    await page.getByRole('button', { name: 'Open dispute' }).click();
    await expect(page.getByText('Describe what went wrong.')).toBeVisible();
    await page.getByLabel('Reason').fill('x'.repeat(2001));
    await expect(page.getByTestId('reason-counter')).toHaveText('2001 / 2000');
    await expect(page.getByTestId('reason-counter')).toHaveClass(/char-counter--over/);
    await page.getByRole('button', { name: 'Open dispute' }).click();
    await expect(page.getByText(/at most 2000 characters/)).toBeVisible();
    expect(posted).toBe(0);
  });

  test('the reason draft survives a failed submit and a reload, and is cleared once sent', async ({ signedIn: page, sandbox }) => {
    const order = await undisputedOrder(sandbox, 'success', 5);
    await page.goto(`/orders/${order.id}`);
    const text = 'Charged twice: receipts 1187 and 1188.\nSecond line kept.';
    await page.getByLabel('Reason').fill(text);
    await page.reload();
    await expect(page.getByLabel('Reason')).toHaveValue(text);

    await sandbox.fault({ method: 'POST', path: `/orders/${order.id}/disputes`, fault: 'status:500', times: 1 });
    await page.getByRole('button', { name: 'Open dispute' }).click();
    await expect(page.getByRole('alert')).toContainText('The dispute was not filed');
    await expect(page.getByLabel('Reason')).toHaveValue(text);
    await page.reload();
    await expect(page.getByLabel('Reason')).toHaveValue(text);

    await page.getByRole('button', { name: 'Open dispute' }).click();
    await expect(page.getByTestId('dispute-outcome')).toContainText('Dispute filed');
    const stored = await page.evaluate((id) => sessionStorage.getItem(`lumo.disputeDraft.${id}`), order.id);
    expect(stored).toBeNull();
  });

  test('a reason with markup is shown as text, never as HTML', async ({ signedIn: page, sandbox }) => {
    const markup = '<img src=x onerror=alert(1)> <b>bold</b> <script>alert(2)</script>';
    let dialogs = 0;
    page.on('dialog', async (dialog) => { dialogs += 1; await dialog.dismiss(); });
    const order = await undisputedOrder(sandbox, 'success', 7);
    await page.goto(`/orders/${order.id}`);
    await page.getByLabel('Reason').fill(markup);
    await page.getByRole('button', { name: 'Open dispute' }).click();
    await expect(page.getByTestId('dispute-outcome')).toContainText('Dispute filed');
    await page.goto('/disputes');
    const card = page.getByTestId('dispute-card').first();
    await expect(card).toHaveAttribute('data-order-id', order.id);
    await expect(card.getByTestId('dispute-reason')).toHaveText(markup);
    await expect(card.getByText('<img src=x onerror=alert(1)>', { exact: false })).toBeVisible();
    await expect(card.locator('img')).toHaveCount(0);
    await expect(card.locator('b')).toHaveCount(0);
    await expect(card.locator('script')).toHaveCount(0);
    expect(dialogs).toBe(0);
  });
});

test.describe('disputes page', () => {
  test('history newest first as the API returns it, with counts that filter by status', async ({ signedIn: page, sandbox }) => {
    const { body: all } = await sandbox.apiGet('/disputes');
    await page.goto('/disputes');
    await expect.poll(() => cardIds(page)).toEqual(all.map((d: any) => d.id));
    await expect(page.getByTestId('disputes-summary')).toHaveText(`${all.length} disputes, newest first`);

    const count = (s: string) => all.filter((d: any) => d.status === s).length;
    const strip = page.getByRole('group', { name: /disputes by status/i });
    for (const [label, status] of [['Submitted', 'submitted'], ['In review', 'in_review'], ['Resolved', 'resolved'], ['Rejected', 'rejected']]) {
      const chip = strip.getByRole('button', { name: new RegExp(label) });
      await expect(chip).toHaveText(`${count(status)}${label}`);
      await expect(chip).toHaveAttribute('aria-pressed', 'false');
    }

    await strip.getByRole('button', { name: /Resolved/ }).click();
    await expect(page).toHaveURL(/\/disputes\?status=resolved$/);
    await expect(strip.getByRole('button', { name: /Resolved/ })).toHaveAttribute('aria-pressed', 'true');
    const resolved = all.filter((d: any) => d.status === 'resolved').map((d: any) => d.id);
    await expect.poll(() => cardIds(page)).toEqual(resolved);

    await page.getByLabel('Resolution').selectOption('partial_refund');
    await expect(page).toHaveURL(/status=resolved&resolution=partial_refund$/);
    const partial = all.filter((d: any) => d.status === 'resolved' && d.resolution === 'partial_refund');
    await expect.poll(() => cardIds(page)).toEqual(partial.map((d: any) => d.id));
    const firstCard = page.getByTestId('dispute-card').first();
    await expect(firstCard.getByTestId('dispute-resolution')).toContainText('Partial refund');
    await expect(firstCard.getByTestId('dispute-resolution')).toContainText('USDT refunded');

    // The view is in the URL: reload and back keep it.
    await page.reload();
    await expect.poll(() => cardIds(page)).toEqual(partial.map((d: any) => d.id));
    await expect(page.getByLabel('Resolution')).toHaveValue('partial_refund');
    await page.goBack();
    await expect(page).toHaveURL(/\/disputes\?status=resolved$/);
    await expect.poll(() => cardIds(page)).toEqual(resolved);

    // Pressing the active status again shows all.
    await strip.getByRole('button', { name: /Resolved/ }).click();
    await expect(page).toHaveURL(/\/disputes$/);
    await expect.poll(() => cardIds(page)).toEqual(all.map((d: any) => d.id));

    // Search by (part of) an order id.
    const target = all[5];
    await page.getByLabel('Order id').fill(target.orderId.slice(0, 13));
    await expect(page).toHaveURL(new RegExp(`order=${target.orderId.slice(0, 13)}`));
    await expect.poll(() => cardIds(page)).toEqual(
      all.filter((d: any) => d.orderId.includes(target.orderId.slice(0, 13))).map((d: any) => d.id),
    );
    await page.getByLabel('Order id').fill('zzzz-no-such');
    await expect(page.getByTestId('disputes-empty')).toContainText('No disputes match these filters');
  });

  test('each card has a timeline, the resolution, who resolved it and the admin comment', async ({ signedIn: page, sandbox }) => {
    const { body: all } = await sandbox.apiGet('/disputes');
    await page.goto('/disputes');
    const resolved = all.find((d: any) => d.status === 'resolved' && d.adminComment);
    const card = page.locator(`[data-dispute-id="${resolved.id}"]`);
    const timeline = card.getByRole('list', { name: 'Dispute progress' });
    await expect(timeline.getByRole('listitem')).toHaveCount(3);
    await expect(timeline.getByText('Submitted')).toBeVisible();
    await expect(timeline.getByText('In review')).toBeVisible();
    await expect(timeline.getByText(/^Resolved: /)).toBeVisible();
    await expect(card.getByTestId('dispute-comment')).toHaveText(resolved.adminComment);
    await expect(card.getByText(resolved.resolvedBy === 'wallet-sync' ? /wallet sync/i : resolved.resolvedBy)).toBeVisible();
    await expect(card.getByRole('link', { name: /^Order / })).toHaveAttribute('href', `/orders/${resolved.orderId}`);

    const open = all.find((d: any) => d.status === 'in_review');
    await expect(page.locator(`[data-dispute-id="${open.id}"]`).getByTestId('dispute-age')).toHaveText(/^open \d+ (hour|hours)$/);
    const rejected = all.find((d: any) => d.status === 'rejected');
    const rejectedItems = page.locator(`[data-dispute-id="${rejected.id}"]`).getByRole('listitem');
    await expect(rejectedItems.last()).toHaveAttribute('data-state', 'ended');
  });

  test('a resolution made in the back office appears after Refresh, with the partial refund amount', async ({ signedIn: page, sandbox }) => {
    const order = await undisputedOrder(sandbox, 'success', 9);
    const dispute = await fileViaApi(sandbox, order.id, 'Only half of the goods arrived.');
    await page.goto('/disputes');
    const card = page.locator(`[data-dispute-id="${dispute.id}"]`);
    await expect(card).toHaveAttribute('data-status', 'submitted');
    await expect(page.getByTestId('disputes-updated')).toHaveText(/^Updated \d\d:\d\d:\d\d$/);

    await sandbox.control('POST', `disputes/${dispute.id}/resolve`, {
      resolution: 'partial_refund',
      refundAmount: 1.25,
      adminComment: 'Half of the order was refunded.',
    });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(card).toHaveAttribute('data-status', 'resolved');
    await expect(card.getByTestId('dispute-resolution')).toContainText('Partial refund');
    await expect(card.getByTestId('dispute-resolution')).toContainText('1.25 USDT refunded');
    await expect(card.getByTestId('dispute-comment')).toHaveText('Half of the order was refunded.');
    await expect(card.getByText('support@lumo')).toBeVisible();
    await expect(card.getByTestId('dispute-age')).toHaveCount(0);
  });

  test('refreshes itself while disputes are open, and pauses while the tab is hidden', async ({ signedIn: page, sandbox }) => {
    await page.clock.install();
    const order = await undisputedOrder(sandbox, 'failed', 4);
    const dispute = await fileViaApi(sandbox, order.id, 'Auto-refresh check.');
    await page.goto('/disputes');
    const card = page.locator(`[data-dispute-id="${dispute.id}"]`);
    await expect(card).toHaveAttribute('data-status', 'submitted');
    await expect(page.getByText(/Refreshes every 20 s while disputes are open/)).toBeVisible();
    let listCalls = 0;
    page.on('request', (r) => { if (r.method() === 'GET' && new URL(r.url()).pathname === '/disputes') listCalls += 1; });

    // Hidden tab: nothing is fetched however long it waits.
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect(page.getByText(/paused while this tab is hidden/)).toBeVisible();
    await page.clock.fastForward(45_000);
    await page.waitForTimeout(300);
    expect(listCalls).toBe(0);

    await sandbox.control('POST', `disputes/${dispute.id}/reject`, { adminComment: 'Not a duplicate.' });
    // Visible again: the stale list refreshes at once.
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect(card).toHaveAttribute('data-status', 'rejected');
    expect(listCalls).toBeGreaterThan(0);

    // And on its own every ~20 s while something is open.
    const other = await undisputedOrder(sandbox, 'failed', 6);
    const second = await fileViaApi(sandbox, other.id, 'Second one.');
    await page.clock.fastForward(21_000);
    await expect(page.locator(`[data-dispute-id="${second.id}"]`)).toBeVisible();
    await sandbox.control('POST', `disputes/${second.id}/resolve`, { resolution: 'refund' });
    await page.clock.fastForward(21_000);
    await expect(page.locator(`[data-dispute-id="${second.id}"]`)).toHaveAttribute('data-status', 'resolved');
  });
});
