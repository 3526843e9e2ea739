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
