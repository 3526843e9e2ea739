import { test, expect } from '../fixtures';

// The API may send any amount up to rust_decimal's maximum. Nothing on the page may panic (a
// panic in WebAssembly kills the whole app: the consoleErrors fixture fails the test on one).
const MAX = '79228162514264337593543950335';
/** MAX as the portal writes it: thousands grouped with no-break spaces, two decimals. */
const MAX_SHOWN = '79\u00a0228\u00a0162\u00a0514\u00a0264\u00a0337\u00a0593\u00a0543\u00a0950\u00a0335.00';

/** `text` with the first `n` values of `"field":<number>` replaced by `value`, as raw JSON. */
function withAmount(text: string, field: string, value: string, n: number) {
  let left = n;
  return text.replace(new RegExp(`"${field}":-?[0-9.eE+-]+`, 'g'), (whole) =>
    left-- > 0 ? `"${field}":${value}` : whole);
}

test('two deposits of the maximum amount show on the wallet page without a crash', async ({ signedIn: page }) => {
  // Served as the API could send them: the sandbox itself refuses amounts above 10^12.
  await page.route('**/wallets/deposits*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: withAmount(await response.text(), 'amount', MAX, 2) });
  });
  await page.goto('/wallet');
  const rows = page.getByTestId('deposit-row');
  await expect(rows.first()).toBeVisible();
  // Every digit, exactly: never through a float.
  await expect(rows.nth(0)).toContainText(MAX_SHOWN);
  await expect(rows.nth(1)).toContainText(MAX_SHOWN);
  await expect(page.getByTestId('balance-usdt')).toBeVisible();
  // Their sum is beyond any decimal: the per-day total says so instead of panicking.
  await expect(page.getByText(/too large to show/).first()).toBeAttached();

  // A balance at the maximum too (served as the API could send it), on the same page.
  await page.route('**/wallets/balance', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: withAmount(await response.text(), 'usdtBalance', MAX, 1) });
  });
  await page.reload();
  await expect(page.getByTestId('balance-usdt')).toContainText(MAX_SHOWN);
  await expect(rows.first()).toBeVisible();
});
