//! What a rebuild can skip. Each rendered page gets a fingerprint of
//! everything it shows (its own text, the claims, sources, pages and events
//! it lists, the navigation, the theme); a page whose fingerprint did not
//! change since the last build is reused instead of rendered again.

use crate::model::{Page, Site};
use crate::parse::config::{Lang, PerLang};
use crate::render::job::Job;
use crate::resolve::analysis::Analysis;
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// A fingerprint, from the values' `#[derive(Hash)]`. The hasher
/// (`DefaultHasher`) is stable only within one process: fingerprints are
/// compared within a run of `serve`, never written down or compared
/// across builds of dossier.
pub(crate) fn hash_of(value: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// Fingerprints of every entity of one build. Owned, so that `serve` can
/// keep them and refresh only what an edit touched
/// ([`Fingerprints::refresh_text`]).
#[derive(Default)]
pub struct Fingerprints {
    /// Theme, configuration, build date, and the set of ids links resolve to.
    global: u64,
    /// Per language: the navigation.
    nav: PerLang<u64>,
    /// `pages[i][lang]`: the version shown in `lang`, whole.
    pages: Vec<PerLang<u64>>,
    /// `listed[i][lang]`: what lists of pages show of it (title,
    /// description, dates), so a body edit does not touch the pages listing it.
    listed: Vec<PerLang<u64>>,
    claims: Vec<u64>,
    sources: Vec<u64>,
    events: Vec<u64>,
    /// Everything the claims index, sources matrix and timeline show.
    all_data: u64,
}

/// What a page's version shown in a language is, whole: its file, text,
/// front matter, and whether it stands in for a missing translation.
fn version_fingerprint(page: &Page, lang: &str) -> u64 {
    let (v, fallback) = page.version(lang);
    hash_of((&v.rel, &v.body, &v.meta, fallback))
}

impl Fingerprints {
    pub(crate) fn new(site: &Site, outside: u64, nav: PerLang<u64>) -> Self {
        let config = &site.config;
        let ids = (
            site.pages
                .iter()
                .map(|p| (&p.key, p.versions.keys().collect::<Vec<_>>()))
                .collect::<Vec<_>>(),
            site.claims.iter().map(|c| &c.id).collect::<Vec<_>>(),
            site.sources.iter().map(|s| &s.id).collect::<Vec<_>>(),
            site.events.iter().map(|e| &e.id).collect::<Vec<_>>(),
        );
        let pages = site
            .pages
            .iter()
            .map(|p| PerLang::new(config, |l| version_fingerprint(p, config.code(l))))
            .collect();
        let listed = site
            .pages
            .iter()
            .map(|p| {
                PerLang::new(config, |l| {
                    let (v, fallback) = p.version(config.code(l));
                    let m = &v.meta;
                    hash_of((
                        &p.key,
                        &v.lang,
                        &m.title,
                        &m.description,
                        &m.updated,
                        m.weight,
                        fallback,
                    ))
                })
            })
            .collect();
        let claims: Vec<u64> = site.claims.iter().map(hash_of).collect();
        let sources: Vec<u64> = site.sources.iter().map(hash_of).collect();
        let events: Vec<u64> = site.events.iter().map(hash_of).collect();
        let all_data = hash_of((&claims, &sources, &events, &site.config.topics));
        Fingerprints {
            global: hash_of((outside, ids)),
            nav,
            pages,
            listed,
            claims,
            sources,
            events,
            all_data,
        }
    }

    /// After page `i`'s text changed in place (its front matter did not):
    /// the fingerprints of its versions, whole. What lists show of it stays.
    pub(crate) fn refresh_text(&mut self, site: &Site, i: usize) {
        let page = &site.pages[i];
        for (lang, fp) in self.pages[i].iter_mut() {
            *fp = version_fingerprint(page, site.config.code(lang));
        }
    }

    /// The fingerprint of one job's output.
    pub(crate) fn job(&self, site: &Site, analysis: &Analysis, job: &Job) -> u64 {
        let mut h = DefaultHasher::new();
        self.global.hash(&mut h);
        match *job {
            Job::Content(i, lang) => {
                (0u8, i, lang, self.nav[lang], self.pages[i][lang]).hash(&mut h);
                for &c in &analysis.page_claims[lang][i] {
                    self.claims[c].hash(&mut h);
                }
                let page = &site.pages[i];
                if page.kind != crate::parse::front_matter::PageKind::Page {
                    for child in site.section_children(&page.key, site.config.code(lang)) {
                        self.listed_by_key(site, &child.key, lang).hash(&mut h);
                    }
                }
                if [
                    crate::model::CLAIMS_KEY,
                    crate::model::SOURCES_KEY,
                    crate::model::TIMELINE_KEY,
                ]
                .contains(&page.key.as_str())
                {
                    self.all_data.hash(&mut h);
                }
            }
            Job::Generated(key, lang) => {
                (1u8, key, lang, self.nav[lang], self.all_data).hash(&mut h)
            }
            Job::Claim(c, lang) => {
                (2u8, c, lang, self.nav[lang], self.claims[c]).hash(&mut h);
                let claim = &site.claims[c];
                for cit in &claim.citations {
                    self.sources[cit.source.index()].hash(&mut h);
                }
                let a = analysis;
                let named = claim.related.iter().chain(&claim.superseded_by);
                for other in named
                    .map(|id| id.index())
                    .chain(a.supersedes[c].iter().copied())
                    .chain(a.claim_claims[c].iter().copied())
                {
                    self.claims[other].hash(&mut h);
                }
                for key in &a.claim_pages[lang][c] {
                    self.listed_by_key(site, key, lang).hash(&mut h);
                }
                for &e in &a.claim_events[c] {
                    self.events[e].hash(&mut h);
                }
            }
            Job::Source(s, lang) => {
                (3u8, s, lang, self.nav[lang], self.sources[s]).hash(&mut h);
                for &c in &analysis.source_claims[s] {
                    self.claims[c].hash(&mut h);
                }
            }
        }
        h.finish()
    }

    fn listed_by_key(&self, site: &Site, key: &str, lang: Lang) -> u64 {
        site.pages
            .binary_search_by(|p| p.key.as_str().cmp(key))
            .map_or(0, |i| self.listed[i][lang])
    }
}

/// What one build leaves for the next: each page's fingerprint and output,
/// and the fingerprints of the model they were computed from.
/// (Highlighted code is not kept: only re-rendered pages need it, and the
/// highlighter's line memo makes it cheap.)
#[derive(Default)]
pub struct RenderCache {
    pub pages: HashMap<String, (u64, crate::site_file::OutputFile)>,
    pub fingerprints: Fingerprints,
}

/// A stable hash of things outside the model that every page depends on.
pub(crate) fn outside_fingerprint(parts: &[&[u8]]) -> u64 {
    hash_of(parts)
}
