// Pages other than sign-in and orders are chunks of their own (src/pages/mod.rs,
// deploy/split-wasm.mjs): fetched when first opened, and a chunk that cannot be fetched is a
// message with Retry, never a dead app.
import { expect, test } from '../fixtures';

const wasmRequests = (page: import('@playwright/test').Page) => {
  const urls: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.wasm')) urls.push(path);
  });
  return urls;
};

test.describe('pages loaded on demand', () => {
  test('the orders page needs only the main wasm; a page opened later brings its own chunk', async ({ signedIn: page }) => {
    const wasm = wasmRequests(page);
    await page.reload();
    await expect(page.locator('tbody tr[data-order-id]').first()).toBeVisible();
    expect(wasm.filter((p) => !p.endsWith('_bg.wasm')), 'chunks fetched for /orders').toEqual([]);

    await page.getByRole('link', { name: 'Profile' }).first().click();
    await expect(page.getByLabel('Contact e-mail')).toBeVisible();
    expect(wasm.some((p) => /^\/lumo-portal-profile-[0-9a-f]{16}\.wasm$/.test(p)), 'the profile chunk').toBe(true);

    // Back and forth: a chunk is fetched once per page load.
    const before = wasm.length;
    await page.getByRole('link', { name: 'Orders' }).first().click();
    await expect(page.locator('tbody tr[data-order-id]').first()).toBeVisible();
    await page.getByRole('link', { name: 'Profile' }).first().click();
    await expect(page.getByLabel('Contact e-mail')).toBeVisible();
    expect(wasm.length).toBe(before);
  });

  test('a chunk that cannot be fetched shows why, keeps the shell, and Retry opens the page', async ({ signedIn: page }) => {
    await page.route(/\/lumo-portal-profile-[0-9a-f]{16}\.wasm$/, (route) => route.abort('internetdisconnected'));
    await page.getByRole('link', { name: 'Profile' }).first().click();
    const failed = page.getByTestId('page-not-loaded');
    await expect(failed).toBeVisible();
    await expect(failed).toContainText('This page could not be loaded');
    await expect(page.getByLabel('Contact e-mail')).toHaveCount(0);

    // The rest of the portal still works.
    await page.getByRole('link', { name: 'Orders' }).first().click();
    await expect(page.locator('tbody tr[data-order-id]').first()).toBeVisible();
    await page.getByRole('link', { name: 'Profile' }).first().click();
    await expect(failed).toBeVisible();

    await page.unroute(/\/lumo-portal-profile-[0-9a-f]{16}\.wasm$/);
    await failed.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByLabel('Contact e-mail')).toHaveValue('support@demo.example');
    await expect(failed).toHaveCount(0);
  });
});
