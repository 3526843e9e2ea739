import { test, expect, DEMO, signInWithKey, type Sandbox } from '../fixtures';
import type { Page, Request } from '@playwright/test';

// One session in every tab (src/session.rs): two pages of ONE browser context share
// localStorage, and a tab opened from another (window.open, like "Duplicate tab") starts with a
// copy of its sessionStorage. A sign-out anywhere signs out everywhere; a key regenerated in one
// tab is taken by the others; a 401 that raced a key change keeps the new key.

type Mode = { name: string; remember: boolean };
const MODES: Mode[] = [
  { name: 'remembered (localStorage)', remember: true },
  { name: 'tab-only (sessionStorage, duplicated tab)', remember: false },
];

/** Page errors and panics of a second tab (the fixture watches only `page`). */
function watchErrors(tab: Page, errors: string[]) {
  tab.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  tab.on('console', (message) => {
    if (message.type() === 'error' && /panicked|RuntimeError|unreachable/.test(message.text())) {
      errors.push(`console: ${message.text()}`);
    }
  });
}

/**
 * A second tab on `path`, signed in like `page`: a remembered session is simply found in
 * localStorage by a new tab; a tab-only one needs a tab opened from this one (window.open copies
 * sessionStorage, as "Duplicate tab" does).
 */
async function secondTab(
  page: Page,
  path: string,
  remember: boolean,
  errors: string[],
  opts: { deaf?: boolean } = {},
): Promise<Page> {
  let tab: Page;
  if (remember) {
    tab = await page.context().newPage();
    watchErrors(tab, errors);
    // A tab that never hears the others (as if it missed every `storage` event).
    if (opts.deaf) {
      await tab.addInitScript(() => {
        const add = EventTarget.prototype.addEventListener;
        EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, ...rest: any[]) {
          if (type === 'storage') return;
          return (add as any).call(this, type, ...rest);
        };
      });
    }
    await tab.goto(path);
  } else {
    const opened = page.context().waitForEvent('page');
    await page.evaluate((url) => { window.open(url, '_blank'); }, path);
    tab = await opened;
    watchErrors(tab, errors);
    await tab.waitForLoadState();
  }
  await expect(tab).toHaveURL(new RegExp(`${path}$`));
  await expect(tab.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return tab;
}

async function stored(tab: Page) {
  return tab.evaluate(() => ({
    local: window.localStorage.getItem('lumo.session'),
    session: window.sessionStorage.getItem('lumo.session'),
    everything: JSON.stringify({ ...window.localStorage }) + JSON.stringify({ ...window.sessionStorage }),
    localEverything: JSON.stringify({ ...window.localStorage }),
  }));
}

/** The key this tab's session holds (its own area first, as the portal restores it). */
async function keyOf(tab: Page): Promise<string | null> {
  const { local, session } = await stored(tab);
  const text = session ?? local;
  return text ? JSON.parse(text).apiKey : null;
}

/** The API requests of `tab`, with the key each carried (the key is a header, never the URL). */
function apiRequests(tab: Page, sandbox: Sandbox) {
  const seen: { path: string; key: string | undefined }[] = [];
  tab.on('request', (request: Request) => {
    if (!request.url().startsWith(sandbox.api) || request.method() === 'OPTIONS') return;
    expect(request.url()).not.toContain('lb2b_');
    seen.push({ path: new URL(request.url()).pathname, key: request.headers()['x-api-key'] });
  });
  return seen;
}

/** Opens the "Regenerate API key" dialog on the profile page of `tab`. */
async function openRegenerate(tab: Page) {
  await tab.getByRole('button', { name: 'Regenerate API key' }).click();
  await expect(tab.getByRole('dialog')).toContainText(/stops working/i);
}

async function confirmRegenerate(tab: Page) {
  await tab.getByRole('dialog').getByRole('button', { name: 'Regenerate key' }).click();
}

async function newKeyShown(tab: Page): Promise<string> {
  const shown = tab.getByTestId('new-api-key');
  await expect(shown).toHaveText(/^lb2b_[0-9a-f]{32}$/, { timeout: 10_000 });
  const key = (await shown.textContent())!.trim();
  expect(key).not.toBe(DEMO.apiKey);
  return key;
}

async function expectWorks(sandbox: Sandbox, key: string) {
  expect((await sandbox.apiGet('/auth/company/profile', key)).status).toBe(200);
  expect((await sandbox.apiGet('/auth/company/profile', DEMO.apiKey)).status).toBe(401);
}

async function expectSignedIn(tab: Page, path: RegExp) {
  await expect(tab).toHaveURL(path);
  await expect(tab.getByRole('button', { name: 'Sign out' })).toBeVisible();
  expect(tab.url()).not.toContain('/login');
}

async function openWallet(tab: Page) {
  await tab.getByRole('link', { name: 'Wallet', exact: true }).click();
  await expect(tab).toHaveURL(/\/wallet$/);
}

test.describe('one session in every tab', () => {
  for (const mode of MODES) {
    test(`sign-out in one tab signs out the other within a second: ${mode.name}`, async ({ page, consoleErrors: errors }) => {
      await signInWithKey(page, DEMO.apiKey, { remember: mode.remember });
      const other = await secondTab(page, '/wallet', mode.remember, errors);

      // Signed out from the second tab; the first follows.
      await other.getByRole('button', { name: 'Sign out' }).click();
      await expect(other).toHaveURL(/\/login$/);
      await expect(page).toHaveURL(/\/login$/, { timeout: 1_000 });

      for (const tab of [page, other]) {
        const left = await stored(tab);
        expect(left.local).toBeNull();
        expect(left.session).toBeNull();
        // The notice that carried the sign-out leaves nothing behind, and no key anywhere.
        expect(left.everything).not.toContain('lb2b_');
        expect(left.everything).not.toContain('lumo.session.event');
      }
      // Both stay signed out on a reload.
      await page.reload();
      await page.goto('/orders');
      await expect(page).toHaveURL(/\/login\?/);
      await other.close();
    });

    test(`a key regenerated in tab A keeps both tabs signed in and tab B calls with it: ${mode.name}`, async ({ page, sandbox, consoleErrors: errors }) => {
      await signInWithKey(page, DEMO.apiKey, { remember: mode.remember });
      const b = await secondTab(page, '/orders', mode.remember, errors);
      const bRequests = apiRequests(b, sandbox);

      await page.goto('/profile');
      await openRegenerate(page);
      await confirmRegenerate(page);
      const newKey = await newKeyShown(page);
      await expectWorks(sandbox, newKey);

      // B took the key by itself, in its own storage area, before doing anything.
      await expect.poll(() => keyOf(b), { timeout: 1_000 }).toBe(newKey);
      expect(await keyOf(page)).toBe(newKey);
      if (!mode.remember) {
        // A tab-only key never stays in localStorage (the notice carried it and was removed).
        expect((await stored(page)).localEverything).not.toContain('lb2b_');
        expect((await stored(b)).localEverything).not.toContain('lb2b_');
      }

      // B's next navigation calls the API with the new key, and works.
      bRequests.length = 0;
      await openWallet(b);
      await expect(b.getByTestId('deposit-address')).toBeVisible();
      await expectSignedIn(b, /\/wallet$/);
      expect(bRequests.length).toBeGreaterThan(0);
      for (const request of bRequests) expect(request.key, request.path).toBe(newKey);

      // And after a reload of either tab, both still hold the new key.
      await b.reload();
      await expectSignedIn(b, /\/wallet$/);
      await expect(b.getByTestId('deposit-address')).toBeVisible();
      await page.getByRole('link', { name: 'Orders' }).first().click();
      await expectSignedIn(page, /\/orders$/);
      expect(await keyOf(b)).toBe(newKey);
      await b.close();
    });
  }

  for (const mode of MODES) {
    test(`a late 401 for tab B's slow request keeps the new key regenerated in tab A: ${mode.name}`, async ({ page, sandbox, consoleErrors: errors }) => {
      await signInWithKey(page, DEMO.apiKey, { remember: mode.remember });
      const b = await secondTab(page, '/orders', mode.remember, errors);
      const bRequests = apiRequests(b, sandbox);
      await page.goto('/profile');
      await openRegenerate(page);

      // B's request leaves with the old key and is answered only after the key has changed.
      await sandbox.fault({ method: 'GET', path: '/wallets/balance', fault: 'latency:3000', times: 1 });
      const slow = b.waitForRequest((r) => r.url().endsWith('/wallets/balance') && r.method() === 'GET');
      await openWallet(b);
      expect((await slow).headers()['x-api-key']).toBe(DEMO.apiKey);

      await confirmRegenerate(page);
      const newKey = await newKeyShown(page);
      await expect.poll(() => keyOf(b), { timeout: 1_000 }).toBe(newKey);

      // The late 401 to the old key signs nobody out: B sends the read again with the new key.
      const balance = await sandbox.apiGet('/wallets/balance', newKey);
      await expect(b.getByTestId('balance-usdt')).toBeVisible({ timeout: 10_000 });
      await expect(b.getByTestId('deposit-address')).toHaveText(balance.body.address);
      await expectSignedIn(b, /\/wallet$/);
      await expectSignedIn(page, /\/profile$/);
      const balanceCalls = bRequests.filter((r) => r.path === '/wallets/balance').map((r) => r.key);
      expect(balanceCalls).toEqual([DEMO.apiKey, newKey]);

      expect(await keyOf(page)).toBe(newKey);
      expect(await keyOf(b)).toBe(newKey);
      await expectWorks(sandbox, newKey);
      await b.close();
    });
  }

  test('a 401 that arrives before tab A has the new key waits for it instead of signing out', async ({ page, sandbox, consoleErrors: errors }) => {
    // The server rotates the key at once but A's answer (the new key) arrives 2.5 s later; B's
    // request meanwhile is refused at once. B must wait for A's key, not sign anyone out.
    await signInWithKey(page, DEMO.apiKey);
    const b = await secondTab(page, '/orders', false, errors);
    const bRequests = apiRequests(b, sandbox);
    await page.goto('/profile');
    await openRegenerate(page);
    await sandbox.fault({ method: 'POST', path: '/auth/company/regenerate-key', fault: 'delay-after:2500', times: 1 });
    const regenerate = page.waitForRequest((r) => r.url().endsWith('/auth/company/regenerate-key'));
    await confirmRegenerate(page);
    await regenerate;
    // The rotation is done on the server (handled in full before the delay).
    await expect.poll(async () => (await sandbox.apiGet('/auth/company/profile', DEMO.apiKey)).status).toBe(401);

    const refused = b.waitForResponse((r) => r.url().endsWith('/wallets/balance') && r.request().method() === 'GET');
    await openWallet(b);
    expect((await refused).status()).toBe(401);
    await expect(page.getByTestId('new-api-key')).toHaveCount(0);

    const newKey = await newKeyShown(page);
    await expect(b.getByTestId('balance-usdt')).toBeVisible({ timeout: 10_000 });
    await expectSignedIn(b, /\/wallet$/);
    await expectSignedIn(page, /\/profile$/);
    expect(bRequests.filter((r) => r.path === '/wallets/balance').map((r) => r.key)).toEqual([DEMO.apiKey, newKey]);
    expect(await keyOf(b)).toBe(newKey);
    await expectWorks(sandbox, newKey);
    await b.close();
  });

  test('a read refused while this tab regenerates the key goes again with the new key', async ({ signedIn: page, sandbox }) => {
    const requests = apiRequests(page, sandbox);
    await page.goto('/profile');
    await expect(page.getByText('demo@lumo.test').first()).toBeVisible();
    await openRegenerate(page);
    await sandbox.fault({ method: 'POST', path: '/auth/company/regenerate-key', fault: 'delay-after:2500', times: 1 });
    const regenerate = page.waitForRequest((r) => r.url().endsWith('/auth/company/regenerate-key'));
    await confirmRegenerate(page);
    await regenerate;
    await expect.poll(async () => (await sandbox.apiGet('/auth/company/profile', DEMO.apiKey)).status).toBe(401);

    // Coming back online reloads the shown data: the profile read leaves with the old key.
    requests.length = 0;
    const refused = page.waitForResponse((r) => r.url().endsWith('/auth/company/profile') && r.request().method() === 'GET');
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    expect((await refused).status()).toBe(401);

    const newKey = await newKeyShown(page);
    await expectSignedIn(page, /\/profile$/);
    await expect(page.getByTestId('key-lost')).toHaveCount(0);
    await expect.poll(() => requests.filter((r) => r.path === '/auth/company/profile').map((r) => r.key)).toEqual([DEMO.apiKey, newKey]);
    expect(await keyOf(page)).toBe(newKey);
    await expectWorks(sandbox, newKey);
  });

  test('a stale tab that missed the new key adopts the stored one on its 401', async ({ page, sandbox, consoleErrors: errors }) => {
    // Remembered session: B is made to miss A's notice and the change of localStorage (it never
    // hears a `storage` event), so B still holds the old key when it next calls the API.
    await signInWithKey(page, DEMO.apiKey, { remember: true });
    const b = await secondTab(page, '/orders', true, errors, { deaf: true });
    await page.goto('/profile');
    await openRegenerate(page);
    await confirmRegenerate(page);
    const newKey = await newKeyShown(page);
    const bRequests = apiRequests(b, sandbox);
    const bRefused = b.waitForResponse((r) => r.url().startsWith(sandbox.api) && r.status() === 401);

    // B's next call (its own, or the rate ticker's) still carries the old key and is refused;
    // B then finds the new key stored, keeps it, and calls with it.
    await openWallet(b);
    expect((await bRefused).request().headers()['x-api-key']).toBe(DEMO.apiKey);
    await expect(b.getByTestId('balance-usdt')).toBeVisible();
    await expectSignedIn(b, /\/wallet$/);
    const balanceCalls = bRequests.filter((r) => r.path === '/wallets/balance').map((r) => r.key);
    expect(balanceCalls.at(-1)).toBe(newKey);
    const firstNew = bRequests.findIndex((r) => r.key === newKey);
    expect(firstNew).toBeGreaterThan(0);
    expect(bRequests.slice(firstNew).every((r) => r.key === newKey)).toBe(true);
    // The new key is still stored: A stays signed in across a reload.
    expect(JSON.parse((await stored(page)).local!).apiKey).toBe(newKey);
    await page.reload();
    await expectSignedIn(page, /\/profile$/);
    await expectWorks(sandbox, newKey);
    await b.close();
  });
});
