//! Discovery: which file under `content/` is what (a page of a language, a
//! claim, the sources, the timeline, an asset), each then parsed on its
//! own, pages and claims in parallel. Takes the files read and the
//! configuration; gives a [`RawContent`] for `model::resolve`, and every
//! problem found on the way.

use crate::diagnostics::{suggest, Diagnostic, Diagnostics};
use crate::parse::config::{quoted_list, SiteConfig};
use crate::parse::content::{Asset, ClaimFile, ListFile, RawContent};
use crate::parse::front_matter::{self, PageFile};
use crate::parse::spans::Spans;
use crate::parse::{data, slug};
use crate::read::input::InputFile;
use rayon::prelude::*;

/// The files of `content/`, sorted into kinds, not yet parsed.
#[derive(Default)]
struct Sorted<'a> {
    /// With the language code of their folder.
    pages: Vec<(&'a InputFile, &'a str)>,
    /// With the id their name gives.
    claims: Vec<(&'a InputFile, String)>,
    sources: Option<&'a InputFile>,
    timeline: Option<&'a InputFile>,
    assets: Vec<Asset>,
}

/// Classifies and parses every file under `content/`; the files of the
/// site's `static/` folder are assets for the output's root.
pub(crate) fn discover(
    config: &SiteConfig,
    content: &[InputFile],
    statics: &[InputFile],
) -> (RawContent, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut sorted = sort(config, content, &mut diags);
    sorted.assets.splice(
        0..0,
        statics.iter().map(|f| Asset {
            out: f.rel.strip_prefix("static/").unwrap_or(&f.rel).to_string(),
            origin: f.rel.clone(),
            bytes: f.bytes.clone(),
        }),
    );
    let pages: Vec<Result<PageFile, Diagnostics>> = sorted
        .pages
        .par_iter()
        .map(|(f, lang)| {
            let text = f.text()?;
            page(&f.rel, lang, &text)
        })
        .collect();
    let pages = pages
        .into_iter()
        .filter_map(|r| r.map_err(|d| diags.extend(d)).ok())
        .collect();
    let claims: Vec<Result<ClaimFile, Diagnostic>> = sorted
        .claims
        .par_iter()
        .map(|(f, id)| {
            let text = f.text()?;
            let raw = data::parse_claim(&f.rel, &text)?;
            Ok(ClaimFile {
                id: id.clone(),
                rel: f.rel.clone(),
                raw,
            })
        })
        .collect();
    let mut claims: Vec<ClaimFile> = claims
        .into_iter()
        .filter_map(|r| r.map_err(|d| diags.push(d)).ok())
        .collect();
    // File names sort `a-b.yaml` before `a.yaml`; ids sort the other way.
    claims.sort_by(|a, b| a.id.cmp(&b.id));
    let content = RawContent {
        pages,
        claims,
        sources: sorted
            .sources
            .map_or_else(Default::default, |f| list(f, &mut diags)),
        events: sorted
            .timeline
            .map_or_else(Default::default, |f| list(f, &mut diags)),
        assets: sorted.assets,
    };
    (content, diags)
}

/// A page file parsed, and its body checked before anything renders it
/// (nesting depth, heading attributes, footnote labels: see
/// `markdown::body_check`). Used for every page a build or `serve` reads.
pub(crate) fn page(rel: &str, lang: &str, text: &str) -> Result<PageFile, Diagnostics> {
    let page = front_matter::parse_page(rel, lang, text)?;
    let found = crate::markdown::body_check::diagnostics(rel, &page.body, page.body_line);
    if found.is_empty() {
        Ok(page)
    } else {
        Err(Diagnostics::from_iter(found))
    }
}

/// `sources.yaml` or `timeline.yaml`: an error leaves the list empty.
fn list<T: serde::de::DeserializeOwned>(f: &InputFile, diags: &mut Diagnostics) -> ListFile<T> {
    let parsed = f
        .text()
        .and_then(|t| Ok((data::parse_list(&f.rel, &t)?, Spans::of(&t, 1))));
    match parsed {
        Ok((items, spans)) => ListFile {
            items,
            spans,
            unread: false,
        },
        Err(d) => {
            diags.push(d);
            ListFile {
                unread: true,
                ..ListFile::default()
            }
        }
    }
}

/// Which file is what, by its place under `content/`.
fn sort<'a>(
    config: &'a SiteConfig,
    content: &'a [InputFile],
    diags: &mut Diagnostics,
) -> Sorted<'a> {
    let mut sorted = Sorted::default();
    for f in content {
        let rest = f.rel.strip_prefix("content/").unwrap_or(&f.rel);
        let (first, tail) = match rest.split_once('/') {
            Some((a, b)) => (a, Some(b)),
            None => (rest, None),
        };
        match (first, tail) {
            ("sources.yaml", None) => sorted.sources = Some(f),
            ("timeline.yaml", None) => sorted.timeline = Some(f),
            ("claims", Some(name)) => match name.strip_suffix(".yaml") {
                Some(id) if slug::is_safe_id(id) => sorted.claims.push((f, id.to_string())),
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
            (lang, Some(_)) => match config.language(lang) {
                Some(l) if f.extension() == "md" => sorted.pages.push((f, l.code.as_str())),
                Some(_) => sorted.assets.push(Asset {
                    out: rest.to_string(),
                    origin: f.rel.clone(),
                    bytes: f.bytes.clone(),
                }),
                None => diags.push(unknown_folder(config, &f.rel, lang)),
            },
            (name, None) => diags.push(
                Diagnostic::error(&f.rel, format!("unexpected file `{name}` in content/")).help(
                    "content/ holds language folders, claims/, sources.yaml and timeline.yaml",
                ),
            ),
        }
    }
    sorted
}

/// A folder under `content/` that names no language of the site.
fn unknown_folder(config: &SiteConfig, rel: &str, dir: &str) -> Diagnostic {
    match crate::parse::langtag::case_variant(dir, config.codes()) {
        Some(known) => Diagnostic::error(
            rel,
            format!("folder `content/{dir}/` is written `{known}` in site.yaml"),
        )
        .help(format!("rename the folder `content/{known}/`: a language code is spelled everywhere as site.yaml spells it")),
        None => Diagnostic::error(
            rel,
            format!("folder `content/{dir}/` is not a language in site.yaml"),
        )
        .help(format!(
            "page folders are named after the site's languages ({}); {}",
            quoted_list(config.codes()),
            suggest("language", dir, config.codes())
        )),
    }
}
