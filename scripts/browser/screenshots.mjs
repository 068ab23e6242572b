#!/usr/bin/env node
// Screenshots of the built site in Debian's Chromium: the home page, a claim
// page, the sources matrix and the timeline, 390 px (a phone) and 1280 px
// wide, in English and Chinese, in the light and the dark colour scheme.
//
//   node scripts/browser/screenshots.mjs [--site public] [--out tmp/screenshots]
//        [--langs en,zh] [--claim r2-delayed] [--viewport-only]
//   node scripts/browser/screenshots.mjs --readme   # the few in docs/screenshots/
//
// Full-page shots by default. --readme writes the small set shown in
// README.md, viewport-only, into docs/screenshots/ (see docs/SCREENSHOTS.md);
// pngquant, when installed, makes them smaller.

import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { CHROMIUM, CHROME_FLAGS, freshProfile, serve, pool, arg } from './lib.mjs';

const site = arg('site', 'public');
const readme = process.argv.includes('--readme');
const out = arg('out', readme ? 'docs/screenshots' : 'tmp/screenshots');
const viewportOnly = readme || process.argv.includes('--viewport-only');
const claim = arg('claim', 'r2-delayed');
const langs = arg('langs', 'en,zh').split(',');

const PAGES = { home: '', claim: `claims/${claim}/`, sources: 'sources/', timeline: 'timeline/' };
const WIDTHS = { 390: 844, 1280: 900 }; // width: viewport height
const SCHEMES = ['light', 'dark'];

// The set in README.md: each page once, both widths, both languages, both
// schemes; the last field scrolls the part worth showing into view.
const README_SET = [
  ['en', 'home', 1280, 'light'],
  ['zh', 'claim', 390, 'dark'],
  ['en', 'sources', 390, 'light', '.matrix-section h2'],
  ['zh', 'timeline', 1280, 'dark', '.timeline'],
];

let shots = [];
if (readme) shots = README_SET;
else for (const l of langs) for (const p of Object.keys(PAGES)) for (const w of Object.keys(WIDTHS)) for (const s of SCHEMES) shots.push([l, p, Number(w), s]);

// Without a CJK font, Chinese renders as boxes: say so rather than commit them.
const fc = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
if (langs.includes('zh') && fc.status === 0 && !fc.stdout.trim()) {
  console.log('warning: no Chinese font is installed (apt-get install fonts-noto-cjk); Chinese text will not render');
}

mkdirSync(out, { recursive: true });
const server = await serve(site);
const profile = freshProfile('dossier-screenshots-');
const context = await chromium.launchPersistentContext(profile.dir, {
  executablePath: CHROMIUM,
  headless: true,
  args: CHROME_FLAGS,
  deviceScaleFactor: 1,
});
const written = [];
try {
  const tabs = [await context.newPage(), await context.newPage()];
  await pool(shots, tabs.length, async ([lang, page, width, scheme, scrollTo], _i, w) => {
    const tab = tabs[w];
    const rel = `${lang}/${PAGES[page]}`;
    if (!existsSync(path.join(site, rel, 'index.html'))) throw new Error(`no page ${rel} in ${site}`);
    await tab.setViewportSize({ width, height: WIDTHS[width] });
    await tab.emulateMedia({ colorScheme: scheme });
    await tab.goto(server.url + rel, { waitUntil: 'load' });
    await tab.evaluate(() => document.fonts.ready);
    if (scrollTo && viewportOnly) {
      await tab.evaluate((sel) => document.querySelector(sel)?.scrollIntoView({ block: 'start' }), scrollTo);
    }
    const file = path.join(out, `${lang}-${page}-${width}-${scheme}.png`);
    await tab.screenshot({ path: file, fullPage: !viewportOnly });
    written.push(file);
  });
} finally {
  await context.close();
  await server.close();
  profile.cleanup();
}

const hasPngquant = spawnSync('pngquant', ['--version']).status === 0;
if (readme && hasPngquant) {
  for (const f of written) {
    // Status 98 and 99: the quantized image would be larger or worse; keep the original.
    const r = spawnSync('pngquant', ['--force', '--skip-if-larger', '--strip', '--quality', '60-90', '--output', f, f]);
    if (r.status !== 0 && r.status !== 98 && r.status !== 99) throw new Error(`pngquant ${f}: ${r.stderr}`);
  }
} else if (readme) {
  console.log('warning: pngquant is not installed (apt-get install pngquant); the screenshots are not reduced');
}
for (const f of written.sort()) console.log(`${f}  ${Math.round(statSync(f).size / 1024)} KB`);
console.log(`${written.length} screenshots in ${out}/`);
