import { test, expect } from '../fixtures';
import type { Page } from '@playwright/test';

function amountOf(text: string): number {
  return Number(text.replace(/[^\d.-]/g, ''));
}

async function openList(page: Page, query = '') {
  await page.goto(`/user-wallets${query}`);
  await expect(page.getByRole('heading', { level: 1, name: 'User wallets' })).toBeVisible();
}

async function createOrGet(page: Page, externalId: string) {
  await page.getByLabel('User id (externalId)', { exact: true }).fill(externalId);
  await page.getByRole('button', { name: 'Create or get wallet' }).click();
  return page.getByTestId('create-result');
}

test.describe('user wallets', () => {
  test('the list matches the API, pages through it and searches by externalId', async ({ signedIn: page, sandbox }) => {
    const { body: first } = await sandbox.apiGet('/user-wallets?limit=20&offset=0');
    await page.getByRole('link', { name: 'User wallets' }).click();
    const rows = page.getByTestId('user-wallet-row');
    await expect(rows).toHaveCount(20);
    await expect(rows.first()).toHaveAttribute('data-external-id', first[0].externalId);

    await page.getByRole('button', { name: /Next/ }).click();
    await expect(page).toHaveURL(/\/user-wallets\?page=2$/);
    const { body: second } = await sandbox.apiGet('/user-wallets?limit=20&offset=20');
    await expect(rows).toHaveCount(second.length);
    await expect(rows.first()).toHaveAttribute('data-external-id', second[0].externalId);

    await page.getByLabel('User id (externalId, exact)').fill('user-1010');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/externalId=user-1010/);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-external-id', 'user-1010');

    await page.getByLabel('User id (externalId, exact)').fill('nobody-here');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByTestId('user-wallets-empty')).toContainText('No wallet for');
  });

  test('the blocked view lists blocked wallets with their reasons', async ({ signedIn: page, sandbox }) => {
    const { body: blocked } = await sandbox.apiGet('/user-wallets/blocked?limit=20&offset=0');
    expect(blocked.length).toBeGreaterThan(0);
    await openList(page);
    await page.getByRole('tab', { name: 'Blocked' }).click();
    await expect(page).toHaveURL(/view=blocked/);
    const rows = page.getByTestId('user-wallet-row');
    await expect(rows).toHaveCount(blocked.length);
    for (let i = 0; i < blocked.length; i++) {
      await expect(rows.nth(i)).toHaveAttribute('data-blocked', 'true');
    }
    await expect(page.getByTestId('user-wallets-table')).toContainText('AML investigation');
    await expect(page.getByTestId('user-wallets-table')).toContainText('Replaced by a new wallet');
    await page.getByRole('tab', { name: 'All wallets' }).click();
    await expect(page).toHaveURL(/\/user-wallets$/);
  });

  test('create says plainly whether the wallet is new or existing', async ({ signedIn: page, sandbox }) => {
    await openList(page);
    const id = `e2e-user-${Date.now()}`;
    const created = await createOrGet(page, id);
    await expect(created).toHaveAttribute('data-outcome', 'new');
    await expect(created).toContainText(`New wallet created for “${id}”`);
    const { body: found } = await sandbox.apiGet(`/user-wallets?externalId=${id}`);
    expect(found).toHaveLength(1);
    await expect(created).toContainText(found[0].address);

    const again = await createOrGet(page, id);
    await expect(again).toHaveAttribute('data-outcome', 'existing');
    await expect(again).toContainText('already had a wallet');
    expect((await sandbox.apiGet(`/user-wallets?externalId=${id}`)).body).toHaveLength(1);

    // A seeded user is existing too.
    const seeded = await createOrGet(page, 'user-1001');
    await expect(seeded).toHaveAttribute('data-outcome', 'existing');

    // The form checks the id before sending.
    await page.getByLabel('User id (externalId)', { exact: true }).fill('   ');
    await page.getByRole('button', { name: 'Create or get wallet' }).click();
    await expect(page.getByText("Enter the user's id in your system.")).toBeVisible();
  });

  test('a wallet page shows address, QR, last observed balances and its deposits', async ({ signedIn: page, sandbox }) => {
    const { body: wallets } = await sandbox.apiGet('/user-wallets?externalId=user-1001');
    const wallet = wallets[0];
    const { body: deposits } = await sandbox.apiGet('/user-wallets/user-1001/deposits?limit=20&offset=0');
    await openList(page, '?externalId=user-1001');
    await page.getByRole('link', { name: 'user-1001' }).click();
    await expect(page).toHaveURL(/\/user-wallets\/user-1001$/);
    await expect(page.getByTestId('deposit-address')).toHaveText(wallet.address);
    await expect(page.getByRole('img', { name: /QR code of the deposit address of user user-1001/ })).toBeVisible();
    await expect(page.getByText('Last observed balances')).toBeVisible();
    expect(amountOf(await page.getByTestId('user-balance-usdt').innerText())).toBe(wallet.lastUsdtBalance);
    expect(amountOf(await page.getByTestId('user-balance-trx').innerText())).toBe(wallet.lastTrxBalance);
    if (deposits.length > 0) {
      await expect(page.getByTestId('deposit-row')).toHaveCount(deposits.length);
      await expect(page.getByTestId('deposit-row').first()).toHaveAttribute('data-tx', deposits[0].txHash);
    } else {
      await expect(page.getByTestId('deposits-empty')).toBeVisible();
    }
  });

  test('an externalId with reserved characters is percent-encoded in the route', async ({ signedIn: page, sandbox }) => {
    const id = 'team a/b?c#1';
    await openList(page);
    const created = await createOrGet(page, id);
    await expect(created).toHaveAttribute('data-outcome', 'new');
    await created.getByRole('link', { name: 'Open this wallet' }).click();
    await expect(page).toHaveURL(/\/user-wallets\/team%20a%2Fb%3Fc%231$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`User ${id}`);
    const { body: found } = await sandbox.apiGet(`/user-wallets?externalId=${encodeURIComponent(id)}`);
    await expect(page.getByTestId('deposit-address')).toHaveText(found[0].address);
    // A direct load of the same URL works too.
    await page.reload();
    await expect(page.getByTestId('deposit-address')).toHaveText(found[0].address);
  });

  test('replace blocks the old address after a confirmation that says what happens', async ({ signedIn: page, sandbox }) => {
    const { body: before } = await sandbox.apiGet('/user-wallets?externalId=user-1002');
    expect(before).toHaveLength(1);
    const oldAddress = before[0].address;
    await page.goto('/user-wallets/user-1002');
    await expect(page.getByTestId('deposit-address')).toHaveText(oldAddress);

    await page.getByRole('button', { name: 'Replace wallet…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Replace this wallet?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(oldAddress);
    await expect(dialog).toContainText('is blocked');
    await expect(dialog).toContainText('credited, but flagged for review');
    await expect(dialog).toContainText('new address is issued');
    // Cancel changes nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect((await sandbox.apiGet('/user-wallets?externalId=user-1002')).body).toHaveLength(1);

    await page.getByRole('button', { name: 'Replace wallet…' }).click();
    await dialog.getByLabel('Reason').fill('Address leaked in a support chat');
    await dialog.getByRole('button', { name: 'Replace wallet' }).click();
    await expect(dialog).toBeHidden();
    const result = page.getByTestId('replace-result');
    await expect(result).toContainText('Wallet replaced.');

    const { body: after } = await sandbox.apiGet('/user-wallets?externalId=user-1002');
    expect(after).toHaveLength(2);
    const fresh = after.find((w: any) => !w.isBlocked);
    const old = after.find((w: any) => w.address === oldAddress);
    expect(old.isBlocked).toBe(true);
    expect(old.blockReason).toBe('Address leaked in a support chat');
    await expect(page.getByTestId('new-address')).toHaveText(fresh.address);
    await expect(page.getByTestId('deposit-address')).toHaveText(fresh.address);
    await expect(page.getByTestId('previous-wallets')).toContainText('Address leaked in a support chat');
  });

  test('replace on an environment without it says so', async ({ signedIn: page, sandbox }) => {
    await sandbox.fault({ method: 'POST', path: '/user-wallets/user-1003/replace', fault: 'status:404' });
    await page.goto('/user-wallets/user-1003');
    await page.getByRole('button', { name: 'Replace wallet…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Replace this wallet?' });
    await dialog.getByRole('button', { name: 'Replace wallet' }).click();
    await expect(dialog).toContainText('not available on this environment');
    await sandbox.clearFaults();
  });
});
