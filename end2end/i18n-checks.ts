// The word checks of the language specs (tests/i18n*.spec.ts): what a page shows in its
// language, less the data the API sent (marked translate="no" by the portal).
import { expect, type Page } from '@playwright/test';

/** Latin-letter words a Russian interface writes as they are (acronyms and names). */
export const LATIN_IN_RUSSIAN = new Set(['API', 'ID', 'URL', 'CSV', 'Excel', 'USDT', 'TRX', 'TRON', 'TRC', 'AML', 'QR', 'HTTP', 'HTTPS', 'Lumo', 'Telegram', 'UTC', 'JSON', 'NSPK']);

/**
 * The page's interface text: its text, the aria-label, title and placeholder attributes, and the
 * document title, less every `translate="no"` subtree (and, in the document title, less the
 * texts of those subtrees: an order's id in "Заказ ORD-1 · Портал Lumo").
 */
export async function interfaceText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const data = Array.from(document.querySelectorAll('[translate="no"]'))
      .map((el) => el.textContent?.trim() ?? '')
      .filter((text) => text.length > 1);
    const clone = document.body.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('[translate="no"], script, style, noscript, svg').forEach((el) => el.remove());
    // A space after every element, so adjacent elements' words are not read as one.
    clone.querySelectorAll('*').forEach((el) => el.after(' '));
    const attributes = Array.from(clone.querySelectorAll('[aria-label], [title], [placeholder]')).flatMap((el) =>
      ['aria-label', 'title', 'placeholder'].map((name) => el.getAttribute(name) ?? ''),
    );
    let title = document.title;
    for (const text of data) title = title.split(text).join(' ');
    return `${clone.textContent ?? ''}\n${attributes.join('\n')}\n${title}`;
  });
}

/** Latin words on the page that a Russian interface does not write as they are. */
export async function englishWords(page: Page): Promise<string[]> {
  // A hyphen or apostrophe ending the Latin part belongs to a Russian compound ("QR-кода").
  const words = (await interfaceText(page)).match(/[A-Za-z][A-Za-z'’-]*/g) ?? [];
  return words.map((word) => word.replace(/['’-]+$/, '')).filter((word) => !LATIN_IN_RUSSIAN.has(word));
}

export async function cyrillicWords(page: Page): Promise<string[]> {
  return (await interfaceText(page)).match(/[А-Яа-яЁё]+/g) ?? [];
}

/**
 * The page is in Russian and holds no English words. The verdict is soft (after a wait for the
 * page to settle): the test fails but goes on, so every page's findings are reported.
 */
export async function expectOnlyRussian(page: Page, where: string) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect.poll(() => englishWords(page), { timeout: 7_000 }).toEqual([]).catch(() => undefined);
  expect.soft(await englishWords(page), `English words on the Russian ${where}`).toEqual([]);
}

/** The page is in English and holds no Cyrillic (soft, as above). */
export async function expectNoCyrillic(page: Page, where: string) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect.poll(() => cyrillicWords(page), { timeout: 7_000 }).toEqual([]).catch(() => undefined);
  expect.soft(await cyrillicWords(page), `Cyrillic on the English ${where}`).toEqual([]);
}
