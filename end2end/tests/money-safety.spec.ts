import { test, expect, DEMO, signInWithKey, type Sandbox } from '../fixtures';
import type { Page, Route } from '@playwright/test';

/*
 * Money safety: drafts never cross companies, non-idempotent changes whose answer was lost are
 * read back instead of resent, deposit addresses are checksummed before they become a QR code or
 * a copy button, and externalIds "." / ".." are refused before any request.
 *
 * Lost answers come from the sandbox faults `drop-after` (the request is handled, its effect
 * kept, then the connection is cut with no answer) and `delay-after:MS` (handled, answered MS ms
 * later: past the portal's timeout, shortened to 1.5 s through config.json as in faults.spec).
 *
 * `drop` and `drop-after` are set without `times` and cleared once the page has reacted: when a
 * reused keep-alive connection dies before any answer, Chromium silently sends the same request
 * again on another connection (any method, POST included; the page never sees it). With
 * `times: 1` that resend would get a normal answer and hide the lost one. Where a resend would
 * repeat the change itself (replacing a wallet), the request is sent once from the test runner
 * instead (`sendOnceFromRunner`), with the sandbox fault applied to it.
 */

const TIMEOUT_MS = 1500;

/** config.json with a short request timeout; set before the first page.goto of the test. */
async function shortTimeout(page: Page) {
  await page.route('**/config.json', async (route: Route) => {
    const response = await route.fetch();
    const config = await response.json();
    await route.fulfill({ response, json: { ...config, requestTimeoutMs: TIMEOUT_MS } });
  });
}

/** A completed order of the demo company without a dispute (the seed has plenty). */
async function undisputedOrder(sandbox: Sandbox, skip = 0): Promise<any> {
  const { body } = await sandbox.apiGet(`/orders?status=success&limit=10&offset=${skip}`);
  expect(body.length).toBeGreaterThan(skip);
  return body[0];
}

async function disputesOf(sandbox: Sandbox, orderId: string, key = DEMO.apiKey): Promise<any[]> {
  const { status, body } = await sandbox.apiGet('/disputes', key);
  expect(status).toBe(200);
  return body.filter((d: any) => d.orderId === orderId);
}

async function register(sandbox: Sandbox, name: string) {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Date.now()}@lumo.test`;
  const password = 'b-company-password';
  const response = await fetch(`${sandbox.api}/auth/company/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, email, password }),
  });
  expect(response.status).toBe(201);
  const body = await response.json();
  return { email, password, apiKey: body.apiKey as string, id: body.company.id as string };
}

/** Rotate a company's key behind the portal's back (a sign-in elsewhere). */
async function rotateByPasswordLogin(sandbox: Sandbox, email: string, password: string) {
  const response = await fetch(`${sandbox.api}/auth/company/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
}

/** Sign in on the login page already shown (no reload: in-memory drafts must survive). */
async function signInHereWithKey(page: Page, key: string) {
  await expect(page).toHaveURL(/\/login/);
  await page.getByRole('tab', { name: /api key/i }).click();
  await page.getByLabel('Company API key').fill(key);
  await page.getByRole('button', { name: /sign in with api key/i }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

async function signInHereWithPassword(page: Page, email: string, password: string) {
  await expect(page).toHaveURL(/\/login/);
  await page.getByRole('tab', { name: /e-mail and password/i }).click();
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel(/I understand/i).check();
  await page.getByRole('button', { name: /sign in and issue a new key/i }).click();
  await page.getByRole('button', { name: 'Continue to the portal' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** In-app navigation through the sidebar (no reload). */
async function nav(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
}

/** In-app navigation to a URL that has no link on screen (the router follows popstate). */
async function pushRoute(page: Page, path: string) {
  await page.evaluate((to) => {
    history.pushState({}, '', to);
    dispatchEvent(new PopStateEvent('popstate', { state: {} }));
  }, path);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
}

async function draftKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const keys: string[] = [];
    for (let i = 0; i < sessionStorage.length; i++) {
      const key = sessionStorage.key(i);
      if (key && (key.startsWith('lumo.draft.') || key.startsWith('lumo.disputeDraft.'))) keys.push(key);
    }
    return keys;
  });
}

test.describe('drafts stay with their company', () => {
  test('a 401 keeps them for the same company; another company never sees them; sign-out clears them all', async ({ page, sandbox, consoleErrors: _ }) => {
    const order = await undisputedOrder(sandbox, 2);
    const companyB = await register(sandbox, 'Company B');
    const reasonA = 'A: the merchant never received the payment.';
    const webhookA = 'https://company-a.example/hooks/unsaved';

    // Company A (demo) types a dispute reason and a profile field, saves neither.
    await signInWithKey(page, DEMO.apiKey);
    await page.goto(`/orders/${order.id}`);
    await page.getByLabel('Reason').fill(reasonA);
    await nav(page, 'Profile');
    const webhook = page.getByLabel('Webhook URL');
    await expect(webhook).toHaveValue('https://demo.example/hooks/lumo');
    await webhook.fill(webhookA);

    // A's key is rotated elsewhere: the next request answers 401 and the portal asks to sign in.
    await sandbox.control('POST', 'rotate-key');
    await nav(page, 'Wallet');
    await expect(page).toHaveURL(/\/login\?reason=expired/);

    // Company B signs in in the same tab: none of A's text.
    await signInHereWithKey(page, companyB.apiKey);
    await expect(page.getByTestId('company-name')).toHaveText('Company B');
    await nav(page, 'Profile');
    await expect(page.getByLabel('Contact e-mail')).toBeVisible();
    await expect(page.getByLabel('Webhook URL')).toHaveValue('');
    await expect(page.getByText('Your unsaved changes were kept.')).toHaveCount(0);
    // B's dispute form for an order with the very same id (B's API answers it here): empty.
    await page.route(`${sandbox.api}/orders/${order.id}`, (route) => route.request().method() === 'GET'
      ? route.fulfill({ status: 200, contentType: 'application/json', headers: { 'Access-Control-Allow-Origin': '*' }, json: order })
      : route.fallback());
    await pushRoute(page, `/orders/${order.id}`);
    await expect(page.getByRole('button', { name: 'Open dispute' })).toBeVisible();
    await expect(page.getByLabel('Reason')).toHaveValue('');
    await expect(page.getByTestId('reason-counter')).toHaveText('0 / 2000');
    await page.unroute(`${sandbox.api}/orders/${order.id}`);

    // B's key expires too; A signs in again (e-mail and password): A's drafts are back.
    await rotateByPasswordLogin(sandbox, companyB.email, companyB.password);
    await nav(page, 'User wallets');
    await expect(page).toHaveURL(/\/login\?reason=expired/);
    await signInHereWithPassword(page, DEMO.email, DEMO.password);
    await expect(page.getByTestId('company-name')).toHaveText('Demo Company');
    await nav(page, 'Profile');
    await expect(page.getByLabel('Webhook URL')).toHaveValue(webhookA);
    await expect(page.getByText('Your unsaved changes were kept.')).toBeVisible();
    await pushRoute(page, `/orders/${order.id}`);
    await expect(page.getByLabel('Reason')).toHaveValue(reasonA);

    // An explicit sign-out forgets every draft of every company, memory and storage.
    expect((await draftKeys(page)).length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    expect(await draftKeys(page)).toEqual([]);
    await signInHereWithPassword(page, DEMO.email, DEMO.password);
    await nav(page, 'Profile');
    await expect(page.getByLabel('Webhook URL')).toHaveValue('https://demo.example/hooks/lumo');
    await expect(page.getByText('Your unsaved changes were kept.')).toHaveCount(0);
    await pushRoute(page, `/orders/${order.id}`);
    await expect(page.getByRole('button', { name: 'Open dispute' })).toBeVisible();
    await expect(page.getByLabel('Reason')).toHaveValue('');
  });
});

test.describe('a lost answer to "Open dispute"', () => {
  test('dropped after filing: the page checks, shows the dispute as filed, and exactly one exists', async ({ signedIn: page, sandbox }) => {
    const order = await undisputedOrder(sandbox, 0);
    await page.goto(`/orders/${order.id}`);
    await page.getByLabel('Reason').fill('Filed, but the answer was lost.');
    await sandbox.fault({ method: 'POST', path: `/orders/${order.id}/disputes`, fault: 'drop-after' });
    // A slow check, so its message can be seen.
    await sandbox.fault({ method: 'GET', path: '/disputes', fault: 'latency:800', times: 1 });
    let posts = 0;
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/disputes')) posts += 1; });
    await page.getByRole('button', { name: 'Open dispute' }).click();
    await expect(page.getByTestId('dispute-checking')).toHaveText('Checking whether the dispute was filed…');
    await expect(page.getByTestId('dispute-outcome')).toContainText('Dispute filed');
    await sandbox.clearFaults();
    expect(posts).toBe(1);
    const disputes = await disputesOf(sandbox, order.id);
    expect(disputes).toHaveLength(1);
    await expect(page.getByTestId('dispute-card')).toHaveAttribute('data-dispute-id', disputes[0].id);
    await expect(page.getByTestId('dispute-card').getByTestId('dispute-reason')).toHaveText('Filed, but the answer was lost.');
    await expect(page.getByRole('button', { name: 'Open dispute' })).toHaveCount(0);
    await expect(page.getByRole('alert')).toHaveCount(0);
    // The draft went with the filed dispute.
    expect(await draftKeys(page)).toEqual([]);
    expect(await disputesOf(sandbox, order.id)).toHaveLength(1);
  });

  test('answered after the portal stopped waiting: filed once, shown as filed', async ({ page, sandbox, consoleErrors: _ }) => {
    const order = await undisputedOrder(sandbox, 1);
    await shortTimeout(page);
    await signInWithKey(page, DEMO.apiKey);
    await page.goto(`/orders/${order.id}`);
    await page.getByLabel('Reason').fill('Answered too late.');
    await sandbox.fault({ method: 'POST', path: `/orders/${order.id}/disputes`, fault: 'delay-after:4000', times: 1 });
    await page.getByRole('button', { name: 'Open dispute' }).click();
    await expect(page.getByTestId('dispute-outcome')).toContainText('Dispute filed');
    const disputes = await disputesOf(sandbox, order.id);
    expect(disputes).toHaveLength(1);
    await expect(page.getByTestId('dispute-card')).toHaveAttribute('data-dispute-id', disputes[0].id);
    // The late answer arrives at the server's end: still one.
    await page.waitForTimeout(3000);
    expect(await disputesOf(sandbox, order.id)).toHaveLength(1);
  });

  test('dropped before filing: says plainly it was not filed, and sending again files one', async ({ signedIn: page, sandbox }) => {
    const order = await undisputedOrder(sandbox, 3);
    await page.goto(`/orders/${order.id}`);
    await page.getByLabel('Reason').fill('Never reached the server.');
    await sandbox.fault({ method: 'POST', path: `/orders/${order.id}/disputes`, fault: 'drop' });
    await page.getByRole('button', { name: 'Open dispute' }).click();
    await expect(page.getByRole('alert')).toContainText('The dispute was not filed');
    await sandbox.clearFaults();
    await expect(page.getByLabel('Reason')).toHaveValue('Never reached the server.');
    expect(await disputesOf(sandbox, order.id)).toHaveLength(0);
    await page.getByRole('button', { name: 'Open dispute' }).click();
    await expect(page.getByTestId('dispute-outcome')).toContainText('Dispute filed');
    expect(await disputesOf(sandbox, order.id)).toHaveLength(1);
  });

  test('when the check fails too, the button checks again and never resends', async ({ signedIn: page, sandbox }) => {
    const order = await undisputedOrder(sandbox, 4);
    await page.goto(`/orders/${order.id}`);
    await page.getByLabel('Reason').fill('Check fails first.');
    await sandbox.fault({ method: 'POST', path: `/orders/${order.id}/disputes`, fault: 'drop-after' });
    // Unlimited: the client retries GETs twice by itself.
    await sandbox.fault({ method: 'GET', path: '/disputes', fault: 'status:503' });
    let posts = 0;
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/disputes')) posts += 1; });
    await page.getByRole('button', { name: 'Open dispute' }).click();
    await expect(page.getByRole('alert')).toContainText('checking whether the dispute was filed failed too');
    const again = page.getByRole('button', { name: 'Check again' });
    await expect(again).toBeVisible();
    await sandbox.clearFaults();
    await again.click();
    await expect(page.getByTestId('dispute-outcome')).toContainText('Dispute filed');
    expect(posts).toBe(1);
    expect(await disputesOf(sandbox, order.id)).toHaveLength(1);
  });
});

/**
 * Send the page's next POST to `url` from the test runner instead of the browser, then fail it in
 * the page as a reset connection. The sandbox's fault decides what the server does with it; the
 * browser's network stack never sees the request, so its resend-on-dead-connection (see the top
 * of this file) cannot repeat it. Returns how many such POSTs were sent.
 */
async function sendOnceFromRunner(page: Page, url: string): Promise<() => number> {
  let sent = 0;
  await page.route(url, async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    sent += 1;
    try {
      await route.fetch();
    } catch {
      // The sandbox cut the connection (drop, drop-after): that is the point.
    }
    await route.abort('connectionreset');
  }, { times: 1 });
  return () => sent;
}

/** A fresh user wallet of the demo company, with exactly one address. */
async function freshUserWallet(sandbox: Sandbox, externalId: string) {
  const response = await fetch(`${sandbox.api}/user-wallets`, {
    method: 'POST',
    headers: { 'X-API-Key': DEMO.apiKey, 'Content-Type': 'application/json' },
    body: JSON.stringify({ externalId }),
  });
  expect(response.status).toBe(201);
  return response.json();
}

async function walletsOf(sandbox: Sandbox, externalId: string): Promise<any[]> {
  const { body } = await sandbox.apiGet(`/user-wallets?externalId=${encodeURIComponent(externalId)}&limit=100`);
  return body;
}

async function replaceFromPage(page: Page) {
  await page.getByRole('button', { name: 'Replace wallet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Replace this wallet?' });
  await dialog.getByRole('button', { name: 'Replace wallet' }).click();
  await expect(dialog).toBeHidden();
}

test.describe('a lost answer to "Replace wallet"', () => {
  test('dropped after replacing: the wallet is read back and the new one shown; replaced once', async ({ signedIn: page, sandbox }) => {
    const id = `lost-replace-${Date.now()}`;
    const before = await freshUserWallet(sandbox, id);
    await page.goto(`/user-wallets/${id}`);
    await expect(page.getByTestId('deposit-address')).toHaveText(before.address);
    await sandbox.fault({ method: 'POST', path: `/user-wallets/${id}/replace`, fault: 'drop-after', times: 1 });
    await sandbox.fault({ method: 'GET', path: '/user-wallets', fault: 'latency:800', times: 1 });
    const sent = await sendOnceFromRunner(page, `${sandbox.api}/user-wallets/${id}/replace`);
    await replaceFromPage(page);
    await expect(page.getByTestId('replace-checking')).toContainText('Checking whether the wallet was replaced…');
    await expect(page.getByTestId('replace-result')).toContainText('Wallet replaced.');
    expect(sent()).toBe(1);
    const after = await walletsOf(sandbox, id);
    expect(after).toHaveLength(2);
    const fresh = after.find((w: any) => !w.isBlocked);
    expect(fresh.address).not.toBe(before.address);
    expect(after.find((w: any) => w.address === before.address).isBlocked).toBe(true);
    await expect(page.getByTestId('new-address')).toHaveText(fresh.address);
    await expect(page.getByTestId('deposit-address')).toHaveText(fresh.address);
    await expect(page.getByRole('button', { name: 'Replace wallet…' })).toBeEnabled();
    expect(await walletsOf(sandbox, id)).toHaveLength(2);
  });

  test('dropped after replacing, with the browser resending on its own: the page shows the wallet current on the server', async ({ signedIn: page, sandbox }) => {
    // Documents a hazard outside the portal's reach: Chromium resends the POST on each idle
    // keep-alive connection that dies before answering, so the server replaces the wallet more
    // than once. The page sends it once, and shows what the server has in the end.
    const id = `resent-replace-${Date.now()}`;
    const before = await freshUserWallet(sandbox, id);
    await page.goto(`/user-wallets/${id}`);
    await expect(page.getByTestId('deposit-address')).toHaveText(before.address);
    await sandbox.fault({ method: 'POST', path: `/user-wallets/${id}/replace`, fault: 'drop-after' });
    let posts = 0;
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/replace')) posts += 1; });
    await replaceFromPage(page);
    await expect(page.getByTestId('replace-result')).toContainText('Wallet replaced.');
    await sandbox.clearFaults();
    expect(posts).toBe(1);
    const after = await walletsOf(sandbox, id);
    expect(after.length).toBeGreaterThanOrEqual(2);
    const current = after.filter((w: any) => !w.isBlocked);
    expect(current).toHaveLength(1);
    await expect(page.getByTestId('new-address')).toHaveText(current[0].address);
    await expect(page.getByTestId('deposit-address')).toHaveText(current[0].address);
  });

  test('answered too late: read back, shown once', async ({ page, sandbox, consoleErrors: _ }) => {
    const id = `late-replace-${Date.now()}`;
    const before = await freshUserWallet(sandbox, id);
    await shortTimeout(page);
    await signInWithKey(page, DEMO.apiKey);
    await page.goto(`/user-wallets/${id}`);
    await expect(page.getByTestId('deposit-address')).toHaveText(before.address);
    await sandbox.fault({ method: 'POST', path: `/user-wallets/${id}/replace`, fault: 'delay-after:4000', times: 1 });
    await replaceFromPage(page);
    await expect(page.getByTestId('replace-result')).toContainText('Wallet replaced.');
    const after = await walletsOf(sandbox, id);
    expect(after).toHaveLength(2);
    await expect(page.getByTestId('new-address')).toHaveText(after.find((w: any) => !w.isBlocked).address);
  });

  test('dropped before replacing: says it was not replaced; trying again replaces once', async ({ signedIn: page, sandbox }) => {
    const id = `unsent-replace-${Date.now()}`;
    const before = await freshUserWallet(sandbox, id);
    await page.goto(`/user-wallets/${id}`);
    await expect(page.getByTestId('deposit-address')).toHaveText(before.address);
    await sandbox.fault({ method: 'POST', path: `/user-wallets/${id}/replace`, fault: 'drop' });
    await replaceFromPage(page);
    await expect(page.getByTestId('replace-note')).toContainText('The wallet was not replaced');
    await sandbox.clearFaults();
    expect(await walletsOf(sandbox, id)).toHaveLength(1);
    await expect(page.getByTestId('deposit-address')).toHaveText(before.address);
    await replaceFromPage(page);
    await expect(page.getByTestId('replace-result')).toContainText('Wallet replaced.');
    expect(await walletsOf(sandbox, id)).toHaveLength(2);
  });
});

async function regenerateFromPage(page: Page) {
  await page.getByRole('button', { name: 'Regenerate API key' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Regenerate key' }).click();
}

test.describe('a lost answer to "Regenerate API key"', () => {
  test('dropped after rotating: says the new key never arrived and points to e-mail + password sign-in', async ({ signedIn: page, sandbox }) => {
    await page.goto('/profile');
    await expect(page.getByLabel('Webhook URL')).toHaveValue('https://demo.example/hooks/lumo');
    await sandbox.fault({ method: 'POST', path: '/auth/company/regenerate-key', fault: 'drop-after' });
    await regenerateFromPage(page);
    const lost = page.getByTestId('key-lost');
    await expect(lost).toContainText('The API key was regenerated, but the new key never arrived');
    await sandbox.clearFaults();
    await expect(lost).toContainText('can no longer call the API');
    await expect(lost).toContainText('e-mail and password');
    // The old key is dead, and no generic "session expired" sign-in was shown instead.
    expect((await sandbox.apiGet('/auth/company/profile', DEMO.apiKey)).status).toBe(401);
    await expect(page).toHaveURL(/\/profile$/);
    await page.waitForTimeout(500);
    await expect(page).toHaveURL(/\/profile$/);
    await lost.getByRole('link', { name: 'Sign in with e-mail and password' }).click();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByText(/no longer valid/)).toHaveCount(0);
    await signInHereWithPassword(page, DEMO.email, DEMO.password);
    await expect(page).toHaveURL(/\/profile$/);
    await expect(page.getByLabel('Webhook URL')).toHaveValue('https://demo.example/hooks/lumo');
  });

  test('answered after the portal stopped waiting: the same guidance, no retry', async ({ page, sandbox, consoleErrors: _ }) => {
    await shortTimeout(page);
    await signInWithKey(page, DEMO.apiKey);
    await page.goto('/profile');
    await expect(page.getByLabel('Webhook URL')).toHaveValue('https://demo.example/hooks/lumo');
    await sandbox.fault({ method: 'POST', path: '/auth/company/regenerate-key', fault: 'delay-after:4000', times: 1 });
    let posts = 0;
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/regenerate-key')) posts += 1; });
    await regenerateFromPage(page);
    await expect(page.getByTestId('key-lost')).toContainText('the new key never arrived');
    await expect(page.getByRole('link', { name: 'Sign in with e-mail and password' })).toBeVisible();
    await page.waitForTimeout(3000);
    expect(posts).toBe(1);
  });

  test('dropped before rotating: the old key still works, said so, and trying again works', async ({ signedIn: page, sandbox }) => {
    await page.goto('/profile');
    await expect(page.getByLabel('Webhook URL')).toHaveValue('https://demo.example/hooks/lumo');
    await sandbox.fault({ method: 'POST', path: '/auth/company/regenerate-key', fault: 'drop' });
    await regenerateFromPage(page);
    await expect(page.getByTestId('key-note')).toContainText('The key was not regenerated');
    await sandbox.clearFaults();
    await expect(page.getByTestId('key-note')).toContainText('safe to try again');
    expect((await sandbox.apiGet('/auth/company/profile', DEMO.apiKey)).status).toBe(200);
    await regenerateFromPage(page);
    const key = page.getByTestId('new-api-key');
    await expect(key).toHaveText(/^lb2b_[0-9a-f]{32}$/);
    expect((await sandbox.apiGet('/auth/company/profile', (await key.textContent())!.trim())).status).toBe(200);
  });
});

/** The address with one character changed (still base58, still 34 characters). */
function corrupt(address: string): string {
  const i = 17;
  const replacement = address[i] === 'A' ? 'B' : 'A';
  return address.slice(0, i) + replacement + address.slice(i + 1);
}

test.describe('deposit addresses are checksummed before QR and copy', () => {
  test('company wallet: a corrupted address shows the warning, no QR, no copy; the real one shows both', async ({ signedIn: page, sandbox }) => {
    const { body: wallet } = await sandbox.apiGet('/wallets/balance');
    const bad = corrupt(wallet.address);
    await page.route(`${sandbox.api}/wallets/balance`, async (route) => {
      if (route.request().method() !== 'GET') return route.fallback();
      const response = await route.fetch();
      const json = await response.json();
      await route.fulfill({ response, json: { ...json, address: bad } });
    });
    await page.goto('/wallet');
    await expect(page.getByTestId('address-checksum-warning')).toHaveText(
      "This address failed its checksum test: don't send funds to it; contact Lumo support.",
    );
    await expect(page.getByTestId('rejected-address')).toHaveText(bad);
    await expect(page.getByTestId('qr-code')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Copy deposit address' })).toHaveCount(0);
    await expect(page.getByTestId('deposit-address')).toHaveCount(0);

    await page.unroute(`${sandbox.api}/wallets/balance`);
    await page.reload();
    await expect(page.getByTestId('deposit-address')).toHaveText(wallet.address);
    await expect(page.getByTestId('qr-code')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Copy deposit address' })).toBeVisible();
    await expect(page.getByTestId('address-checksum-warning')).toHaveCount(0);
  });

  test('user wallet: a corrupted address shows the warning, no QR, no copy', async ({ signedIn: page, sandbox }) => {
    const [wallet] = await walletsOf(sandbox, 'user-1001');
    const bad = corrupt(wallet.address);
    const walletsList = (url: URL) => url.origin === sandbox.api && url.pathname === '/user-wallets';
    await page.route(walletsList, async (route) => {
      const response = await route.fetch();
      const json = await response.json();
      await route.fulfill({ response, json: json.map((w: any) => (w.address === wallet.address ? { ...w, address: bad } : w)) });
    });
    await page.goto('/user-wallets/user-1001');
    await expect(page.getByTestId('address-checksum-warning')).toBeVisible();
    await expect(page.getByTestId('rejected-address')).toHaveText(bad);
    await expect(page.getByTestId('qr-code')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Copy deposit address' })).toHaveCount(0);

    // The list marks it too, without a copy button for it.
    await page.goto('/user-wallets?externalId=user-1001');
    const row = page.getByTestId('user-wallet-row').first();
    await expect(row.getByTestId('address-checksum-badge')).toBeVisible();
    await expect(row.getByRole('button', { name: 'Copy address' })).toHaveCount(0);

    await page.unroute(walletsList);
    await page.goto('/user-wallets/user-1001');
    await expect(page.getByTestId('deposit-address')).toHaveText(wallet.address);
    await expect(page.getByTestId('qr-code')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Copy deposit address' })).toBeVisible();
  });
});

test.describe('externalId "." and ".."', () => {
  test('the create and lookup forms refuse them before any request', async ({ signedIn: page, sandbox }) => {
    await page.goto('/user-wallets');
    await expect(page.getByTestId('user-wallet-row').first()).toBeVisible();
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(`${sandbox.api}/user-wallets`)) requests.push(`${r.method()} ${r.url()}`);
    });

    for (const id of ['..', '.']) {
      await page.getByLabel('User id (externalId)', { exact: true }).fill(id);
      await page.getByRole('button', { name: 'Create or get wallet' }).click();
      await expect(page.locator('#create-external-id-error')).toContainText('cannot be');
      await expect(page.getByTestId('create-result')).toHaveCount(0);

      await page.getByLabel('User id (externalId, exact)').fill(id);
      await page.getByRole('button', { name: 'Search' }).click();
      await expect(page.locator('#user-wallets-search-error')).toContainText('cannot be');
      await expect(page).toHaveURL(/\/user-wallets$/);
    }
    await page.waitForTimeout(300);
    expect(requests).toEqual([]);
  });
});
