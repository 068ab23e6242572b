//! The site model: pages grouped into translations, claims, sources and
//! events with every cross-reference resolved to an index. Built from the
//! raw input in one pass; a `Site` that exists is consistent.

use crate::diagnostics::{find_line, suggest, Diagnostic, Diagnostics};
use crate::parse::config::{quoted_list, SiteConfig};
use crate::parse::data::{self, RawClaim, RawEvent, RawSource, Stance, Status};
use crate::parse::date::PartialDate;
use crate::parse::front_matter::{self as pages, PageFile, PageKind};
use crate::parse::slug;
use crate::parse::text::LangText;
use crate::read::input::{InputFile, SiteInput};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// A page and its translations.
#[derive(Debug)]
pub struct Page {
    pub key: String,
    pub kind: PageKind,
    /// The versions that exist, by language code.
    pub versions: BTreeMap<String, PageFile>,
    /// The language whose version fills in where a translation is missing:
    /// the default language when it has one.
    pub fallback_lang: String,
}

impl Page {
    /// The version a reader of `lang` gets, and whether it is a fallback.
    pub(crate) fn version(&self, lang: &str) -> (&PageFile, bool) {
        match self.versions.get(lang) {
            Some(v) => (v, false),
            None => (&self.versions[&self.fallback_lang], true),
        }
    }

    /// The folder the page is written to in `lang`: `en/`, `en/chips/`.
    pub(crate) fn url(&self, lang: &str) -> String {
        page_url(lang, &self.key)
    }
}

pub(crate) fn page_url(lang: &str, key: &str) -> String {
    if key.is_empty() {
        format!("{lang}/")
    } else {
        format!("{lang}/{key}/")
    }
}

#[derive(Debug)]
pub struct Citation {
    pub source: usize,
    pub stance: Stance,
    pub note: Option<LangText>,
}

#[derive(Debug)]
pub struct Claim {
    pub id: String,
    pub rel: String,
    pub statement: LangText,
    pub status: Status,
    pub topics: Vec<String>,
    pub attributed_to: LangText,
    pub date: Option<PartialDate>,
    pub citations: Vec<Citation>,
    pub related: Vec<usize>,
    pub superseded_by: Option<usize>,
    pub updated: Option<crate::parse::date::Timestamp>,
}

#[derive(Debug)]
pub struct Source {
    pub id: String,
    pub language: String,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<PartialDate>,
    pub original_title: Option<String>,
    pub title: LangText,
    pub url: Option<String>,
    pub cites: Vec<String>,
    pub summary: Option<LangText>,
}

#[derive(Debug)]
pub struct Event {
    pub id: String,
    pub date: PartialDate,
    pub planned: bool,
    pub title: LangText,
    pub claims: Vec<usize>,
}

/// A file copied as is from a language folder (an image beside a page).
#[derive(Debug)]
pub struct Asset {
    /// Output path, `en/img/map.png`.
    pub out: String,
    pub bytes: Vec<u8>,
}

pub(crate) const CLAIMS_KEY: &str = "claims";
pub(crate) const SOURCES_KEY: &str = "sources";
pub(crate) const TIMELINE_KEY: &str = "timeline";
pub(crate) const SEARCH_KEY: &str = "search";

#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    /// Sorted by key; the home page (key ``) first.
    pub pages: Vec<Page>,
    /// Sorted by id.
    pub claims: Vec<Claim>,
    /// In the order of `sources.yaml`.
    pub sources: Vec<Source>,
    /// In date order; events of equal date keep file order.
    pub events: Vec<Event>,
    pub assets: Vec<Asset>,
}

impl Site {
    pub fn page(&self, key: &str) -> Option<&Page> {
        self.pages
            .binary_search_by(|p| p.key.as_str().cmp(key))
            .ok()
            .map(|i| &self.pages[i])
    }

    pub(crate) fn claim_index(&self, id: &str) -> Option<usize> {
        self.claims.binary_search_by(|c| c.id.as_str().cmp(id)).ok()
    }

    pub(crate) fn has_claims_index(&self) -> bool {
        !self.claims.is_empty() || self.page(CLAIMS_KEY).is_some()
    }

    pub(crate) fn has_sources_index(&self) -> bool {
        !self.sources.is_empty() || self.page(SOURCES_KEY).is_some()
    }

    /// The pages directly inside a section (or, for the home page, the
    /// top-level pages), sorted for `lang` by weight, then `updated`, then title.
    pub(crate) fn section_children(&self, section_key: &str, lang: &str) -> Vec<&Page> {
        let prefix = if section_key.is_empty() {
            String::new()
        } else {
            format!("{section_key}/")
        };
        let mut children: Vec<&Page> = self
            .pages
            .iter()
            .filter(|p| {
                !p.key.is_empty()
                    && p.key != section_key
                    && p.key.starts_with(&prefix)
                    && !p.key[prefix.len()..].contains('/')
            })
            .collect();
        children.sort_by(|a, b| {
            let (va, _) = a.version(lang);
            let (vb, _) = b.version(lang);
            va.meta
                .weight
                .unwrap_or(i64::MAX)
                .cmp(&vb.meta.weight.unwrap_or(i64::MAX))
                .then_with(|| va.meta.updated.cmp(&vb.meta.updated))
                .then_with(|| va.meta.title.cmp(&vb.meta.title))
                .then_with(|| a.key.cmp(&b.key))
        });
        children
    }

    /// The pages dossier generates that exist for this site (each may
    /// have a Markdown page of the same key giving its title and intro).
    pub(crate) fn generated_keys(&self) -> Vec<&'static str> {
        [
            (self.has_claims_index(), CLAIMS_KEY),
            (self.has_sources_index(), SOURCES_KEY),
            (self.has_timeline(), TIMELINE_KEY),
            (true, SEARCH_KEY),
        ]
        .into_iter()
        .filter_map(|(exists, key)| exists.then_some(key))
        .collect()
    }

    /// Generated pages with no Markdown page of their own.
    pub(crate) fn generated_only(&self) -> Vec<&'static str> {
        self.generated_keys()
            .into_iter()
            .filter(|k| self.page(k).is_none())
            .collect()
    }

    pub(crate) fn has_timeline(&self) -> bool {
        !self.events.is_empty() || self.page(TIMELINE_KEY).is_some()
    }
}

/// Classifies, parses and resolves everything under `content/`.
pub fn build(config: SiteConfig, input: &SiteInput) -> Result<Site, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut page_files: Vec<(&InputFile, &str)> = Vec::new();
    let mut claim_files: Vec<(&InputFile, String)> = Vec::new();
    let mut sources_file = None;
    let mut timeline_file = None;
    let mut assets = Vec::new();

    for f in &input.content {
        let rest = f.rel.strip_prefix("content/").unwrap_or(&f.rel);
        let (first, tail) = match rest.split_once('/') {
            Some((a, b)) => (a, Some(b)),
            None => (rest, None),
        };
        match (first, tail) {
            ("sources.yaml", None) => sources_file = Some(f),
            ("timeline.yaml", None) => timeline_file = Some(f),
            ("claims", Some(name)) => match name.strip_suffix(".yaml") {
                Some(id) if slug::is_safe_id(id) => claim_files.push((f, id.to_string())),
                Some(id) => diags.push(
                    Diagnostic::error(
                        &f.rel,
                        format!("claim id `{id}` (the file name) is not a safe id"),
                    )
                    .help(slug::SAFE_ID_HELP),
                ),
                None => diags.push(
                    Diagnostic::error(&f.rel, "content/claims/ holds only claim files")
                        .help("name each claim `content/claims/<id>.yaml`"),
                ),
            },
            (lang, Some(_)) if config.language(lang).is_some() => {
                if f.extension() == "md" {
                    page_files.push((
                        f,
                        config
                            .language(lang)
                            .map(|l| l.code.as_str())
                            .unwrap_or(lang),
                    ));
                } else {
                    assets.push(Asset {
                        out: rest.to_string(),
                        bytes: f.bytes.clone(),
                    });
                }
            }
            (dir, Some(_)) => diags.push(
                Diagnostic::error(
                    &f.rel,
                    format!("folder `content/{dir}/` is not a language in site.yaml"),
                )
                .help(format!(
                    "page folders are named after the site's languages ({}); {}",
                    quoted_list(config.codes()),
                    suggest("language", dir, config.codes())
                )),
            ),
            (name, None) => diags.push(
                Diagnostic::error(&f.rel, format!("unexpected file `{name}` in content/")).help(
                    "content/ holds language folders, claims/, sources.yaml and timeline.yaml",
                ),
            ),
        }
    }

    let parsed_pages: Vec<Result<PageFile, Diagnostics>> = page_files
        .par_iter()
        .map(|(f, lang)| {
            let text = f.text().map_err(|d| Diagnostics::from_iter([d]))?;
            pages::parse_page(&f.rel, lang, &text)
        })
        .collect();
    let mut by_key: BTreeMap<String, Page> = BTreeMap::new();
    for r in parsed_pages {
        match r {
            Ok(p) if p.meta.draft => {}
            Ok(p) => {
                if let Some(reason) = reserved(&p.key) {
                    diags.push(
                        Diagnostic::error(&p.rel, reason).help("move the page to another folder"),
                    );
                    continue;
                }
                let page = by_key.entry(p.key.clone()).or_insert_with(|| Page {
                    key: p.key.clone(),
                    kind: p.kind,
                    versions: BTreeMap::new(),
                    fallback_lang: String::new(),
                });
                page.versions.insert(p.lang.clone(), p);
            }
            Err(d) => diags.extend(d),
        }
    }
    let mut pages: Vec<Page> = by_key.into_values().collect();
    for page in &mut pages {
        page.fallback_lang = if page.versions.contains_key(&config.default_language) {
            config.default_language.clone()
        } else {
            // First language in switcher order that has the page.
            config
                .codes()
                .find(|c| page.versions.contains_key(*c))
                .unwrap_or_default()
                .to_string()
        };
    }

    let raw_sources: Vec<RawSource> =
        sources_file.map_or_else(Vec::new, |f| parse_list_file(f, &mut diags));
    let raw_events: Vec<RawEvent> =
        timeline_file.map_or_else(Vec::new, |f| parse_list_file(f, &mut diags));
    let mut parsed_claims: Vec<(String, String, String, Result<RawClaim, Diagnostic>)> =
        claim_files
            .par_iter()
            .map(|(f, id)| match f.text() {
                Ok(text) => {
                    let r = data::parse_claim(&f.rel, &text);
                    (id.clone(), f.rel.clone(), text, r)
                }
                Err(d) => (id.clone(), f.rel.clone(), String::new(), Err(d)),
            })
            .collect();
    // File names sort `a-b.yaml` before `a.yaml`; ids sort the other way.
    parsed_claims.sort_by(|a, b| a.0.cmp(&b.0));

    // Sources.
    let sources_rel = "content/sources.yaml";
    let sources_text = sources_file.and_then(|f| f.text().ok()).unwrap_or_default();
    let mut sources = Vec::new();
    let mut source_ids: HashMap<String, usize> = HashMap::new();
    let mut seen_ids: HashMap<String, usize> = HashMap::new();
    for s in raw_sources {
        // The n-th source with this id sits on the n-th line naming it;
        // looked up only for an error, so a long file stays linear.
        let nth = seen_ids.entry(s.id.clone()).or_default();
        let (n, id) = (*nth, s.id.clone());
        let line = || id_line(&sources_text, &id, n);
        *nth += 1;
        if !slug::is_safe_id(&s.id) {
            diags.push(
                Diagnostic::error(
                    sources_rel,
                    format!("source id `{}` is not a safe id", s.id),
                )
                .at(line(), None)
                .help(slug::SAFE_ID_HELP),
            );
            continue;
        }
        if source_ids.contains_key(&s.id) {
            diags.push(
                Diagnostic::error(sources_rel, format!("duplicate source id `{}`", s.id))
                    .at(line(), None)
                    .help("each source needs its own id"),
            );
            continue;
        }
        if !crate::parse::config::is_language_tag(&s.language) {
            diags.push(
                Diagnostic::error(
                    sources_rel,
                    format!("source `{}`: `{}` is not a language code", s.id, s.language),
                )
                .at(find_line(&sources_text, &s.language), None)
                .help("use the BCP 47 tag of the article's language, such as `tr` or `el`"),
            );
        }
        config.check_lang_keys(
            &s.title,
            sources_rel,
            &sources_text,
            &format!("source `{}` title", s.id),
            &mut diags,
        );
        if let Some(summary) = &s.summary {
            config.check_lang_keys(
                summary,
                sources_rel,
                &sources_text,
                &format!("source `{}` summary", s.id),
                &mut diags,
            );
        }
        if let Some(url) = &s.url {
            if !crate::parse::config::is_http_url(url) {
                diags.push(
                    Diagnostic::error(
                        sources_rel,
                        format!("source `{}`: url `{url}` is not an http(s) URL", s.id),
                    )
                    .at(find_line(&sources_text, url), None)
                    .help("write the full address, starting with https:// and without spaces"),
                );
            }
        }
        source_ids.insert(s.id.clone(), sources.len());
        sources.push(Source {
            id: s.id,
            language: s.language,
            outlet: s.outlet,
            author: s.author,
            published: s.published,
            original_title: s.original_title,
            title: s.title,
            url: s.url,
            cites: s.cites,
            summary: s.summary,
        });
    }

    // Claims: first the ids, then the references between them.
    let claim_ids: Vec<&str> = parsed_claims
        .iter()
        .filter(|c| c.3.is_ok())
        .map(|c| c.0.as_str())
        .collect();
    let mut claims = Vec::new();
    for (id, rel, text, parsed) in &parsed_claims {
        let raw = match parsed {
            Ok(raw) => raw,
            Err(d) => {
                diags.push(d.clone());
                continue;
            }
        };
        config.check_lang_keys(&raw.statement, rel, text, "statement", &mut diags);
        config.check_lang_keys(&raw.attributed_to, rel, text, "attributed_to", &mut diags);
        if raw.statement.is_empty() {
            diags.push(
                Diagnostic::error(rel, "`statement` has no text")
                    .at(find_line(text, "statement"), None)
                    .help("give the statement per language: `statement: {en: ...}`"),
            );
        }
        if raw.sources.is_empty() {
            diags.push(
                Diagnostic::error(rel, "the claim has no sources")
                    .at(find_line(text, "sources"), None)
                    .help("list at least one: `sources: [{source: <id>, stance: supports}]`"),
            );
        }
        let mut citations = Vec::new();
        for c in &raw.sources {
            if let Some(note) = &c.note {
                config.check_lang_keys(note, rel, text, "note", &mut diags);
            }
            match source_ids.get(&c.source) {
                Some(&i) => citations.push(Citation {
                    source: i,
                    stance: c.stance,
                    note: c.note.clone(),
                }),
                None => diags.push(
                    Diagnostic::error(rel, format!("cites unknown source `{}`", c.source))
                        .at(find_line(text, &c.source), None)
                        .help(suggest(
                            "source",
                            &c.source,
                            source_ids.keys().map(String::as_str).collect::<Vec<_>>(),
                        )),
                ),
            }
        }
        let mut resolve_claim = |target: &str, field: &str| -> Option<usize> {
            match claim_ids.binary_search(&target) {
                Ok(i) => Some(i),
                Err(_) => {
                    diags.push(
                        Diagnostic::error(rel, format!("`{field}` names unknown claim `{target}`"))
                            .at(find_line(text, target), None)
                            .help(suggest("claim", target, claim_ids.iter().copied())),
                    );
                    None
                }
            }
        };
        let related: Vec<usize> = raw
            .related
            .iter()
            .filter_map(|r| resolve_claim(r, "related"))
            .collect();
        let superseded_by = raw
            .superseded_by
            .as_deref()
            .and_then(|s| resolve_claim(s, "superseded_by"));
        for topic in &raw.topics {
            if !slug::is_safe_id(topic) {
                diags.push(
                    Diagnostic::error(rel, format!("topic `{topic}` is not a safe id"))
                        .at(find_line(text, topic), None)
                        .help(slug::SAFE_ID_HELP),
                );
            }
        }
        claims.push(Claim {
            id: id.clone(),
            rel: rel.clone(),
            statement: raw.statement.clone(),
            status: raw.status,
            topics: raw.topics.clone(),
            attributed_to: raw.attributed_to.clone(),
            date: raw.date,
            citations,
            related,
            superseded_by,
            updated: raw.updated.clone(),
        });
    }
    // `claim_ids` is sorted (files are read sorted), and `claims` follows it.
    debug_assert!(claims.windows(2).all(|w| w[0].id < w[1].id));
    check_supersession_loops(&claims, &mut diags);

    // Events.
    let timeline_rel = "content/timeline.yaml";
    let timeline_text = timeline_file
        .and_then(|f| f.text().ok())
        .unwrap_or_default();
    let mut events: Vec<Event> = Vec::new();
    let mut seen_ids: HashMap<String, usize> = HashMap::new();
    let mut event_ids: std::collections::HashSet<String> = Default::default();
    for e in raw_events {
        let nth = seen_ids.entry(e.id.clone()).or_default();
        let (n, id) = (*nth, e.id.clone());
        let line = || id_line(&timeline_text, &id, n);
        *nth += 1;
        if !slug::is_safe_id(&e.id) {
            diags.push(
                Diagnostic::error(
                    timeline_rel,
                    format!("event id `{}` is not a safe id", e.id),
                )
                .at(line(), None)
                .help(slug::SAFE_ID_HELP),
            );
            continue;
        }
        if !event_ids.insert(e.id.clone()) {
            diags.push(
                Diagnostic::error(timeline_rel, format!("duplicate event id `{}`", e.id))
                    .at(line(), None)
                    .help("each event needs its own id"),
            );
            continue;
        }
        config.check_lang_keys(
            &e.title,
            timeline_rel,
            &timeline_text,
            &format!("event `{}` title", e.id),
            &mut diags,
        );
        let mut backing = Vec::new();
        for c in &e.claims {
            match claim_ids.binary_search(&c.as_str()) {
                Ok(i) => backing.push(i),
                Err(_) => diags.push(
                    Diagnostic::error(
                        timeline_rel,
                        format!("event `{}` names unknown claim `{c}`", e.id),
                    )
                    .at(find_line(&timeline_text, c), None)
                    .help(suggest("claim", c, claim_ids.iter().copied())),
                ),
            }
        }
        events.push(Event {
            id: e.id,
            date: e.date,
            planned: e.planned,
            title: e.title,
            claims: backing,
        });
    }
    events.sort_by_key(|e| e.date);

    if diags.has_errors() {
        return Err(diags);
    }
    Ok(Site {
        config,
        pages,
        claims,
        sources,
        events,
        assets,
    })
}

/// The line of the `n`-th entry with this id in a list file, written plain
/// or quoted.
fn id_line(text: &str, id: &str, n: usize) -> Option<usize> {
    [
        format!("id: {id}"),
        format!("id: '{}'", id.replace('\'', "''")),
        format!("id: \"{id}\""),
    ]
    .iter()
    .find_map(|needle| crate::diagnostics::find_lines(text, needle).nth(n))
}

fn parse_list_file<T: serde::de::DeserializeOwned>(
    f: &InputFile,
    diags: &mut Diagnostics,
) -> Vec<T> {
    match f.text().and_then(|t| data::parse_list(&f.rel, &t)) {
        Ok(list) => list,
        Err(d) => {
            diags.push(d);
            Vec::new()
        }
    }
}

/// Paths under which dossier writes pages of its own.
fn reserved(key: &str) -> Option<String> {
    for dir in [CLAIMS_KEY, SOURCES_KEY] {
        if key.starts_with(&format!("{dir}/")) {
            return Some(format!(
                "`{dir}/` is reserved for the pages dossier generates for each {}",
                &dir[..dir.len() - 1]
            ));
        }
    }
    None
}

/// Reports each `superseded_by` loop once, from every claim on it, in time
/// linear in the number of claims (each follows one `superseded_by` link).
fn check_supersession_loops(claims: &[Claim], diags: &mut Diagnostics) {
    // 0: not visited; 1: on the chain being followed; 2: done.
    let mut state = vec![0u8; claims.len()];
    for start in 0..claims.len() {
        let mut chain = Vec::new();
        let mut next = Some(start);
        while let Some(i) = next {
            if state[i] != 0 {
                if state[i] == 1 {
                    // A new loop: the part of the chain from `i` on.
                    let at = chain.iter().position(|&j| j == i).unwrap_or(0);
                    let cycle = &chain[at..];
                    for (k, &member) in cycle.iter().enumerate() {
                        let names: Vec<&str> = cycle[k..]
                            .iter()
                            .chain(&cycle[..k])
                            .map(|&j: &usize| claims[j].id.as_str())
                            .collect();
                        diags.push(
                            Diagnostic::error(
                                &claims[member].rel,
                                format!(
                                    "`superseded_by` loops: {} → {}",
                                    names.join(" → "),
                                    claims[member].id
                                ),
                            )
                            .help("a claim cannot be superseded, directly or through others, by itself"),
                        );
                    }
                }
                break;
            }
            state[i] = 1;
            chain.push(i);
            next = claims[i].superseded_by;
        }
        for i in chain {
            state[i] = 2;
        }
    }
}
