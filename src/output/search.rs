//! Search: Pagefind, in-process. Every page whose main text is in the
//! reader's language is indexed under its `<html lang>` (stemming for
//! Turkish, Greek and Russian, segmentation for Chinese), and the index is
//! written with the rest of the site. Fallback pages carry no
//! `data-pagefind-body`, so no reader's results show another language's
//! text under their own.

use crate::diagnostics::Diagnostic;
use crate::site_file::OutputFile;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

/// The folder of the index in the output.
pub(crate) const BUNDLE_DIR: &str = "pagefind";

/// Indexes the site's pages among `paths` (every file of the site), in
/// path order whatever order they were made in, so that the same site
/// always gives the same index. Each page is asked of `read` when its turn
/// comes and dropped once indexed: the pages need not all be in memory
/// (`build` reads them back from its staging folder). Returns the index's
/// files.
pub fn index<'p>(
    paths: impl IntoIterator<Item = &'p str>,
    read: impl Fn(&str) -> Result<Vec<u8>, Diagnostic>,
) -> Result<Vec<OutputFile>, Diagnostic> {
    // Pagefind panics on some input (it once did on a long language
    // code): a located error, not a crash.
    crate::output::guard::contained(|| index_pages(paths, read)).unwrap_or_else(|panic| {
        Err(Diagnostic::error(
            "(search index)",
            format!("building the search index stopped with an internal error in Pagefind: {panic}"),
        )
        .help("this is a bug: please report it with the site; `dossier build --no-search` builds the site without search meanwhile"))
    })
}

fn index_pages<'p>(
    paths: impl IntoIterator<Item = &'p str>,
    read: impl Fn(&str) -> Result<Vec<u8>, Diagnostic>,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let fail = |e: &dyn std::fmt::Display| {
        Diagnostic::error(
            "(search index)",
            format!("building the search index failed: {e}"),
        )
    };
    let mut pages: Vec<&str> = paths.into_iter().filter(|p| indexable(p)).collect();
    pages.sort_unstable();
    pages.dedup();
    let runtime = runtime().map_err(|e| fail(&e))?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .keep_index_url(false)
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| fail(&e))?;
        for path in pages {
            let bytes = read(path)?;
            let html = match String::from_utf8(bytes) {
                Ok(s) => s,
                Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
            };
            index
                .add_html_file(Some(path.to_string()), None, html)
                .await
                .map_err(|e| fail(&e))?;
        }
        let bundle = index.get_files().await.map_err(|e| fail(&e))?;
        let mut out: Vec<OutputFile> = bundle
            .into_iter()
            .map(|f| OutputFile {
                path: format!(
                    "{BUNDLE_DIR}/{}",
                    f.filename.to_string_lossy().replace('\\', "/")
                ),
                bytes: f.contents.into(),
            })
            .collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    })
}

/// The runtime Pagefind's API runs on: made once per process, on first
/// use, and shared by every index built after (each rebuild of `serve`).
/// Read-only once made; a failure to make it is kept and reported each time.
fn runtime() -> Result<&'static tokio::runtime::Runtime, &'static str> {
    static RUNTIME: std::sync::OnceLock<Result<tokio::runtime::Runtime, String>> =
        std::sync::OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(String::as_str)
}

/// [`index`] of a site held in memory (`serve`).
pub(crate) fn index_files(files: &[OutputFile]) -> Result<Vec<OutputFile>, Diagnostic> {
    let by_path: std::collections::HashMap<&str, &OutputFile> =
        files.iter().map(|f| (f.path.as_str(), f)).collect();
    index(by_path.keys().copied(), |path| {
        Ok(by_path[path].bytes.to_vec())
    })
}

/// Pages inside a language folder; the chooser and 404 are not content.
fn indexable(path: &str) -> bool {
    path.ends_with(".html") && path.contains('/') && !path.starts_with(BUNDLE_DIR)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(lang: &str) -> Vec<u8> {
        format!("<!DOCTYPE html><html lang=\"{lang}\"><head><title>T</title></head><body data-pagefind-body><p>Ferry across the strait</p></body></html>").into_bytes()
    }

    #[test]
    fn a_panic_in_pagefind_is_a_diagnostic_not_a_crash() {
        // 34 characters: Pagefind cuts a hash of at most 40 to 34 + 8.
        let lang = "de-ch-1901-fonipa-fonxsamp-alalc97";
        let d = index(["de/index.html"], |_| Ok(page(lang))).unwrap_err();
        assert_eq!(d.path, "(search index)");
        assert!(d.message.contains("internal error in Pagefind"), "{d}");
        assert!(d.message.contains("out of"), "{d}");
        assert!(d.help.unwrap().contains("--no-search"));
    }

    #[test]
    fn the_longest_allowed_code_is_indexed() {
        let lang = "ca-es-valenc";
        assert_eq!(lang.len(), crate::parse::langtag::MAX_SITE_CODE_LEN);
        let files = index(["ca/index.html"], |_| Ok(page(lang))).unwrap();
        assert!(files.iter().any(|f| f.path.contains(&format!("{lang}_"))));
    }
}
