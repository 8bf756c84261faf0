// End-to-end tests of the search page served by gazette-server, in headless Chromium.
// Each test acts as a reader would (typing, clicking, keys) and checks what the page shows.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  buildIndex, startServer, launchBrowser, withPage, open, settled, hits, total, searchParams,
  screenshot, PHONE,
} from './support.mjs';

let index;
let server;
let browser;
let base;

// Each test's limit; the run as a whole is bounded by run.sh.
const TEST_TIMEOUT_MS = 30000;

before(async () => {
  index = await buildIndex();
  [server, browser] = await Promise.all([startServer(index.db), launchBrowser()]);
  base = server.url;
}, { timeout: 60000 });

after(async () => {
  await browser?.close();
  await server?.stop();
  await index?.remove();
});

const FAILED_LOAD = /Failed to load resource/;

// Types a query into the search box and presses Enter, as a reader would.
async function searchFor(page, text) {
  await page.locator('#q').fill('');
  await page.locator('#q').pressSequentially(text);
  await page.locator('#q').press('Enter');
  await settled(page, (q) => new URLSearchParams(location.search).get('q') === q, text);
}

const isDescending = (days) => days.every((d, i) => i === 0 || days[i - 1] >= d);
const isAscending = (days) => days.every((d, i) => i === 0 || days[i - 1] <= d);

describe('search page', () => {
  test('an empty query lists the newest articles, and the page is well formed', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, {}, async (page) => {
      await open(page, base);
      assert.match(await page.locator('#summary').innerText(), /results, newest first/);
      // Without words there is no relevance: the order control says what the list is.
      assert.equal(await page.getByLabel('Order').inputValue(), 'newest');
      const shown = await hits(page);
      assert.equal(shown.length, 10);
      assert.ok(isDescending(shown.map((h) => h.day)), 'newest first');
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      assert.equal(await page.locator('header, main, aside, nav[aria-label="Result pages"]').count(), 4);
      assert.equal(await page.locator('label[for="q"]').count(), 1);
    });
  });

  test('typing a query and pressing Enter shows ranked, highlighted results', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, {}, async (page) => {
      await open(page, base);
      await searchFor(page, 'tessaly bridge');
      assert.match(await page.locator('#summary').innerText(), /\d+ results? for “tessaly bridge”/);
      const shown = await hits(page);
      assert.ok(shown.length > 0);
      assert.match(shown[0].title, /Tessaly/);
      assert.ok(await page.locator('#hits mark').count() > 0, 'matched words are marked');
      assert.equal(await page.locator('#hits .hit-title a[href^="https://"]').count(), shown.length, 'titles link to the articles');
      assert.equal(await page.title(), 'tessaly bridge – Gazette search');
    });
  });

  test('text from the index is shown as text, the snippet markup only as <mark>', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, {}, async (page) => {
      await open(page, base, '/?q=verilog');
      const [hit] = await hits(page);
      assert.equal(hit.title, 'Port Calder chipmaker Qubitfield doubles R&D budget, hires 300');
      assert.match(hit.snippet, /A Q&A session/);
      assert.match(hit.snippet, /“experience with <verilog> & friends”/);
      assert.equal(await page.locator('#hits verilog').count(), 0);
      assert.equal(await page.locator('#hits .hit-snippet mark').innerText(), 'verilog');
    });
  });

  test('an article without a URL links to its stored copy', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, {}, async (page) => {
      await open(page, base, '/?q=conjoined+twins');
      const [hit] = await hits(page);
      assert.equal(hit.href, '/articles/000_f1d144996bf222f8');
    });
  });

  test('completions appear while typing and are chosen with the keyboard', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, {}, async (page) => {
      await open(page, base);
      const box = page.locator('#q');
      const list = page.getByRole('listbox', { name: 'Suggestions' });

      await box.pressSequentially('vac');
      await list.getByRole('option', { name: /vaccine/ }).waitFor();
      await box.press('Escape');
      await list.waitFor({ state: 'hidden' });
      assert.equal(await box.inputValue(), 'vac', 'Escape closes the list and keeps the text');
      assert.equal(await box.getAttribute('aria-expanded'), 'false');

      // One input event, so no list for a shorter prefix can show up first.
      await box.fill('tessaly br');
      const first = list.getByRole('option').first();
      await first.waitFor();
      assert.equal(await box.getAttribute('aria-expanded'), 'true');
      assert.equal(await first.locator('.suggestion-text').innerText(), 'tessaly bridge');
      await box.press('ArrowDown');
      assert.equal(await first.getAttribute('aria-selected'), 'true');
      assert.equal(await box.getAttribute('aria-activedescendant'), await first.getAttribute('id'));
      await box.press('Enter');
      await settled(page, () => new URLSearchParams(location.search).get('q') === 'tessaly bridge');
      assert.equal(await box.inputValue(), 'tessaly bridge');
      await list.waitFor({ state: 'hidden' });
      assert.match(await page.locator('#summary').innerText(), /for “tessaly bridge”/);
    });
  });

  test('a source facet filters the results, several sources mean any of them, a second click removes it', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, {}, async (page) => {
      await open(page, base);
      const all = await total(page);
      const sources = page.getByRole('region', { name: 'Sources' });
      const wire = sources.getByRole('button', { name: /^Gazette Wire/ });
      const harbor = sources.getByRole('button', { name: /^Harbor Daily/ });
      assert.equal(await wire.getAttribute('aria-pressed'), 'false');

      await wire.click();
      await settled(page, () => new URLSearchParams(location.search).getAll('source').join() === 'Gazette Wire');
      const wireOnly = await total(page);
      assert.ok(wireOnly < all, `${wireOnly} < ${all}`);
      assert.ok((await hits(page)).every((h) => h.source === 'Gazette Wire'));
      assert.equal(await wire.getAttribute('aria-pressed'), 'true');
      await page.getByRole('button', { name: 'Remove filter Source: Gazette Wire' }).waitFor();

      await harbor.click();
      await settled(page, () => new URLSearchParams(location.search).getAll('source').length === 2);
      const either = await total(page);
      assert.ok(either > wireOnly, 'a second source adds its articles');
      assert.ok((await hits(page)).every((h) => ['Gazette Wire', 'Harbor Daily'].includes(h.source)));
      await screenshot(page, 'desktop-facets');

      await wire.click();
      await settled(page, () => new URLSearchParams(location.search).getAll('source').join() === 'Harbor Daily');
      assert.ok((await hits(page)).every((h) => h.source === 'Harbor Daily'));
      assert.equal(await wire.getAttribute('aria-pressed'), 'false');

      await page.getByRole('button', { name: 'Clear all' }).click();
      await settled(page, () => !location.search.includes('source='));
      assert.equal(await total(page), all);
      assert.equal(await page.locator('#active-filters').isVisible(), false);
    });
  });

  test('from/to dates narrow the results to that range', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, {}, async (page) => {
      await open(page, base);
      const all = await total(page);
      await page.getByLabel('From', { exact: true }).fill('2021-01-01');
      await page.getByLabel('To', { exact: true }).fill('2021-06-30');
      await page.getByRole('button', { name: 'Apply dates' }).click();
      await settled(page, () => location.search.includes('from=2021-01-01') && location.search.includes('to=2021-06-30'));
      const n = await total(page);
      assert.ok(n > 0 && n < all);
      const days = (await hits(page)).map((h) => h.day);
      assert.ok(days.every((d) => d >= '2021-01-01' && d <= '2021-06-30'), days.join());
      await page.getByRole('button', { name: 'Remove filter From 1 Jan 2021' }).waitFor();
      await page.getByRole('button', { name: 'Remove filter To 30 Jun 2021' }).waitFor();

      // A reversed range is refused on the page, before asking the server.
      await page.getByLabel('From', { exact: true }).fill('2022-01-01');
      await page.getByRole('button', { name: 'Apply dates' }).click();
      await page.getByText('The “From” date is after the “To” date.').waitFor();
      assert.equal(searchParams(page).get('from'), '2021-01-01');
    });
  });

  test('a histogram bar sets that year, and dragging across month bars sets a range', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, {}, async (page) => {
      await open(page, base);
      const chart = page.getByRole('group', { name: 'Articles by year' });
      await chart.getByRole('button', { name: /^2023: \d+ articles$/ }).click();
      await settled(page, () => location.search.includes('from=2023-01-01') && location.search.includes('to=2023-12-31'));
      let days = (await hits(page)).map((h) => h.day);
      assert.ok(days.length > 0 && days.every((d) => d.startsWith('2023-')), days.join());
      assert.equal(await page.getByLabel('From', { exact: true }).inputValue(), '2023-01-01');

      // Within one year the chart is by month; drag from March to July.
      const months = page.getByRole('group', { name: 'Articles by month' });
      const march = await months.getByRole('button', { name: /^Mar 2023:/ }).boundingBox();
      const july = await months.getByRole('button', { name: /^Jul 2023:/ }).boundingBox();
      await page.mouse.move(march.x + march.width / 2, march.y + march.height - 5);
      await page.mouse.down();
      await page.mouse.move(march.x + march.width * 2, march.y + march.height - 5, { steps: 3 });
      await page.mouse.move(july.x + july.width / 2, july.y + july.height - 5, { steps: 5 });
      await page.getByText('Mar 2023 – Jul 2023').waitFor();
      await page.mouse.up();
      await settled(page, () => location.search.includes('from=2023-03-01') && location.search.includes('to=2023-07-31'));
      days = (await hits(page)).map((h) => h.day);
      assert.ok(days.length > 0 && days.every((d) => d >= '2023-03-01' && d <= '2023-07-31'), days.join());
    });
  });

  test('the order can be newest first or oldest first', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, {}, async (page) => {
      await open(page, base, '/?q=heatwave');
      const order = page.getByLabel('Order');
      await order.selectOption('newest');
      await settled(page, () => new URLSearchParams(location.search).get('sort') === 'newest');
      const newest = (await hits(page)).map((h) => h.day);
      assert.ok(newest.length > 2 && isDescending(newest), newest.join());
      assert.equal(await page.getByLabel('Favour recent').isDisabled(), true);

      await order.selectOption('oldest');
      await settled(page, () => new URLSearchParams(location.search).get('sort') === 'oldest');
      const oldest = (await hits(page)).map((h) => h.day);
      assert.ok(isAscending(oldest), oldest.join());
      assert.equal(oldest[0], newest[newest.length - 1]);

      await order.selectOption('relevance');
      await settled(page, () => !location.search.includes('sort='));
      await page.getByLabel('Favour recent').check();
      await settled(page, () => new URLSearchParams(location.search).get('fresh') === '30d');
      assert.ok((await hits(page)).length > 0);
    });
  });

  test('page 2 shows other hits and is in the URL', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, {}, async (page) => {
      await open(page, base);
      const first = (await hits(page)).map((h) => h.title);
      const pager = page.getByRole('navigation', { name: 'Result pages' });
      await pager.getByRole('link', { name: 'Page 2' }).click();
      await settled(page, () => new URLSearchParams(location.search).get('page') === '2');
      const second = (await hits(page)).map((h) => h.title);
      assert.equal(second.length, 10);
      assert.ok(second.every((t) => !first.includes(t)), 'no hit repeats');
      assert.equal(await pager.getByRole('link', { name: 'Page 2' }).getAttribute('aria-current'), 'page');
      assert.match(await page.locator('#summary').innerText(), /page 2 of \d+/);

      await pager.getByRole('link', { name: /Next/ }).click();
      await settled(page, () => new URLSearchParams(location.search).get('page') === '3');
      await pager.getByRole('link', { name: /Previous/ }).click();
      await settled(page, () => new URLSearchParams(location.search).get('page') === '2');
      assert.deepEqual((await hits(page)).map((h) => h.title), second);
    });
  });

  test('Back and Forward restore the earlier search and its results', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, {}, async (page) => {
      await open(page, base);
      await searchFor(page, 'vaccine');
      const vaccine = (await hits(page)).map((h) => h.title);
      await searchFor(page, 'marathon');
      const marathon = (await hits(page)).map((h) => h.title);
      assert.notDeepEqual(vaccine, marathon);

      await page.goBack();
      await settled(page, () => document.querySelector('#summary').textContent.includes('“vaccine”'));
      assert.equal(await page.locator('#q').inputValue(), 'vaccine');
      assert.deepEqual((await hits(page)).map((h) => h.title), vaccine);

      await page.goForward();
      await settled(page, () => document.querySelector('#summary').textContent.includes('“marathon”'));
      assert.equal(await page.locator('#q').inputValue(), 'marathon');
      assert.deepEqual((await hits(page)).map((h) => h.title), marathon);
    });
  });

  test('a shared URL with filters, order and page runs that search', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, {}, async (page) => {
      await open(page, base, '/?tag=economy&sort=oldest&from=2019&to=2023&page=2');
      assert.equal(await page.getByRole('region', { name: 'Tags' }).getByRole('button', { name: /^economy/ }).getAttribute('aria-pressed'), 'true');
      assert.equal(await page.getByLabel('Order').inputValue(), 'oldest');
      assert.equal(await page.getByLabel('From', { exact: true }).inputValue(), '2019-01-01');
      assert.equal(await page.getByLabel('To', { exact: true }).inputValue(), '2023-12-31');
      const days = (await hits(page)).map((h) => h.day);
      assert.ok(days.length > 0 && isAscending(days) && days.every((d) => d >= '2019' && d < '2024'), days.join());
      assert.equal(await page.getByRole('navigation', { name: 'Result pages' }).getByRole('link', { name: 'Page 2' }).getAttribute('aria-current'), 'page');
    });
  });

  test('"did you mean" offers the right spelling and searches for it in one click', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, {}, async (page) => {
      await open(page, base);
      await searchFor(page, 'vacine');
      await page.getByText('No articles match “vacine”').waitFor();
      const link = page.getByRole('link', { name: 'vaccine', exact: true });
      await link.waitFor();
      assert.match(await page.locator('#notice').innerText(), /Did you mean vaccine\?/);
      await screenshot(page, 'desktop-did-you-mean');
      await link.click();
      await settled(page, () => new URLSearchParams(location.search).get('q') === 'vaccine');
      assert.ok(await total(page) > 0);
      assert.equal(await page.locator('#q').inputValue(), 'vaccine');
    });
  });

  test('collapsed copies of a story show as "more versions" and expand in place', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, {}, async (page) => {
      await open(page, base, '/?q=vaccine');
      const approval = page.locator('#hits > li').filter({ hasText: 'Regulator approves Corvane’s CV-214 vaccine' });
      assert.equal(await approval.count(), 1, 'the two copies are one hit');
      const more = approval.getByRole('button', { name: '1 more version' });
      assert.equal(await more.getAttribute('aria-expanded'), 'false');
      await more.click();
      const panel = approval.getByRole('region', { name: '1 more version' });
      await panel.getByRole('heading', { name: 'Other versions of this story' }).waitFor();
      const copy = panel.getByRole('listitem');
      assert.equal(await copy.count(), 1);
      assert.match(await copy.innerText(), /Regulator approves Corvane’s CV-214 vaccine[\s\S]*Gazette Wire · 27 May 2025/);
      assert.equal(await more.getAttribute('aria-expanded'), 'true');

      const related = approval.getByRole('button', { name: 'Related articles' });
      await related.click();
      const relatedPanel = approval.getByRole('region', { name: 'Related articles' });
      await relatedPanel.getByRole('link').first().waitFor();
      await screenshot(page, 'desktop-versions-related');

      await more.click();
      await panel.waitFor({ state: 'hidden' });
    });
  });

  test('related articles for a result', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, {}, async (page) => {
      await open(page, base, '/?q=tessaly+bridge+closure');
      const first = page.locator('#hits > li').first();
      const firstTitle = (await hits(page))[0].title;
      await first.getByRole('button', { name: 'Related articles' }).click();
      const panel = first.getByRole('region', { name: 'Related articles' });
      const links = panel.getByRole('link');
      await links.first().waitFor();
      const titles = await links.allInnerTexts();
      assert.ok(titles.length >= 1 && titles.length <= 5, titles.join(' | '));
      assert.ok(!titles.includes(firstTitle), 'the article itself is not related to itself');
      assert.ok(titles.some((t) => /Tessaly|bridge|Port Calder/i.test(t)), titles.join(' | '));
    });
  });

  test('a query the server cannot read gets a kind message', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, { allow: [FAILED_LOAD] }, async (page) => {
      await open(page, base);
      await searchFor(page, 'bridge AND');
      await page.getByText('Gazette could not read this query:').waitFor();
      assert.match(await page.locator('#notice').innerText(), /Gazette could not read this query: .*AND/);
      assert.equal((await hits(page)).length, 0);
      assert.match(await page.locator('#summary').innerText(), /could not read this query/);
    });
  });

  test('no results says so and suggests removing filters', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, {}, async (page) => {
      await open(page, base, '/?q=bridge&source=Prairie+Herald');
      await page.getByText('No articles match “bridge”').waitFor();
      assert.equal(await total(page), 0);
      await page.getByRole('link', { name: 'search without any filters' }).click();
      await settled(page, () => !location.search.includes('source='));
      assert.ok(await total(page) > 0);

      await searchFor(page, 'zzzqqq');
      await page.getByText('No articles match “zzzqqq”').waitFor();
      await page.getByText('Try other or fewer words, or check the spelling.').waitFor();
    });
  });

  test('a server that is down gets a message and a Retry button', { timeout: TEST_TIMEOUT_MS }, async () => {
    const index2 = await buildIndex();
    const doomed = await startServer(index2.db);
    try {
      await withPage(browser, { allow: [FAILED_LOAD] }, async (page) => {
        await open(page, doomed.url, '/?q=bridge');
        await doomed.stop();
        await page.locator('#q').fill('harbour');
        await page.locator('#q').press('Enter');
        await page.locator('#notice').getByText('The search server is not responding.').waitFor();
        await page.getByRole('button', { name: 'Retry' }).waitFor();
        assert.match(await page.locator('#summary').innerText(), /not responding/);
        await screenshot(page, 'desktop-server-down');
      });
    } finally {
      await doomed.stop();
      await index2.remove();
    }
  });

  test('an unavailable index (503) gets the retry message, and Retry searches again', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, { allow: [FAILED_LOAD] }, async (page) => {
      await open(page, base);
      // The real server answers 503 index_unavailable when its index cannot be opened.
      await page.route('**/search?*', (route) => route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'index_unavailable', message: 'the index cannot be read' } }),
      }));
      await searchFor(page, 'bridge');
      await page.getByText('The search index is not available right now.').waitFor();
      await page.unroute('**/search?*');
      await page.getByRole('button', { name: 'Retry' }).click();
      await settled(page, () => document.querySelector('#summary').textContent.includes('for “bridge”'));
      assert.ok((await hits(page)).length > 0);
    });
  });

  test('on a phone the filters are a collapsed panel that opens', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, { viewport: PHONE, isMobile: true }, async (page) => {
      await open(page, base, '/?q=heatwave');
      const toggle = page.getByRole('button', { name: /^Filters/ });
      const sources = page.getByRole('region', { name: 'Sources' });
      assert.equal(await toggle.isVisible(), true);
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      assert.equal(await sources.isVisible(), false);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
      await screenshot(page, 'phone-results');

      await toggle.click();
      await sources.waitFor();
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      await screenshot(page, 'phone-filters-open');
      await sources.getByRole('button', { name: /^Gazette Wire/ }).click();
      await settled(page, () => location.search.includes('source=Gazette+Wire'));
      assert.ok((await hits(page)).every((h) => h.source === 'Gazette Wire'));
      assert.equal((await toggle.textContent()).replace(/\s+/g, ' ').trim(), 'Filters (1)');
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
    });
  });

  test('keyboard alone: skip link, search box, Enter, results, facets', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, {}, async (page) => {
      await open(page, base);
      const focused = () => page.evaluate(() => {
        const e = document.activeElement;
        return { id: e.id, text: e.innerText?.trim() ?? '', inTitle: Boolean(e.closest('.hit-title')), key: e.dataset.focusKey ?? '' };
      });
      await page.keyboard.press('Tab');
      assert.equal((await focused()).text, 'Skip to results');
      await page.keyboard.press('Tab');
      assert.equal((await focused()).text, 'Gazette');
      await page.keyboard.press('Tab');
      assert.equal((await focused()).id, 'q');
      await page.keyboard.type('bridge');
      await page.keyboard.press('Enter');
      await settled(page, () => new URLSearchParams(location.search).get('q') === 'bridge');
      const firstTitle = (await hits(page))[0].title;

      // Every control on the way is reachable; the first result link comes after the filters.
      let stops = 0;
      while (!(await focused()).inTitle && stops < 80) {
        await page.keyboard.press('Tab');
        stops += 1;
      }
      const reached = await focused();
      assert.ok(reached.inTitle, 'Tab reaches the results');
      assert.equal(reached.text, firstTitle);

      // The skip link goes straight there.
      await page.locator('#q').focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      assert.equal((await focused()).text, 'Skip to results');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      assert.equal((await focused()).text, firstTitle);

      // Facets are toggle buttons: Space presses one.
      await page.getByRole('region', { name: 'Sources' }).getByRole('button', { name: /^Gazette Wire/ }).focus();
      await page.keyboard.press('Space');
      await settled(page, () => location.search.includes('source=Gazette+Wire'));
      const after = await focused();
      assert.equal(after.key, 'facet:source:Gazette Wire', 'focus stays on the facet after the search');

      // Histogram bars: one tab stop, arrows move, Enter chooses.
      await page.getByRole('group', { name: /Articles by/ }).getByRole('button').and(page.locator('[tabindex="0"]')).focus();
      await page.keyboard.press('End');
      const last = await focused();
      await page.keyboard.press('Enter');
      await settled(page, (key) => location.search.includes('from=') && key, last.key);
      assert.ok(searchParams(page).get('from'));
    });
  });

  test('screenshots of the main states', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, { allow: [FAILED_LOAD] }, async (page) => {
      await open(page, base, '/?q=bridge&tag=transport');
      await page.locator('#hits .hit-title').first().waitFor();
      await screenshot(page, 'desktop-results');
      await searchFor(page, 'vaccine AND');
      await page.getByText('Gazette could not read this query:').waitFor();
      await screenshot(page, 'desktop-bad-query');
    });
    await withPage(browser, { viewport: PHONE, isMobile: true }, async (page) => {
      await open(page, base, '/?q=vaccine');
      await screenshot(page, 'phone-vaccine');
    });
  });
});
