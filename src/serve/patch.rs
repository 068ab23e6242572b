//! A text edit applied to a checked site in place, so that `serve` shows it
//! in milliseconds on a site of thousands of pages. When only the Markdown
//! text of existing pages changed, with their front matter and heading ids
//! as before, nothing that other pages show of them changed: their links
//! are checked, the model, backlinks and fingerprints are patched for those
//! pages alone, and only the pages showing them are rendered again.
//!
//! Anything else (a new, removed or renamed file, a title, a heading id, a
//! claim, the theme, the configuration) is not a text edit: [`plan`] says
//! so, and the caller rebuilds in full. Both ways give the same site.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{self, Scan};
use crate::model::Site;
use crate::parse::config::Lang;
use crate::parse::front_matter::PageFile;
use crate::read::input::InputFile;
use crate::render::reuse::Fingerprints;
use crate::resolve::analysis::{self, Analysis};
use std::collections::HashSet;

/// What to do with a set of changed files.
pub(crate) enum Plan {
    /// Not a text edit; the reason, for the log.
    Rebuild(String),
    /// A text edit with errors in it (a broken link, a bad heading id):
    /// all of them. The site is as it was.
    Failed(Vec<Diagnostic>),
    /// A text edit, checked and ready to apply.
    Ready(Vec<Edit>),
}

/// The new text of one page version.
pub(crate) struct Edit {
    page: usize,
    file: PageFile,
    scan: Scan,
    /// The reader languages shown this text, and for each the claims it
    /// links to, in order of first mention.
    readers: Vec<(Lang, Vec<usize>)>,
}

/// A page that shows an edited text, to render again.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Rerender {
    /// Page index and reader language.
    Content(usize, Lang),
    /// A claim whose list of pages citing it changed, and the language.
    Claim(usize, Lang),
}

/// Checks whether `files` (read again from `content/`) are a text edit of
/// `site`, and if so whether their new text is valid.
pub(crate) fn plan(site: &Site, analysis: &Analysis, files: &[InputFile]) -> Plan {
    let mut diags = Diagnostics::new();
    let mut edits = Vec::new();
    for f in files {
        let folder = f
            .rel
            .strip_prefix("content/")
            .and_then(|rest| rest.split_once('/'))
            .map(|(folder, _)| folder);
        let lang = match folder.and_then(|l| site.config.language(l)) {
            Some(l) if f.extension() == "md" => l.code.as_str(),
            _ => return Plan::Rebuild(format!("`{}` is not a page", f.rel)),
        };
        let text = match f.text() {
            Ok(t) => t,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let file = match crate::read::discover::page(&f.rel, lang, &text) {
            Ok(p) => p,
            Err(d) => {
                diags.extend(d);
                continue;
            }
        };
        let found = site
            .pages
            .binary_search_by(|p| p.key.as_str().cmp(&file.key))
            .ok()
            .and_then(|i| {
                Some((
                    i,
                    site.pages[i].versions.get(lang)?,
                    analysis.scans[i].get(lang)?,
                ))
            })
            .filter(|(_, old, _)| old.rel == f.rel);
        let Some((i, old, old_scan)) = found else {
            return Plan::Rebuild(format!("`{}` is a new page", f.rel));
        };
        let page = &site.pages[i];
        if old.meta != file.meta {
            return Plan::Rebuild(format!("the front matter of `{}` changed", f.rel));
        }
        let scan = markdown::scan(&file.body);
        let ids = |s: &Scan| s.headings.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
        if ids(&scan) != ids(old_scan) {
            return Plan::Rebuild(format!("the heading ids of `{}` changed", f.rel));
        }
        analysis::duplicate_ids(&file, &scan, &mut diags);
        let config = &site.config;
        let readers = config
            .langs()
            .filter(|&reader| page.version(config.code(reader)).0.lang == lang)
            .map(|reader| {
                let cited = analysis::resolve_links(
                    site,
                    &analysis.links,
                    &file,
                    &scan,
                    config.code(reader),
                    &mut diags,
                );
                (reader, cited)
            })
            .collect();
        edits.push(Edit {
            page: i,
            file,
            scan,
            readers,
        });
    }
    if diags.has_errors() {
        Plan::Failed(diags.into_sorted())
    } else {
        Plan::Ready(edits)
    }
}

/// Applies checked edits: the new text, its scan, its backlinks and its
/// fingerprints. Returns the pages to render again, sorted.
pub(crate) fn apply(
    site: &mut Site,
    analysis: &mut Analysis,
    fingerprints: &mut Fingerprints,
    edits: Vec<Edit>,
) -> Vec<Rerender> {
    let mut out = Vec::new();
    for edit in edits {
        let key = site.pages[edit.page].key.clone();
        for (reader, cited) in edit.readers {
            let old = std::mem::replace(&mut analysis.page_claims[reader][edit.page], cited);
            let new = &analysis.page_claims[reader][edit.page];
            let (old_set, new_set): (HashSet<usize>, HashSet<usize>) =
                (old.iter().copied().collect(), new.iter().copied().collect());
            let by_claim = &mut analysis.claim_pages[reader];
            for &c in old_set.difference(&new_set) {
                by_claim[c].remove(&key);
                out.push(Rerender::Claim(c, reader));
            }
            for &c in new_set.difference(&old_set) {
                by_claim[c].insert(key.clone());
                out.push(Rerender::Claim(c, reader));
            }
            out.push(Rerender::Content(edit.page, reader));
        }
        let lang = edit.file.lang.clone();
        analysis.scans[edit.page].insert(lang.clone(), edit.scan);
        site.pages[edit.page].versions.insert(lang, edit.file);
        fingerprints.refresh_text(site, edit.page);
    }
    out.sort();
    out.dedup();
    out
}
