// Measures what a writer sees under `dossier serve`: the time from saving a
// page to the browser showing the new text (edit → rebuild → Server-Sent
// Event → reload → paint). A measurement, not a test: it prints the median.
//
// Usage: node scripts/browser/reload-latency.mjs [--root .] [--runs 10]

import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM, CHROME_FLAGS, freshProfile, arg } from './lib.mjs';

const root = path.resolve(arg('root', '.'));
const runs = Number(arg('runs', '10'));
const work = mkdtempSync(path.join(tmpdir(), 'dossier-reload-'));
cpSync(path.join(root, 'site.yaml'), path.join(work, 'site.yaml'));
cpSync(path.join(root, 'content'), path.join(work, 'content'), { recursive: true });
const bin = path.resolve('target/release/dossier');
const server = spawn(bin, ['serve', '--root', work, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const lines = [];
const url = await new Promise((resolve) => {
  server.stdout.on('data', (d) => {
    for (const l of String(d).split('\n')) {
      lines.push(l);
      const m = l.match(/at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) resolve(m[1]);
    }
  });
});
const profile = freshProfile();
const browser = await chromium.launchPersistentContext(profile.dir, { executablePath: CHROMIUM, args: CHROME_FLAGS, headless: true });
const page = await browser.newPage();
await page.goto(url + 'en/chips/');
const file = path.join(work, 'content/en/chips.md');
const original = readFileSync(file, 'utf8');
const times = [];
for (let i = 0; i < runs; i++) {
  const marker = `Reload marker ${i}.`;
  await page.waitForTimeout(300);
  const t0 = Date.now();
  writeFileSync(file, original + `\n${marker}\n`);
  await page.waitForFunction((m) => document.body.innerText.includes(m), marker, { timeout: 20000 });
  times.push(Date.now() - t0);
}
await browser.close();
server.kill();
profile.cleanup();
rmSync(work, { recursive: true, force: true });
const rebuilds = lines.filter((l) => l.startsWith('rebuilt in')).map((l) => Number(l.match(/rebuilt in ([\d.]+) ms/)[1]));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
console.log(`edit → new text on screen: median ${median(times)} ms over ${runs} edits (min ${Math.min(...times)}, max ${Math.max(...times)})`);
console.log(`rebuild as logged by serve: median ${median(rebuilds)} ms`);
