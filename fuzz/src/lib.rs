//! The bodies of dossier's fuzz targets, kept apart from libFuzzer so that
//! `cargo test` (tests/hostile/fuzz_replay.rs) replays every corpus seed and
//! every former crash through exactly the code the fuzzers run.
//!
//! Each function takes arbitrary bytes, must never panic, and asserts the
//! properties that must hold for any input (ids unique, URLs that resolve
//! back to their target, dates that round-trip, output that stays escaped).

use dossier::markdown::{self, highlight};
use dossier::parse::data::{RawEvent, RawSource};
use dossier::parse::date::{PartialDate, Timestamp};
use dossier::parse::front_matter as pages;
use dossier::parse::{config, data};
use dossier::read::input::{InputFile, SiteInput};
use dossier::resolve::links;
use dossier::resolve::links::LinkIndex;
use std::collections::HashSet;
use std::sync::OnceLock;

pub mod smoke;

/// A target's body: arbitrary bytes in, a panic on any violated promise.
pub type Target = fn(&[u8]);

/// Every target, by the name of its folder in `fuzz/corpus/`.
pub const TARGETS: &[(&str, Target)] = &[
    ("front_matter", front_matter),
    ("data_yaml", data_yaml),
    ("site_config", site_config),
    ("links", links),
    ("markdown", markdown),
    ("site", site),
    ("language_code", language_code),
    ("output_path", output_path),
];

/// Bytes as a file would be read: BOM, CRLF and bad UTF-8 handled as the
/// build handles them.
fn text_of(rel: &str, bytes: &[u8]) -> Option<String> {
    InputFile {
        rel: rel.to_string(),
        bytes: bytes.into(),
    }
    .text()
    .ok()
}

fn split_first_line(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[]),
    }
}

/// A page file: the first line is its path below `content/en/`, the rest
/// its text.
pub fn front_matter(data: &[u8]) {
    let (name, rest) = split_first_line(data);
    let rel = format!("content/en/{}", String::from_utf8_lossy(name));
    let Some(text) = text_of(&rel, rest) else {
        return;
    };
    if let Ok((yaml, body, line)) = pages::split_front_matter(&rel, &text) {
        // The body is the end of the text, and `line` is the line it starts on.
        assert!(text.ends_with(body));
        assert!(text.contains(yaml));
        if !body.is_empty() {
            let before = &text[..text.len() - body.len()];
            assert_eq!(line, before.matches('\n').count() + 1, "{text:?}");
        }
    }
    if let Ok(page) = pages::parse_page(&rel, "en", &text) {
        for seg in page.key.split('/').filter(|s| !s.is_empty()) {
            assert!(
                dossier::parse::slug::is_safe_id(seg),
                "unsafe page key {:?}",
                page.key
            );
        }
        if let Some(t) = &page.meta.template {
            assert!(pages::is_template_name(t));
            assert!(!t.contains(['/', '\\', '\0']) && !t.contains(".."));
        }
        if let Some(u) = &page.meta.updated {
            check_timestamp(u);
        }
    }
}

fn check_date(d: &PartialDate) {
    let shown = d.to_string();
    assert_eq!(PartialDate::parse(&shown).as_ref(), Ok(d), "{shown}");
}

fn check_timestamp(t: &Timestamp) {
    let date = t.date();
    assert_eq!(date.len(), 10);
    assert!(PartialDate::parse(date).is_ok(), "{t:?}");
    let rfc = t.rfc3339();
    assert!(
        rfc.len() >= 20
            && rfc.is_ascii()
            && !rfc.contains(char::is_whitespace)
            && Timestamp::parse(&rfc).is_ok(),
        "not RFC 3339: {rfc:?} from {t:?}"
    );
}

/// A claim file, `sources.yaml` or `timeline.yaml`, chosen by the first byte.
pub fn data_yaml(data: &[u8]) {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    match kind % 3 {
        0 => {
            let Some(text) = text_of("content/claims/x.yaml", rest) else {
                return;
            };
            if let Ok(c) = data::parse_claim("content/claims/x.yaml", &text) {
                c.date.iter().for_each(check_date);
                c.updated.iter().for_each(check_timestamp);
            }
        }
        1 => {
            let Some(text) = text_of("content/sources.yaml", rest) else {
                return;
            };
            if let Ok(list) = data::parse_list::<RawSource>("content/sources.yaml", &text) {
                list.iter().flat_map(|s| &s.published).for_each(check_date);
            }
        }
        _ => {
            let Some(text) = text_of("content/timeline.yaml", rest) else {
                return;
            };
            if let Ok(list) = data::parse_list::<RawEvent>("content/timeline.yaml", &text) {
                list.iter().for_each(|e| check_date(&e.date));
            }
        }
    }
}

/// `site.yaml`.
pub fn site_config(data: &[u8]) {
    let Some(text) = text_of("site.yaml", data) else {
        return;
    };
    if let Ok(c) = config::parse(&text) {
        assert!(c.language(&c.default_language).is_some());
        assert!(dossier::parse::slug::is_safe_id(&c.theme));
        for l in &c.languages {
            assert!(config::is_language_tag(&l.code), "{:?}", l.code);
            assert!(!l.code.contains(['/', '\\', '.', '\0']));
        }
        if let Some(b) = &c.base_url {
            assert!(b.ends_with('/') && b.starts_with("http"));
        }
    }
}

/// A small site to resolve links against: pages `chips` (with headings),
/// `guide` and `guide/intro`, a claim, a source and an event.
fn link_index() -> &'static LinkIndex {
    static INDEX: OnceLock<LinkIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let config = config::parse(
            "title: {en: T}\ndefault_language: en\nlanguages: [{code: en, name: English}, {code: tr, name: Türkçe}]\n",
        )
        .expect("fixed config");
        let file = |rel: &str, text: &str| InputFile {
            rel: rel.into(),
            bytes: text.as_bytes().into(),
        };
        let input = SiteInput {
            config_text: String::new(),
            content: vec![
                file("content/claims/c1.yaml", "statement: {en: S}\nstatus: reported\nattributed_to: {en: A}\nsources: [{source: s1, stance: supports}]\n"),
                file("content/en/_index.md", "---\ntitle: Home\n---\n"),
                file("content/en/chips.md", "---\ntitle: Chips\n---\n# Chips\n## The dock {#dock}\n## Τσιπ\n"),
                file("content/en/guide/_index.md", "---\ntitle: Guide\n---\n"),
                file("content/en/guide/intro.md", "---\ntitle: Intro\n---\n## Start\n"),
                file("content/sources.yaml", "- id: s1\n  language: en\n  title: {en: T}\n"),
                file("content/timeline.yaml", "- id: e1\n  date: 2025-05\n  title: {en: E}\n"),
            ],
            theme: Vec::new(),
            statics: Vec::new(),
        };
        let site = dossier::pipeline::site_model(config, &input).expect("fixed site");
        let analysis = dossier::resolve::analysis::analyse(&site).expect("fixed site");
        std::sync::Arc::try_unwrap(analysis.links).unwrap_or_else(|_| unreachable!())
    })
}

/// Where a browser lands when it follows `href` on the page at `from` (both
/// root-relative; folders end in `/`).
pub fn follow(from: &str, href: &str) -> String {
    if let Some(frag) = href.strip_prefix('#') {
        let page = from.split('#').next().unwrap_or("");
        return format!("{page}#{frag}");
    }
    let (path, frag) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (href, None),
    };
    let mut segs: Vec<&str> = from[..from.rfind('/').map_or(0, |i| i + 1)]
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let parts: Vec<&str> = path.split('/').collect();
    let last = parts.len() - 1;
    let mut file = "";
    for (i, p) in parts.iter().enumerate() {
        match *p {
            "." | "" if i < last => {}
            ".." if i < last => {
                segs.pop();
            }
            "." | ".." => unreachable!("relative() never ends in . or .."),
            p if i < last => segs.push(p),
            p => file = p,
        }
    }
    let mut out = segs.join("/");
    if !segs.is_empty() {
        out.push('/');
    }
    out.push_str(file);
    if let Some(f) = frag {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// A root-relative URL as dossier makes them: safe segments, folders
/// ending in `/`, or a file such as `404.html` or `en/atom.xml`.
fn well_formed(url: &str) -> bool {
    let path = url.split('#').next().unwrap_or("");
    path.split('/').enumerate().all(|(i, seg)| {
        let last = i == path.split('/').count() - 1;
        (last && seg.is_empty())
            || (!seg.is_empty()
                && seg != "."
                && seg != ".."
                && seg
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)))
    }) && !url.starts_with('/')
}

/// A cross-link (first line) resolved for a reader of `en` or `tr` and made
/// relative to the page on the second line; the other lines are more
/// `relative(from, to)` pairs.
pub fn links(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let dest = lines.next().unwrap_or("");
    let from = lines.next().unwrap_or("en/chips/");
    let index = link_index();
    if let Some(Ok(target)) = links::parse_target(dest) {
        for lang in ["en", "tr"] {
            if let Ok(url) = index.resolve(&target, lang) {
                assert!(well_formed(&url), "{url:?}");
                assert!(url.starts_with(&format!("{lang}/")), "{url:?}");
                let href = links::relative(from, &url);
                if well_formed(from) {
                    assert_eq!(follow(from, &href), url, "from {from:?} via {href:?}");
                }
            }
        }
    }
    let rest: Vec<&str> = lines.collect();
    for pair in rest.chunks(2) {
        let (a, b) = (pair[0], pair.get(1).copied().unwrap_or(""));
        let href = links::relative(a, b);
        if well_formed(a) && well_formed(b) {
            assert_eq!(follow(a, &href), b, "from {a:?} to {b:?} via {href:?}");
        }
    }
}

fn highlighter() -> &'static highlight::Highlighter {
    static H: OnceLock<highlight::Highlighter> = OnceLock::new();
    H.get_or_init(highlight::Highlighter::new)
}

/// Every `<` in highlighted code opens one of the tags the highlighter
/// writes: the code itself is escaped.
fn check_highlighted(html: &str) {
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        assert!(
            [
                "<pre class=\"code\"",
                "</pre>",
                "<code",
                "</code>",
                "<span class=\"",
                "</span>"
            ]
            .iter()
            .any(|t| rest.starts_with(t)),
            "unescaped `<` in highlighted code: {:?}",
            &rest[..rest.len().min(60)]
        );
        rest = &rest[1..];
    }
}

/// A Markdown body: scanned, rendered with cross-links rewritten, code
/// highlighted.
pub fn markdown(data: &[u8]) {
    let Some(body) = text_of("content/en/x.md", data) else {
        return;
    };
    let scan = markdown::scan(&body);
    let mut ids = HashSet::new();
    for h in &scan.headings {
        assert!(!h.id.is_empty());
        assert!(
            ids.insert(h.id.as_str()),
            "two headings share the id {:?}",
            h.id
        );
    }
    for l in &scan.links {
        assert!(l.offset <= body.len());
        let _ = links::parse_target(&l.dest);
    }
    let rewrite = |dest: &str| {
        links::parse_target(dest)?.ok()?;
        Some(markdown::RewrittenLink {
            href: links::relative("en/x/", "en/claims/c1/"),
            claim_status: dest
                .starts_with("claim:")
                .then(|| ("reported", "<Reported & \"so\">".to_string())),
        })
    };
    let mut code = |b: &markdown::CodeBlock| {
        let html = highlighter().highlight(&b.lang, &b.code);
        check_highlighted(&html);
        html
    };
    let html = markdown::render(&body, &scan.headings, &rewrite, &mut code);
    // (Raw HTML in the body is the author's and passes as it is.)
    if !body.contains("<Reported") {
        assert!(
            !html.contains("<Reported"),
            "a claim label went out unescaped"
        );
    }
    for h in &scan.headings {
        if h.id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        {
            assert!(html.contains(&format!("id=\"{}\"", h.id)), "{:?}", h.id);
        }
    }
}

/// A whole site in memory: the bytes are split at `\n====\n` into files,
/// each starting with its path on the first line (`site.yaml`,
/// `content/en/x.md`, `content/claims/a.yaml`, …). Built end to end:
/// config, model, links, rendering, exports.
pub fn site(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut config_text = String::from(
        "title: {en: T, tr: Ş}\ndefault_language: en\nlanguages: [{code: en, name: English}, {code: tr, name: Türkçe, dir: rtl}]\nbase_url: https://example.org/x/\n",
    );
    let mut content = Vec::new();
    for part in text.split("\n====\n").take(40) {
        let (path, body) = part.split_once('\n').unwrap_or((part, ""));
        let path = path.trim();
        if path == "site.yaml" {
            config_text = body.to_string();
        } else if let Some(rel) = path.strip_prefix("content/") {
            // What the reader could hand over: no empty, `.`/`..` or
            // refused names (see `input::unsafe_name`).
            if !rel.is_empty()
                && !rel.split('/').any(|s| {
                    s.is_empty()
                        || s.starts_with('.')
                        || dossier::read::input::unsafe_name(s).is_some()
                })
            {
                content.push(InputFile {
                    rel: path.to_string(),
                    bytes: body.as_bytes().into(),
                });
            }
        }
    }
    content.sort_by(|a, b| a.rel.cmp(&b.rel));
    content.dedup_by(|a, b| a.rel == b.rel);
    let Ok(config) = config::parse(&config_text) else {
        return;
    };
    if config.theme != "default" {
        return;
    }
    let input = SiteInput {
        config_text,
        content,
        theme: Vec::new(),
        statics: Vec::new(),
    };
    if let Ok(prepared) = dossier::pipeline::prepare_input(
        config,
        input,
        &dossier::commands::settings(),
        dossier::pipeline::Mode::Check,
    ) {
        for f in &prepared.files {
            assert!(!f.path.is_empty() && !f.path.starts_with('/'));
            assert!(
                f.path
                    .split('/')
                    .all(|s| !s.is_empty() && s != "." && s != ".." && !s.contains('\\')),
                "unsafe output path {:?}",
                f.path
            );
        }
    }
}

/// A language code, as `site.yaml` would list it. A code dossier accepts
/// is a safe folder name, makes a valid `site.yaml` beside `en`, and can
/// be indexed by Pagefind, which once panicked on long codes.
pub fn language_code(data: &[u8]) {
    let Ok(code) = std::str::from_utf8(data) else {
        return;
    };
    let accepted = dossier::parse::langtag::site_code_problem(code).is_none();
    assert_eq!(
        accepted,
        config::is_language_tag(code) && code.len() <= dossier::parse::langtag::MAX_SITE_CODE_LEN,
        "{code:?}"
    );
    if !accepted {
        return;
    }
    assert!(
        code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
        "{code:?}"
    );
    let yaml = format!(
        "title: {{en: T}}\ndefault_language: en\nlanguages: [{{code: en, name: E}}, {{code: '{code}', name: X}}]\n"
    );
    let parsed = config::parse(&yaml);
    let clash =
        dossier::parse::langtag::same(code, "en") || dossier::parse::slug::is_reserved_name(code);
    assert_eq!(parsed.is_ok(), !clash, "{code:?}: {:?}", parsed.err());
    let page = format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><title>T</title></head><body data-pagefind-body><p>Words to index</p></body></html>"
    );
    let index = dossier::output::search::index(["x/index.html"], |_| Ok(page.clone().into_bytes()));
    assert!(index.is_ok(), "{code:?}: {:?}", index.err());
}

/// An `--output` path, relative to a site in a fresh temporary folder
/// that holds links of every kind (into `content/en`, absolute, `..`, a
/// loop). Where `outpath::resolve` says it leads must be where the kernel
/// takes an existing path (`canonicalize`), and an output the check
/// accepts must lead neither into the site's sources nor above the site.
/// Nothing is written but the sandbox.
pub fn output_path(data: &[u8]) {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::symlink;
    use std::path::Path;
    use std::sync::atomic::{AtomicUsize, Ordering};
    static RUN: AtomicUsize = AtomicUsize::new(0);
    let rel = data.strip_prefix(b"/").unwrap_or(data);
    if rel.contains(&0) || rel.len() > 4096 {
        return;
    }
    let rel = Path::new(std::ffi::OsStr::from_bytes(rel));
    let tmp = std::env::temp_dir().join(format!(
        "dossier-fuzz-output-{}-{}",
        std::process::id(),
        RUN.fetch_add(1, Ordering::Relaxed)
    ));
    let site = tmp.join("site");
    std::fs::create_dir_all(site.join("content/en")).unwrap();
    std::fs::create_dir_all(site.join("themes/t")).unwrap();
    std::fs::create_dir_all(site.join("deep/er")).unwrap();
    std::fs::write(site.join("site.yaml"), "").unwrap();
    symlink("content/en", site.join("lnk")).unwrap();
    symlink(site.join("content"), site.join("abs")).unwrap();
    symlink("..", site.join("up")).unwrap();
    symlink("loop", site.join("loop")).unwrap();
    symlink("deep/er/../../lnk", site.join("chain")).unwrap();
    let site = site.canonicalize().unwrap();
    let path = site.join(rel);
    let resolved = dossier::output::outpath::resolve(&path, &site);
    if let (Ok(real), Ok(want)) = (&resolved, path.canonicalize()) {
        assert_eq!(real, &want, "{rel:?}");
    }
    if dossier::output::check_output_location(&site, &site, &path).is_ok() {
        let real = resolved.expect("an accepted output resolves");
        assert!(
            !site.starts_with(&real),
            "{rel:?} leads above the site: {real:?}"
        );
        for inner in ["content", "static", "themes", "src", ".git"] {
            assert!(
                !real.starts_with(site.join(inner)),
                "{rel:?} leads into {inner}: {real:?}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
