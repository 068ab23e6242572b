#!/usr/bin/env node
// Page weight: no page of the built site may weigh more than 100 KB of HTML,
// CSS and JS together (the page itself, its stylesheets and its scripts;
// images, fonts and a search index are not counted, as issue 4 says).
//
//   node scripts/browser/weight.mjs [--site public] [--limit 100000]

import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { listPages, arg } from './lib.mjs';

const site = arg('site', 'public');
const limit = Number(arg('limit', '100000')); // bytes: 100 KB
const pages = await listPages(site);

const attr = (tag, name) => tag.match(new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'))?.slice(2).find((v) => v !== undefined);
const SEARCH_INDEX = /(^|\/)search[-_.]?index[^/]*$/i;

let failures = 0;
let heaviest = { bytes: 0, page: '' };
for (const p of pages) {
  const file = path.join(site, p.endsWith('/') || p === '' ? p + 'index.html' : p);
  const html = readFileSync(file, 'utf8');
  const parts = [{ what: 'html', bytes: Buffer.byteLength(html) }];
  const refs = [];
  for (const tag of html.match(/<link\b[^>]*>/gi) || []) {
    const rel = (attr(tag, 'rel') || '').toLowerCase().split(/\s+/);
    if (rel.includes('stylesheet') || rel.includes('modulepreload')) refs.push(attr(tag, 'href'));
  }
  for (const tag of html.match(/<script\b[^>]*>/gi) || []) {
    const src = attr(tag, 'src');
    if (src) refs.push(src);
  }
  for (const ref of refs) {
    if (!ref || /^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('//')) {
      failures++;
      console.log(`FAIL /${p}: a stylesheet or script from elsewhere (${ref}) cannot be weighed`);
      continue;
    }
    const target = ref.startsWith('/') ? path.join(site, ref.split(/[?#]/)[0]) : path.join(path.dirname(file), ref.split(/[?#]/)[0]);
    if (SEARCH_INDEX.test(target)) continue;
    try {
      parts.push({ what: ref, bytes: statSync(target).size });
    } catch {
      failures++;
      console.log(`FAIL /${p}: ${ref} is missing`);
    }
  }
  const bytes = parts.reduce((a, b) => a + b.bytes, 0);
  if (bytes > heaviest.bytes) heaviest = { bytes, page: p, parts };
  if (bytes > limit) {
    failures++;
    console.log(`FAIL /${p}: ${bytes} bytes > ${limit} (${parts.map((x) => `${x.what} ${x.bytes}`).join(', ')})`);
  }
}
console.log(
  `page weight: ${pages.length} pages, limit ${limit} bytes of HTML+CSS+JS; heaviest /${heaviest.page} ` +
    `${heaviest.bytes} bytes (${(heaviest.parts || []).map((x) => `${x.what} ${x.bytes}`).join(', ')}); ${failures} failure(s)`,
);
process.exit(failures ? 1 : 0);
