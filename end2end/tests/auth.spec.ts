import { test, expect, DEMO, signInWithKey } from '../fixtures';
import type { Page } from '@playwright/test';

async function storedSessions(page: Page) {
  return page.evaluate(() => ({
    local: window.localStorage.getItem('lumo.session'),
    session: window.sessionStorage.getItem('lumo.session'),
  }));
}

async function signInWithPassword(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByRole('tab', { name: /e-mail and password/i }).click();
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel(/I understand/i).check();
  await page.getByRole('button', { name: /sign in and issue a new key/i }).click();
}

test.describe('sign-in', () => {
  test('by API key lands on orders with the company and environment shown', async ({ page, sandbox, consoleErrors: _ }) => {
    await signInWithKey(page, DEMO.apiKey);
    const banner = page.getByRole('banner');
    await expect(banner).toContainText('Demo Company');
    await expect(banner).toContainText('Sandbox');
    // Nothing rotated: the demo key still works.
    expect((await sandbox.apiGet('/auth/company/profile', DEMO.apiKey)).status).toBe(200);
  });

  test('a malformed or unknown key is refused with its own message', async ({ page, consoleErrors: _ }) => {
    await page.goto('/login');
    await page.getByLabel('Company API key').fill('not-a-key');
    await page.getByRole('button', { name: /sign in with api key/i }).click();
    await expect(page.getByText(/lb2b_/).first()).toBeVisible();
    await page.getByLabel('Company API key').fill('lb2b_ffffffffffffffffffffffffffffffff');
    await page.getByRole('button', { name: /sign in with api key/i }).click();
    await expect(page.getByRole('alert').filter({ hasText: /key/i }).first()).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test('by password rotates the key: the old key is rejected afterwards', async ({ page, sandbox, consoleErrors: _ }) => {
    expect((await sandbox.apiGet('/auth/company/profile', DEMO.apiKey)).status).toBe(200);
    await signInWithPassword(page, DEMO.email, DEMO.password);
    // The new key is shown once, so the company's backend can be updated with it.
    const newKey = ((await page.getByTestId('new-api-key').textContent()) ?? '').trim();
    expect(newKey).toMatch(/^lb2b_[0-9a-f]{32}$/);
    await page.getByRole('button', { name: /continue to the portal/i }).click();
    await expect(page).toHaveURL(/\/orders/);
    expect((await sandbox.apiGet('/auth/company/profile', DEMO.apiKey)).status).toBe(401);
    expect((await sandbox.apiGet('/auth/company/profile', newKey)).status).toBe(200);
    // The portal carries on with the new key.
    await page.getByRole('link', { name: 'Profile' }).click();
    await expect(page.getByText('demo@lumo.test').first()).toBeVisible();
  });

  test('a wrong password says so and keeps the typed e-mail', async ({ page, sandbox, consoleErrors: _ }) => {
    await signInWithPassword(page, DEMO.email, 'wrong-password');
    await expect(page.getByText('Wrong e-mail or password.')).toBeVisible();
    await expect(page.getByLabel('E-mail', { exact: true })).toHaveValue(DEMO.email);
    await expect(page).toHaveURL(/\/login/);
    expect((await sandbox.apiGet('/auth/company/profile', DEMO.apiKey)).status).toBe(200);
  });

  test('an inactive company gets its own message', async ({ page, consoleErrors: _ }) => {
    await signInWithPassword(page, 'inactive@lumo.test', DEMO.password);
    await expect(page.getByText(/inactive/i).first()).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test('a server failure during sign-in is reported as such', async ({ page, sandbox, consoleErrors: _ }) => {
    await sandbox.fault({ method: 'POST', path: '/auth/company/login', fault: 'status:502' });
    await signInWithPassword(page, DEMO.email, DEMO.password);
    await expect(page.getByText(/HTTP 502/)).toBeVisible();
    await expect(page.getByLabel('E-mail', { exact: true })).toHaveValue(DEMO.email);
  });

  test('a dropped connection during sign-in is reported as a network failure', async ({ page, sandbox, consoleErrors: _ }) => {
    await sandbox.fault({ method: 'GET', path: '/auth/company/profile', fault: 'drop' });
    await page.goto('/login');
    await page.getByLabel('Company API key').fill(DEMO.apiKey);
    await page.getByRole('button', { name: /sign in with api key/i }).click();
    await expect(page.getByText(/could not reach/i)).toBeVisible({ timeout: 15_000 });
  });
});

test.describe('session', () => {
  test('"keep me signed in" survives a new tab; without it the session stays in the tab', async ({ page, context, consoleErrors: _ }) => {
    await signInWithKey(page, DEMO.apiKey);
    let stored = await storedSessions(page);
    expect(stored.session).toContain('"remember":false');
    expect(stored.local).toBeNull();
    await page.reload();
    await expect(page).toHaveURL(/\/orders/);
    const other = await context.newPage();
    await other.goto('/orders');
    await expect(other).toHaveURL(/\/login/);
    await other.close();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInWithKey(page, DEMO.apiKey, { remember: true });
    stored = await storedSessions(page);
    expect(stored.local).toContain('"remember":true');
    const third = await context.newPage();
    await third.goto('/orders');
    await expect(third).toHaveURL(/\/orders/);
    await third.reload();
    await expect(third).toHaveURL(/\/orders/);
    await third.close();
  });

  test('sign-out clears both storages', async ({ page, consoleErrors: _ }) => {
    await signInWithKey(page, DEMO.apiKey, { remember: true });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    const stored = await storedSessions(page);
    expect(stored).toEqual({ local: null, session: null });
    const everything = await page.evaluate(() => JSON.stringify({ ...window.localStorage }) + JSON.stringify({ ...window.sessionStorage }));
    expect(everything).not.toContain('lb2b_');
  });

  test('a key rotated elsewhere sends the user to sign-in and back to the same page', async ({ page, sandbox, consoleErrors: _ }) => {
    await signInWithKey(page, DEMO.apiKey);
    await page.goto('/profile');
    await expect(page.getByText('demo@lumo.test').first()).toBeVisible();
    await sandbox.control('POST', 'rotate-key');
    await page.reload();
    await expect(page).toHaveURL(/\/login\?.*reason=expired/);
    expect(page.url()).toContain('return=%2Fprofile');
    expect(page.url()).not.toContain('lb2b_');
    await expect(page.getByText(/no longer valid/i)).toBeVisible();
    // Signing in with the password issues a fresh key and returns to /profile.
    await page.getByRole('tab', { name: /e-mail and password/i }).click();
    await page.getByLabel('E-mail', { exact: true }).fill(DEMO.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO.password);
    await page.getByLabel(/I understand/i).check();
    await page.getByRole('button', { name: /sign in and issue a new key/i }).click();
    await page.getByRole('button', { name: /continue to the portal/i }).click();
    await expect(page).toHaveURL(/\/profile$/);
    await expect(page.getByText('demo@lumo.test').first()).toBeVisible();
  });

  test('deep links survive a reload, and unknown routes show not-found inside the shell', async ({ signedIn: page }) => {
    await page.goto('/profile');
    await page.reload();
    await expect(page).toHaveURL(/\/profile$/);
    await expect(page.getByRole('heading', { name: 'Profile', level: 1 })).toBeVisible();
    await page.goto('/no/such/page');
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(page.getByText(/not found/i).first()).toBeVisible();
  });

  test('protected routes without a session go to sign-in with a return path', async ({ page, consoleErrors: _ }) => {
    await page.goto('/disputes?status=submitted');
    await expect(page).toHaveURL(/\/login\?.*return=%2Fdisputes/);
    await page.getByLabel('Company API key').fill(DEMO.apiKey);
    await page.getByRole('button', { name: /sign in with api key/i }).click();
    await expect(page).toHaveURL(/\/disputes\?status=submitted$/);
  });
});

test.describe('registration', () => {
  test('a new company registers, sees its key once and lands signed in', async ({ page, sandbox, consoleErrors: _ }) => {
    await page.goto('/register');
    await page.getByLabel('Company name').fill('Acme Payments LLC');
    await page.getByLabel('Login e-mail').fill('finance@acme.example');
    await page.getByLabel('Password', { exact: true }).fill('correct-horse-battery');
    await page.getByLabel('Repeat the password').fill('correct-horse-battery');
    await page.getByLabel(/^Telegram/).fill('@acme_finance');
    await page.getByRole('button', { name: 'Register' }).click();
    const key = page.getByTestId('new-api-key');
    await expect(key).toHaveText(/^lb2b_[0-9a-f]{32}$/);
    const newKey = (await key.textContent())!.trim();
    expect((await sandbox.apiGet('/auth/company/profile', newKey)).body.name).toBe('Acme Payments LLC');
    await page.getByRole('button', { name: /continue to the portal/i }).click();
    await expect(page).toHaveURL(/\/orders/);
    await expect(page.getByRole('banner')).toContainText('Acme Payments LLC');
  });

  test('a taken e-mail is said plainly and the form keeps its input', async ({ page, consoleErrors: _ }) => {
    await page.goto('/register');
    await page.getByLabel('Company name').fill('Second Demo');
    await page.getByLabel('Login e-mail').fill(DEMO.email);
    await page.getByLabel('Password', { exact: true }).fill('another-password');
    await page.getByLabel('Repeat the password').fill('another-password');
    await page.getByRole('button', { name: 'Register' }).click();
    await expect(page.getByText(/already registered/i).first()).toBeVisible();
    await expect(page.getByLabel('Company name')).toHaveValue('Second Demo');
  });

  test('client-side validation explains each field before anything is sent', async ({ page, consoleErrors: _ }) => {
    let posted = false;
    page.on('request', (request) => {
      if (request.url().includes('/auth/company/register')) posted = true;
    });
    await page.goto('/register');
    await page.getByLabel('Company name').fill('A');
    await page.getByLabel('Login e-mail').fill('not-an-email');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Repeat the password').fill('different');
    await page.getByRole('button', { name: 'Register' }).click();
    await expect(page.getByText('The two passwords do not match.')).toBeVisible();
    expect(posted).toBe(false);
  });

  test('an environment without self-service registration says to ask the Lumo manager', async ({ page, sandbox, consoleErrors: _ }) => {
    await sandbox.fault({ method: 'POST', path: '/auth/company/register', fault: 'status:404' });
    await page.goto('/register');
    await page.getByLabel('Company name').fill('Acme Payments LLC');
    await page.getByLabel('Login e-mail').fill('finance@acme.example');
    await page.getByLabel('Password', { exact: true }).fill('correct-horse-battery');
    await page.getByLabel('Repeat the password').fill('correct-horse-battery');
    await page.getByRole('button', { name: 'Register' }).click();
    await expect(page.getByRole('heading', { name: 'Registration is not available' })).toBeVisible();
    await expect(page.getByText(/Lumo manager/)).toBeVisible();
    await page.getByRole('link', { name: /go to sign in/i }).click();
    await expect(page).toHaveURL(/\/login/);
  });
});
