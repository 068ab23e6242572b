#!/usr/bin/env node
// axe-core on every page of the built site, in Debian's Chromium through
// playwright-core, in the light and in the dark colour scheme (the contrast
// of the two differs). Fails on any violation of WCAG 2.1 A or AA.
//
//   node scripts/browser/axe.mjs [--site public] [--jobs 2]

import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CHROMIUM, CHROME_FLAGS, freshProfile, listPages, serve, pool, arg } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_VERSION = require('axe-core/package.json').version;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SCHEMES = ['light', 'dark'];
const VIEWPORT = { width: 1280, height: 900 };

const site = arg('site', 'public');
const jobs = Number(arg('jobs', '2'));

const pages = await listPages(site);
const server = await serve(site);
const profile = freshProfile();
const context = await chromium.launchPersistentContext(profile.dir, {
  executablePath: CHROMIUM,
  headless: true,
  args: CHROME_FLAGS,
  viewport: VIEWPORT,
});

let failures = 0;
let checks = 0;
const undecided = new Map(); // what axe could not decide, by rule and reason
const started = Date.now();
try {
  // One tab per job, reused from page to page.
  const tabs = await Promise.all(Array.from({ length: jobs }, () => context.newPage()));
  for (const tab of tabs) {
    tab.on('pageerror', (err) => {
      failures++;
      console.log(`FAIL ${tab.url()}: script error: ${err.message}`);
    });
  }
  await pool(pages, jobs, async (p, _i, w) => {
    const tab = tabs[w];
    const response = await tab.goto(server.url + p, { waitUntil: 'load' });
    if (!response || response.status() !== 200) {
      failures++;
      console.log(`FAIL /${p}: HTTP ${response && response.status()}`);
      return;
    }
    await tab.addScriptTag({ content: AXE_SOURCE });
    for (const scheme of SCHEMES) {
      await tab.emulateMedia({ colorScheme: scheme });
      const result = await tab.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
        TAGS,
      );
      checks++;
      for (const r of result.incomplete) {
        for (const n of r.nodes) {
          const why = [...n.any, ...n.all, ...n.none].map((c) => c.message).join('; ');
          // A text contrast axe could not measure is a contrast nobody checked:
          // it fails, so that the theme stays measurable. The one exception is
          // the stance symbols (✓ ✗ ○): non-text characters, hidden from
          // assistive technology, each with a visually-hidden text label; their
          // colours are the status colours that axe measures on the badges.
          if (r.id === 'color-contrast' && !/only non-text characters/.test(why)) {
            failures++;
            console.log(`FAIL /${p} [${scheme}] color-contrast undecided: ${n.target.join(' ')}: ${why}`);
            continue;
          }
          const key = `${r.id}: ${why}`;
          undecided.set(key, (undecided.get(key) || 0) + 1);
        }
      }
      for (const v of result.violations) {
        failures++;
        console.log(`FAIL /${p} [${scheme}] ${v.id} (${v.impact}): ${v.help}`);
        for (const n of v.nodes.slice(0, 5)) {
          console.log(`    ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 300)}`);
        }
        if (v.nodes.length > 5) console.log(`    ... and ${v.nodes.length - 5} more elements`);
      }
    }
    // WCAG 1.4.10 Reflow: at 320 CSS px the page must not scroll sideways
    // (the matrix scrolls inside its own box, which is allowed).
    await tab.setViewportSize({ width: 320, height: 640 });
    const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await tab.setViewportSize(VIEWPORT);
    checks++;
    if (overflow > 0) {
      failures++;
      console.log(`FAIL /${p} [320 px] the page scrolls sideways by ${overflow} px (WCAG 1.4.10 Reflow)`);
    }
  });
} finally {
  await context.close();
  await server.close();
  profile.cleanup();
}

const secs = ((Date.now() - started) / 1000).toFixed(0);
console.log(
  `axe-core ${AXE_VERSION} (${TAGS.join(', ')}): ${pages.length} pages × ${SCHEMES.length} colour schemes + a 320 px reflow check = ${checks} checks in ${secs} s, ` +
    `${failures} violation(s)`,
);
// Shown for a person to judge, not counted: axe leaves these to a human.
for (const [key, n] of [...undecided].sort((a, b) => b[1] - a[1])) console.log(`  undecided ×${n}  ${key}`);
process.exit(failures ? 1 : 0);
