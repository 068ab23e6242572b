// Shared helpers of the browser checks: the list of built pages, a small
// static file server on 127.0.0.1, and Chromium's launch settings.
//
// No network is needed or used: the server listens on the loopback address
// only, and Chromium is started with background networking, component
// updates and sync turned off.

import { createServer } from 'node:http';
import { readdir, readFile, stat } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';

// The flags of issue 4. --headless is given explicitly (new headless mode),
// the user-data-dir is added by each caller: a fresh one for every run.
export const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A fresh, empty Chromium profile folder, removed by the returned cleanup. */
export function freshProfile(prefix = 'dossier-chromium-') {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every .html file under `root`, as URL paths (`en/claims/x/` for an index.html). */
export async function listPages(root) {
  const out = [];
  async function walk(dir) {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.name.endsWith('.html')) {
        const rel = path.relative(root, full).split(path.sep).join('/');
        out.push(rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel);
      }
    }
  }
  await walk(root);
  return out;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/**
 * Serves `root` on 127.0.0.1 at a free port, as a static host would:
 * `dir/` serves `dir/index.html`, `dir` redirects to `dir/`, and a missing
 * file gets `404.html` with status 404. Resolves to { url, close }.
 */
export async function serve(root) {
  root = path.resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      let rel = decodeURIComponent(url.pathname);
      const file = path.join(root, path.normalize(rel));
      if (!file.startsWith(root)) {
        res.writeHead(403).end();
        return;
      }
      let target = file;
      let st = await stat(target).catch(() => null);
      if (st && st.isDirectory()) {
        if (!rel.endsWith('/')) {
          res.writeHead(301, { Location: url.pathname + '/' + url.search }).end();
          return;
        }
        target = path.join(file, 'index.html');
        st = await stat(target).catch(() => null);
      }
      if (!st || !st.isFile()) {
        const body = await readFile(path.join(root, '404.html')).catch(() => Buffer.from('Not found'));
        res.writeHead(404, { 'Content-Type': TYPES['.html'] }).end(body);
        return;
      }
      const body = await readFile(target);
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(target).toLowerCase()] || 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Runs `fn` over `items` with at most `n` at once, in order of start. */
export async function pool(items, n, fn) {
  let next = 0;
  const workers = Array.from({ length: Math.min(n, items.length) }, async (_, w) => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i, w);
    }
  });
  await Promise.all(workers);
}

/** `--name value` from argv, or the default. */
export function arg(name, def) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : def;
}
