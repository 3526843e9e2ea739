import { test, expect, DEMO } from '../fixtures';

test.describe('profile', () => {
  test('shows every profile field', async ({ signedIn: page }) => {
    await page.goto('/profile');
    for (const text of ['Demo Company', 'demo@lumo.test', '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f', 'Active']) {
      await expect(page.getByText(text).first()).toBeVisible();
    }
    for (const label of ['Contact e-mail', 'Telegram', 'Webhook URL', 'Deposit forward address']) {
      await expect(page.getByLabel(label)).toBeVisible();
    }
  });

  test('client validation catches a bad TRON checksum without a request', async ({ signedIn: page }) => {
    await page.goto('/profile');
    const address = page.getByLabel('Deposit forward address');
    await address.fill('TJRabPrwbZy45sbavfcjinPJC18kjpRTv9');
    let patched = false;
    page.on('request', (r) => { if (r.method() === 'PATCH') patched = true; });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText(/checksum/i).first()).toBeVisible();
    expect(patched).toBe(false);
  });

  test('a server-side validation error shows next to its field, keeps the input, then a fix saves', async ({ signedIn: page, sandbox }) => {
    await page.goto('/profile');
    // Route only once the profile GET has been answered, so `times: 1` is spent on the PATCH.
    await expect(page.getByLabel('Webhook URL')).toHaveValue('https://demo.example/hooks/lumo');
    // The server rejects what the client let through (e.g. a rule the client does not know yet).
    await page.route('**/auth/company/profile', async (route) => {
      if (route.request().method() !== 'PATCH') return route.fallback();
      await route.fulfill({
        status: 400,
        contentType: 'application/json',
        headers: { 'Access-Control-Allow-Origin': '*' },
        body: JSON.stringify({ statusCode: 400, message: ['webhookUrl must not point to a private network'], error: 'Bad Request' }),
      });
    }, { times: 1 });
    const webhook = page.getByLabel('Webhook URL');
    await webhook.fill('https://hooks.acme.example/lumo');
    await page.getByLabel('Telegram').fill('@acme_support');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('webhookUrl must not point to a private network')).toBeVisible();
    await expect(webhook).toHaveValue('https://hooks.acme.example/lumo');
    await expect(page.getByLabel('Telegram')).toHaveValue('@acme_support');

    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText(/saved/i).first()).toBeVisible();
    const stored = await sandbox.apiGet('/auth/company/profile');
    expect(stored.body.webhookUrl).toBe('https://hooks.acme.example/lumo');
    expect(stored.body.contactTelegram).toBe('@acme_support');
  });

  test('clearing a field sends null and the server clears it', async ({ signedIn: page, sandbox }) => {
    await page.goto('/profile');
    await page.getByLabel('Contact e-mail').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText(/saved/i).first()).toBeVisible();
    expect((await sandbox.apiGet('/auth/company/profile')).body.contactEmail).toBeNull();
  });

  test('regenerating the key warns first, shows the new key once and keeps the user signed in', async ({ signedIn: page, sandbox }) => {
    await page.goto('/profile');
    await page.getByRole('button', { name: 'Regenerate API key' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(/stops working/i);
    await dialog.getByRole('button', { name: 'Regenerate key' }).click();
    const key = page.getByTestId('new-api-key');
    await expect(key).toHaveText(/^lb2b_[0-9a-f]{32}$/);
    const newKey = (await key.textContent())!.trim();
    expect(newKey).not.toBe(DEMO.apiKey);
    expect((await sandbox.apiGet('/auth/company/profile', DEMO.apiKey)).status).toBe(401);
    expect((await sandbox.apiGet('/auth/company/profile', newKey)).status).toBe(200);
    await page.getByRole('link', { name: 'Orders' }).first().click();
    await expect(page).toHaveURL(/\/orders/);
    await page.reload();
    await expect(page).toHaveURL(/\/orders/);
  });
});
