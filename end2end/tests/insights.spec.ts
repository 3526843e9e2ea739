import { test, expect, DEMO, signInWithKey, type Sandbox } from '../fixtures';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/*
 * /disputes/insights ("Disputes at a glance"). Every figure is computed here again, in
 * TypeScript, from what the sandbox's API returns (GET /disputes, GET /orders pages), against the
 * clock the page shows (its <time datetime>), and compared with what the page shows: the summary,
 * the outcome table and each chart's data table, for 30, 90 and 365 days.
 */

const NBSP = '\u00a0';
const DAY_NS = 86_400n * 1_000_000_000n;
const DAY_S = 86_400n;

// ---------------------------------------------------------------- independent computation

/** RFC 3339 -> nanoseconds since the epoch (the API writes up to 9 fraction digits). */
function ns(text: string): bigint {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) throw new Error(`not an RFC 3339 date: ${text}`);
  const wholeMs = Date.parse(`${m[1]}${m[3]}`);
  if (!Number.isFinite(wholeMs)) throw new Error(`not a date: ${text}`);
  return BigInt(wholeMs) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

/** An API amount (a JSON number) as micro-units, exactly. */
const SCALE = 6;
function micros(value: unknown): bigint {
  const text = typeof value === 'number' ? String(value) : String(value);
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`unexpected amount ${text}`);
  const fraction = (m[3] ?? '').padEnd(SCALE, '0');
  if (fraction.length > SCALE) throw new Error(`more than ${SCALE} decimals: ${text}`);
  const v = BigInt(m[2]) * 10n ** BigInt(SCALE) + BigInt(fraction);
  return m[1] ? -v : v;
}

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

/** As lumo_api::rules::money::format_amount(x, "USDT"): 2 to 6 decimals, grouped. */
function usdt(value: bigint): string {
  const whole = value / 10n ** BigInt(SCALE);
  let fraction = (value % 10n ** BigInt(SCALE)).toString().padStart(SCALE, '0').replace(/0+$/, '');
  fraction = fraction.padEnd(2, '0');
  return `${group(whole.toString())}.${fraction}${NBSP}USDT`;
}

const count = (n: number) => group(String(n));
const tenths = (part: number, whole: number) => (whole === 0 ? null : Math.floor((part * 2000 + whole) / (2 * whole)));
const percent = (t: number | null) => (t === null ? '—' : `${Math.floor(t / 10)}.${t % 10} %`);

function duration(seconds: bigint): string {
  const s = seconds < 0n ? 0n : seconds;
  const d = s / DAY_S;
  const h = (s % DAY_S) / 3600n;
  const m = (s % 3600n) / 60n;
  if (d === 0n && h === 0n && m === 0n) return 'under 1 min';
  if (d === 0n && h === 0n) return `${m} min`;
  if (d === 0n) return `${h} h ${m} min`;
  return `${d} d ${h} h`;
}

/** Days since the epoch of the Monday (UTC) of the week holding `at`. */
function mondayOf(at: bigint): bigint {
  const day = at / DAY_NS; // dates here are after 1970
  return day - ((day + 3n) % 7n); // 1970-01-01 was a Thursday
}
const dayText = (day: bigint) => new Date(Number(day) * 86_400_000).toISOString().slice(0, 10);

type Expected = {
  summary: { opened: string; open: string; rate: string; median: string; refunded: string };
  outcomes: string[][];
  charts: { opened: string[][]; refunded: string[][]; resolution: string[][] };
};

async function allOrders(sandbox: Sandbox): Promise<any[]> {
  const orders: any[] = [];
  for (let offset = 0; ; offset += 100) {
    const { status, body } = await sandbox.apiGet(`/orders?limit=100&offset=${offset}`);
    expect(status).toBe(200);
    orders.push(...body);
    if (body.length < 100) return orders;
  }
}

async function expected(sandbox: Sandbox, nowText: string, days: number): Promise<Expected> {
  const now = ns(nowText);
  const start = now - BigInt(days) * DAY_NS;
  const inPeriod = (at: bigint) => at >= start && at <= now;
  const { body: disputes } = await sandbox.apiGet('/disputes');
  const orders = await allOrders(sandbox);
  const amountOf = new Map<string, bigint>(orders.map((o) => [o.id, micros(o.amountUsdt)]));

  const opened = disputes.filter((d: any) => inPeriod(ns(d.createdAt)));
  const outcomeOf = (d: any) => {
    if (d.status === 'submitted' || d.status === 'in_review') return 'Open';
    if (d.status === 'rejected') return 'Rejected';
    if (d.status === 'resolved' && d.resolution === 'refund') return 'Refund';
    if (d.status === 'resolved' && d.resolution === 'partial_refund') return 'Partial refund';
    if (d.status === 'resolved' && d.resolution === 'confirm') return 'Order confirmed';
    return 'Other';
  };
  const counts = new Map<string, number>();
  for (const d of opened) counts.set(outcomeOf(d), (counts.get(outcomeOf(d)) ?? 0) + 1);
  const rows = ['Refund', 'Partial refund', 'Order confirmed', 'Rejected', 'Open'];
  if (counts.has('Other')) rows.push('Other');
  const outcomes = rows.map((label) => {
    const n = counts.get(label) ?? 0;
    return [label, count(n), percent(tenths(n, opened.length))];
  });

  const durations: bigint[] = [];
  const buckets = [0, 0, 0, 0];
  for (const d of opened) {
    if ((d.status !== 'resolved' && d.status !== 'rejected') || !d.resolvedAt) continue;
    let seconds = (ns(d.resolvedAt) - ns(d.createdAt)) / 1_000_000_000n; // truncates, like num_seconds
    if (seconds < 0n) seconds = 0n;
    durations.push(seconds);
    buckets[seconds < DAY_S ? 0 : seconds < 3n * DAY_S ? 1 : seconds <= 7n * DAY_S ? 2 : 3] += 1;
  }
  durations.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const n = durations.length;
  const median = n === 0 ? null : n % 2 ? durations[(n - 1) / 2] : (durations[n / 2 - 1] + durations[n / 2]) / 2n;

  const firstWeek = mondayOf(start);
  const lastWeek = mondayOf(now);
  const weeks: { day: bigint; opened: number; refunded: bigint }[] = [];
  for (let day = firstWeek; day <= lastWeek; day += 7n) weeks.push({ day, opened: 0, refunded: 0n });
  const weekOf = (at: bigint) => weeks.findIndex((w) => w.day === mondayOf(at));
  let refunded = 0n;
  for (const d of opened) {
    weeks[weekOf(ns(d.createdAt))].opened += 1;
    const outcome = outcomeOf(d);
    let amount: bigint | undefined;
    if (outcome === 'Refund') {
      amount = amountOf.get(d.orderId);
      if (amount === undefined) {
        const { status, body } = await sandbox.apiGet(`/orders/${d.orderId}`);
        if (status === 200) amount = micros(body.amountUsdt);
      }
    } else if (outcome === 'Partial refund' && d.refundAmount != null) {
      amount = micros(d.refundAmount);
    }
    if (amount === undefined) continue;
    refunded += amount;
    const index = weekOf(ns(d.resolvedAt ?? d.createdAt));
    weeks[index >= 0 ? index : weeks.length - 1].refunded += amount;
  }

  const completed = orders.filter((o) => inPeriod(ns(o.createdAt)) && ['success', 'failed', 'disputed'].includes(o.status)).length;
  return {
    summary: {
      opened: count(opened.length),
      open: count(counts.get('Open') ?? 0),
      rate: percent(tenths(opened.length, completed)),
      median: median === null ? '—' : duration(median),
      refunded: usdt(refunded),
    },
    outcomes,
    charts: {
      opened: weeks.map((w) => [dayText(w.day), count(w.opened)]),
      refunded: weeks.map((w) => [dayText(w.day), usdt(w.refunded)]),
      resolution: ['Under 1 day', '1-3 days', '3-7 days', 'Over 7 days'].map((label, i) => [label, count(buckets[i])]),
    },
  };
}

// ---------------------------------------------------------------- reading the page

const text = async (locator: ReturnType<Page['locator']>) => ((await locator.textContent()) ?? '').trim();

/** The page shows every figure of `days` (the period of the URL when not given). */
async function ready(page: Page, days?: number) {
  await expect(page.getByRole('heading', { level: 1, name: 'Dispute insights' })).toBeVisible();
  const root = page.getByTestId('insights-page');
  if (days !== undefined) await expect(root).toHaveAttribute('data-period', String(days));
  await expect(root).toHaveAttribute('data-complete', 'true', { timeout: 15_000 });
}

async function chartRows(page: Page, testid: string): Promise<string[][]> {
  const chart = page.getByTestId(testid);
  const details = chart.locator('details');
  if (!(await details.evaluate((el) => (el as HTMLDetailsElement).open))) {
    await chart.getByText('Show data', { exact: true }).click();
  }
  await expect(chart.locator('details table')).toBeVisible();
  return chart.locator('details tbody tr').evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())),
  );
}

async function shown(page: Page): Promise<{ now: string } & Expected> {
  const stat = (id: string) => text(page.getByTestId(id).getByTestId('stat-value'));
  const outcomes = await page.getByTestId('outcome-table').locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => {
      const head = row.querySelector('th');
      const label = head ? [...head.childNodes].filter((n) => !(n instanceof Element && n.matches('[data-testid="other-values"]'))).map((n) => n.textContent).join('').trim() : '';
      return [label, ...[...row.querySelectorAll('td')].map((cell) => (cell.textContent ?? '').trim())];
    }),
  );
  return {
    now: (await page.getByTestId('insights-now').getAttribute('datetime')) ?? '',
    summary: {
      opened: await stat('stat-opened'),
      open: await stat('stat-open'),
      rate: await stat('stat-rate'),
      median: await stat('stat-median'),
      refunded: await stat('stat-refunded'),
    },
    outcomes,
    charts: {
      opened: await chartRows(page, 'chart-opened'),
      refunded: await chartRows(page, 'chart-refunded'),
      resolution: await chartRows(page, 'chart-resolution'),
    },
  };
}

async function compare(page: Page, sandbox: Sandbox, days: number) {
  await ready(page, days);
  const { now, ...onPage } = await shown(page);
  expect(now, 'the page shows its clock').toMatch(/^\d{4}-\d{2}-\d{2}T/);
  const want = await expected(sandbox, now, days);
  expect(onPage.summary).toEqual(want.summary);
  expect(onPage.outcomes).toEqual(want.outcomes);
  expect(onPage.charts.opened).toEqual(want.charts.opened);
  expect(onPage.charts.refunded).toEqual(want.charts.refunded);
  expect(onPage.charts.resolution).toEqual(want.charts.resolution);
  return want;
}

// ---------------------------------------------------------------- tests

test.describe('dispute insights', () => {
  for (const days of [30, 90, 365]) {
    test(`${days} days: every figure, the outcome table and each chart's data match the API's data`, async ({ signedIn: page, sandbox }) => {
      await page.goto(`/disputes/insights?days=${days}`);
      await expect(page.getByLabel('Period')).toHaveValue(String(days));
      const want = await compare(page, sandbox, days);
      expect(want.summary.opened).not.toBe('0');
      await expect(page.getByTestId('rate-basis')).toContainText('completed orders');
      // Every bar can be focused and is named after its value; the table says the same.
      const bars = page.getByTestId('chart-opened').locator('rect[tabindex="0"]');
      await expect(bars).toHaveCount(want.charts.opened.length);
      const last = want.charts.opened[want.charts.opened.length - 1];
      await expect(bars.last()).toHaveAttribute('aria-label', `Week of ${last[0]}: ${last[1]} ${last[1] === '1' ? 'dispute' : 'disputes'} opened`);
    });
  }

  test('reached from the nav; 90 days by default; the Period control navigates and the URL holds it', async ({ signedIn: page, sandbox }) => {
    await page.goto('/disputes');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
    await expect(page).toHaveURL(/\/disputes\/insights$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dispute insights');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Insights' })).toHaveAttribute('aria-current', 'page');
    await expect(nav.getByRole('link', { name: 'Disputes', exact: true })).not.toHaveAttribute('aria-current', 'page');
    await expect(page.getByLabel('Period')).toHaveValue('90');
    await compare(page, sandbox, 90);

    await page.getByLabel('Period').selectOption('30');
    await expect(page).toHaveURL(/\/disputes\/insights\?days=30$/);
    await compare(page, sandbox, 30);
    await page.getByLabel('Period').selectOption('365');
    await expect(page).toHaveURL(/\?days=365$/);
    await compare(page, sandbox, 365);
    await page.goBack();
    await expect(page).toHaveURL(/\?days=30$/);
    await expect(page.getByLabel('Period')).toHaveValue('30');
    await compare(page, sandbox, 30);

    // On the disputes page, "Disputes" is the current entry again.
    await nav.getByRole('link', { name: 'Disputes', exact: true }).click();
    await expect(nav.getByRole('link', { name: 'Disputes', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(nav.getByRole('link', { name: 'Insights' })).not.toHaveAttribute('aria-current', 'page');
  });

  test('an unknown period falls back to 90 days and says so', async ({ signedIn: page, sandbox }) => {
    await page.goto('/disputes/insights?days=7');
    await expect(page.getByRole('status').filter({ hasText: 'not understood' })).toContainText('days=7');
    await expect(page.getByLabel('Period')).toHaveValue('90');
    await compare(page, sandbox, 90);
  });

  test('resolving and rejecting disputes through the sandbox moves the counts after a reload', async ({ signedIn: page, sandbox }) => {
    await page.goto('/disputes/insights');
    const before = await compare(page, sandbox, 90);
    const { body: disputes } = await sandbox.apiGet('/disputes');
    const open = disputes.filter((d: any) => d.status === 'submitted' || d.status === 'in_review');
    expect(open.length).toBeGreaterThanOrEqual(2);
    await sandbox.control('POST', `disputes/${open[0].id}/resolve`, { resolution: 'refund' });
    await sandbox.control('POST', `disputes/${open[1].id}/reject`, { adminComment: 'Not a payment problem.' });

    await page.reload();
    const after = await compare(page, sandbox, 90);
    const n = (s: string) => Number(s.replaceAll(NBSP, ''));
    expect(n(after.summary.open)).toBe(n(before.summary.open) - 2);
    expect(n(after.outcomes[0][1])).toBe(n(before.outcomes[0][1]) + 1); // Refund
    expect(n(after.outcomes[3][1])).toBe(n(before.outcomes[3][1]) + 1); // Rejected
    expect(after.summary.opened).toBe(before.summary.opened);
    expect(after.summary.refunded).not.toBe(before.summary.refunded);
    // Both were decided within minutes of being opened.
    expect(n(after.charts.resolution[0][1])).toBe(n(before.charts.resolution[0][1]) + 2);
  });

  test('the rate fills in after the orders are counted, with a progress line meanwhile', async ({ signedIn: page, sandbox }) => {
    await sandbox.fault({ method: 'GET', path: '/orders', fault: 'latency:700' });
    await page.goto('/disputes/insights?days=365');
    // The dispute figures are there at once; the rate waits for the orders.
    await expect(page.getByTestId('stat-opened').getByTestId('stat-value')).not.toHaveText('');
    await expect(page.getByTestId('rate-progress')).toHaveText(/^Counting orders… \d+ so far$/);
    await expect(page.getByTestId('rate-progress')).toHaveText('Counting orders… 100 so far', { timeout: 5_000 });
    await expect(page.getByTestId('stat-rate').getByTestId('stat-value')).toHaveText('—');
    await sandbox.clearFaults();
    await compare(page, sandbox, 365);
    await expect(page.getByTestId('rate-progress')).toHaveCount(0);
  });

  test('choosing another period while the orders are being counted starts over for that period', async ({ signedIn: page, sandbox }) => {
    await sandbox.fault({ method: 'GET', path: '/orders', fault: 'latency:1500' });
    const offsets: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === sandbox.api && url.pathname === '/orders') offsets.push(url.searchParams.get('offset') ?? '');
    });
    await page.goto('/disputes/insights?days=365');
    await expect(page.getByTestId('rate-progress')).toBeVisible();
    await expect.poll(() => offsets.length).toBeGreaterThan(0);
    await page.getByLabel('Period').selectOption('30');
    await expect(page).toHaveURL(/\?days=30$/);
    await sandbox.clearFaults();
    await compare(page, sandbox, 30);
    // The 365-day count was abandoned: 240 orders are three pages, and it never got past
    // the first two (the 30-day count needs one page, at offset 0).
    expect(offsets.filter((o) => o === '200')).toEqual([]);
  });

  test('an API that repeats a page of orders: the rate cannot be computed, and the page says why', async ({ signedIn: page, sandbox }) => {
    // Every GET /orders page answered with the first one (an API ignoring offset).
    await page.route((url) => url.origin === sandbox.api && url.pathname === '/orders', async (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set('offset', '0');
      const response = await route.fetch({ url: url.toString() });
      await route.fulfill({ response });
    });
    await page.goto('/disputes/insights?days=365');
    await ready(page);
    await expect(page.getByTestId('rate-unavailable')).toContainText("Can't be computed: the API returned the same page of orders twice");
    await expect(page.getByTestId('stat-rate').getByTestId('stat-value')).toHaveText('—');
    // Everything else is still right (the refunds' orders are read one by one).
    const { now, summary } = await shown(page);
    const want = await expected(sandbox, now, 365);
    expect({ ...summary, rate: want.summary.rate }).toEqual(want.summary);
  });

  test('a failing orders list: the rate and the refunds say so, and Retry recovers', async ({ signedIn: page, sandbox }) => {
    await sandbox.fault({ method: 'GET', path: '/orders', fault: 'status:500' });
    await page.goto('/disputes/insights');
    await expect(page.getByTestId('rate-unavailable')).toContainText('the orders could not be read');
    await expect(page.getByTestId('stat-opened').getByTestId('stat-value')).not.toHaveText('');
    await sandbox.clearFaults();
    await page.getByTestId('stat-rate').getByRole('button', { name: 'Retry' }).click();
    await compare(page, sandbox, 90);
  });

  test('unknown statuses and resolutions are counted as "Other", with their raw values', async ({ signedIn: page, sandbox }) => {
    const { body: disputes } = await sandbox.apiGet('/disputes');
    const recent = disputes[0];
    const extra = [
      { ...recent, id: '00000000-0000-4000-8000-000000000001', status: 'escalated', resolution: null, resolvedAt: null },
      { ...recent, id: '00000000-0000-4000-8000-000000000002', status: 'resolved', resolution: 'chargeback', resolvedAt: recent.createdAt },
    ];
    await page.route((url) => url.origin === sandbox.api && url.pathname === '/disputes', async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      const response = await route.fetch();
      const list = await response.json();
      await route.fulfill({ response, json: [...extra, ...list] });
    });
    await page.goto('/disputes/insights?days=30');
    await ready(page);
    const other = page.getByTestId('outcome-table').locator('tr[data-outcome="other"]');
    await expect(other.locator('td').first()).toHaveText('2');
    await expect(other.getByTestId('other-values')).toHaveText('resolution chargeback, status escalated');
    const opened = Number((await text(page.getByTestId('stat-opened').getByTestId('stat-value'))).replaceAll(NBSP, ''));
    const share = tenths(2, opened);
    await expect(other.locator('td').nth(1)).toHaveText(percent(share));
  });

  test('bars take keyboard focus and show their value in a tooltip; hovering does too', async ({ signedIn: page, sandbox }) => {
    await page.goto('/disputes/insights');
    await ready(page);
    const chart = page.getByTestId('chart-resolution');
    const bars = chart.locator('rect[tabindex="0"]');
    await expect(bars).toHaveCount(4);
    await page.getByTestId('chart-refunded').getByText('Show data').focus();
    await page.keyboard.press('Tab');
    await expect(bars.first()).toBeFocused();
    const name = await bars.first().getAttribute('aria-label');
    expect(name).toMatch(/^Under 1 day: \d+ disputes?$/);
    await expect(chart.locator('.bar-chart__tooltip')).toHaveText(name!);
    await page.keyboard.press('Tab');
    await expect(bars.nth(1)).toBeFocused();
    await expect(chart.locator('.bar-chart__tooltip')).toHaveText((await bars.nth(1).getAttribute('aria-label'))!);
    // The SVG title (native hover text) says the same.
    await expect(bars.nth(1).locator('title')).toHaveText((await bars.nth(1).getAttribute('aria-label'))!);
    await page.keyboard.press('Tab'); // off the chart's second bar
    await bars.nth(3).hover();
    await expect(chart.locator('.bar-chart__tooltip')).toHaveText((await bars.nth(3).getAttribute('aria-label'))!);
    void sandbox;
  });
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe: the insights page (${scheme}) has no serious or critical violations`, async ({ page, consoleErrors: _errors }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.addInitScript((theme) => {
      try { localStorage.setItem('lumo.theme', theme); } catch { /* ignore */ }
    }, scheme);
    await signInWithKey(page, DEMO.apiKey);
    await page.goto('/disputes/insights?days=365');
    await ready(page);
    for (const id of ['chart-opened', 'chart-refunded', 'chart-resolution']) {
      await page.getByTestId(id).getByText('Show data', { exact: true }).click();
    }
    await page.getByTestId('chart-opened').locator('rect[tabindex="0"]').last().focus();
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-theme'))).toBe(scheme);
    await page.waitForTimeout(400);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`);
    expect(serious).toEqual([]);
  });
}
