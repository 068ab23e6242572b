//! The site model: pages grouped into translations, claims, sources and
//! events with every cross-reference resolved to an index. Phase 3: takes
//! the parsed content (`parse::content::RawContent`, from `read::discover`)
//! and gives a `Site` ([`resolve`]); a `Site` that exists is consistent.

use crate::parse::config::SiteConfig;
use crate::parse::data::{Stance, Status};
use crate::parse::date::PartialDate;
use crate::parse::front_matter::{PageFile, PageKind};
use crate::parse::spans::Spans;
use crate::parse::text::LangText;
use std::collections::BTreeMap;

mod related;
mod resolve;

pub(crate) use resolve::resolve;

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

/// A claim of the site: its index in [`Site::claims`]. Only resolving
/// makes one, so a claim reference cannot be taken for a source's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClaimId(u32);

/// A source of the site: its index in [`Site::sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceId(u32);

macro_rules! entity_id {
    ($id:ident, $entity:ty) => {
        impl $id {
            /// `u32`: the files holding the entities are at most 8 MB each,
            /// and claims are one file each; far fewer than 2^32.
            pub(crate) fn new(index: usize) -> $id {
                $id(index as u32)
            }

            /// The index, for tables that run parallel to the entities.
            pub(crate) fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl std::ops::Index<$id> for Vec<$entity> {
            type Output = $entity;
            fn index(&self, id: $id) -> &$entity {
                &self[id.index()]
            }
        }
    };
}
entity_id!(ClaimId, Claim);
entity_id!(SourceId, Source);

#[derive(Debug, Hash)]
pub struct Citation {
    pub source: SourceId,
    pub stance: Stance,
    pub note: Option<LangText>,
}

#[derive(Debug, Hash)]
pub struct Claim {
    pub id: String,
    pub rel: String,
    pub statement: LangText,
    pub status: Status,
    pub topics: Vec<String>,
    pub attributed_to: LangText,
    pub date: Option<PartialDate>,
    pub citations: Vec<Citation>,
    pub related: Vec<ClaimId>,
    pub superseded_by: Option<ClaimId>,
    pub updated: Option<crate::parse::date::Timestamp>,
    /// Where each field is written in `rel`.
    pub spans: Spans,
}

#[derive(Debug, Hash)]
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
    /// Where each field is written in `sources.yaml`.
    pub spans: Spans,
}

#[derive(Debug, Hash)]
pub struct Event {
    pub id: String,
    pub date: PartialDate,
    pub planned: bool,
    pub title: LangText,
    pub claims: Vec<ClaimId>,
    /// Where each field is written in `timeline.yaml`.
    pub spans: Spans,
}

pub use crate::parse::content::Asset;

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
