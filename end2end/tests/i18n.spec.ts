// English and Russian (src/i18n.rs, i18n/): the first visit follows the browser, the "Language"
// select switches in place and is remembered, and each language's pages hold only its own words.
// Data (ids, names, codes, amounts' currency codes) is marked translate="no" and left out of the
// word checks; acronyms a Russian finance product writes in Latin letters are allowed.
import { test, expect } from '../fixtures';
import type { Browser, Page } from '@playwright/test';
import { expectNoCyrillic, expectOnlyRussian } from '../i18n-checks';

async function openInRussian(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'ru-RU', baseURL });
  return context.newPage();
}

test.describe('language', () => {
  test('a ru-RU browser gets Russian on first visit, an en-US one English', async ({ page, browser, sandbox, consoleErrors: _ }) => {
    await page.goto('/login');
    await expect(page.getByLabel('Language')).toHaveValue('en');
    await expectNoCyrillic(page, 'sign-in page');

    const russian = await openInRussian(browser, sandbox.portal);
    await russian.goto('/login');
    await expect(russian.getByLabel('Язык')).toHaveValue('ru');
    await expectOnlyRussian(russian, 'sign-in page');
    await russian.context().close();
  });

  test('switching keeps what was typed, follows at once everywhere, and survives a reload', async ({ page, consoleErrors: _ }) => {
    await page.goto('/login');
    await page.getByRole('tab', { name: /api key/i }).click();
    await page.getByLabel('Company API key').fill('lb2b_typed_before_switching');
    await page.getByLabel('Language').selectOption('ru');
    await expect(page.getByLabel('Язык')).toHaveValue('ru');
    await expect(page.locator('input[type="password"], input[autocomplete="off"]').first()).toHaveValue(/lb2b_typed_before_switching/);
    await expectOnlyRussian(page, 'sign-in page after switching');
    await expect(page).toHaveTitle(/Портал Lumo$/);

    await page.reload();
    await expect(page.getByLabel('Язык')).toHaveValue('ru');
    await expectOnlyRussian(page, 'sign-in page after a reload');

    // The choice wins over the browser's language, both ways.
    await page.getByLabel('Язык').selectOption('en');
    await expect(page.getByLabel('Language')).toHaveValue('en');
    await page.reload();
    await expectNoCyrillic(page, 'sign-in page back in English');
  });

  test('a Russian catalog that cannot be fetched keeps English and says so', async ({ page, consoleErrors: _ }) => {
    await page.route(/\/catalog-ru\.txt/, (route) => route.abort('internetdisconnected'));
    await page.goto('/login');
    await page.getByLabel('Language').selectOption('ru');
    await expect(page.getByRole('alert').filter({ hasText: 'Russian could not be loaded' })).toBeVisible();
    await expect(page.getByLabel('Language')).toHaveValue('en');
    await expectNoCyrillic(page, 'sign-in page after a failed switch');

    await page.unroute(/\/catalog-ru\.txt/);
    await page.getByLabel('Language').selectOption('ru');
    await expect(page.getByLabel('Язык')).toHaveValue('ru');
  });
});
