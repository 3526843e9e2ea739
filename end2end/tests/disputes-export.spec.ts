import fs from 'node:fs';
import { test, expect, DEMO, type Sandbox } from '../fixtures';
import type { Page } from '@playwright/test';
import { parseCsv } from '../csv';

/*
 * "Export CSV" on /disputes: the listed (filtered) disputes, columns as specified, exact amounts,
 * ISO 8601 UTC times, and text a user typed exported as one inert cell, read back with strict
 * RFC 4180 readers splitting on `,` and on `;`.
 */

const COLUMNS = ['id', 'orderId', 'status', 'reason', 'resolution', 'refundAmount', 'resolvedBy', 'adminComment', 'createdAt', 'resolvedAt'];
const TYPED = 'ok;=HYPERLINK("http://x","y")';
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;



function expectNoFormulaCell(text: string) {
  for (const delimiter of [',', ';']) {
    for (const cells of parseCsv(text, delimiter)) {
      for (const cell of cells) expect(cell, `${delimiter}: ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/);
    }
  }
}

async function cardIds(page: Page): Promise<string[]> {
  return page.getByTestId('dispute-card').evaluateAll((cards) =>
    cards.map((card) => card.getAttribute('data-dispute-id') ?? ''),
  );
}

/** Click "Export CSV" and read the file (without its byte-order mark). */
async function exportCsv(page: Page): Promise<{ name: string; text: string; raw: string }> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  const raw = fs.readFileSync(await download.path(), 'utf8');
  return { name: download.suggestedFilename(), raw, text: raw.replace(/^\uFEFF/, '') };
}

async function undisputedSuccessOrder(sandbox: Sandbox): Promise<any> {
  const { body } = await sandbox.apiGet('/orders?status=success&limit=10');
  expect(body.length).toBeGreaterThan(0);
  return body[0];
}

test.describe('disputes CSV export', () => {
  test('a reason typed in the portal is one inert cell for , and ; readers; every listed dispute is a row', async ({ signedIn: page, sandbox }) => {
    const order = await undisputedSuccessOrder(sandbox);
    await page.goto(`/orders/${order.id}`);
    await page.getByLabel('Reason').fill(TYPED);
    await page.getByRole('button', { name: 'Open dispute' }).click();
    await expect(page.getByTestId('dispute-outcome')).toContainText('Dispute filed');

    const { body: disputes } = await sandbox.apiGet('/disputes');
    const filed = disputes.find((d: any) => d.orderId === order.id);
    expect(filed.reason).toBe(TYPED);

    await page.goto('/disputes');
    await expect(page.getByTestId('dispute-card')).toHaveCount(disputes.length);
    const { name, raw, text } = await exportCsv(page);
    expect(name).toMatch(/^lumo-disputes-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(raw.startsWith('\uFEFF')).toBe(true);
    await expect(page.getByTestId('export-status')).toHaveText(`Saved ${disputes.length} disputes to ${name}.`);

    const [header, ...rows] = parseCsv(text, ',');
    expect(header).toEqual(COLUMNS);
    // Every cell quoted, CRLF line ends.
    expect(text.split('\r\n')[0]).toBe(COLUMNS.map((c) => `"${c}"`).join(','));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(rows.length).toBe(disputes.length);
    expect(rows.map((row) => row[0])).toEqual(await cardIds(page));
    expect(rows.map((row) => row[0])).toEqual(disputes.map((d: any) => d.id));
    for (const row of rows) expect(row).toHaveLength(COLUMNS.length);

    const mine = rows.find((row) => row[0] === filed.id)!;
    expect(mine[1]).toBe(order.id);
    expect(mine[2]).toBe('submitted');
    // One cell, and the formula after the ';' is text (a ' before it).
    expect(mine[3]).toBe('ok;\'=HYPERLINK("http://x","y")');
    expect(mine.slice(4, 8)).toEqual(['', '', '', '']);
    expect(mine[9]).toBe('');
    // Read by a program splitting on ';' (Excel in a Russian locale) the columns are wrong, but
    // no cell anywhere is a formula.
    expectNoFormulaCell(text);

    // Exact values and ISO 8601 UTC times, for every row.
    for (const [index, row] of rows.entries()) {
      const d = disputes[index];
      expect(row.slice(1, 3)).toEqual([d.orderId, d.status]);
      expect(row[4]).toBe(d.resolution ?? '');
      expect(row[6]).toBe(d.resolvedBy ?? '');
      expect(row[8]).toMatch(ISO_UTC);
      expect(new Date(row[8]).getTime()).toBe(new Date(d.createdAt).getTime());
      if (d.resolvedAt) {
        expect(row[9]).toMatch(ISO_UTC);
        expect(new Date(row[9]).getTime()).toBe(new Date(d.resolvedAt).getTime());
      } else {
        expect(row[9]).toBe('');
      }
      if (d.refundAmount === undefined || d.refundAmount === null) expect(row[5]).toBe('');
      else {
        expect(row[5]).toMatch(/^\d+(\.\d+)?$/);
        expect(Number(row[5])).toBe(d.refundAmount);
      }
    }
    expect(rows.some((row) => row[5] !== '')).toBe(true);
    expect(text).not.toContain(DEMO.apiKey);
    expect(text).not.toContain('lb2b_');
  });

  test('exports exactly the disputes the filters list, and an exact partial refund', async ({ signedIn: page, sandbox }) => {
    // A partial refund with six decimals, written as the API sent it.
    const { body: all } = await sandbox.apiGet('/disputes');
    const open = all.find((d: any) => d.status === 'submitted' || d.status === 'in_review');
    await sandbox.control('POST', `disputes/${open.id}/resolve`, {
      resolution: 'partial_refund',
      refundAmount: 0.123456,
      adminComment: '=cmd|" /C calc"!A0',
    });
    const { body: disputes } = await sandbox.apiGet('/disputes');
    const expected = disputes.filter((d: any) => d.status === 'resolved' && d.resolution === 'partial_refund');
    expect(expected.length).toBeGreaterThan(1);
    expect(expected.length).toBeLessThan(disputes.length);

    await page.goto('/disputes?status=resolved&resolution=partial_refund');
    await expect(page.getByTestId('dispute-card')).toHaveCount(expected.length);
    await expect(page.getByTestId('disputes-summary')).toHaveText(`${expected.length} of ${disputes.length} disputes, newest first`);
    const { text } = await exportCsv(page);
    await expect(page.getByTestId('export-status')).toContainText(`Saved ${expected.length} disputes`);
    const [header, ...rows] = parseCsv(text, ',');
    expect(header).toEqual(COLUMNS);
    expect(rows.length).toBe(expected.length);
    expect(rows.map((row) => row[0])).toEqual(await cardIds(page));
    expect(rows.map((row) => row[0])).toEqual(expected.map((d: any) => d.id));
    const resolved = rows.find((row) => row[0] === open.id)!;
    expect(resolved.slice(2, 6)).toEqual(['resolved', open.reason, 'partial_refund', '0.123456']);
    expect(resolved[7]).toBe('\'=cmd|" /C calc"!A0');
    expectNoFormulaCell(text);

    // Narrowed further by the order-id search: still what is listed.
    const part = expected[0].orderId.slice(0, 8);
    const matching = expected.filter((d: any) => d.orderId.toLowerCase().includes(part.toLowerCase()));
    await page.getByLabel('Order id').fill(part);
    await expect(page.getByTestId('dispute-card')).toHaveCount(matching.length);
    const narrowed = parseCsv((await exportCsv(page)).text, ',').slice(1);
    expect(narrowed.map((row) => row[0])).toEqual(matching.map((d: any) => d.id));
    expect(narrowed.map((row) => row[0])).toEqual(await cardIds(page));
  });

  test('the page links to the insights', async ({ signedIn: page }) => {
    await page.goto('/disputes');
    await expect(page.getByRole('main').getByRole('link', { name: 'Insights', exact: true })).toHaveAttribute('href', '/disputes/insights');
  });
});
