//! Resolving: the parsed content of every file becomes one consistent
//! [`Site`], every id checked and every reference between entities turned
//! into an index. All problems are collected; a `Site` is given only when
//! there are none.

use super::{
    Citation, Claim, ClaimId, Event, Page, Site, Source, SourceId, CLAIMS_KEY, SOURCES_KEY,
};
use crate::diagnostics::{suggest, Diagnostic, Diagnostics};
use crate::parse::config::SiteConfig;
use crate::parse::content::{ClaimFile, ListFile, RawContent};
use crate::parse::data::{RawEvent, RawSource};
use crate::parse::front_matter::{PageFile, PageKind};
use crate::parse::slug;
use crate::parse::spans::at;
use std::collections::{BTreeMap, HashMap};

/// Resolves the parsed content; `diags` holds the problems found so far
/// (discovery's), and the site is refused if any of them is an error.
pub(crate) fn resolve(
    config: SiteConfig,
    content: RawContent,
    mut diags: Diagnostics,
) -> Result<Site, Diagnostics> {
    let pages = resolve_pages(&config, content.pages, &mut diags);
    let sources_unread = content.sources.unread;
    let (sources, source_ids) = resolve_sources(&config, content.sources, &mut diags);
    // A sources.yaml that does not parse is one error, not one more for
    // every citation of a source it holds.
    let known_sources = (!sources_unread).then_some(&source_ids);
    let claims = resolve_claims(&config, &content.claims, known_sources, &mut diags);
    check_supersession_loops(&claims, &mut diags);
    let claim_ids: Vec<&str> = claims.iter().map(|c| c.id.as_str()).collect();
    let events = resolve_events(&config, content.events, &claim_ids, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(Site {
        config,
        pages,
        claims,
        sources,
        events,
        assets: content.assets,
    })
}

/// Page versions grouped by key into pages, each with the language that
/// stands in for a missing translation; drafts are left out.
fn resolve_pages(config: &SiteConfig, raw: Vec<PageFile>, diags: &mut Diagnostics) -> Vec<Page> {
    // By key: the kind of the first version read, and every version.
    let mut by_key: BTreeMap<String, (PageKind, BTreeMap<String, PageFile>)> = BTreeMap::new();
    for p in raw.into_iter().filter(|p| !p.meta.draft) {
        if let Some(reason) = reserved(&p.key) {
            diags.push(Diagnostic::error(&p.rel, reason).help("move the page to another folder"));
            continue;
        }
        let (_, versions) = by_key
            .entry(p.key.clone())
            .or_insert_with(|| (p.kind, BTreeMap::new()));
        versions.insert(p.lang.clone(), p);
    }
    by_key
        .into_iter()
        .map(|(key, (kind, versions))| Page {
            fallback_lang: fallback_lang(config, &versions),
            key,
            kind,
            versions,
        })
        .collect()
}

/// The language whose version fills in where a translation is missing:
/// the default language, else the first in switcher order that has one.
fn fallback_lang(config: &SiteConfig, versions: &BTreeMap<String, PageFile>) -> String {
    if versions.contains_key(&config.default_language) {
        config.default_language.clone()
    } else {
        config
            .codes()
            .find(|c| versions.contains_key(*c))
            .unwrap_or_default()
            .to_string()
    }
}

/// The sources, in file order, and the index of each id.
fn resolve_sources(
    config: &SiteConfig,
    list: ListFile<RawSource>,
    diags: &mut Diagnostics,
) -> (Vec<Source>, HashMap<String, usize>) {
    let sources_rel = "content/sources.yaml";
    let mut sources = Vec::new();
    let mut source_ids: HashMap<String, usize> = HashMap::new();
    for (i, s) in list.items.into_iter().enumerate() {
        let spans = list.spans.sub(&at![i]);
        let line = || spans.value(&at!["id"]);
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
                .at(spans.value(&at!["language"]), None)
                .help("use the BCP 47 tag of the article's language, such as `tr` or `el`"),
            );
        }
        config.check_lang_keys(
            &s.title,
            sources_rel,
            &|code| spans.key(&at!["title", code]),
            &format!("source `{}` title", s.id),
            diags,
        );
        if let Some(summary) = &s.summary {
            config.check_lang_keys(
                summary,
                sources_rel,
                &|code| spans.key(&at!["summary", code]),
                &format!("source `{}` summary", s.id),
                diags,
            );
        }
        if let Some(url) = &s.url {
            if !crate::parse::config::is_http_url(url) {
                diags.push(
                    Diagnostic::error(
                        sources_rel,
                        format!("source `{}`: url `{url}` is not an http(s) URL", s.id),
                    )
                    .at(spans.value(&at!["url"]), None)
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
            spans,
        });
    }
    (sources, source_ids)
}

/// The claims, in id order, with their citations and the claims they name
/// resolved. (A claim file that did not parse is not among them.)
/// `source_ids` is `None` when `sources.yaml` did not parse: then a
/// citation cannot be checked, and is not reported.
fn resolve_claims(
    config: &SiteConfig,
    files: &[ClaimFile],
    source_ids: Option<&HashMap<String, usize>>,
    diags: &mut Diagnostics,
) -> Vec<Claim> {
    let claim_ids: Vec<&str> = files.iter().map(|c| c.id.as_str()).collect();
    let mut claims = Vec::new();
    for file in files {
        let ClaimFile { id, rel, raw } = file;
        let spans = &raw.spans;
        for (map, field) in [
            (&raw.statement, "statement"),
            (&raw.attributed_to, "attributed_to"),
        ] {
            let line = |code: &str| spans.key(&at![field, code]);
            config.check_lang_keys(map, rel, &line, field, diags);
        }
        if raw.statement.is_empty() {
            diags.push(
                Diagnostic::error(rel, "`statement` has no text")
                    .at(spans.key(&at!["statement"]), None)
                    .help("give the statement per language: `statement: {en: ...}`"),
            );
        }
        if raw.sources.is_empty() {
            diags.push(
                Diagnostic::error(rel, "the claim has no sources")
                    .at(spans.key(&at!["sources"]), None)
                    .help("list at least one: `sources: [{source: <id>, stance: supports}]`"),
            );
        }
        let citations = resolve_citations(config, file, source_ids, diags);
        for (j, target, why) in super::related::problems(id, &raw.related) {
            diags.push(
                Diagnostic::error(rel, format!("`related` names `{target}`: {why}"))
                    .at(spans.value(&at!["related", j]), None)
                    .help("list each other claim once"),
            );
        }
        let mut resolve_claim = |target: &str, field: &str, line: Option<usize>| -> Option<usize> {
            match claim_ids.binary_search(&target) {
                Ok(i) => Some(i),
                Err(_) => {
                    diags.push(
                        Diagnostic::error(rel, format!("`{field}` names unknown claim `{target}`"))
                            .at(line, None)
                            .help(suggest("claim", target, claim_ids.iter().copied())),
                    );
                    None
                }
            }
        };
        let related: Vec<usize> = raw
            .related
            .iter()
            .enumerate()
            .filter_map(|(j, r)| resolve_claim(r, "related", spans.value(&at!["related", j])))
            .collect();
        let superseded_by = raw
            .superseded_by
            .as_deref()
            .and_then(|s| resolve_claim(s, "superseded_by", spans.value(&at!["superseded_by"])));
        for (j, topic) in raw.topics.iter().enumerate() {
            if !slug::is_safe_id(topic) {
                diags.push(
                    Diagnostic::error(rel, format!("topic `{topic}` is not a safe id"))
                        .at(spans.value(&at!["topics", j]), None)
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
            related: related.into_iter().map(ClaimId::new).collect(),
            superseded_by: superseded_by.map(ClaimId::new),
            updated: raw.updated.clone(),
            spans: raw.spans.clone(),
        });
    }
    // `claim_ids` is sorted (files are read sorted), and `claims` follows it.
    debug_assert!(claims.windows(2).all(|w| w[0].id < w[1].id));
    claims
}

/// A claim's citations, each source id resolved (none checked when
/// `source_ids` is `None`: `sources.yaml` did not parse).
fn resolve_citations(
    config: &SiteConfig,
    file: &ClaimFile,
    source_ids: Option<&HashMap<String, usize>>,
    diags: &mut Diagnostics,
) -> Vec<Citation> {
    let ClaimFile { rel, raw, .. } = file;
    let spans = &raw.spans;
    let mut citations = Vec::new();
    for (i, c) in raw.sources.iter().enumerate() {
        if let Some(note) = &c.note {
            let line = |code: &str| spans.key(&at!["sources", i, "note", code]);
            config.check_lang_keys(note, rel, &line, "note", diags);
        }
        let Some(source_ids) = source_ids else {
            continue;
        };
        match source_ids.get(&c.source) {
            Some(&i) => citations.push(Citation {
                source: SourceId::new(i),
                stance: c.stance,
                note: c.note.clone(),
            }),
            None => diags.push(
                Diagnostic::error(rel, format!("cites unknown source `{}`", c.source))
                    .at(spans.value(&at!["sources", i, "source"]), None)
                    .help(suggest(
                        "source",
                        &c.source,
                        source_ids.keys().map(String::as_str).collect::<Vec<_>>(),
                    )),
            ),
        }
    }
    citations
}

/// The events, in date order, with the claims backing them resolved.
fn resolve_events(
    config: &SiteConfig,
    list: ListFile<RawEvent>,
    claim_ids: &[&str],
    diags: &mut Diagnostics,
) -> Vec<Event> {
    let timeline_rel = "content/timeline.yaml";
    let mut events: Vec<Event> = Vec::new();
    let mut event_ids: std::collections::HashSet<String> = Default::default();
    for (i, e) in list.items.into_iter().enumerate() {
        let spans = list.spans.sub(&at![i]);
        let line = || spans.value(&at!["id"]);
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
            &|code| spans.key(&at!["title", code]),
            &format!("event `{}` title", e.id),
            diags,
        );
        let mut backing = Vec::new();
        for (j, c) in e.claims.iter().enumerate() {
            match claim_ids.binary_search(&c.as_str()) {
                Ok(i) => backing.push(i),
                Err(_) => diags.push(
                    Diagnostic::error(
                        timeline_rel,
                        format!("event `{}` names unknown claim `{c}`", e.id),
                    )
                    .at(spans.value(&at!["claims", j]), None)
                    .help(suggest("claim", c, claim_ids.iter().copied())),
                ),
            }
        }
        events.push(Event {
            id: e.id,
            date: e.date,
            planned: e.planned,
            title: e.title,
            claims: backing.into_iter().map(ClaimId::new).collect(),
            spans,
        });
    }
    events.sort_by_key(|e| e.date);
    events
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
            next = claims[i].superseded_by.map(ClaimId::index);
        }
        for i in chain {
            state[i] = 2;
        }
    }
}
