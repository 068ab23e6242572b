//! Outdated translations. A translated page records in its front matter
//! (`translated_from`) a fingerprint of the default-language text it was
//! translated from; when that text changes, the fingerprints differ and
//! `dossier check` says so. `dossier stamp` writes the fingerprint.
//!
//! The fingerprint is the first 12 hex digits of the 64-bit FNV-1a hash of
//! the default-language file's body — everything after the front matter's
//! closing `---` — as UTF-8, with a leading BOM dropped and CRLF line endings
//! made LF. Front matter (title, weight, `updated`) is not part of it.

use crate::parse::config::SiteConfig;
use crate::parse::front_matter::{self as pages, PageFile};
use crate::parse::spans::at;
use crate::read::input::SiteInput;
use std::collections::HashMap;

/// Hex digits of the hash kept in `translated_from`.
pub(crate) const FINGERPRINT_LEN: usize = 12;

/// The 64-bit FNV-1a hash: small, stable across versions and platforms.
pub(crate) fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The fingerprint of a page body (see the module documentation).
pub(crate) fn fingerprint(body: &str) -> String {
    let body = body.strip_prefix('\u{feff}').unwrap_or(body);
    let hash = if body.contains('\r') {
        fnv1a64(body.replace("\r\n", "\n").as_bytes())
    } else {
        fnv1a64(body.as_bytes())
    };
    format!("{hash:016x}")[..FINGERPRINT_LEN].to_string()
}

/// Splits `content/<folder>/<inner>` into the folder and the inner path.
pub(crate) fn split_page_rel(rel: &str) -> Option<(&str, &str)> {
    rel.strip_prefix("content/")?
        .split_once('/')
        .filter(|(_, inner)| inner.ends_with(".md"))
}

/// How a translated page stands against its default-language page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum State {
    Current,
    /// The default-language text changed since `recorded` was stamped.
    Outdated {
        recorded: String,
        current: String,
    },
    /// No `translated_from` at all.
    Unstamped {
        current: String,
    },
    /// A default-language page carries `translated_from`, which means nothing there.
    OnDefault,
}

#[derive(Debug, Clone)]
pub(crate) struct Translation {
    /// The translated file (or, for `OnDefault`, the default-language file).
    pub rel: String,
    /// The line of `translated_from`, when present.
    pub line: Option<usize>,
    /// The default-language file it translates.
    pub source_rel: String,
    pub state: State,
}

/// Every translated page of the site and how it stands. Pages that do not
/// parse are skipped (the build reports them); drafts are skipped too.
pub(crate) fn survey(config: &SiteConfig, input: &SiteInput) -> Vec<Translation> {
    let parsed: Vec<PageFile> = input
        .content
        .iter()
        .filter_map(|f| {
            let (folder, _) = split_page_rel(&f.rel)?;
            let lang = config.language(folder)?.code.clone();
            let text = f.text().ok()?;
            let page = pages::parse_page(&f.rel, &lang, &text).ok()?;
            (!page.meta.draft).then_some(page)
        })
        .collect();
    let default = &config.default_language;
    let by_inner: HashMap<&str, &PageFile> = parsed
        .iter()
        .filter(|p| &p.lang == default)
        .filter_map(|p| Some((split_page_rel(&p.rel)?.1, p)))
        .collect();
    let mut out = Vec::new();
    for page in &parsed {
        let line = page
            .meta
            .translated_from
            .as_ref()
            .and_then(|_| page.spans.key(&at!["translated_from"]));
        if &page.lang == default {
            if page.meta.translated_from.is_some() {
                out.push(Translation {
                    rel: page.rel.clone(),
                    line,
                    source_rel: page.rel.clone(),
                    state: State::OnDefault,
                });
            }
            continue;
        }
        let Some(source) = split_page_rel(&page.rel).and_then(|(_, inner)| by_inner.get(inner))
        else {
            continue; // a page of its own, not a translation
        };
        let current = fingerprint(&source.body);
        let state = match page.meta.translated_from.as_deref().map(str::trim) {
            None => State::Unstamped { current },
            Some(recorded) if recorded == current => State::Current,
            Some(recorded) => State::Outdated {
                recorded: recorded.to_string(),
                current,
            },
        };
        out.push(Translation {
            rel: page.rel.clone(),
            line,
            source_rel: source.rel.clone(),
            state,
        });
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out
}

/// `text` with its front matter's `translated_from` set to `value`: that
/// one line replaced, or a line inserted after the `title` entry. Every
/// other byte (BOM, line endings, comments) is kept. `Err` says why not.
pub(crate) fn set_translated_from(text: &str, value: &str) -> Result<String, String> {
    let bom = if text.starts_with('\u{feff}') {
        "\u{feff}"
    } else {
        ""
    };
    let rest = &text[bom.len()..];
    let mut lines = rest.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err("the file does not start with a `---` front matter line".into());
    }
    let eol = if first.ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let new_line = format!("translated_from: {}{eol}", yaml_scalar(value));
    let mut offset = bom.len() + first.len();
    let mut after_title: Option<usize> = None;
    let mut in_title = false;
    for line in lines {
        let start = offset;
        offset += line.len();
        if line.trim_end() == "---" {
            let at = after_title.unwrap_or(start);
            return Ok(format!("{}{new_line}{}", &text[..at], &text[at..]));
        }
        if line.starts_with("translated_from:") {
            return Ok(format!("{}{new_line}{}", &text[..start], &text[offset..]));
        }
        // A title may continue on indented lines (a folded or quoted scalar).
        let continues = in_title && (line.starts_with(' ') || line.starts_with('\t'));
        in_title = line.starts_with("title:") || continues;
        if in_title && after_title.is_none_or(|_| continues) {
            after_title = Some(offset);
        }
    }
    Err("the front matter is never closed by a `---` line".into())
}

/// `value` as a YAML scalar that reads back as the same string (quoted
/// when it would otherwise read as a number, as `123456789012` would).
fn yaml_scalar(value: &str) -> String {
    match serde_yaml::from_str::<serde_yaml::Value>(value) {
        Ok(serde_yaml::Value::String(s)) if s == value => value.to_string(),
        _ => format!("'{}'", value.replace('\'', "''")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a64_matches_the_published_test_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn fingerprints_ignore_line_endings_only() {
        assert_eq!(fingerprint("a\r\nb\r\n"), fingerprint("a\nb\n"));
        assert_eq!(fingerprint("a\nb\n").len(), FINGERPRINT_LEN);
        assert_ne!(fingerprint("a\nb\n"), fingerprint("a\nc\n"));
    }

    #[test]
    fn inserts_after_the_title_and_keeps_everything_else() {
        let t = "---\ntitle: A\nweight: 2 # menu\n---\n\nBody\n";
        assert_eq!(
            set_translated_from(t, "0a1b2c3d4e5f").unwrap(),
            "---\ntitle: A\ntranslated_from: 0a1b2c3d4e5f\nweight: 2 # menu\n---\n\nBody\n"
        );
    }

    #[test]
    fn replaces_only_the_existing_line_and_keeps_crlf_and_bom() {
        let t = "\u{feff}---\r\ntitle: A\r\ntranslated_from: old\r\n---\r\nBody\r\n";
        assert_eq!(
            set_translated_from(t, "0a1b2c3d4e5f").unwrap(),
            "\u{feff}---\r\ntitle: A\r\ntranslated_from: 0a1b2c3d4e5f\r\n---\r\nBody\r\n"
        );
    }

    #[test]
    fn a_folded_title_keeps_its_continuation_lines() {
        let t = "---\ntitle: >-\n  A long\n  title\nweight: 1\n---\n";
        assert_eq!(
            set_translated_from(t, "abcdef012345").unwrap(),
            "---\ntitle: >-\n  A long\n  title\ntranslated_from: abcdef012345\nweight: 1\n---\n"
        );
    }

    #[test]
    fn a_value_that_reads_as_a_number_is_quoted() {
        let t = "---\ntitle: A\n---\n";
        assert_eq!(
            set_translated_from(t, "123456789012").unwrap(),
            "---\ntitle: A\ntranslated_from: '123456789012'\n---\n"
        );
        assert!(set_translated_from("no front matter", "x").is_err());
        assert!(set_translated_from("---\ntitle: A\n", "x").is_err());
    }
}
