#!/usr/bin/env python3
"""dossier's benchmark: the shared peer corpus, built by dossier, Hugo and Zola.

For each size (total pages over all languages) it

  1. generates the shared synthetic site with gen_corpus.py (--flavor hugo,
     and --flavor zola when zola is on the PATH) and converts it to dossier's
     format: content/<lang>/posts/<slug>.md with `title` and `updated` (the
     date), the same Markdown bodies, cross-links rewritten to `page:` links,
     content/<lang>/posts/_index.md (a section listing every page), a home page
     per language and site.yaml with the same languages. Tags are left out:
     dossier has no taxonomy (see docs/PERFORMANCE.md);
  2. builds the dossier site once and checks it: one index.html per corpus
     page, and highlighted code (<span class="hl-...">) in every one of them;
  3. times whole-process builds, each into a fresh output folder that does
     not exist yet, alternating the tools (dossier --no-search, dossier with
     search, hugo, zola, hugo+pagefind, zola+pagefind) round by round after
     warm-up rounds; per run: wall time, CPU (user+sys of the process tree,
     from os.wait4) and peak RSS (the largest single process);
  4. prints, per size and tool, median, min and max, and per peer the ratio
     dossier/peer computed pair by pair (same round) and summarised by its
     median, so background load cancels out as far as it can.

The tools and their exact commands (SITE is the tool's corpus, FRESH an
output folder that does not exist yet):

  dossier          dossier build --quiet --no-search --root SITE --output FRESH
  dossier-search   dossier build --quiet --root SITE --output FRESH
  hugo             hugo --quiet -s SITE -d FRESH
  zola             zola --root SITE build --output-dir FRESH
  hugo+pagefind    hugo --quiet -s SITE -d FRESH
                   then  pagefind_extended --site FRESH
  zola+pagefind    zola --root SITE build --output-dir FRESH
                   then  pagefind_extended --site FRESH

The two "+pagefind" tools are what a user would run instead of dossier to
get the same search: the peer's build, then the Pagefind CLI on its output
(it writes FRESH/pagefind/, as dossier does). They are timed as one: wall
and CPU are the sums of the two processes, peak RSS the larger of the two.
Pass the CLI with --pagefind (default `pagefind_extended` from the PATH: the
npm package `pagefind` or the PyPI package `pagefind-bin-extended`); the
extended build is the one that segments Chinese and Japanese, like the
`extended` feature dossier's Pagefind crate is built with. What is indexed
differs a little, both ways: Pagefind indexes each peer page's whole <body>
(the header's site-title link as well as <main>; it leaves <nav> out by
itself), and the peers' 16 tag pages per language; dossier indexes the
<main> of its pages (data-pagefind-body), leaves out the search page and
pages shown in a fallback language (none in this corpus), and adds status
and topic filters (only claim pages carry them; none here). The number of
pages each index holds, per language, is read from its pagefind-entry.json
after every run and reported.

It also times the explainer (this repository's own site, 5 languages) with
and without search in alternating rounds, and reports the ratio per round
(issue 19's target for it). It can also time start-up (a 1-page site, many
runs) and serve's incremental
rebuild (`dossier serve --port 0` on a site of --serve-size pages: one page's
text edited --serve-edits times; the rebuild's own logged duration, and the
time from the write until the new text is served over HTTP).

Only the Python 3 standard library is used. Corpora and outputs go under
--work (default /tmp/dossier-bench), never into the repository.

Examples (from the repository root):

  python3 bench/run.py --sizes 1000 --runs 3          # a quick look
  python3 bench/run.py                                # 1,000 and 10,000 pages, start-up, serve
  python3 bench/run.py --sizes 50000 --tools dossier --runs 3 --no-startup --no-serve
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SHARED = os.path.join(REPO, "..", "shared", "bench")
DEFAULT_WORK = os.path.join(tempfile.gettempdir(), "dossier-bench")
# Bump when the conversion changes, so cached dossier corpora are rebuilt.
CONVERTER_VERSION = 1
ALL_TOOLS = ("dossier", "dossier-search", "hugo", "zola", "hugo+pagefind", "zola+pagefind")
PEERS = ("hugo", "zola", "hugo+pagefind", "zola+pagefind")
# Which peers each dossier build is compared with. dossier without search
# against the peers without search; dossier with search against all of
# them (the targets compare it with Zola without search as well as
# with the peer + Pagefind pipelines).
PAIRS = {"dossier": ("hugo", "zola"),
         "dossier-search": ("hugo", "zola", "hugo+pagefind", "zola+pagefind")}


def log(*a):
    print(*a, flush=True)


# --------------------------------------------------------------------------
# Corpora
# --------------------------------------------------------------------------
def generate(args, flavor, per_lang, langs, out):
    """Runs gen_corpus.py unless `out` already holds the same corpus."""
    manifest = os.path.join(out, "bench-manifest.json")
    if os.path.isfile(manifest):
        with open(manifest, encoding="utf-8") as f:
            m = json.load(f)
        if (m.get("pages_per_lang") == per_lang and m.get("langs") == langs
                and m.get("seed") == args.seed and m.get("flavor") == flavor):
            return m
    log(f"  generating {flavor} corpus: {per_lang} pages x {len(langs)} languages -> {out}")
    subprocess.run([sys.executable, os.path.join(args.shared, "gen_corpus.py"),
                    "--pages", str(per_lang), "--langs", ",".join(langs),
                    "--out", out, "--flavor", flavor, "--seed", args.seed, "--force"],
                   check=True, stdout=subprocess.DEVNULL)
    with open(manifest, encoding="utf-8") as f:
        return json.load(f)


def split_front_matter(text, path):
    if not text.startswith("---\n"):
        raise SystemExit(f"{path}: no front matter")
    end = text.index("\n---\n", 3)
    fm = {}
    for line in text[4:end].splitlines():
        key, _, value = line.partition(":")
        fm[key.strip()] = value.strip()
    return fm, text[end + 5:]


def yaml_str(s):
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(s, ensure_ascii=False)


def convert(hugo_dir, out, manifest):
    """Writes the dossier version of the Hugo-flavoured corpus into `out`."""
    stamp = os.path.join(out, "bench-dossier.json")
    want = {"converter": CONVERTER_VERSION, "source": manifest}
    if os.path.isfile(stamp):
        with open(stamp, encoding="utf-8") as f:
            if json.load(f) == want:
                return
    log(f"  converting to dossier's format -> {out}")
    if os.path.exists(out):
        shutil.rmtree(out)
    langs, default = manifest["langs"], manifest["default_lang"]
    posts = os.path.join(hugo_dir, "content", "posts")
    # Links in the corpus are root-relative: /posts/<slug>/ for the default
    # language, /<lang>/posts/<slug>/ for the others; in the same language.
    link = re.compile(r"\]\((?:/[a-z]{2,3})?/posts/([A-Za-z0-9_-]+)/\)")
    def title_of(path):
        fm, _ = split_front_matter(read(path), path)
        return json.loads(fm["title"])
    site_title = {lang: title_of(os.path.join(hugo_dir, "content", f"_index.{lang}.md"))
                  for lang in langs}
    section_title = {lang: title_of(os.path.join(posts, f"_index.{lang}.md")) for lang in langs}
    names = {"en": "English", "tr": "Türkçe", "el": "Ελληνικά", "ru": "Русский"}
    cfg = ["title:"]
    cfg += [f"  {lang}: {yaml_str(site_title[lang])}" for lang in langs]
    cfg += [f"default_language: {default}", "languages:"]
    cfg += [f"- {{code: {lang}, name: {yaml_str(names.get(lang, lang))}}}" for lang in langs]
    # Hugo and Zola write a sitemap; dossier writes one only with base_url.
    cfg += ["base_url: https://example.org/", ""]
    write(os.path.join(out, "site.yaml"), "\n".join(cfg))
    for lang in langs:
        write(os.path.join(out, "content", lang, "_index.md"),
              f"---\ntitle: {yaml_str(site_title[lang])}\n---\n")
        write(os.path.join(out, "content", lang, "posts", "_index.md"),
              f"---\ntitle: {yaml_str(section_title[lang])}\n---\n")
    pages = 0
    for entry in sorted(os.listdir(posts)):
        stem, lang, ext = entry.rsplit(".", 2) if entry.count(".") >= 2 else (entry, "", "")
        if stem == "_index" or ext != "md":
            continue
        fm, body = split_front_matter(read(os.path.join(posts, entry)), entry)
        # tags: dossier has no taxonomy; they are dropped.
        body = link.sub(r"](page:posts/\1)", body)
        if "](/" in body:
            raise SystemExit(f"{entry}: a link was not rewritten")
        # `body` is everything after the closing `---` line, as in the corpus.
        text = f"---\ntitle: {fm['title']}\nupdated: {yaml_str(fm['date'])}\n---\n" + body
        write(os.path.join(out, "content", lang, "posts", stem + ".md"), text)
        pages += 1
    if pages != manifest["content_pages"]:
        raise SystemExit(f"converted {pages} pages, the manifest says {manifest['content_pages']}")
    with open(stamp, "w", encoding="utf-8") as f:
        json.dump(want, f)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# --------------------------------------------------------------------------
# Running and timing
# --------------------------------------------------------------------------
def timed(cmd, env=None):
    """One whole-process run: wall, cpu (user+sys), peak RSS (MiB)."""
    err = tempfile.TemporaryFile()
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=err, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    rc = os.waitstatus_to_exitcode(status)
    if rc != 0:
        err.seek(0)
        sys.stderr.write(err.read().decode("utf-8", "replace")[-4000:])
        raise SystemExit(f"command failed (exit {rc}): {' '.join(cmd)}")
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "user": ru.ru_utime,
            "sys": ru.ru_stime, "peak_mib": ru.ru_maxrss / 1024.0}


def commands(tool, args, sites, out):
    """The processes a tool runs, one after the other."""
    peer, plus, search = tool.partition("+")
    if plus:
        if search != "pagefind":
            raise ValueError(tool)
        return [command(peer, args, sites, out), [args.pagefind, "--site", out]]
    return [command(tool, args, sites, out)]


def command(tool, args, sites, out):
    if tool == "dossier":
        return [args.dossier, "build", "--quiet", "--no-search", "--root", sites["dossier"],
                "--output", out]
    if tool == "dossier-search":
        return [args.dossier, "build", "--quiet", "--root", sites["dossier"], "--output", out]
    if tool == "hugo":
        return [args.hugo, "--quiet", "-s", sites["hugo"], "-d", out]
    if tool == "zola":
        return [args.zola, "--root", sites["zola"], "build", "--output-dir", out]
    raise ValueError(tool)


def fresh_dir(base, label):
    """A path that does not exist yet, in a folder of its own."""
    parent = tempfile.mkdtemp(prefix=label + ".", dir=base)
    return parent, os.path.join(parent, "out")


def run_once(tool, args, sites, outs):
    """One timed run of a tool; several processes are timed as one: wall and
    CPU summed, peak RSS the largest of them. Each part is kept as well."""
    parent, out = fresh_dir(outs, tool.replace("+", "-"))
    try:
        parts = [timed(cmd) for cmd in commands(tool, args, sites, out)]
        res = {k: sum(p[k] for p in parts) for k in ("wall", "cpu", "user", "sys")}
        res["peak_mib"] = max(p["peak_mib"] for p in parts)
        if len(parts) > 1:
            res["parts"] = parts
        indexed = indexed_pages(out)
        if indexed is not None:
            res["indexed"] = indexed
        return res
    finally:
        shutil.rmtree(parent, ignore_errors=True)  # not timed


def indexed_pages(out):
    """Pages in the Pagefind index written into `out`, per language (None: no index)."""
    try:
        with open(os.path.join(out, "pagefind", "pagefind-entry.json"), encoding="utf-8") as f:
            entry = json.load(f)
    except (OSError, ValueError):
        return None
    return {lang: v.get("page_count") for lang, v in sorted(entry.get("languages", {}).items())}


def summary(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def loadavg():
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def bench_size(args, size, tools, sites, outs):
    """Alternating rounds; returns {tool: [run, ...]} of the timed rounds."""
    runs = {t: [] for t in tools}
    total = args.warmup + args.runs
    for r in range(total):
        # Rotate the order each round so no tool always runs first.
        order = tools[r % len(tools):] + tools[:r % len(tools)]
        for tool in order:
            res = run_once(tool, args, sites, outs)
            res["load"] = loadavg()
            res["round"] = r - args.warmup
            if r >= args.warmup:
                runs[tool].append(res)
            kind = "warm-up" if r < args.warmup else f"run {r - args.warmup + 1}/{args.runs}"
            parts = "".join(f"  [{i}: wall {p['wall']:.3f} s, peak {p['peak_mib']:.1f} MiB]"
                            for i, p in enumerate(res.get("parts", []), 1))
            log(f"    {kind:<10} {tool:<15} wall {res['wall']:7.3f} s  cpu {res['cpu']:7.3f} s"
                f"  peak {res['peak_mib']:7.1f} MiB  (load {res['load']:.1f}){parts}")
    return runs


def report_size(size, per_lang, langs, runs):
    """Prints the per-tool table and the pairwise ratios; returns a JSON-able dict."""
    out = {"size": size, "pages_per_lang": per_lang, "langs": langs, "tools": {}, "ratios": {}}
    log(f"\n### {len(langs)}x{per_lang} = {size} pages\n")
    log("| tool | runs | wall median s | wall min s | wall max s | cpu median s | cpu min s "
        "| cpu max s | peak RSS median MiB | peak RSS max MiB | ms/page (wall) |")
    log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for tool, rs in runs.items():
        w = summary([r["wall"] for r in rs])
        c = summary([r["cpu"] for r in rs])
        m = summary([r["peak_mib"] for r in rs])
        out["tools"][tool] = {"wall": w, "cpu": c, "peak_mib": m, "runs": rs}
        log(f"| {tool} | {len(rs)} | {w['median']:.3f} | {w['min']:.3f} | {w['max']:.3f} "
            f"| {c['median']:.3f} | {c['min']:.3f} | {c['max']:.3f} | {m['median']:.1f} "
            f"| {m['max']:.1f} | {1000 * w['median'] / size:.3f} |")
    parted = [(t, rs) for t, rs in runs.items() if rs and "parts" in rs[0]]
    if parted:
        log("\nThe two steps of each peer + Pagefind run (wall median s, peak RSS median MiB):\n")
        log("| tool | build wall | build peak | pagefind wall | pagefind peak |")
        log("| --- | ---: | ---: | ---: | ---: |")
        for tool, rs in parted:
            b = [r["parts"][0] for r in rs]
            pf = [r["parts"][1] for r in rs]
            med = lambda xs, k: statistics.median(x[k] for x in xs)
            log(f"| {tool} | {med(b, 'wall'):.3f} | {med(b, 'peak_mib'):.1f} "
                f"| {med(pf, 'wall'):.3f} | {med(pf, 'peak_mib'):.1f} |")
    indexed = {t: rs[-1]["indexed"] for t, rs in runs.items() if rs and "indexed" in rs[-1]}
    if indexed:
        log("\nPages in each search index, per language (last run):\n")
        for tool, counts in indexed.items():
            log(f"- {tool}: " + ", ".join(f"{lang} {n}" for lang, n in counts.items())
                + f" (total {sum(counts.values())})")
        out["indexed"] = indexed
    pairs = [(d, p) for d in PAIRS if d in runs for p in PAIRS[d] if p in runs]
    if pairs:
        log("\nRatios dossier/peer, computed per round (same round = same background load), "
            "then summarised:\n")
        log("| pair | wall ratio median | wall ratio min | wall ratio max | cpu ratio median "
            "| peak RSS ratio median |")
        log("| --- | ---: | ---: | ---: | ---: | ---: |")
    for d, p in pairs:
        by_round = {r["round"]: r for r in runs[p]}
        pr = [(r, by_round[r["round"]]) for r in runs[d] if r["round"] in by_round]
        ratio = {k: summary([a[k] / b[k] for a, b in pr]) for k in ("wall", "cpu", "peak_mib")}
        out["ratios"][f"{d}/{p}"] = ratio
        log(f"| {d} / {p} | {ratio['wall']['median']:.3f} | {ratio['wall']['min']:.3f} "
            f"| {ratio['wall']['max']:.3f} | {ratio['cpu']['median']:.3f} "
            f"| {ratio['peak_mib']['median']:.3f} |")
    log("")
    return out


# --------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------
def verify_dossier(args, site, manifest, outs):
    """Builds once; checks page counts and highlighting against the corpus."""
    parent, out = fresh_dir(outs, "verify")
    try:
        subprocess.run([args.dossier, "build", "--quiet", "--no-search", "--root", site,
                        "--output", out], check=True, stdout=subprocess.DEVNULL)
        langs, n = manifest["langs"], manifest["pages_per_lang"]
        content = highlighted = total = 0
        for dirpath, _, files in os.walk(out):
            if "index.html" not in files:
                continue
            total += 1
            rel = os.path.relpath(dirpath, out).split(os.sep)
            if len(rel) == 3 and rel[1] == "posts" and rel[0] in langs:
                content += 1
                html = read(os.path.join(dirpath, "index.html"))
                if '<pre class="code" data-lang=' in html and '<span class="hl-' in html:
                    highlighted += 1
        # Per language: home + posts section + N pages + the search page;
        # plus the language chooser at the root.
        expected_total = len(langs) * (n + 3) + 1
        pages = manifest["content_pages"]
        ok = content == pages and highlighted == pages and total == expected_total
        log(f"  check: index.html total={total} (expected {expected_total}), content pages="
            f"{content}/{pages}, with highlighted code={highlighted}/{pages} -> "
            f"{'OK' if ok else 'MISMATCH'}")
        if not ok:
            raise SystemExit("the dossier build does not match the corpus")
        return {"index_html": total, "expected": expected_total, "content": content,
                "highlighted": highlighted}
    finally:
        shutil.rmtree(parent, ignore_errors=True)


# --------------------------------------------------------------------------
# Start-up and serve
# --------------------------------------------------------------------------
def explainer(args, outs):
    """dossier's own site (the repository's content/), with and without
    search, in alternating rounds; the ratio search/no-search per round."""
    site = {"dossier": REPO}
    rounds = argparse.Namespace(**{**vars(args), "runs": args.explainer_runs})
    log(f"\n### The explainer (this repository's site): {args.explainer_runs} rounds "
        f"after {args.warmup} warm-up\n")
    runs = bench_size(rounds, 0, ["dossier", "dossier-search"], site, outs)
    res = {}
    for tool, rs in runs.items():
        res[tool] = {k: summary([r[k] for r in rs]) for k in ("wall", "cpu", "peak_mib")}
        res[tool]["runs"] = rs
    by_round = {r["round"]: r for r in runs["dossier"]}
    pr = [(r, by_round[r["round"]]) for r in runs["dossier-search"] if r["round"] in by_round]
    res["ratio"] = {k: summary([a[k] / b[k] for a, b in pr]) for k in ("wall", "cpu", "peak_mib")}
    log("\n| tool | wall median s (min–max) | cpu median s | peak RSS median MiB |")
    log("| --- | ---: | ---: | ---: |")
    for tool in ("dossier", "dossier-search"):
        w, c, m = res[tool]["wall"], res[tool]["cpu"], res[tool]["peak_mib"]
        log(f"| {tool} | {w['median']:.3f} ({w['min']:.3f}–{w['max']:.3f}) | {c['median']:.3f} "
            f"| {m['median']:.1f} |")
    w, c = res["ratio"]["wall"], res["ratio"]["cpu"]
    log(f"\nWith search / without, per round: wall {w['median']:.3f} ({w['min']:.3f}–"
        f"{w['max']:.3f}), CPU {c['median']:.3f}")
    return res


def startup(args, work, outs):
    """A 1-page site (one language, one page with its code block)."""
    hugo = os.path.join(work, "hugo-startup")
    manifest = generate(args, "hugo", 1, [args.langs[0]], hugo)
    site = os.path.join(work, "dossier-startup")
    convert(hugo, site, manifest)
    res = {}
    cases = [("dossier build, 1-page site (no search)", "dossier"),
             ("dossier build, 1-page site (with search)", "dossier-search")]
    log(f"\n### Start-up: {args.startup_runs} runs each after 3 warm-ups\n")
    log("| what | wall median ms | wall min ms | wall max ms | cpu median ms | peak RSS MiB |")
    log("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, tool in cases + [("dossier --version (process floor)", None)]:
        rs = []
        for i in range(3 + args.startup_runs):
            if tool is None:
                r = timed([args.dossier, "--version"])
            else:
                r = run_once(tool, args, {"dossier": site}, outs)
            if i >= 3:
                rs.append(r)
        w = summary([r["wall"] * 1000 for r in rs])
        c = summary([r["cpu"] * 1000 for r in rs])
        m = summary([r["peak_mib"] for r in rs])
        res[label] = {"wall_ms": w, "cpu_ms": c, "peak_mib": m}
        log(f"| {label} | {w['median']:.1f} | {w['min']:.1f} | {w['max']:.1f} "
            f"| {c['median']:.1f} | {m['median']:.1f} |")
    return res


def serve(args, work, site_src, manifest):
    """Edits one page --serve-edits times under `dossier serve`."""
    site = os.path.join(work, f"dossier-serve-{manifest['content_pages']}")
    log(f"\n### serve: {args.serve_edits} edits of one page, "
        f"{manifest['content_pages']}-page site (copy in {site})\n")
    if os.path.exists(site):
        shutil.rmtree(site)
    shutil.copytree(site_src, site)
    lang = manifest["langs"][0]
    slug = "page-00007" if manifest["pages_per_lang"] > 7 else "page-00000"
    page = os.path.join(site, "content", lang, "posts", slug + ".md")
    original = read(page)
    proc = subprocess.Popen([args.dossier, "serve", "--root", site, "--port", "0"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, bufsize=1)
    results = {"edits": []}
    try:
        base = None
        t0 = time.monotonic()
        for line in proc.stdout:
            line = line.rstrip("\n")
            if line.startswith("Built "):
                results["first_build_ms"] = float(re.search(r"in (\d+) ms", line).group(1))
                log(f"  {line}")
            m = re.search(r"Serving .* at (http://\S+/)", line)
            if m:
                base = m.group(1)
            if line.startswith("Watching"):
                break
        if base is None:
            raise SystemExit("serve did not start")
        log(f"  started in {time.monotonic() - t0:.1f} s; serving {base}")
        url = f"{base}{lang}/posts/{slug}/"
        time.sleep(1.0)
        for i in range(args.serve_edits):
            marker = f"benchedit{i:03d}x"
            # A one-word change in the page's text (its first paragraph).
            text = original.replace("\n\n", f"\n\n{marker} ", 1)
            cpu0 = process_cpu(proc.pid)
            t_write = time.monotonic()
            write(page, text)
            line = wait_for_rebuild(proc)
            t_log = time.monotonic()
            cpu1 = process_cpu(proc.pid)
            m = re.search(r"rebuilt in ([\d.]+) ms: (\d+) page\(s\) rendered, (\d+) reused", line)
            if not m:
                raise SystemExit(f"unexpected serve output: {line}")
            # From the write until the new text is served (includes the
            # watcher's 80 ms debounce and this script's polling).
            visible = None
            for _ in range(200):
                with urllib.request.urlopen(url, timeout=10) as resp:
                    if marker in resp.read().decode("utf-8"):
                        visible = time.monotonic() - t_write
                        break
                time.sleep(0.005)
            e = {"logged_ms": float(m.group(1)), "rendered": int(m.group(2)),
                 "reused": int(m.group(3)), "text_only": line.endswith("; text only)"), "log_after_write_ms": (t_log - t_write) * 1000,
                 "visible_after_write_ms": None if visible is None else visible * 1000,
                 # serve's CPU time (all threads) from the write to the log
                 # line: the rebuild's work, whatever the background load.
                 "cpu_ms": None if cpu0 is None or cpu1 is None else cpu1 - cpu0}
            results["edits"].append(e)
            log(f"  edit {i + 1:2d}: rebuilt in {e['logged_ms']:8.1f} ms"
                f"{' (text only)' if e['text_only'] else ' (full)'}, rendered {e['rendered']},"
                f" reused {e['reused']}; logged {e['log_after_write_ms']:7.1f} ms after the write,"
                f" served {e['visible_after_write_ms'] or float('nan'):7.1f} ms after it;"
                f" cpu {e['cpu_ms'] or float('nan'):7.1f} ms")
            time.sleep(args.serve_pause)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(site, ignore_errors=True)
    ed = results["edits"]
    for k in ("logged_ms", "log_after_write_ms", "visible_after_write_ms", "cpu_ms"):
        vals = [e[k] for e in ed if e[k] is not None]
        results[k] = summary(vals) if vals else None
    results["rendered"] = summary([e["rendered"] for e in ed])
    log("\n| serve rebuild after a one-page edit | median | min | max |")
    log("| --- | ---: | ---: | ---: |")
    for k, label in (("logged_ms", "logged `rebuilt in` duration, ms"),
                     ("log_after_write_ms", "write → log line, ms"),
                     ("visible_after_write_ms", "write → new text served over HTTP, ms"),
                     ("cpu_ms", "serve's CPU time from the write to the log line, ms"),
                     ("rendered", "pages rendered per rebuild")):
        s = results[k]
        if s:
            log(f"| {label} | {s['median']:.1f} | {s['min']:.1f} | {s['max']:.1f} |")
    return results


def process_cpu(pid):
    """User + system CPU of a running process, in ms (Linux /proc; else None)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def wait_for_rebuild(proc):
    for line in proc.stdout:
        if line.startswith("rebuilt in"):
            return line.strip()
        if "failed" in line:
            raise SystemExit(f"serve: {line.strip()}")
    raise SystemExit("serve exited")


# --------------------------------------------------------------------------
def machine(args, tools):
    info = {"nproc": os.cpu_count(), "platform": platform.platform(),
            "python": platform.python_version()}
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            kib = int(f.readline().split()[1])
        info["memory_gib"] = round(kib / 1024 / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            info["cpu"] = next((l.split(":", 1)[1].strip() for l in f
                                if l.startswith("model name")), "?")
    except OSError:
        pass
    def version(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[0]
        except (OSError, IndexError):
            return None
    info["dossier"] = version([args.dossier, "--version"])
    info["git"] = version(["git", "-C", REPO, "describe", "--always", "--dirty"])
    if "hugo" in tools:
        info["hugo"] = version([args.hugo, "version"])
    if "zola" in tools or "zola+pagefind" in tools:
        info["zola"] = version([args.zola, "--version"])
    if any(t.endswith("+pagefind") for t in tools):
        info["pagefind"] = version([args.pagefind, "--version"])
    return info


def main(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="\n\n".join(__doc__.split("\n\n")[1:]),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=DEFAULT_SHARED,
                    help="folder with gen_corpus.py (default: ../shared/bench from the repo root)")
    ap.add_argument("--work", default=DEFAULT_WORK,
                    help=f"corpora and outputs (default: {DEFAULT_WORK})")
    ap.add_argument("--sizes", default="1000,10000",
                    help="total pages over all languages, comma-separated (default 1000,10000; "
                         "the issue's sizes are 1000,10000,50000)")
    ap.add_argument("--langs", default="en,tr,el,ru", help="languages, default first")
    ap.add_argument("--seed", default="ssg-bench-1", help="gen_corpus.py seed")
    ap.add_argument("--runs", type=int, default=5, help="timed rounds per size (default 5)")
    ap.add_argument("--warmup", type=int, default=1, help="warm-up rounds (default 1)")
    ap.add_argument("--tools", default=",".join(ALL_TOOLS),
                    help="of " + ",".join(ALL_TOOLS) + "; peers missing from the PATH "
                         "are skipped (default: all)")
    ap.add_argument("--dossier", default=os.path.join(REPO, "target", "release", "dossier"),
                    help="the dossier binary (default: target/release/dossier)")
    ap.add_argument("--no-cargo", action="store_true",
                    help="do not run `cargo build --release` first")
    ap.add_argument("--hugo", default="hugo")
    ap.add_argument("--zola", default="zola")
    ap.add_argument("--pagefind", default="pagefind_extended",
                    help="the Pagefind CLI for the +pagefind tools (default: pagefind_extended)")
    ap.add_argument("--startup-runs", type=int, default=30,
                    help="runs of the 1-page start-up build (default 30)")
    ap.add_argument("--no-startup", action="store_true", help="skip the start-up measurement")
    ap.add_argument("--explainer-runs", type=int, default=10,
                    help="rounds of the explainer (this repository's site) with and without "
                         "search (default 10; 0 skips it)")
    ap.add_argument("--serve-size", type=int, default=10000,
                    help="site size for the serve measurement (default 10000)")
    ap.add_argument("--serve-edits", type=int, default=20, help="edits under serve (default 20)")
    ap.add_argument("--serve-pause", type=float, default=1.0,
                    help="seconds between serve edits (default 1)")
    ap.add_argument("--no-serve", action="store_true", help="skip the serve measurement")
    ap.add_argument("--no-check", action="store_true",
                    help="skip the check build of the dossier output (when already checked)")
    ap.add_argument("--json", help="also write all results to this JSON file")
    args = ap.parse_args(argv)

    args.shared = os.path.abspath(args.shared)
    if not os.path.isfile(os.path.join(args.shared, "gen_corpus.py")):
        ap.error(f"no gen_corpus.py in {args.shared}; pass --shared DIR")
    args.langs = [x for x in args.langs.split(",") if x]
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s]
    except ValueError:
        ap.error("--sizes takes numbers: 1000,10000")
    for s in sizes + ([] if args.no_serve else [args.serve_size]):
        if s % len(args.langs) or s <= 0:
            ap.error(f"size {s} is not a positive multiple of {len(args.langs)} languages")
    tools = [t for t in args.tools.split(",") if t]
    for t in tools:
        if t not in ALL_TOOLS:
            ap.error(f"unknown tool {t}")
    for peer in PEERS:
        needs = [getattr(args, p) for p in peer.split("+")]
        missing = [n for n in needs if shutil.which(n) is None]
        if peer in tools and missing:
            log(f"{peer}: {', '.join(missing)} not on the PATH: skipped")
            tools.remove(peer)
    if args.runs < 1:
        ap.error("--runs must be at least 1")

    if not args.no_cargo:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    args.dossier = os.path.abspath(args.dossier)
    os.makedirs(args.work, exist_ok=True)
    outs = os.path.join(args.work, "out")
    os.makedirs(outs, exist_ok=True)

    results = {"machine": machine(args, tools), "argv": sys.argv[1:], "sizes": []}
    log("## dossier benchmark")
    for k, v in results["machine"].items():
        log(f"- {k}: {v}")
    log(f"- load average at start: {loadavg():.2f}")

    corpora = {}

    def corpus(size):
        if size in corpora:
            return corpora[size]
        per_lang = size // len(args.langs)
        sites = {"hugo": os.path.join(args.work, f"hugo-{size}"),
                 "zola": os.path.join(args.work, f"zola-{size}"),
                 "dossier": os.path.join(args.work, f"dossier-{size}")}
        manifest = generate(args, "hugo", per_lang, args.langs, sites["hugo"])
        if "zola" in tools or "zola+pagefind" in tools:
            generate(args, "zola", per_lang, args.langs, sites["zola"])
        convert(sites["hugo"], sites["dossier"], manifest)
        corpora[size] = (per_lang, sites, manifest)
        return corpora[size]

    for size in sizes:
        log(f"\n== {size} pages")
        per_lang, sites, manifest = corpus(size)
        check = None if args.no_check else verify_dossier(args, sites["dossier"], manifest, outs)
        runs = bench_size(args, size, tools, sites, outs)
        rep = report_size(size, per_lang, args.langs, runs)
        rep["check"] = check
        results["sizes"].append(rep)
        save(args, results)
    if args.explainer_runs > 0:
        results["explainer"] = explainer(args, outs)
    if not args.no_startup:
        results["startup"] = startup(args, args.work, outs)
    if not args.no_serve:
        _, sites, manifest = corpus(args.serve_size)
        results["serve"] = serve(args, args.work, sites["dossier"], manifest)
    log(f"\n- load average at end: {loadavg():.2f}")
    save(args, results)
    return 0


def save(args, results):
    """Writes what is measured so far (after each size, and at the end)."""
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    sys.exit(main())
