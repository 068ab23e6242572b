#!/usr/bin/env node
// Layout checks of issue 17 on every page of a built site, in Chromium:
//
//   width     no page is wider than the window, at 390 px (a phone) and at
//             1280 px, in any language and either writing direction
//   badges    every status badge is at least 12 px (computed font size)
//   timeline  the chart's marks are in date order and placed to scale: the
//             distance between two marks is proportional to the time between
//             their dates, and a month's bar is as long as its days
//   cjk       (only with --cjk-spaces) no paragraph, list item, heading or
//             cell of a Chinese page has white space between two CJK
//             characters or CJK punctuation, across links and emphasis
//
//   node scripts/browser/layout.mjs [--site public] [--jobs 2] [--cjk-spaces]
//
// The dates are read from each mark's data-date and turned into days here,
// independently of the template that placed the marks.

import { chromium } from 'playwright-core';
import { CHROMIUM, CHROME_FLAGS, freshProfile, listPages, serve, pool, arg } from './lib.mjs';

const site = arg('site', 'public');
const jobs = Number(arg('jobs', '2'));
const cjk = process.argv.includes('--cjk-spaces');
const WIDTHS = [390, 1280];
const MIN_BADGE_PX = 12;

const pages = await listPages(site);
const server = await serve(site);
const profile = freshProfile('dossier-layout-');
const context = await chromium.launchPersistentContext(profile.dir, {
  executablePath: CHROMIUM,
  headless: true,
  args: CHROME_FLAGS,
  viewport: { width: 1280, height: 900 },
});

let failures = 0;
let checks = 0;
let badges = 0;
let charts = 0;
const fail = (msg) => {
  failures++;
  console.log(`FAIL ${msg}`);
};

// In the page: how far it overflows the window sideways, and the elements
// that stick out furthest (to say what to fix).
function measureWidth() {
  const doc = document.documentElement;
  const over = doc.scrollWidth - doc.clientWidth;
  const culprits = [];
  if (over > 0) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width && (r.right > doc.clientWidth + 1 || r.left < -1)) {
        culprits.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} [${Math.round(r.left)}..${Math.round(r.right)}]`);
      }
    }
  }
  return { over, culprits: culprits.slice(0, 5) };
}

function measureBadges(min) {
  const small = [];
  let n = 0;
  for (const el of document.querySelectorAll('.status-tag')) {
    if (!el.getClientRects().length) continue; // not displayed at this width
    n++;
    const px = parseFloat(getComputedStyle(el).fontSize);
    if (px < min) small.push(`"${el.textContent.trim()}" ${px.toFixed(1)} px`);
  }
  return { n, small: small.slice(0, 5), count: small.length };
}

// Each mark: its date and where it starts on the time axis (user units).
function measureTimeline() {
  return [...document.querySelectorAll('.timeline-chart .tl-mark[data-date]')].map((m) => {
    const b = m.getBBox();
    const circle = m.tagName.toLowerCase() === 'circle';
    return { date: m.getAttribute('data-date'), x: circle ? b.x + b.width / 2 : b.x, width: circle ? 0 : b.width };
  });
}

// The text of each paragraph, list item, heading or cell as it is set
// (text nodes joined across links and emphasis; screen-reader-only text
// left out), and every run of white space between two CJK characters in it.
function measureCjkSpaces() {
  const CJK = '\\u2e80-\\u2fff\\u3000-\\u303f\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef';
  const re = new RegExp(`[${CJK}]\\s+[${CJK}]`, 'g');
  const BLOCK = 'p, li, dt, dd, h1, h2, h3, h4, h5, h6, td, th, figcaption, blockquote, summary';
  const hits = [];
  for (const block of (document.querySelector('main') || document.body).querySelectorAll(BLOCK)) {
    let text = '';
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent.closest(BLOCK) !== block) continue; // a nested block is read on its own
      if (parent.closest('pre, code, .visually-hidden, .vh')) continue;
      text += node.data;
    }
    for (const m of text.matchAll(re)) hits.push(JSON.stringify(m[0]));
  }
  return hits;
}

// Days since 1970 of the first day an ISO date (year, month or day) covers,
// and of the day after the last.
function span(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  const day = (yy, mm, dd) => Date.UTC(yy, mm - 1, dd) / 86400000;
  if (d) return [day(y, m, d), day(y, m, d + 1)];
  if (m) return [day(y, m, 1), day(y, m + 1, 1)];
  return [day(y, 1, 1), day(y + 1, 1, 1)];
}

function checkTimeline(p, marks) {
  charts++;
  const sorted = marks.map((m) => ({ ...m, span: span(m.date) }));
  // Monotonic: in date order, no mark starts left of an earlier one.
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1], b = sorted[i];
    if (b.span[0] < a.span[0]) fail(`/${p} timeline: ${b.date} is listed after ${a.date}`);
    else if (b.x + 0.5 < a.x) fail(`/${p} timeline: ${b.date} (x=${b.x.toFixed(1)}) is drawn before ${a.date} (x=${a.x.toFixed(1)})`);
  }
  // To scale: one number of units per day fits every pair of marks.
  const first = sorted[0];
  const last = sorted.reduce((m, s) => (s.span[0] > m.span[0] ? s : m), first);
  const days = last.span[0] - first.span[0];
  if (days <= 0) return;
  const perDay = (last.x - first.x) / days;
  for (const s of sorted) {
    const want = first.x + (s.span[0] - first.span[0]) * perDay;
    if (Math.abs(s.x - want) > 1) fail(`/${p} timeline: ${s.date} at x=${s.x.toFixed(1)}, but ${want.toFixed(1)} on the scale of the other marks`);
    if (s.width) {
      const wantWidth = (s.span[1] - s.span[0]) * perDay;
      if (Math.abs(s.width - wantWidth) > 1) fail(`/${p} timeline: ${s.date} is ${s.width.toFixed(1)} units long, not ${wantWidth.toFixed(1)}`);
    }
  }
}

const started = Date.now();
try {
  const tabs = await Promise.all(Array.from({ length: jobs }, () => context.newPage()));
  await pool(pages, jobs, async (p, _i, w) => {
    const tab = tabs[w];
    for (const width of WIDTHS) {
      await tab.setViewportSize({ width, height: width < 600 ? 844 : 900 });
      const response = await tab.goto(server.url + p, { waitUntil: 'load' });
      if (!response || (response.status() !== 200 && !p.endsWith('404.html'))) {
        fail(`/${p}: HTTP ${response && response.status()}`);
        return;
      }
      checks++;
      const { over, culprits } = await tab.evaluate(measureWidth);
      if (over > 0) fail(`/${p} [${width} px] the page is ${over} px wider than the window: ${culprits.join(', ')}`);
      checks++;
      const b = await tab.evaluate(measureBadges, MIN_BADGE_PX);
      badges += b.n;
      if (b.count) fail(`/${p} [${width} px] ${b.count} badge(s) under ${MIN_BADGE_PX} px: ${b.small.join(', ')}`);
      if (width === 1280) {
        const marks = await tab.evaluate(measureTimeline);
        if (marks.length) {
          checks++;
          checkTimeline(p, marks);
        }
        if (cjk && (await tab.evaluate(() => document.documentElement.lang)).startsWith('zh')) {
          checks++;
          const hits = await tab.evaluate(measureCjkSpaces);
          if (hits.length) fail(`/${p} ${hits.length} space(s) between CJK characters: ${hits.slice(0, 5).join(' ')}`);
        }
      }
    }
  });
} finally {
  await context.close();
  await server.close();
  profile.cleanup();
}

const secs = ((Date.now() - started) / 1000).toFixed(0);
console.log(
  `layout: ${pages.length} pages at ${WIDTHS.join(' and ')} px, ${badges} badges measured, ${charts} timeline chart(s)` +
    `${cjk ? ', CJK spacing' : ''}: ${checks} checks in ${secs} s, ${failures} failure(s)`,
);
process.exit(failures ? 1 : 0);
