//! Link resolution and backlinks: scans every page's Markdown once, checks
//! every cross-link and anchor for every reader language, and records who
//! links to whom. Linear in pages plus links.

use crate::diagnostics::{line_col, Diagnostic, Diagnostics, Kind};
use crate::markdown::{self, Scan};
use crate::model::Site;
use crate::parse::config::PerLang;
use crate::parse::front_matter::PageFile;
use crate::resolve::links::{self, LinkIndex, Target};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

pub struct Analysis {
    pub links: std::sync::Arc<LinkIndex>,
    /// Scan of each page version: `scans[page][lang of the file]`.
    pub scans: Vec<HashMap<String, Scan>>,
    /// For each reader language: claim index → keys of pages linking to it.
    pub claim_pages: PerLang<Vec<BTreeSet<String>>>,
    /// For each reader language and page index: claims the page links to, in
    /// order of first mention.
    pub page_claims: PerLang<Vec<Vec<usize>>>,
    /// Claim index → claims that name it as related or as superseding them.
    pub claim_claims: Vec<BTreeSet<usize>>,
    /// Claim index → claims it supersedes.
    pub supersedes: Vec<Vec<usize>>,
    /// Claim index → events it backs.
    pub claim_events: Vec<Vec<usize>>,
    /// Source index → claims citing it.
    pub source_claims: Vec<Vec<usize>>,
}

pub fn analyse(site: &Site) -> Result<Analysis, Diagnostics> {
    let scans: Vec<HashMap<String, Scan>> = site
        .pages
        .par_iter()
        .map(|p| {
            p.versions
                .iter()
                .map(|(lang, v)| (lang.clone(), markdown::scan(&v.body)))
                .collect()
        })
        .collect();

    let mut index = LinkIndex::new(site);
    for (page, page_scans) in site.pages.iter().zip(&scans) {
        for lang in site.config.codes() {
            let (version, _) = page.version(lang);
            let ids = page_scans[&version.lang]
                .headings
                .iter()
                .map(|h| h.id.clone());
            index.add_anchors(lang, &page.key, ids);
        }
    }
    let timeline_anchors: Vec<String> = site
        .events
        .iter()
        .map(|e| links::event_anchor(&e.id))
        .collect();
    for lang in site.config.codes() {
        index.add_anchors(
            lang,
            crate::model::TIMELINE_KEY,
            timeline_anchors.iter().cloned(),
        );
    }

    let mut diags = Diagnostics::new();
    for (page, page_scans) in site.pages.iter().zip(&scans) {
        // One scan per version, under the same language key.
        for (lang, scan) in page_scans {
            if let Some(version) = page.versions.get(lang) {
                duplicate_ids(version, scan, &mut diags);
            }
        }
    }
    let mut claim_pages = PerLang::new(&site.config, |_| Vec::new());
    let mut page_claims = PerLang::new(&site.config, |_| Vec::new());
    for reader in site.config.langs() {
        let lang = site.config.code(reader);
        let mut by_claim = vec![BTreeSet::new(); site.claims.len()];
        let mut per_page = Vec::with_capacity(site.pages.len());
        for (page, page_scans) in site.pages.iter().zip(&scans) {
            let (version, _) = page.version(lang);
            let cited = resolve_links(
                site,
                &index,
                version,
                &page_scans[&version.lang],
                lang,
                &mut diags,
            );
            for &c in &cited {
                by_claim[c].insert(page.key.clone());
            }
            per_page.push(cited);
        }
        claim_pages[reader] = by_claim;
        page_claims[reader] = per_page;
    }
    if diags.has_errors() {
        return Err(diags);
    }

    let Backlinks {
        claim_claims,
        supersedes,
        source_claims,
        claim_events,
    } = backlinks(site);
    Ok(Analysis {
        links: std::sync::Arc::new(index),
        scans,
        claim_pages,
        page_claims,
        claim_claims,
        supersedes,
        claim_events,
        source_claims,
    })
}

/// Who names whom among the data: the reverse of each reference.
struct Backlinks {
    claim_claims: Vec<BTreeSet<usize>>,
    supersedes: Vec<Vec<usize>>,
    source_claims: Vec<Vec<usize>>,
    claim_events: Vec<Vec<usize>>,
}

fn backlinks(site: &Site) -> Backlinks {
    let mut claim_claims = vec![BTreeSet::new(); site.claims.len()];
    let mut supersedes = vec![Vec::new(); site.claims.len()];
    let mut source_claims = vec![Vec::new(); site.sources.len()];
    for (i, claim) in site.claims.iter().enumerate() {
        for &r in &claim.related {
            claim_claims[r.index()].insert(i);
        }
        if let Some(s) = claim.superseded_by {
            claim_claims[s.index()].insert(i);
            supersedes[s.index()].push(i);
        }
        for c in &claim.citations {
            // Claims come in order: a repeat can only be this claim's.
            let cited_by = &mut source_claims[c.source.index()];
            if cited_by.last() != Some(&i) {
                cited_by.push(i);
            }
        }
    }
    let mut claim_events = vec![Vec::new(); site.claims.len()];
    for (e, event) in site.events.iter().enumerate() {
        for &c in &event.claims {
            claim_events[c.index()].push(e);
        }
    }
    Backlinks {
        claim_claims,
        supersedes,
        source_claims,
        claim_events,
    }
}

/// Errors for the headings of one page version that asked for an id
/// another heading of the page already has.
pub(crate) fn duplicate_ids(version: &PageFile, scan: &Scan, diags: &mut Diagnostics) {
    for dup in &scan.duplicate_ids {
        let d = Diagnostic::error(
            &version.rel,
            format!(
                "heading id `{}` is already used on this page; this heading would get `{}`",
                dup.wanted, dup.given
            ),
        )
        .help("give each heading of a page its own id: `## Title {#another-id}`");
        diags.push(located(version, dup.offset, d));
    }
}

/// Checks the links of `version`, the text shown to readers of `lang`,
/// against `index`; each broken one is an error in `diags`. Returns the
/// claims it links to, in order of first mention.
pub(crate) fn resolve_links(
    site: &Site,
    index: &LinkIndex,
    version: &PageFile,
    scan: &Scan,
    lang: &str,
    diags: &mut Diagnostics,
) -> Vec<usize> {
    let mut cited: Vec<usize> = Vec::new();
    let mut cited_set = std::collections::HashSet::new();
    for link in &scan.links {
        let Some(parsed) = links::parse_target(&link.dest) else {
            if let Some(d) = forbidden_scheme(&link.dest) {
                diags.push(located(version, link.offset, d));
            }
            continue;
        };
        let result = parsed.map_err(|m| {
            (
                m,
                String::from(
                    "write `page:<path>#<heading-id>`, `claim:<id>`, `source:<id>` or `event:<id>`",
                ),
            )
        });
        let result = result.and_then(|t| {
            index
                .resolve(&t, lang)
                .map(|_| t)
                .map_err(|u| (u.message, u.help))
        });
        match result {
            Ok(Target::Claim(id)) => {
                if let Some(i) = site.claim_index(id) {
                    if cited_set.insert(i) {
                        cited.push(i);
                    }
                }
            }
            Ok(_) => {}
            Err((message, help)) => {
                let d = Diagnostic::error(
                    &version.rel,
                    format!("broken link `{}`: {message}", link.dest),
                )
                .kind(Kind::Link)
                .help(help);
                diags.push(located(version, link.offset, d));
            }
        }
    }
    cited
}

/// Places a diagnostic at the line of `offset` in a page body.
fn located(version: &PageFile, offset: usize, d: Diagnostic) -> Diagnostic {
    let (line, col) = line_col(&version.body, offset);
    Diagnostic {
        path: version.rel.clone(),
        ..d
    }
    .at(Some(version.body_line + line - 1), Some(col))
}

/// Schemes that run code when followed; refused in any link.
fn forbidden_scheme(dest: &str) -> Option<Diagnostic> {
    crate::resolve::schemes::refused(dest).map(|(what, why)| {
        Diagnostic::error("", format!("link uses {what}, which {why}"))
            .kind(Kind::Link)
            .help("link to a page (`page:...`), a claim (`claim:...`) or an http(s) URL")
    })
}
