//! Translation coverage: for each language, which pages, claim fields,
//! sources, events and UI strings exist only in another language.

use crate::diagnostics::{Diagnostic, Diagnostics, Kind};
use crate::model::Site;
use crate::parse::spans::at;
use crate::parse::text::LangText;

/// What a missing translation belongs to (the columns of `check`'s table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Item {
    Page,
    Claim,
    Source,
    Event,
    Topic,
}

#[derive(Debug, Clone)]
pub struct Missing {
    pub item: Item,
    /// The page key, claim, source, event or topic id.
    pub id: String,
    pub path: String,
    pub line: Option<usize>,
    pub what: String,
}

#[derive(Debug, Clone)]
pub struct LanguageCoverage {
    pub lang: String,
    /// Translatable items (pages, claim fields, …, UI strings).
    pub total: usize,
    pub missing: Vec<Missing>,
    pub missing_pages: usize,
    pub missing_ui: usize,
}

impl LanguageCoverage {
    /// One more text that should exist in `lang`; `missing` says where,
    /// when it does not.
    fn count(&mut self, map: &LangText, lang: &str, missing: impl FnOnce() -> Missing) {
        self.total += 1;
        if !map.contains_key(lang) {
            self.missing.push(missing());
        }
    }

    pub(crate) fn percent(&self) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            100.0 * (self.total - self.missing.len() - self.missing_ui) as f64 / self.total as f64
        }
    }
}

/// How complete the theme's UI strings are, from the theme phase (which
/// comes after this one, so it hands the numbers down rather than its type).
#[derive(Debug, Clone, Copy)]
pub(crate) struct UiCoverage<'a> {
    /// Keys in a complete set of UI strings.
    pub total_keys: usize,
    /// Per language code, how many keys are missing.
    pub missing: &'a std::collections::BTreeMap<String, usize>,
}

pub(crate) fn measure(site: &Site, ui: UiCoverage) -> Vec<LanguageCoverage> {
    site.config
        .codes()
        .map(|lang| {
            let mut c = LanguageCoverage {
                lang: lang.to_string(),
                total: 0,
                missing: Vec::new(),
                missing_pages: 0,
                missing_ui: 0,
            };
            pages(&mut c, site, lang);
            claims(&mut c, site, lang);
            entries(&mut c, site, lang);
            c.total += ui.total_keys;
            c.missing_ui = ui.missing.get(lang).copied().unwrap_or(0);
            c
        })
        .collect()
}

fn page_key_label(key: &str) -> &str {
    if key.is_empty() {
        "/"
    } else {
        key
    }
}

/// The missing translations as diagnostics (warnings; `--strict` makes
/// them errors). UI strings are reported by `i18n` itself.
pub(crate) fn diagnostics(coverage: &[LanguageCoverage]) -> Diagnostics {
    coverage
        .iter()
        .flat_map(|c| c.missing.iter())
        .map(|m| {
            Diagnostic::warning(&m.path, format!("missing translation: {}", m.what))
                .kind(Kind::Translation)
                .at(m.line, None)
        })
        .collect()
}

/// Pages with no version in `lang`.
fn pages(c: &mut LanguageCoverage, site: &Site, lang: &str) {
    for page in &site.pages {
        c.total += 1;
        if !page.versions.contains_key(lang) {
            let (v, _) = page.version(lang);
            c.missing_pages += 1;
            c.missing.push(Missing {
                item: Item::Page,
                id: page.key.clone(),
                path: format!(
                    "content/{lang}/{}",
                    v.rel
                        .split_once(&format!("content/{}/", v.lang))
                        .map_or("", |x| x.1)
                ),
                line: None,
                what: format!(
                    "page `{}` is not translated (shown from `{}`)",
                    page_key_label(&page.key),
                    v.lang
                ),
            });
        }
    }
}

/// Claim fields with no `lang` text.
fn claims(c: &mut LanguageCoverage, site: &Site, lang: &str) {
    for claim in &site.claims {
        let mut fields = vec![
            (&claim.statement, "statement", at!["statement"].to_vec()),
            (
                &claim.attributed_to,
                "attributed_to",
                at!["attributed_to"].to_vec(),
            ),
        ];
        for (k, cit) in claim.citations.iter().enumerate() {
            if let Some(note) = &cit.note {
                fields.push((note, "note", at!["sources", k, "note"].to_vec()));
            }
        }
        for (map, name, at) in fields {
            c.count(map, lang, || Missing {
                item: Item::Claim,
                id: claim.id.clone(),
                path: claim.rel.clone(),
                line: claim.spans.key(&at),
                what: format!("`{name}` has no `{lang}` text"),
            });
        }
    }
}

/// Sources, events and topics with no `lang` text.
fn entries(c: &mut LanguageCoverage, site: &Site, lang: &str) {
    for s in &site.sources {
        for (map, name) in [(Some(&s.title), "title"), (s.summary.as_ref(), "summary")] {
            let Some(map) = map else { continue };
            c.count(map, lang, || Missing {
                item: Item::Source,
                id: s.id.clone(),
                path: "content/sources.yaml".into(),
                line: s.spans.value(&at!["id"]),
                what: format!("source `{}`: `{name}` has no `{lang}` text", s.id),
            });
        }
    }
    for e in &site.events {
        c.count(&e.title, lang, || Missing {
            item: Item::Event,
            id: e.id.clone(),
            path: "content/timeline.yaml".into(),
            line: e.spans.value(&at!["id"]),
            what: format!("event `{}`: `title` has no `{lang}` text", e.id),
        });
    }
    for (topic, labels) in &site.config.topics {
        c.count(labels, lang, || Missing {
            item: Item::Topic,
            id: topic.clone(),
            path: "site.yaml".into(),
            line: None,
            what: format!("topic `{topic}` has no `{lang}` label"),
        });
    }
}
