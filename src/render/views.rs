//! What templates see: small, serializable views borrowed from the model,
//! built per page and per reader language. Nothing here copies the site.

use crate::markdown::Heading;
use crate::parse::data::{Stance, Status};
use crate::parse::text::Localized;
use serde::Serialize;

/// The part of every page's context that describes the site and the reader.
#[derive(Serialize)]
pub(crate) struct SiteView<'a> {
    pub lang: &'a str,
    pub dir: &'a str,
    pub title: Localized<'a>,
    /// Relative prefix from this page to the site root (`../../`).
    pub root: String,
    /// This page's root-relative URL (`en/chips/`), for the `link` function.
    pub current_url: &'a str,
    pub t: &'a crate::theme::i18n::UiStrings,
    pub languages: Vec<LanguageLink<'a>>,
    pub nav: &'a [NavItem],
    /// The languages this page is translated into, for `<link hreflang>`:
    /// absolute URLs, so empty without `base_url`.
    pub alternates: Vec<Alternate>,
    pub canonical: Option<String>,
    pub og_locale: String,
    pub og_locale_alternates: Vec<String>,
    pub build_date: &'a str,
    pub build_date_iso: &'a str,
    pub base_url: Option<&'a str>,
    /// The page is shown in another language's text: kept out of search engines.
    pub noindex: bool,
    /// The page's main text goes into the search index (`data-pagefind-body`).
    pub indexable: bool,
    /// The search page, and where the search link leads without JavaScript.
    pub search_url: String,
    pub search_fallback_url: String,
    /// Set only by `dossier serve`: the live-reload script's URL.
    pub live_reload: Option<&'a str>,
}

#[derive(Serialize)]
pub(crate) struct LanguageLink<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub dir: &'a str,
    pub url: String,
    pub current: bool,
    /// False when the page exists in that language only as a fallback.
    pub translated: bool,
}

#[derive(Serialize, Clone, Debug, Hash)]
pub(crate) struct NavItem {
    pub key: String,
    pub title: String,
    /// Root-relative; templates prefix `site.root`.
    pub url: String,
    pub weight: i64,
}

#[derive(Serialize)]
pub(crate) struct Alternate {
    pub hreflang: String,
    pub href: String,
}

#[derive(Serialize)]
pub(crate) struct ClaimRef<'a> {
    pub id: &'a str,
    pub url: String,
    pub statement: Localized<'a>,
    pub status: Status,
    pub status_label: &'a str,
}

#[derive(Serialize)]
pub(crate) struct PageRef<'a> {
    pub key: &'a str,
    pub url: String,
    pub title: Localized<'a>,
    pub description: Option<&'a str>,
    pub updated: Option<&'a str>,
}

#[derive(Serialize)]
pub(crate) struct PageView<'a> {
    pub key: &'a str,
    pub kind: crate::parse::front_matter::PageKind,
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub updated: Option<&'a str>,
    pub content: String,
    pub toc: Vec<&'a Heading>,
    /// The language of the text shown, and whether it is a fallback.
    pub text_lang: &'a str,
    pub text_dir: &'a str,
    pub fallback: bool,
    pub text_language_name: &'a str,
    pub claims: Vec<ClaimRef<'a>>,
    /// For a section: its pages, sorted by weight, then `updated`, then title.
    pub pages: Vec<PageRef<'a>>,
}

#[derive(Serialize)]
pub(crate) struct CitationView<'a> {
    pub source_id: &'a str,
    pub source_url: String,
    pub source_title: Localized<'a>,
    pub source_language: &'a str,
    pub source_language_name: &'a str,
    pub outlet: Option<&'a str>,
    pub stance: Stance,
    pub stance_label: &'a str,
    pub stance_symbol: &'static str,
    pub note: Option<Localized<'a>>,
}

#[derive(Serialize)]
pub(crate) struct DateView {
    pub iso: String,
    pub display: String,
    pub precision: &'static str,
}

#[derive(Serialize)]
pub(crate) struct ClaimView<'a> {
    pub id: &'a str,
    pub url: String,
    pub statement: Localized<'a>,
    pub status: Status,
    pub status_label: &'a str,
    pub status_description: &'a str,
    pub topics: Vec<TopicRef<'a>>,
    pub attributed_to: Option<Localized<'a>>,
    pub date: Option<DateView>,
    pub sources: Vec<CitationView<'a>>,
    pub related: Vec<ClaimRef<'a>>,
    pub superseded_by: Option<ClaimRef<'a>>,
    pub supersedes: Vec<ClaimRef<'a>>,
    pub cited_by_pages: Vec<PageRef<'a>>,
    pub cited_by_claims: Vec<ClaimRef<'a>>,
    pub events: Vec<EventRef<'a>>,
    pub fallback: bool,
    /// schema.org ClaimReview, already safe inside `<script>`.
    pub json_ld: String,
}

#[derive(Serialize)]
pub(crate) struct TopicRef<'a> {
    pub id: &'a str,
    pub label: Localized<'a>,
}

#[derive(Serialize)]
pub(crate) struct EventRef<'a> {
    pub id: &'a str,
    pub url: String,
    pub title: Localized<'a>,
    pub date: DateView,
    pub planned: bool,
}

#[derive(Serialize)]
pub(crate) struct SourceView<'a> {
    pub id: &'a str,
    pub url: String,
    pub title: Localized<'a>,
    pub original_title: Option<&'a str>,
    pub language: &'a str,
    pub language_name: &'a str,
    pub outlet: Option<&'a str>,
    pub author: Option<&'a str>,
    pub published: Option<DateView>,
    pub link: Option<&'a str>,
    pub cites: &'a [String],
    pub summary: Option<Localized<'a>>,
    pub claims: Vec<ClaimStance<'a>>,
    pub fallback: bool,
}

#[derive(Serialize)]
pub(crate) struct ClaimStance<'a> {
    pub claim: ClaimRef<'a>,
    pub stance: Stance,
    pub stance_label: &'a str,
    pub stance_symbol: &'static str,
}

#[derive(Serialize)]
pub(crate) struct StatusGroup<'a> {
    pub status: Status,
    pub label: &'a str,
    pub description: &'a str,
    pub claims: Vec<ClaimRef<'a>>,
}

#[derive(Serialize)]
pub(crate) struct TopicGroup<'a> {
    pub topic: TopicRef<'a>,
    pub statuses: Vec<StatusGroup<'a>>,
}

#[derive(Serialize)]
pub(crate) struct LegendEntry<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub description: &'a str,
    pub symbol: &'static str,
}

#[derive(Serialize)]
pub(crate) struct MatrixRow<'a> {
    pub claim: ClaimRef<'a>,
    /// One cell per source, in the order of `sources`.
    pub cells: Vec<Option<MatrixCell<'a>>>,
}

#[derive(Serialize)]
pub(crate) struct MatrixCell<'a> {
    pub stance: Stance,
    pub label: &'a str,
    pub symbol: &'static str,
}

#[derive(Serialize)]
pub(crate) struct TimelineEvent<'a> {
    pub id: &'a str,
    pub anchor: String,
    pub date: DateView,
    pub planned: bool,
    pub title: Localized<'a>,
    pub claims: Vec<ClaimRef<'a>>,
}
