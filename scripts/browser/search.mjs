// Search, as a reader meets it (issue 6): the built site is mounted under a
// subpath on a local static server, and for each language a query is typed
// into the search page's box in headless Chromium. The expected page must
// be among the results (reached with the "show more" button if need be),
// every result must be in the reader's language and under the subpath, and
// inflected forms must find the same page.
//
// Usage: node scripts/browser/search.mjs --site public

import { chromium } from 'playwright-core';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM, CHROME_FLAGS, freshProfile, serve, arg } from './lib.mjs';

const site = arg('site', 'public');
const SUB = 'some/sub/path/';
const CASES = [
  { lang: 'en', query: 'Ascend', expect: 'en/chips/' },
  { lang: 'en', query: 'export controls', expect: 'en/export-policy/' },
  { lang: 'tr', query: 'çip', expect: 'tr/chips/' },
  { lang: 'tr', query: 'çiplerinin', expect: 'tr/chips/' },
  { lang: 'el', query: 'εκπαίδευση', expect: 'el/chips/' },
  { lang: 'ru', query: 'ускорители', expect: 'ru/export-policy/' },
  { lang: 'ru', query: 'ускорителям', expect: 'ru/export-policy/' },
  { lang: 'zh', query: '芯片', expect: 'zh/chips/' },
];

const mount = path.resolve('tmp/search-mount');
rmSync(mount, { recursive: true, force: true });
mkdirSync(path.join(mount, SUB), { recursive: true });
cpSync(site, path.join(mount, SUB), { recursive: true });

const server = await serve(mount);
const profile = freshProfile();
const browser = await chromium.launchPersistentContext(profile.dir, {
  executablePath: CHROMIUM,
  args: CHROME_FLAGS,
  headless: true,
});
let failures = 0;
try {
  const page = await browser.newPage();
  for (const c of CASES) {
    const url = `${server.url}${SUB}${c.lang}/search/`;
    await page.goto(url);
    await page.fill('#search-query', c.query);
    const want = `/${SUB}${c.expect}`;
    const links = () => page.$$eval('#search-results li > a', (as) => as.map((a) => new URL(a.href).pathname));
    let hrefs = [];
    let pages = 0;
    try {
      await page.waitForSelector('#search-results li a', { timeout: 15000 });
      hrefs = await links();
      // Results come ten at a time: "show more" until the page is found or
      // every result is on the page (each of them must be reachable).
      while (!hrefs.includes(want) && (await page.isVisible('#search-more'))) {
        await page.click('#search-more');
        await page.waitForFunction((n) => document.querySelectorAll('#search-results li').length > n, hrefs.length, { timeout: 15000 });
        hrefs = await links();
        pages++;
      }
    } catch {
      hrefs = hrefs.length ? hrefs : [];
    }
    const foreign = hrefs.filter((h) => !h.startsWith(`/${SUB}${c.lang}/`));
    const rank = hrefs.indexOf(want) + 1;
    const ok = rank > 0 && foreign.length === 0;
    if (!ok) failures++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${c.lang} "${c.query}": ${hrefs.length} result(s) shown after ${pages} "show more"` +
      (rank ? `, ${c.expect} found at ${rank}` : `, ${c.expect} MISSING`) +
      (foreign.length ? `, results outside /${SUB}${c.lang}/: ${foreign.join(' ')}` : ''));
  }
  // The header's link becomes a search box when JavaScript runs.
  await page.goto(`${server.url}${SUB}en/chips/`);
  const box = await page.$('form.search-box input[type=search]');
  console.log(`${box ? 'ok  ' : 'FAIL'} the header's search link becomes a search box`);
  if (!box) failures++;
} finally {
  await browser.close();
  await server.close();
  profile.cleanup();
  rmSync(mount, { recursive: true, force: true });
}
console.log(`search: ${CASES.length + 1 - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
