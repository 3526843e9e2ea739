import { test, expect } from '../fixtures';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// The API key travels in a header; a redirect would carry it to whatever host the redirect
// names. The portal never follows one and says what happened.
test('a redirecting API is refused with a clear message and the key goes nowhere else', async ({ signedIn: page, sandbox }) => {
  // Where the redirect points: a real listener that counts what reaches it.
  const reached: string[] = [];
  const thief = http.createServer((req, res) => {
    reached.push(`${req.method} ${req.url} key=${req.headers['x-api-key'] ?? ''}`);
    res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*' });
    res.end('[]');
  });
  await new Promise<void>((resolve) => thief.listen(0, '127.0.0.1', resolve));
  const { port } = thief.address() as AddressInfo;
  try {
    await sandbox.fault({ method: 'GET', path: '/orders', fault: `redirect:http://127.0.0.1:${port}/steal` });
    await page.goto('/orders?status=success');
    const alert = page.getByRole('alert').filter({ hasText: 'redirect' });
    await expect(alert).toContainText('answered with a redirect to another address');
    await expect(alert).toContainText('never follows');
    expect(reached).toEqual([]);

    await sandbox.clearFaults();
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('table')).toBeVisible();
    expect(reached).toEqual([]);
  } finally {
    thief.close();
  }
});

test('Retry-After as an HTTP date is honoured: the wait is read against the clock', async ({ signedIn: page, sandbox }) => {
  let asked = 0;
  await page.route((url) => url.origin === sandbox.api && url.pathname === '/orders', async (route) => {
    asked++;
    const until = new Date(Date.now() + 20_000).toUTCString(); // IMF-fixdate, e.g. "Thu, 03 Dec 2026 10:15:00 GMT"
    await route.fulfill({
      status: 429,
      headers: { 'Retry-After': until, 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'Retry-After' },
      contentType: 'application/json',
      body: '{"statusCode":429,"message":"Slow down","error":"Too Many Requests"}',
    });
  });
  await page.goto('/orders?status=failed');
  const alert = page.getByRole('alert').filter({ hasText: 'Too many requests' });
  await expect(alert).toContainText(/try again in (1[5-9]|20) s/);
  await expect(alert.getByRole('button', { name: /Retry in \d+ s/ })).toBeDisabled();
  // Longer than the automatic-retry cap: the portal waits for the user, it does not hammer.
  await page.waitForTimeout(1_000);
  expect(asked).toBe(1);
});

test('ids from the API are percent-encoded in every link', async ({ signedIn: page, sandbox }) => {
  const hostile = 'a/b?c#d %e';
  await page.route((url) => url.origin === sandbox.api && url.pathname === '/orders', async (route) => {
    const response = await route.fetch();
    const orders = await response.json();
    orders[0].id = hostile;
    await route.fulfill({ response, json: orders });
  });
  await page.goto('/orders?status=failed');
  const link = page.locator('tbody tr').first().getByRole('link').first();
  await expect(link).toHaveAttribute('href', '/orders/a%2Fb%3Fc%23d%20%25e');
});
