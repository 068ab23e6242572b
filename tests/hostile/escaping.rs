//! Text from YAML and front matter is escaped wherever it lands; links
//! that would run code are refused.

use crate::common::*;
use crate::write_site;

/// Everything that could break out of HTML text, an attribute, a
/// `<script>` element, XML or CDATA, or become a link that runs code.
const P: &str = r#"<script>alert(1)</script> "><img src=x onerror=alert(1)> '</script> ]]> javascript:alert(1) &amp;"#;

/// A site with `P` in every text field there is.
fn hostile_site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    // YAML single-quoted: only `'` needs doubling.
    let q = format!("'{}'", P.replace('\'', "''"));
    let config = format!(
        "title: {{en: {q}, tr: {q}}}\ndefault_language: en\nlanguages: [{{code: en, name: {q}}}, {{code: tr, name: {q}}}]\nbase_url: 'https://example.org/x/?q=\"><script>alert(1)</script>]]>'\ntopics:\n  t1: {{en: {q}, tr: {q}}}\n"
    );
    let page = format!(
        "---\ntitle: {q}\ndescription: {q}\nweight: 1\nupdated: 2025-08-20\n---\n\n## Heading `{P}`\n\nSee [the claim](claim:c1), [the source](source:s1) and [the event](event:e1).\n"
    );
    let claim = format!(
        "statement: {{en: {q}, tr: {q}}}\nstatus: disputed\ntopics: [t1]\nattributed_to: {{en: {q}}}\ndate: 2025-05\nsources:\n  - source: s1\n    stance: supports\n    note: {{en: {q}}}\n"
    );
    // A statement a spreadsheet would run as a formula.
    let formula = "statement: {en: '=HYPERLINK(\"http://evil.example\",\"x\")'}\nstatus: reported\nattributed_to: {en: '@SUM(1)'}\nsources: [{source: s1, stance: mentions}]\n";
    let sources = format!(
        "- id: s1\n  language: tr\n  outlet: {q}\n  author: {q}\n  original_title: {q}\n  title: {{en: {q}, tr: {q}}}\n  url: 'https://example.org/a?b=\"><script>alert(1)</script>'\n  cites: [{q}]\n  summary: {{en: {q}}}\n"
    );
    let timeline =
        format!("- id: e1\n  date: 2025-06\n  title: {{en: {q}, tr: {q}}}\n  claims: [c1]\n");
    write_site(
        tmp.path(),
        &[
            ("site.yaml", &config),
            ("content/en/_index.md", &page),
            ("content/en/about.md", &page),
            ("content/tr/about.md", &page),
            ("content/claims/c1.yaml", &claim),
            ("content/claims/c2.yaml", formula),
            ("content/sources.yaml", &sources),
            ("content/timeline.yaml", &timeline),
        ],
    );
    tmp
}

/// Every `<` of an XML file opens one of the elements dossier writes.
fn assert_only_known_tags(rel: &str, xml: &str) {
    const TAGS: &[&str] = &[
        "?xml ",
        "feed ",
        "/feed>",
        "title>",
        "/title>",
        "id>",
        "/id>",
        "link ",
        "updated>",
        "/updated>",
        "author>",
        "/author>",
        "name>",
        "/name>",
        "entry>",
        "/entry>",
        "summary>",
        "/summary>",
        "urlset ",
        "/urlset>",
        "url>",
        "/url>",
        "loc>",
        "/loc>",
        "xhtml:link ",
    ];
    for (i, _) in xml.match_indices('<') {
        let rest = &xml[i + 1..];
        assert!(
            TAGS.iter().any(|t| rest.starts_with(t)),
            "{rel}: unexpected markup at {:?}",
            &rest[..rest.len().min(40)]
        );
    }
    assert!(!xml.contains("]]>"), "{rel}: raw ]]>");
}

/// Each `<script` of a page is dossier's own, and JSON-LD inside one
/// cannot close it.
fn assert_scripts_are_ours(rel: &str, html: &str) {
    let opens: Vec<usize> = html.match_indices("<script").map(|(i, _)| i).collect();
    assert_eq!(
        opens.len(),
        html.matches("</script>").count(),
        "{rel}: a </script> that closes nothing of ours"
    );
    for i in opens {
        let rest = &html[i..];
        if rest.starts_with("<script src=\"")
            && rest[13..]
                .split('"')
                .next()
                .is_some_and(|src| src.ends_with("search.js") || src.ends_with("claims.js"))
        {
            // The theme's own scripts (search, and the claims index's
            // filters); their URLs are escaped like any attribute.
            assert!(
                !rest[1..rest.find('>').unwrap()].contains('<'),
                "{rel}: markup in the script's URL"
            );
            continue;
        }
        assert!(
            rest.starts_with("<script type=\"application/ld+json\">"),
            "{rel}: a script dossier did not write: {:?}",
            &rest[..rest.len().min(60)]
        );
        let body = &rest[rest.find('>').unwrap() + 1..rest.find("</script>").unwrap()];
        assert!(!body.contains('<'), "{rel}: `<` inside JSON-LD");
        let v: serde_json::Value = serde_json::from_str(body).expect("JSON-LD parses");
        if rel.contains("/claims/c1/") {
            assert_eq!(v["claimReviewed"], P, "{rel}: the statement survives");
        }
    }
}

#[test]
fn every_text_field_is_escaped_in_every_output() {
    let site = hostile_site();
    let public = build_ok(site.path());
    let files = snapshot(&public);
    let mut html_pages = 0;
    for (rel, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        if rel.ends_with(".html") {
            html_pages += 1;
            for live in ["<script>alert", "<img src=x"] {
                assert!(
                    !text
                        .to_ascii_lowercase()
                        .contains(&live.to_ascii_lowercase()),
                    "{rel}: {live} reached the page live"
                );
            }
            for (tag, attrs) in tags(&text) {
                assert!(tag != "img", "{rel}: an <img> dossier did not write");
                for a in attrs {
                    assert!(!a.starts_with("on"), "{rel}: event handler {a} on <{tag}>");
                }
            }
            assert_scripts_are_ours(rel, &text);
            for attr in ["href", "src", "content", "action", "formaction"] {
                for v in attr_values(&text, attr) {
                    assert!(
                        !v.trim().to_ascii_lowercase().starts_with("javascript:"),
                        "{rel}: {attr}={v:?}"
                    );
                }
            }
        } else if rel.ends_with(".xml") {
            assert_only_known_tags(rel, &text);
        } else if rel.ends_with(".json") {
            assert!(!text.contains(['<', '>']), "{rel}: raw < or > in JSON");
            let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
            if rel.ends_with("claims.json") {
                // Data keeps the text exactly; only its encoding is defused.
                let c1 = &v["claims"][0];
                assert_eq!(c1["statement"], P);
                assert_eq!(c1["attributed_to"], P);
                assert_eq!(c1["sources"][0]["note"], P);
            } else if rel.ends_with("timeline.json") {
                // TimelineJS renders these fields as HTML: escaped HTML.
                let e = &v["events"][0]["text"];
                let headline = e["headline"].as_str().unwrap();
                assert!(headline.starts_with("&lt;script&gt;"), "{headline}");
                let body = e["text"].as_str().unwrap();
                assert!(
                    !body.contains("<script") && !body.contains("<img"),
                    "{body}"
                );
                assert!(!v["title"]["text"]["headline"]
                    .as_str()
                    .unwrap()
                    .contains('<'));
            }
        } else if rel.ends_with(".csv") {
            let rows = parse_csv(&text);
            assert!(rows.len() == 3, "{rel}: {} rows\n{text}", rows.len());
            for row in &rows {
                assert_eq!(row.len(), 8, "{rel}: {row:?}");
                for field in row {
                    assert!(
                        !field.starts_with(['=', '+', '-', '@']),
                        "{rel}: {field:?} would run as a formula"
                    );
                }
            }
            assert_eq!(rows[1][5], P, "{rel}: the statement survives intact");
        }
    }
    assert!(html_pages >= 10, "only {html_pages} pages");
    assert!(files.contains_key("sitemap.xml") && files.contains_key("en/atom.xml"));
    // The text is still there, shown as text.
    let about = read(&public, "en/about/index.html");
    assert!(
        about.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{about}"
    );
}

/// The elements of an HTML text as a browser would tokenise them: tag
/// name and attribute names, lowercased. Text between `<script>` tags is
/// skipped as the browser skips it.
fn tags(html: &str) -> Vec<(String, Vec<String>)> {
    let b = html.as_bytes();
    let (mut out, mut i) = (Vec::new(), 0);
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        if i >= b.len() || !b[i].is_ascii_alphabetic() {
            continue;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                break;
            }
            let a = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !b"=>/".contains(&b[i]) {
                i += 1;
            }
            attrs.push(html[a..i].to_ascii_lowercase());
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    i += 1;
                    while i < b.len() && b[i] != q {
                        i += 1;
                    }
                    i += 1;
                } else {
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                }
            }
        }
        if name == "script" {
            i = html[i.min(b.len())..]
                .find("</script")
                .map_or(b.len(), |e| i + e);
        }
        out.push((name, attrs));
    }
    out
}

/// RFC 4180 fields, quotes undone.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field) = (Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn links_that_run_code_are_refused_in_every_link_position() {
    let site = crate::minimal_site();
    write_site(
        site.path(),
        &[(
            "content/en/about.md",
            "---\ntitle: About\n---\n\n[a](javascript:alert(1))\n\n![i](JAVASCRIPT:alert(1))\n\n<javascript:alert(1)>\n\n[ref]\n\n[ref]: vbscript:msgbox(1)\n\n[d](data:text/html;base64,PHNjcmlwdD4=)\n\n[e](java&#115;cript:alert(1))\n\n[w]( \tjavascript:alert(1))\n",
        )],
    );
    let (code, err) = crate::build_err(site.path());
    assert_eq!(code, Some(1), "{err}");
    for line in [5, 7, 9, 11, 15, 17, 19] {
        assert!(
            err.contains(&format!("content/en/about.md:{line}:")),
            "line {line} not reported:\n{err}"
        );
    }
    assert!(err.contains("`javascript` scheme") && err.contains("`vbscript` scheme"));
    assert!(
        err.contains("a `data:text/html` URL, which can hold script"),
        "{err}"
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn a_source_url_or_base_url_must_be_http() {
    let site = crate::minimal_site();
    write_site(
        site.path(),
        &[
            (
                "site.yaml",
                "title: {en: M}\ndefault_language: en\nlanguages: [{code: en, name: English}]\nbase_url: javascript:alert(1)//\n",
            ),
            (
                "content/sources.yaml",
                "- id: s1\n  language: en\n  title: {en: T}\n  url: javascript:alert(1)\n",
            ),
        ],
    );
    let (code, err) = crate::build_err(site.path());
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(
            "site.yaml:4: base_url `javascript:alert(1)//` is not an absolute http(s) URL"
        ),
        "{err}"
    );
    // site.yaml fails first; fix it and the source is reported.
    write_site(
        site.path(),
        &[(
            "site.yaml",
            "title: {en: M}\ndefault_language: en\nlanguages: [{code: en, name: English}]\n",
        )],
    );
    let (code, err) = crate::build_err(site.path());
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(
            "content/sources.yaml:4: source `s1`: url `javascript:alert(1)` is not an http(s) URL"
        ),
        "{err}"
    );
}

#[test]
fn a_base_url_with_a_line_break_cannot_add_lines_to_robots_txt() {
    let site = crate::minimal_site();
    write_site(
        site.path(),
        &[(
            "site.yaml",
            "title: {en: M}\ndefault_language: en\nlanguages: [{code: en, name: English}]\nbase_url: \"https://example.org/\\nDisallow: /\"\n",
        )],
    );
    let (code, err) = crate::build_err(site.path());
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("is not an absolute http(s) URL"), "{err}");
    assert!(err.contains("without spaces"), "{err}");
}

/// SECURITY.md: "A NUL character in Markdown becomes U+FFFD, as CommonMark
/// (§2.3) requires" — in text, headings, code and link text alike; no NUL
/// byte reaches any page, feed or export.
#[test]
fn a_nul_in_markdown_becomes_the_replacement_character() {
    let site = crate::minimal_site();
    crate::write_site(
        site.path(),
        &[(
            "content/en/zero.md",
            "---\ntitle: Nul\n---\n\n## Head\0ing\n\nText a\0b and [li\0nk](https://example.org/).\n\n```\nco\0de\n```\n",
        )],
    );
    let public = build_ok(site.path());
    let html = read(&public, "en/zero/index.html");
    for text in [
        "Head\u{FFFD}ing",
        "a\u{FFFD}b",
        "li\u{FFFD}nk",
        "co\u{FFFD}de",
    ] {
        assert!(html.contains(text), "{text}:\n{html}");
    }
    // Text outputs; the search index's files are compressed binary.
    for (rel, bytes) in snapshot(&public) {
        if !rel.starts_with("pagefind/") {
            assert!(!bytes.contains(&0), "{rel} holds a NUL byte");
        }
    }
}

/// SECURITY.md: a URL's scheme is read without regard to case (RFC 3986):
/// `HTTPS://` is accepted as `https://` for a source's `url` and the
/// site's `base_url`, and `JAVASCRIPT:` is refused like `javascript:`.
#[test]
fn an_upper_case_scheme_is_the_same_scheme() {
    let site = crate::minimal_site();
    write_site(
        site.path(),
        &[
            (
                "site.yaml",
                "title: {en: M}\ndefault_language: en\nlanguages: [{code: en, name: English}]\nbase_url: HTTPS://example.org/m/\n",
            ),
            (
                "content/sources.yaml",
                "- {id: s, language: en, title: {en: S}, url: 'HTTPS://example.org/a'}\n",
            ),
        ],
    );
    let public = build_ok(site.path());
    assert!(read(&public, "en/atom.xml").contains("HTTPS://example.org/m/en/"));
    write_site(
        site.path(),
        &[(
            "content/en/x.md",
            "---\ntitle: X\n---\n[x](JAVASCRIPT:alert(1))\n",
        )],
    );
    let out = build(site.path(), &[]);
    assert!(
        stderr(&out).contains("link uses the `javascript` scheme"),
        "{}",
        stderr(&out)
    );
}
