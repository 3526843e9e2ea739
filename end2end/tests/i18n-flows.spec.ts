// The main flows end to end in Russian (a ru-RU browser), the same pages in English holding no
// Cyrillic, and the Russian pages at a phone and a desktop width with no clipped or overflowing
// text. Russian texts are the ones of i18n/catalog-ru.txt; amounts, dates and plurals are computed
// here from the sandbox's API and compared with what the page shows.
import { test, expect, DEMO, type Sandbox } from '../fixtures';
import type { Page } from '@playwright/test';
import { expectNoCyrillic, expectOnlyRussian } from '../i18n-checks';

// ---------------------------------------------------------------- Russian formats, computed here

const NBSP = '\u00a0';

/** Russian plural form: one (1, 21, 101), few (2-4, 22-24), many (0, 5-20, 11-14, 25...). */
function plural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);

/** An API amount as Russian text: `5 000,00 ₽`, `12,50 USDT` (RUB 2 decimals, USDT/TRX 2 to 6). */
function ruAmount(value: number | string, currency: 'RUB' | 'USDT' | 'TRX'): string {
  const text = String(value);
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`unexpected amount ${text}`);
  const [min, max] = currency === 'RUB' ? [2, 2] : [2, 6];
  let fraction = m[3] ?? '';
  if (fraction.length > max) throw new Error(`more decimals than shown in ${text}; not expected in the seed`);
  fraction = fraction.replace(/0+$/, '').padEnd(min, '0');
  const code = currency === 'RUB' ? '₽' : currency;
  return `${m[1]}${group(m[2])},${fraction}${NBSP}${code}`;
}

/** An RFC 3339 time as the Russian page shows it in Moscow (UTC+3, no DST): `01.12.2026, 14:05`. */
function ruMoscow(iso: string): string {
  const moscow = new Date(Date.parse(iso) + 3 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(moscow.getUTCDate())}.${p(moscow.getUTCMonth() + 1)}.${moscow.getUTCFullYear()}, ${p(moscow.getUTCHours())}:${p(moscow.getUTCMinutes())}`;
}

const DAY_FIRST = /^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/;

const RU_ORDER_STATUS: Record<string, string> = {
  created: 'Создан', in_progress: 'В обработке', success: 'Успешно', failed: 'Ошибка', disputed: 'Оспорен',
};

// The sandbox's affordable demo payment link (sandbox/src/demo.rs).
const QR_AFFORDABLE =
  'https://qr.nspk.ru/AD10006M8KH1SN4K9ABPQ5J2PAMRBCTO?type=02&bank=100000000111&sum=500000&cur=RUB&crc=1A2B';

async function signInRu(page: Page) {
  await page.goto('/login');
  await page.getByRole('tab', { name: 'Ключ API' }).click();
  await page.getByLabel('Ключ API компании').fill(DEMO.apiKey);
  await page.getByRole('button', { name: 'Войти с ключом API' }).click();
  await expect(page).toHaveURL(/\/orders/);
}

async function rowIds(page: Page): Promise<string[]> {
  return page.locator('tbody tr[data-order-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-order-id') ?? ''));
}

async function settledOrders(page: Page, expected: string[]) {
  await expect.poll(() => rowIds(page)).toEqual(expected);
  await expect(page.locator('.api-view')).toHaveAttribute('aria-busy', 'false');
}

async function cardIds(page: Page): Promise<string[]> {
  return page.getByTestId('dispute-card').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-dispute-id') ?? ''));
}

/** A completed order without a dispute (the seed has plenty). */
async function undisputedOrder(sandbox: Sandbox, status: 'success' | 'failed' = 'success', skip = 0): Promise<any> {
  const { body } = await sandbox.apiGet(`/orders?status=${status}&limit=10&offset=${skip}`);
  expect(body.length).toBeGreaterThan(0);
  return body[0];
}

// ---------------------------------------------------------------- Russian flows

test.describe('Russian flows', () => {
  test.use({ locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
  // Each page check waits up to 7 s for the page to settle before its (soft) verdict.
  test.describe.configure({ timeout: 90_000 });

  test('sign in with the API key', async ({ page, sandbox, consoleErrors: _ }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Вход');
    await expect(page.getByLabel('Язык')).toHaveValue('ru');
    await expectOnlyRussian(page, 'sign-in page (API key)');
    await page.getByRole('tab', { name: 'Ключ API' }).click();
    await page.getByLabel('Ключ API компании').fill(DEMO.apiKey);
    await page.getByRole('button', { name: 'Войти с ключом API' }).click();
    await expect(page).toHaveURL(/\/orders/);
    const banner = page.getByRole('banner');
    await expect(banner).toContainText('Demo Company');
    await expect(page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name: 'Заказы' })).toBeVisible();
    await expect(page).toHaveTitle(/ · Портал Lumo$/);
    await expectOnlyRussian(page, 'orders page after signing in with the key');
    expect((await sandbox.apiGet('/auth/company/profile', DEMO.apiKey)).status).toBe(200);
  });

  test('sign in with e-mail and password: the new key, then the portal', async ({ page, sandbox, consoleErrors: _ }) => {
    await page.goto('/login');
    await page.getByRole('tab', { name: 'Эл. почта и пароль' }).click();
    await expect(page.getByText('Будет выпущен новый ключ API')).toBeVisible();
    await expectOnlyRussian(page, 'sign-in page (e-mail and password)');
    await page.getByLabel('Эл. почта', { exact: true }).fill(DEMO.email);
    await page.getByLabel('Пароль', { exact: true }).fill(DEMO.password);
    await page.getByLabel(/Я понимаю/).check();
    await page.getByRole('button', { name: 'Войти и выпустить новый ключ' }).click();
    await expect(page.getByRole('heading', { name: 'Вход выполнен' })).toBeVisible();
    const newKey = ((await page.getByTestId('new-api-key').textContent()) ?? '').trim();
    expect(newKey).toMatch(/^lb2b_[0-9a-f]{32}$/);
    await expectOnlyRussian(page, 'new API key page');
    await page.getByRole('button', { name: 'Перейти в портал' }).click();
    await expect(page).toHaveURL(/\/orders/);
    expect((await sandbox.apiGet('/auth/company/profile', newKey)).status).toBe(200);
    await page.getByRole('link', { name: 'Профиль' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Профиль' })).toBeVisible();
    await expect(page.getByText('demo@lumo.test').first()).toBeVisible();
    await expect(page.getByText('Активна').first()).toBeVisible();
    await expectOnlyRussian(page, 'profile page');
  });

  test('a wrong password is said in Russian', async ({ page, consoleErrors: _ }) => {
    await page.goto('/login');
    await page.getByRole('tab', { name: 'Эл. почта и пароль' }).click();
    await page.getByLabel('Эл. почта', { exact: true }).fill(DEMO.email);
    await page.getByLabel('Пароль', { exact: true }).fill('wrong-password');
    await page.getByLabel(/Я понимаю/).check();
    await page.getByRole('button', { name: 'Войти и выпустить новый ключ' }).click();
    await expect(page.getByText('Неверная эл. почта или пароль.')).toBeVisible();
    await expectOnlyRussian(page, 'sign-in page with a wrong password');
  });

  test('orders with a status filter: Russian headers, badges, amounts, dates and row counts', async ({ page, sandbox, consoleErrors: _ }) => {
    await signInRu(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Заказы' })).toBeVisible();
    await settledOrders(page, (await sandbox.apiGet('/orders?limit=20&offset=0')).body.map((o: any) => o.id));
    for (const name of ['Создан', 'Заказ', 'Мерчант', 'Сумма, ₽', 'Сумма, USDT', 'Курс', 'Статус']) {
      await expect(page.getByRole('columnheader', { name, exact: true })).toBeVisible();
    }
    await expect(page.getByTestId('page-summary')).toHaveText('Страница 1 · 20 заказов на этой странице');
    await expectOnlyRussian(page, 'orders page');

    for (const status of ['success', 'failed'] as const) {
      await page.getByLabel('Статус', { exact: true }).selectOption(status);
      await expect(page).toHaveURL(new RegExp(`/orders\\?status=${status}$`));
      const { body: orders } = await sandbox.apiGet(`/orders?status=${status}&limit=20&offset=0`);
      await settledOrders(page, orders.map((o: any) => o.id));
      for (const order of orders) {
        const row = page.locator(`tr[data-order-id="${order.id}"]`);
        const cells = row.locator('td');
        await expect(row.locator('.badge')).toHaveText(RU_ORDER_STATUS[status]);
        await expect(cells.nth(0)).toHaveText(ruMoscow(order.createdAt));
        await expect(cells.nth(3)).toHaveText(ruAmount(order.amountRub, 'RUB'));
        await expect(cells.nth(4)).toHaveText(ruAmount(order.amountUsdt, 'USDT'));
        await expect(cells.nth(5)).toHaveText(new RegExp(`^${group(String(Math.trunc(order.rate)))},\\d{2,6}$`));
      }
      expect(await page.locator('tbody tr td:first-child').allInnerTexts()).toEqual(orders.map(() => expect.stringMatching(DAY_FIRST)));
      await expect(page.getByLabel('Статус', { exact: true }).locator('option:checked')).toHaveText(RU_ORDER_STATUS[status]);
      await expectOnlyRussian(page, `orders page filtered by ${status}`);
    }

    // One row: the singular ("1 заказ"), on the last page.
    const [one] = (await sandbox.apiGet('/orders?limit=1&offset=30')).body;
    await page.getByLabel('Статус', { exact: true }).selectOption('');
    await page.getByLabel('Ваш ID заказа (точно)').fill(one.externalOrderId);
    await page.getByRole('button', { name: 'Найти', exact: true }).click();
    await settledOrders(page, [one.id]);
    await expect(page.getByTestId('page-summary')).toHaveText('Страница 1 · 1 заказ на этой странице (последняя)');
    await expectOnlyRussian(page, 'orders page with one result');

    await page.getByLabel('Ваш ID заказа (точно)').fill('ORD-NO-SUCH');
    await page.getByRole('button', { name: 'Найти', exact: true }).click();
    await expect(page.getByTestId('orders-empty')).toContainText('Нет заказов по этим фильтрам');
    await expectOnlyRussian(page, 'orders page with no result');
  });

  test('order detail in Russian, then a dispute opened on it', async ({ page, sandbox, consoleErrors: _ }) => {
    await signInRu(page);
    const order = await undisputedOrder(sandbox);
    await page.goto(`/orders/${order.id}`);
    await expect(page.getByText('ID заказа в Lumo')).toBeVisible();
    await expect(page.getByTestId('order-status').locator('.badge')).toHaveText('Успешно');
    await expect(page.getByText(ruAmount(order.amountRub, 'RUB')).first()).toBeVisible();
    await expect(page.getByText(ruAmount(order.amountUsdt, 'USDT')).first()).toBeVisible();
    await expect(page.getByRole('form', { name: 'Открыть спор' })).toBeVisible();
    await expectOnlyRussian(page, 'order detail page');

    const reason = page.getByLabel('Причина');
    await reason.fill('  Клиент оплатил, но мерчант ничего не получил.  ');
    await expect(page.getByTestId('reason-counter')).toHaveText('45 / 2000');
    await page.getByRole('button', { name: 'Открыть спор' }).click();
    await expect(page.getByTestId('dispute-outcome')).toContainText('Спор открыт');
    const card = page.getByTestId('dispute-card');
    await expect(card).toHaveAttribute('data-order-id', order.id);
    await expect(card.locator('.badge').first()).toHaveText('Подан');
    await expect(card.getByTestId('dispute-reason')).toHaveText('Клиент оплатил, но мерчант ничего не получил.');
    await expect(page.getByTestId('order-status').locator('.badge')).toHaveText('Оспорен');
    await expect(page.getByRole('button', { name: 'Открыть спор' })).toHaveCount(0);
    await expectOnlyRussian(page, 'order detail page after opening a dispute');

    const { body: disputes } = await sandbox.apiGet('/disputes');
    expect(disputes[0].orderId).toBe(order.id);
    await page.getByRole('link', { name: 'Споры', exact: true }).first().click();
    await expect(page).toHaveURL(/\/disputes$/);
    await expect.poll(async () => (await cardIds(page))[0]).toBe(disputes[0].id);
    await expect(page.getByTestId('dispute-card').first().getByTestId('dispute-age')).toHaveText(/^открыт (только что|1 минуту)$/);

    // A fresh load of the order: the open dispute is said in Russian, with a day-first date.
    await page.goto(`/orders/${order.id}`);
    await expect(page.getByTestId('dispute-unavailable')).toContainText('У этого заказа уже есть открытый спор, поданный');
    await expect(page.getByTestId('dispute-unavailable')).toContainText(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
    await expectOnlyRussian(page, 'order detail page with an open dispute');
  });

  test('a pending order says in Russian why it cannot be disputed', async ({ page, sandbox, consoleErrors: _ }) => {
    await signInRu(page);
    const [created] = (await sandbox.apiGet('/orders?status=created&limit=1')).body;
    await page.goto(`/orders/${created.id}`);
    await expect(page.getByTestId('dispute-unavailable')).toHaveText(
      'Спор можно открыть, когда заказ завершён (успешно или с ошибкой). Этот заказ только что создан.',
    );
    await expect(page.getByTestId('order-status').locator('.badge')).toHaveText('Создан');
    await expectOnlyRussian(page, 'order detail page of a created order');
  });

  test('dispute history: Russian summary plurals, status chips, ages and a filter', async ({ page, sandbox, consoleErrors: _ }) => {
    await signInRu(page);
    const { body: all } = await sandbox.apiGet('/disputes');
    await page.goto('/disputes');
    await expect(page.getByRole('heading', { level: 1, name: 'Споры' })).toBeVisible();
    await expect.poll(() => cardIds(page)).toEqual(all.map((d: any) => d.id));
    const n = all.length;
    await expect(page.getByTestId('disputes-summary')).toHaveText(`${n} ${plural(n, 'спор', 'спора', 'споров')}, сначала новые`);

    const count = (s: string) => all.filter((d: any) => d.status === s).length;
    const strip = page.getByRole('group', { name: 'Споры по статусам (фильтр)' });
    for (const [label, status] of [['Подан', 'submitted'], ['На рассмотрении', 'in_review'], ['Решён', 'resolved'], ['Отклонён', 'rejected']]) {
      await expect(strip.getByRole('button', { name: new RegExp(label) })).toHaveText(`${count(status)}${label}`);
    }
    // Open disputes say for how long, with the Russian plural of their hours.
    for (const open of all.filter((d: any) => d.status === 'in_review')) {
      const age = page.locator(`[data-dispute-id="${open.id}"]`).getByTestId('dispute-age');
      const text = (await age.innerText()).trim();
      const m = /^открыт (\d+) (час|часа|часов|день|дня|дней|минуту|минуты|минут)$/.exec(text);
      expect(m, `dispute age "${text}"`).not.toBeNull();
      const k = Number(m![1]);
      const forms: Record<string, [string, string, string]> = {
        час: ['час', 'часа', 'часов'], часа: ['час', 'часа', 'часов'], часов: ['час', 'часа', 'часов'],
        день: ['день', 'дня', 'дней'], дня: ['день', 'дня', 'дней'], дней: ['день', 'дня', 'дней'],
        минуту: ['минуту', 'минуты', 'минут'], минуты: ['минуту', 'минуты', 'минут'], минут: ['минуту', 'минуты', 'минут'],
      };
      expect(m![2], `plural in "${text}"`).toBe(plural(k, ...forms[m![2]]));
    }
    // Resolved cards: timeline and the refund amount in Russian.
    const resolved = all.find((d: any) => d.status === 'resolved' && d.adminComment);
    const resolvedCard = page.locator(`[data-dispute-id="${resolved.id}"]`);
    await expect(resolvedCard.getByRole('list', { name: 'Ход спора' }).getByText(/^Решён: /)).toBeVisible();
    await expect(resolvedCard.getByRole('link', { name: /^Заказ / })).toHaveAttribute('href', `/orders/${resolved.orderId}`);
    await expectOnlyRussian(page, 'disputes page');

    await strip.getByRole('button', { name: /Решён/ }).click();
    await expect(page).toHaveURL(/\/disputes\?status=resolved$/);
    await expect.poll(() => cardIds(page)).toEqual(all.filter((d: any) => d.status === 'resolved').map((d: any) => d.id));
    await page.getByLabel('Решение').selectOption('partial_refund');
    const partial = all.filter((d: any) => d.status === 'resolved' && d.resolution === 'partial_refund');
    await expect.poll(() => cardIds(page)).toEqual(partial.map((d: any) => d.id));
    await expect(page.getByTestId('disputes-summary')).toHaveText(
      `${partial.length} из ${n} ${plural(n, 'спора', 'споров', 'споров')}, сначала новые`,
    );
    const first = page.getByTestId('dispute-card').first();
    await expect(first.getByTestId('dispute-resolution')).toContainText('Частичный возврат');
    if (partial[0].refundAmount !== undefined && partial[0].refundAmount !== null) {
      await expect(first.getByTestId('dispute-resolution')).toContainText(`возвращено ${ruAmount(partial[0].refundAmount, 'USDT')}`);
    }
    await expectOnlyRussian(page, 'disputes page filtered by partial refund');

    await page.getByLabel('ID заказа').fill('zzzz-no-such');
    await expect(page.getByTestId('disputes-empty')).toContainText('Нет споров, подходящих под эти фильтры');
    await expectOnlyRussian(page, 'disputes page with no match');
  });

  test('dispute insights: Russian periods, counts with plurals, decimal commas', async ({ page, sandbox, consoleErrors: _ }) => {
    await signInRu(page);
    await page.goto('/disputes/insights');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Аналитика споров');
    const root = page.getByTestId('insights-page');
    await expect(root).toHaveAttribute('data-complete', 'true', { timeout: 15_000 });
    await expect(page.getByLabel('Период')).toHaveValue('90');
    const options = await page.getByLabel('Период').locator('option').allInnerTexts();
    for (const text of options) {
      const m = /^(Последний|Последние) (\d+) (день|дня|дней)$/.exec(text.trim());
      expect(m, `period option "${text}"`).not.toBeNull();
      const days = Number(m![2]);
      expect(`${m![1]} ${m![3]}`, text).toBe(`${plural(days, 'Последний', 'Последние', 'Последние')} ${plural(days, 'день', 'дня', 'дней')}`);
    }
    await expect(page.getByTestId('rate-basis')).toContainText('завершённых заказов');

    // Each week bar: "Неделя с …: открыт 1 спор / открыто 2 спора / открыто 5 споров".
    const labels = await page.getByTestId('chart-opened').locator('rect[tabindex="0"]').evaluateAll((bars) =>
      bars.map((bar) => bar.getAttribute('aria-label') ?? ''));
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) {
      const m = /^Неделя с (.+): (открыт|открыто) (\d+) (спор|спора|споров)$/.exec(label);
      expect(m, `bar label "${label}"`).not.toBeNull();
      const k = Number(m![3]);
      expect(`${m![2]} ${m![4]}`, label).toBe(`${plural(k, 'открыт', 'открыто', 'открыто')} ${plural(k, 'спор', 'спора', 'споров')}`);
      expect(m![1], `week date in "${label}" is day-first`).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    }
    // The resolution-time buckets: "Менее 1 дня: 3 спора".
    const bucketLabels = await page.getByTestId('chart-resolution').locator('rect[tabindex="0"]').evaluateAll((bars) =>
      bars.map((bar) => bar.getAttribute('aria-label') ?? ''));
    for (const label of bucketLabels) {
      const m = /^(.+): (\d+) (спор|спора|споров)$/.exec(label);
      expect(m, `bucket label "${label}"`).not.toBeNull();
      expect(m![3], label).toBe(plural(Number(m![2]), 'спор', 'спора', 'споров'));
    }
    // Figures: decimal commas, never a decimal point.
    for (const id of ['stat-opened', 'stat-open', 'stat-rate', 'stat-median', 'stat-refunded']) {
      const value = (await page.getByTestId(id).getByTestId('stat-value').innerText()).trim();
      expect(value, `${id} "${value}"`).not.toMatch(/\d\.\d/);
    }
    expect(await page.getByTestId('stat-rate').getByTestId('stat-value').innerText()).toMatch(/^(\d+,\d[\u00a0 ]%|—)$/);
    expect(await page.getByTestId('stat-refunded').getByTestId('stat-value').innerText()).toMatch(/^[\d\u00a0]+,\d{2,6}\u00a0USDT$/);
    const outcomes = await page.getByTestId('outcome-table').locator('tbody tr').evaluateAll((rows) =>
      rows.map((row) => Array.from(row.querySelectorAll('th, td')).map((cell) => (cell.textContent ?? '').trim())));
    expect(outcomes.map((row) => row[0])).toEqual(expect.arrayContaining(['Возврат', 'Частичный возврат', 'Заказ подтверждён', 'Отклонён', 'Открыт']));
    for (const row of outcomes) expect(row[2], `share of ${row[0]}`).toMatch(/^(\d+,\d[\u00a0 ]%|—)$/);
    await expectOnlyRussian(page, 'insights page');

    await page.getByLabel('Период').selectOption('30');
    await expect(page).toHaveURL(/\/disputes\/insights\?days=30$/);
    await expect(root).toHaveAttribute('data-complete', 'true', { timeout: 15_000 });
    await expectOnlyRussian(page, 'insights page for 30 days');
  });

  test('the wallet page in Russian', async ({ page, sandbox, consoleErrors: _ }) => {
    await signInRu(page);
    const { body: wallet } = await sandbox.apiGet('/wallets/balance');
    await page.getByRole('link', { name: 'Кошелёк', exact: true }).click();
    await expect(page).toHaveURL(/\/wallet$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Кошелёк компании' })).toBeVisible();
    await expect(page.getByTestId('deposit-address')).toHaveText(wallet.address);
    await expect(page.getByText(/Сеть: TRON/).first()).toBeVisible();
    await expect(page.getByRole('img', { name: /QR-код адреса для депозита компании/ })).toBeVisible();
    await expect(page.getByTestId('balance-usdt')).toHaveText(ruAmount(wallet.usdtBalance, 'USDT'));
    await expect(page.getByTestId('balance-trx')).toHaveText(ruAmount(wallet.trxBalance, 'TRX'));
    await expect(page.getByTestId('balance-frozen')).toHaveText(ruAmount(wallet.frozenBalance, 'USDT'));
    await expect(page.getByTestId('balance-available')).toHaveText(ruAmount(wallet.availableBalance, 'USDT'));

    const { body: deposits } = await sandbox.apiGet('/wallets/deposits?limit=20&offset=0');
    const rows = page.getByTestId('deposit-row');
    await expect(rows).toHaveCount(deposits.length);
    for (const index of [0, deposits.length - 1]) {
      await expect(rows.nth(index).getByTestId('deposit-amount')).toContainText(ruAmount(deposits[index].amount, deposits[index].currency).split(NBSP + deposits[index].currency)[0]);
    }
    await expect(page.getByTestId('deposits-table')).toContainText('Ожидает');
    await expect(page.getByTestId('deposits-table')).toContainText('Подтверждён');
    for (const time of await page.getByTestId('deposits-table').locator('tbody time').allInnerTexts()) {
      expect(time).toMatch(DAY_FIRST);
    }
    await expectOnlyRussian(page, 'wallet page');
  });

  test('new order up to a quote in Russian', async ({ page, consoleErrors: _ }) => {
    await signInRu(page);
    await page.getByRole('link', { name: 'Новый заказ' }).first().click();
    await expect(page).toHaveURL(/\/orders\/new$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Новый заказ' })).toBeVisible();
    await expectOnlyRussian(page, 'new order page');
    await page.getByLabel('Ссылка на оплату из QR-кода').fill(QR_AFFORDABLE);
    await expect(page.getByTestId('qr-preview')).toContainText(`5${NBSP}000,00${NBSP}₽`);
    await page.getByLabel('Ваш ID заказа').fill('RU-E2E-1');
    await page.getByRole('button', { name: 'Получить котировку' }).click();
    await expect(page.getByTestId('quote')).toBeVisible();
    await expect(page.getByTestId('quote-merchant')).toHaveText('OOO Romashka');
    await expect(page.getByTestId('quote-rub')).toHaveText(`5${NBSP}000,00${NBSP}₽`);
    await expect(page.getByTestId('quote-usdt')).toHaveText(/^[\d\u00a0]+,\d{2,6}\u00a0USDT$/);
    await expect(page.getByTestId('quote-rate')).toContainText(/\d,\d{2,6}\u00a0₽\/USDT/);
    await expect(page.getByTestId('quote-balance')).toContainText('Хватает');
    await expect(page.getByTestId('accept-quote')).toHaveText(/^Принять и оплатить [\d\u00a0]+,\d{2,6}\u00a0USDT$/);
    await expectOnlyRussian(page, 'new order page with a quote');
  });

  test('profile and user wallets in Russian', async ({ page, consoleErrors: _ }) => {
    await signInRu(page);
    await page.goto('/profile');
    await expect(page.getByRole('heading', { level: 1, name: 'Профиль' })).toBeVisible();
    await expect(page.getByText('Demo Company').first()).toBeVisible();
    await expectOnlyRussian(page, 'profile page');
    await page.goto('/user-wallets');
    await expect(page.getByRole('heading', { level: 1, name: 'Кошельки пользователей' })).toBeVisible();
    await expect(page.locator('tbody tr').first()).toBeVisible();
    await expect(page.getByTestId('page-summary')).toHaveText(/^Страница 1 · \d+ (кошелёк|кошелька|кошельков) на этой странице/);
    const summary = await page.getByTestId('page-summary').innerText();
    const k = Number(/· (\d+) /.exec(summary)![1]);
    expect(summary).toContain(`${k} ${plural(k, 'кошелёк', 'кошелька', 'кошельков')}`);
    await expectOnlyRussian(page, 'user wallets page');
  });
});

// ---------------------------------------------------------------- English: no Cyrillic

test.describe('English pages', () => {
  test.use({ locale: 'en-US' });

  test('the same pages hold no Cyrillic', async ({ page, sandbox, consoleErrors: _ }) => {
    test.setTimeout(60_000);
    await page.goto('/login');
    await expect(page.getByLabel('Language')).toHaveValue('en');
    await expectNoCyrillic(page, 'sign-in page');
    await page.getByRole('tab', { name: /e-mail and password/i }).click();
    await expectNoCyrillic(page, 'sign-in page (e-mail and password)');
    await page.getByRole('tab', { name: /api key/i }).click();
    await page.getByLabel('Company API key').fill(DEMO.apiKey);
    await page.getByRole('button', { name: /sign in with api key/i }).click();
    await expect(page).toHaveURL(/\/orders/);
    await settledOrders(page, (await sandbox.apiGet('/orders?limit=20&offset=0')).body.map((o: any) => o.id));
    await expectNoCyrillic(page, 'orders page');
    await page.getByLabel('Status', { exact: true }).selectOption('success');
    await settledOrders(page, (await sandbox.apiGet('/orders?status=success&limit=20&offset=0')).body.map((o: any) => o.id));
    await expectNoCyrillic(page, 'orders page filtered by success');

    const order = await undisputedOrder(sandbox);
    await page.goto(`/orders/${order.id}`);
    await expect(page.getByText('Lumo order id')).toBeVisible();
    await expectNoCyrillic(page, 'order detail page');
    await page.getByLabel('Reason').fill('The customer paid but the merchant saw nothing.');
    await page.getByRole('button', { name: 'Open dispute' }).click();
    await expect(page.getByTestId('dispute-outcome')).toContainText('Dispute filed');
    await expectNoCyrillic(page, 'order detail page after opening a dispute');

    await page.goto('/disputes');
    await expect(page.getByTestId('dispute-card').first()).toBeVisible();
    await expectNoCyrillic(page, 'disputes page');
    await page.goto('/disputes/insights');
    await expect(page.getByTestId('insights-page')).toHaveAttribute('data-complete', 'true', { timeout: 15_000 });
    await expectNoCyrillic(page, 'insights page');
    await page.goto('/wallet');
    await expect(page.getByRole('heading', { level: 1, name: 'Company wallet' })).toBeVisible();
    await expect(page.getByTestId('deposit-row').first()).toBeVisible();
    await expectNoCyrillic(page, 'wallet page');
    await page.goto('/orders/new');
    await page.getByLabel('Payment link from the QR code').fill(QR_AFFORDABLE);
    await page.getByRole('button', { name: 'Get a quote' }).click();
    await expect(page.getByTestId('quote')).toBeVisible();
    await expectNoCyrillic(page, 'new order page with a quote');
    await page.goto('/profile');
    await expect(page.getByText('demo@lumo.test').first()).toBeVisible();
    await expectNoCyrillic(page, 'profile page');
    await page.goto('/user-wallets');
    await expect(page.getByRole('heading', { level: 1, name: 'User wallets' })).toBeVisible();
    await expect(page.locator('tbody tr').first()).toBeVisible();
    await expectNoCyrillic(page, 'user wallets page');
  });
});

// ---------------------------------------------------------------- Russian layout: nothing clipped

type Offender = { page: string; width: number; kind: string; element: string; text: string; scrollWidth: number; clientWidth: number };

/** Text that does not fit: page-wide horizontal overflow, and clipping elements whose content is wider than they are. */
async function clippedText(page: Page, where: string, width: number): Promise<Offender[]> {
  const found = await page.evaluate(() => {
    const out: { kind: string; element: string; text: string; scrollWidth: number; clientWidth: number }[] = [];
    const describe = (el: Element) => {
      const cls = (el.getAttribute('class') ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 3).map((c) => `.${c}`).join('');
      const testid = el.getAttribute('data-testid');
      return `${el.tagName.toLowerCase()}${cls}${testid ? `[data-testid=${testid}]` : ''}`;
    };
    const text = (el: Element) => ((el as HTMLElement).innerText ?? el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 100);
    const inScroller = (el: Element) => {
      for (let up = el.parentElement; up && up !== document.documentElement; up = up.parentElement) {
        const ox = getComputedStyle(up).overflowX;
        if (ox === 'auto' || ox === 'scroll') return true;
      }
      return false;
    };
    const visuallyHidden = (el: HTMLElement, cs: CSSStyleDeclaration) =>
      (el.clientWidth <= 1 && el.clientHeight <= 1) ||
      (cs.position === 'absolute' && (cs.clip !== 'auto' && cs.clip !== '' || (cs.clipPath !== 'none' && cs.clipPath !== '')));

    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth) {
      // Name what sticks out past the viewport (outside any scroll container).
      const wide = Array.from(document.body.querySelectorAll('*')).filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > window.innerWidth + 1 && !inScroller(el);
      });
      const leaves = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
      out.push({
        kind: 'page-wide horizontal overflow',
        element: leaves.slice(0, 5).map(describe).join(', ') || 'html',
        text: leaves.slice(0, 5).map(text).join(' | '),
        scrollWidth: doc.scrollWidth,
        clientWidth: window.innerWidth,
      });
    }
    const NOWRAP_TAGS = new Set(['BUTTON', 'LABEL', 'TH', 'TD', 'A', 'SPAN']);
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      if (el.getClientRects().length === 0) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || cs.display === 'contents') continue;
      if (!text(el)) continue;
      const clipsOverflow = ['hidden', 'clip'].includes(cs.overflowX);
      const ellipsis = cs.textOverflow === 'ellipsis';
      const nowrap = NOWRAP_TAGS.has(el.tagName) && (cs.whiteSpace === 'nowrap' || cs.whiteSpace === 'pre' || (cs as any).textWrapMode === 'nowrap');
      if (!clipsOverflow && !ellipsis && !nowrap) continue;
      if (visuallyHidden(el, cs)) continue;
      if (inScroller(el)) continue;
      if (el.scrollWidth > el.clientWidth + 1) {
        out.push({
          kind: [clipsOverflow && `overflow-x ${cs.overflowX}`, ellipsis && 'text-overflow ellipsis', nowrap && 'white-space nowrap'].filter(Boolean).join(', '),
          element: describe(el),
          text: text(el),
          scrollWidth: el.scrollWidth,
          clientWidth: el.clientWidth,
        });
      }
    }
    return out;
  });
  return found.map((o) => ({ page: where, width, ...o }));
}

test.describe('Russian layout', () => {
  test.use({ locale: 'ru-RU', timezoneId: 'Europe/Moscow' });

  for (const width of [390, 1440]) {
    test(`at ${width} px the Russian pages show no clipped or overflowing text`, async ({ page, sandbox, consoleErrors: _ }) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width, height: 900 });
      const offenders: Offender[] = [];
      const check = async (where: string) => {
        await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
        // Let fonts and layout settle before measuring.
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        offenders.push(...(await clippedText(page, where, width)));
      };

      await page.goto('/login');
      await expect(page.getByRole('button', { name: 'Войти с ключом API' })).toBeVisible();
      await check('sign-in (API key)');
      await page.getByRole('tab', { name: 'Эл. почта и пароль' }).click();
      await expect(page.getByRole('button', { name: 'Войти и выпустить новый ключ' })).toBeVisible();
      await check('sign-in (e-mail and password)');
      await page.getByRole('tab', { name: 'Ключ API' }).click();
      await page.getByLabel('Ключ API компании').fill(DEMO.apiKey);
      await page.getByRole('button', { name: 'Войти с ключом API' }).click();
      await expect(page).toHaveURL(/\/orders/);

      await settledOrders(page, (await sandbox.apiGet('/orders?limit=20&offset=0')).body.map((o: any) => o.id));
      await check('orders');

      const order = await undisputedOrder(sandbox);
      await page.goto(`/orders/${order.id}`);
      await expect(page.getByRole('button', { name: 'Открыть спор' })).toBeVisible();
      await check('order detail');

      const { body: disputes } = await sandbox.apiGet('/disputes');
      await page.goto('/disputes');
      await expect.poll(() => cardIds(page)).toEqual(disputes.map((d: any) => d.id));
      await check('disputes');

      await page.goto('/disputes/insights');
      await expect(page.getByTestId('insights-page')).toHaveAttribute('data-complete', 'true', { timeout: 15_000 });
      await check('insights');

      await page.goto('/wallet');
      await expect(page.getByRole('heading', { level: 1, name: 'Кошелёк компании' })).toBeVisible();
      await expect(page.getByTestId('deposit-row').first()).toBeVisible();
      await expect(page.getByTestId('balance-usdt')).toBeVisible();
      await check('wallet');

      await page.goto('/orders/new');
      await page.getByLabel('Ссылка на оплату из QR-кода').fill(QR_AFFORDABLE);
      await page.getByRole('button', { name: 'Получить котировку' }).click();
      await expect(page.getByTestId('quote')).toBeVisible();
      await check('new order with a quote');

      await page.goto('/profile');
      await expect(page.getByText('demo@lumo.test').first()).toBeVisible();
      await check('profile');

      await page.goto('/user-wallets');
      await expect(page.getByRole('heading', { level: 1, name: 'Кошельки пользователей' })).toBeVisible();
      await expect(page.locator('tbody tr').first()).toBeVisible();
      await check('user wallets');

      const report = offenders.map((o) => `${o.page} @${o.width}px: ${o.kind} on ${o.element} "${o.text}" (scrollWidth ${o.scrollWidth} > clientWidth ${o.clientWidth})`);
      expect(report, `clipped or overflowing text on Russian pages at ${width} px:\n${report.join('\n')}`).toEqual([]);
    });
  }
});
