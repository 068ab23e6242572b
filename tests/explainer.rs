//! The shipped explainer (the repository's own site.yaml and content/):
//! complete in every language, every claim traceable, every source used.

use dossier::model;
use dossier::parse::config;
use dossier::read::input;
use dossier::resolve::analysis;
use std::collections::BTreeSet;
use std::path::Path;

fn site() -> (model::Site, analysis::Analysis) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = input::read_config(root).expect("site.yaml");
    let config = config::parse(&text).expect("valid site.yaml");
    let input = input::read_site(root, text, &config.theme).expect("readable content");
    let site = dossier::pipeline::site_model(config, &input)
        .unwrap_or_else(|d| panic!("{:?}", d.into_sorted()));
    let analysis = analysis::analyse(&site).unwrap_or_else(|d| panic!("{:?}", d.into_sorted()));
    (site, analysis)
}

#[test]
fn the_explainer_builds_strict_in_all_five_languages() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("public");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args([
            "build",
            "--strict",
            "--root",
            env!("CARGO_MANIFEST_DIR"),
            "--output",
            target.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (site, _) = site();
    let codes: Vec<&str> = site.config.codes().collect();
    assert_eq!(codes, ["en", "tr", "el", "ru", "zh"]);
    let entry = std::fs::read_to_string(target.join("pagefind/pagefind-entry.json")).unwrap();
    let entry: serde_json::Value = serde_json::from_str(&entry).unwrap();
    for lang in codes {
        assert!(target.join(format!("{lang}/index.html")).is_file());
        let pages = entry["languages"][lang]["page_count"].as_u64().unwrap_or(0);
        assert!(pages > 60, "search index for {lang} has {pages} pages");
    }
}

#[test]
fn there_are_forty_or_more_claims_each_with_a_source() {
    let (site, _) = site();
    assert!(site.claims.len() >= 40, "only {} claims", site.claims.len());
    for c in &site.claims {
        assert!(!c.citations.is_empty(), "{} has no source", c.id);
    }
}

#[test]
fn every_source_is_cited_by_a_claim() {
    let (site, analysis) = site();
    assert_eq!(site.sources.len(), 5, "one source per article");
    for (i, s) in site.sources.iter().enumerate() {
        assert!(
            !analysis.source_claims[i].is_empty(),
            "source {} is cited by no claim",
            s.id
        );
    }
}

#[test]
fn every_claim_is_linked_from_a_page_in_every_language() {
    let (site, analysis) = site();
    for lang in site.config.codes() {
        let reader = site.config.lang(lang).unwrap();
        for (i, c) in site.claims.iter().enumerate() {
            let pages = &analysis.claim_pages[reader][i];
            // Only pages really written in this language count.
            let own: Vec<&String> = pages
                .iter()
                .filter(|k| site.page(k).is_some_and(|p| p.versions.contains_key(lang)))
                .collect();
            assert!(
                !own.is_empty(),
                "claim {} is linked from no {lang} page",
                c.id
            );
        }
    }
}

#[test]
fn every_language_has_the_same_pages_claims_and_events_as_english() {
    let (site, _) = site();
    let english: BTreeSet<&str> = site
        .pages
        .iter()
        .filter(|p| p.versions.contains_key("en"))
        .map(|p| p.key.as_str())
        .collect();
    for lang in site.config.codes() {
        let pages: BTreeSet<&str> = site
            .pages
            .iter()
            .filter(|p| p.versions.contains_key(lang))
            .map(|p| p.key.as_str())
            .collect();
        assert_eq!(pages, english, "{lang} pages differ from English");
        for c in &site.claims {
            assert!(
                c.statement.contains_key(lang) && c.attributed_to.contains_key(lang),
                "claim {} lacks {lang}",
                c.id
            );
            for cit in &c.citations {
                assert!(
                    cit.note.as_ref().is_none_or(|n| n.contains_key(lang)),
                    "claim {} has a note without {lang}",
                    c.id
                );
            }
        }
        for s in &site.sources {
            assert!(
                s.title.contains_key(lang),
                "source {} title lacks {lang}",
                s.id
            );
            assert!(
                s.summary.as_ref().is_some_and(|m| m.contains_key(lang)),
                "source {} summary lacks {lang}",
                s.id
            );
        }
        for e in &site.events {
            assert!(e.title.contains_key(lang), "event {} lacks {lang}", e.id);
        }
    }
    for page in [
        "",
        "model",
        "chips",
        "export-policy",
        "timeline",
        "sources",
        "method",
    ] {
        assert!(english.contains(page), "page `{page}` missing");
    }
}

#[test]
fn the_required_disagreements_are_in_the_data() {
    let (site, _) = site();
    let claim = |id: &str| {
        site.claims
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("no claim {id}"))
    };
    let ascend = claim("r2-rumour-ascend-910b");
    assert_eq!(ascend.status, dossier::parse::data::Status::Superseded);
    assert!(ascend.superseded_by.is_some());
    assert!(ascend
        .citations
        .iter()
        .any(|c| c.stance == dossier::parse::data::Stance::Contradicts));
    let rumoured = site
        .claims
        .iter()
        .filter(|c| c.status == dossier::parse::data::Status::Rumored)
        .count();
    assert!(rumoured >= 3, "the R2 specifications are rumours");
}

// ---------------------------------------------------------------------------
// Typography and terminology of the built pages, per language. These read the
// HTML the reader gets, so they hold whatever the Markdown or YAML looked like.

/// The explainer built once for the checks below, into a folder kept for the
/// life of the test process.
fn built() -> &'static Path {
    static OUT: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    OUT.get_or_init(|| {
        let out = tempfile::tempdir().unwrap();
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args([
                "build",
                "-q",
                "--root",
                env!("CARGO_MANIFEST_DIR"),
                "--output",
            ])
            .arg(out.path().join("public"))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        out
    })
    .path()
}

/// Every HTML page of one language, as (path relative to the site, HTML).
fn pages_of(lang: &str) -> Vec<(String, String)> {
    let root = built().join("public");
    let mut pages = Vec::new();
    let mut dirs = vec![root.join(lang)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                let rel = path.strip_prefix(&root).unwrap().display().to_string();
                pages.push((rel, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    pages.sort();
    assert!(pages.len() > 60, "only {} {lang} pages", pages.len());
    pages
}

/// The part of `html` from the first `open` to the end of that element, or "".
fn element<'a>(html: &'a str, open: &str) -> &'a str {
    let Some(start) = html.find(open) else {
        return "";
    };
    let name: String = open[1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let (opening, closing) = (format!("<{name}"), format!("</{name}>"));
    let mut depth = 0usize;
    let mut i = start;
    while i < html.len() {
        let rest = &html[i..];
        if rest.starts_with(&closing) {
            depth -= 1;
            if depth == 0 {
                return &html[start..i + closing.len()];
            }
            i += closing.len();
        } else if rest.starts_with(&opening)
            && rest[opening.len()..].starts_with(|c: char| c == '>' || c.is_whitespace())
        {
            depth += 1;
            i += opening.len();
        } else {
            i += rest.chars().next().unwrap().len_utf8();
        }
    }
    &html[start..]
}

/// The text a reader sees in `html`: tags dropped (attribute values with
/// them), code, scripts and styles left out, character references decoded.
fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        text.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let skipped = ["code", "pre", "script", "style"].iter().find_map(|tag| {
            let open = format!("<{tag}");
            let follows = rest.get(open.len()..open.len() + 1);
            (rest.starts_with(&open) && matches!(follows, Some(">" | " ")))
                .then(|| rest.find(&format!("</{tag}>")).map(|e| e + tag.len() + 3))
                .flatten()
        });
        let end = skipped.unwrap_or_else(|| tag_end(rest));
        rest = &rest[end..];
    }
    text.push_str(rest);
    decode_references(&text)
}

/// The length of the tag that `s` starts with, `>` inside quotes included.
fn tag_end(s: &str) -> usize {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

fn decode_references(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let semi = rest.find(';').filter(|&i| i < 12);
        let decoded = semi.and_then(|i| match &rest[1..i] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        });
        match (decoded, semi) {
            (Some(c), Some(i)) => {
                out.push(c);
                rest = &rest[i + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The visible text of a page's `<main>`.
fn main_text(html: &str) -> String {
    visible_text(element(html, "<main"))
}

/// A few characters either side of byte `at`, for a failure message.
fn around(text: &str, at: usize) -> String {
    let start = text[..at]
        .char_indices()
        .rev()
        .nth(20)
        .map_or(0, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .nth(20)
        .map_or(text.len(), |(i, _)| at + i);
    text[start..end].replace('\n', " ")
}

#[test]
fn turkish_prose_uses_turkish_quotation_marks() {
    let mut found = Vec::new();
    for (path, html) in pages_of("tr") {
        let text = main_text(&html);
        if let Some(at) = text.find('"') {
            found.push(format!("{path}: …{}…", around(&text, at)));
        }
    }
    assert!(
        found.is_empty(),
        "straight \" in Turkish prose (write “…”):\n{}",
        found.join("\n")
    );
}

#[test]
fn greek_prose_says_inference_in_greek() {
    let mut found = Vec::new();
    for (path, html) in pages_of("el") {
        let text = main_text(&html);
        let lower = text.to_lowercase();
        for (at, _) in lower.match_indices("inference") {
            // Allowed only as the English gloss: «εξαγωγή συμπερασμάτων (inference)».
            if !(lower[..at].ends_with('(') && lower[at..].starts_with("inference)")) {
                found.push(format!("{path}: …{}…", around(&text, at)));
            }
        }
        let greek = |c: char| matches!(c, '\u{370}'..='\u{3ff}' | '\u{1f00}'..='\u{1fff}');
        for (at, _) in text.match_indices('\'') {
            if text[..at].chars().next_back().is_some_and(greek) {
                found.push(format!(
                    "{path}: elision with ' (write ’): …{}…",
                    around(&text, at)
                ));
            }
        }
    }
    assert!(found.is_empty(), "Greek prose:\n{}", found.join("\n"));
}

/// The visible text of each block (paragraph, list item, heading, cell…) of
/// `html`, trimmed: white space between blocks is not shown as a space.
fn blocks(html: &str) -> Vec<String> {
    const BLOCK: [&str; 22] = [
        "p",
        "li",
        "ul",
        "ol",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "tr",
        "td",
        "th",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "section",
        "aside",
        "br",
    ];
    let is_block = |tag: &str| {
        let name = tag.trim_start_matches(['<', '/']);
        let name: String = name
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        BLOCK.contains(&name.as_str())
    };
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while let Some(lt) = html[i..].find('<').map(|p| p + i) {
        let end = lt + tag_end(&html[lt..]);
        if is_block(&html[lt..end]) {
            out.push(visible_text(&html[start..lt]).trim().to_string());
            start = end;
        }
        i = end;
    }
    out.push(visible_text(&html[start..]).trim().to_string());
    out.retain(|t| !t.is_empty());
    out
}

/// Chinese text has no spaces: one between two Chinese characters (or a
/// Chinese character and a Latin letter or digit) shows as a gap in browsers.
#[test]
fn chinese_prose_has_no_stray_spaces() {
    let cjk = |c: char| matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}');
    let mut found = Vec::new();
    for (path, html) in pages_of("zh") {
        for text in blocks(element(&html, "<div class=\"prose\"")) {
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            for (i, &(at, c)) in chars.iter().enumerate() {
                if !c.is_whitespace() || (i > 0 && chars[i - 1].1.is_whitespace()) {
                    continue;
                }
                let before = chars[..i].last().map(|p| p.1);
                let after = chars[i..].iter().map(|p| p.1).find(|c| !c.is_whitespace());
                let (Some(b), Some(a)) = (before, after) else {
                    continue;
                };
                let alnum = |c: char| c.is_ascii_alphanumeric();
                if (cjk(b) && (cjk(a) || alnum(a))) || (alnum(b) && cjk(a)) {
                    found.push(format!("{path}: …{}…", around(&text, at)));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "spaces in Chinese prose:\n{}",
        found.join("\n")
    );
}

/// A UI string of the default theme: the words the badges show.
fn ui_string(lang: &str, key: &str) -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("themes/default/i18n/{lang}.yaml"));
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let value = yaml[key].as_str();
    value
        .unwrap_or_else(|| panic!("{lang}: no UI string `{key}`"))
        .to_string()
}

const LANGUAGES: [&str; 5] = ["en", "tr", "el", "ru", "zh"];

#[test]
fn the_method_page_defines_each_status_by_its_badge_word() {
    let statuses = [
        "confirmed",
        "reported",
        "rumored",
        "disputed",
        "denied",
        "opinion",
        "superseded",
    ];
    for lang in LANGUAGES {
        let html =
            std::fs::read_to_string(built().join(format!("public/{lang}/method/index.html")));
        let html = html.unwrap();
        let at = html.find("id=\"statuses\"").expect("a #statuses section");
        let list = element(&html[at..], "<ul");
        let terms: BTreeSet<String> = list
            .split("<strong>")
            .skip(1)
            .map(|s| visible_text(&s[..s.find("</strong>").unwrap()]))
            .collect();
        let badges: BTreeSet<String> = statuses
            .iter()
            .map(|s| ui_string(lang, &format!("status_{s}")))
            .collect();
        assert_eq!(
            terms, badges,
            "{lang}: the method page names the statuses otherwise than the badges"
        );
    }
}

/// Words prose has used for a status, stance or event kind where the badge
/// says another (shared/reviews/translations.md R6, Z8): of each family only
/// the badge's own word may be quoted or set in bold as a label.
const LABEL_VARIANTS: &[(&str, &str, &[&str])] = &[
    ("en", "status_rumored", &["rumored", "rumoured"]),
    ("ru", "status_reported", &["сообщается", "сообщают сми"]),
    ("ru", "status_rumored", &["слух", "слухи"]),
    ("ru", "status_denied", &["отрицается", "опровергнуто"]),
    (
        "ru",
        "status_superseded",
        &["устарело", "устаревший", "устаревшее"],
    ),
    ("ru", "stance_supports", &["подтверждает", "поддерживает"]),
    ("zh", "status_reported", &["有报道", "媒体报道"]),
    ("zh", "status_superseded", &["已被取代", "已过时"]),
    ("zh", "stance_contradicts", &["相矛盾", "相悖"]),
    ("zh", "planned", &["计划", "计划中"]),
];

#[test]
fn prose_names_a_status_by_its_badge_word() {
    let quotes = [("“", "”"), ("«", "»"), ("\"", "\""), ("„", "“"), ("‘", "’")];
    let mut found = Vec::new();
    for lang in LANGUAGES {
        let families: Vec<_> = LABEL_VARIANTS
            .iter()
            .filter(|(l, _, _)| *l == lang)
            .collect();
        if families.is_empty() {
            continue;
        }
        for (path, html) in pages_of(lang) {
            let text = main_text(&html).to_lowercase();
            let main = element(&html, "<main").to_lowercase();
            for (_, key, variants) in &families {
                let badge = ui_string(lang, key).to_lowercase();
                for v in variants.iter().filter(|v| **v != badge) {
                    let quoted = quotes
                        .iter()
                        .any(|(o, c)| text.contains(&format!("{o}{v}{c}")));
                    if quoted || main.contains(&format!("<strong>{v}</strong>")) {
                        found.push(format!("{path}: “{v}” where the badge says “{badge}”"));
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "labels that differ from the badges:\n{}",
        found.join("\n")
    );
}
