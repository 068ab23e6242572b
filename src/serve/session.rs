//! A build kept in memory between rebuilds, for `serve`. The first build
//! is a full one; after it, each rebuild is one of two kinds:
//!
//! - a text edit (only the Markdown text of existing pages changed): the
//!   changed files alone are read again, and the kept site is patched and
//!   rendered where it shows them ([`crate::serve::patch`]);
//! - anything else: a full build, which still reuses every page whose
//!   fingerprint did not change ([`crate::render::reuse`]).
//!
//! Either way the result is the site a full build of the same files gives.
//! A rebuild that fails leaves the last good site in place, and the files
//! it was given are read again by the next rebuild, so an error is never
//! forgotten because another file changed meanwhile.

use crate::diagnostics::Diagnostic;
use crate::markdown::highlight::LineMemo;
use crate::pipeline::{self, CheckedSite, Mode, Prepared, Search, Settings};
use crate::render;
use crate::render::job::Job;
use crate::render::reuse::RenderCache;
use crate::serve::patch::{self, Plan, Rerender};
use crate::site_file::OutputFile;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Every file of the built site, by output path: the last full build's,
/// with the pages text edits have rendered since laid over them. Cloning
/// it is cheap (two shared maps), and a text edit copies only the small
/// map of edited pages, never the site's.
#[derive(Clone, Default)]
pub struct SiteFiles {
    built: Arc<HashMap<String, Arc<[u8]>>>,
    edited: Arc<HashMap<String, Arc<[u8]>>>,
}

impl SiteFiles {
    fn new(files: HashMap<String, Arc<[u8]>>) -> Self {
        SiteFiles {
            built: Arc::new(files),
            edited: Arc::default(),
        }
    }

    pub fn get(&self, path: &str) -> Option<&Arc<[u8]>> {
        self.edited.get(path).or_else(|| self.built.get(path))
    }

    pub fn contains_key(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    /// Every file once, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Arc<[u8]>)> {
        let edited = &self.edited;
        self.built
            .iter()
            .filter(|(path, _)| !edited.contains_key(*path))
            .chain(edited.iter())
            .map(|(path, bytes)| (path.as_str(), bytes))
    }

    fn replace(&mut self, path: String, bytes: Arc<[u8]>) {
        Arc::make_mut(&mut self.edited).insert(path, bytes);
    }
}

pub struct Session {
    root: PathBuf,
    /// The environment's settings as of now (the build date changes at
    /// midnight), from the command.
    settings: fn() -> Settings,
    checked: CheckedSite,
    cache: RenderCache,
    files: SiteFiles,
    /// The first build's search index, kept by later ones (they skip it).
    search: Vec<OutputFile>,
    /// Highlighted lines, kept for text edits (full builds have their own).
    memo: LineMemo,
    /// Files changed since the last good build, relative to the root.
    pending: BTreeSet<String>,
    /// Why the next rebuild must be a full one, if it must: a text edit
    /// failed to render after it was applied (the kept site and its pages
    /// are out of step), or the watcher lost track of what changed.
    stale: Option<String>,
}

/// How a rebuild went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RebuildKind {
    /// Only the text of pages changed: patched in place.
    TextEdit,
    /// Read and checked in full; unchanged pages reused.
    Full,
}

#[derive(Debug)]
pub struct Rebuilt {
    pub kind: RebuildKind,
    /// For a full rebuild, why the change was not a text edit.
    pub why_full: Option<String>,
    /// Output paths of the pages rendered again.
    pub rendered: Vec<String>,
    /// Pages kept from before.
    pub reused: usize,
}

impl Session {
    /// The first, full build; with `search`, its index is built once and
    /// served by every later rebuild.
    pub fn start(
        root: &Path,
        settings: fn() -> Settings,
        live_reload: Option<&str>,
        search: Search,
    ) -> Result<(Session, Prepared), Vec<Diagnostic>> {
        let (checked, mut prepared) = pipeline::prepare_kept(
            root,
            &settings(),
            Mode::Preview {
                live_reload,
                previous: None,
                search,
            },
        )?;
        let files = SiteFiles::new(
            prepared
                .files
                .iter()
                .map(|f| (f.path.clone(), f.bytes.clone()))
                .collect(),
        );
        let search = prepared
            .files
            .iter()
            .filter(|f| f.path.starts_with(crate::output::search::BUNDLE_DIR))
            .cloned()
            .collect();
        let cache = std::mem::take(&mut prepared.cache);
        let session = Session {
            root: root.to_path_buf(),
            settings,
            checked,
            cache,
            files,
            search,
            memo: LineMemo::default(),
            pending: BTreeSet::new(),
            stale: None,
        };
        Ok((session, prepared))
    }

    /// The site as last built successfully.
    pub fn files(&self) -> SiteFiles {
        self.files.clone()
    }

    /// Rebuilds after `changed` (paths relative to the root; none when what
    /// changed is not known, which reads everything again) and the files of
    /// any failed rebuild before it. On errors, the last good site stays.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Rebuilt, Vec<Diagnostic>> {
        if changed.is_empty() {
            self.stale = Some("what changed is not known".into());
        }
        for path in changed {
            let rel: Vec<String> = path
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            self.pending.insert(rel.join("/"));
        }
        let result = match self.text_edit() {
            TextEdit::Done(rebuilt) => Ok(rebuilt),
            TextEdit::Failed(errors) => Err(errors),
            TextEdit::NotOne(why) => self.full(why),
        };
        if result.is_ok() {
            self.pending.clear();
        }
        result
    }

    /// The pending files as a text edit, if they are one.
    fn text_edit(&mut self) -> TextEdit {
        if let Some(why) = &self.stale {
            return TextEdit::NotOne(why.clone());
        }
        if (self.settings)().build_date != self.checked.settings.build_date {
            return TextEdit::NotOne("the build date changed".into());
        }
        let mut files = Vec::with_capacity(self.pending.len());
        for rel in &self.pending {
            match crate::read::input::reread(&self.root, rel) {
                Some(Ok(file)) => files.push(file),
                _ => {
                    return TextEdit::NotOne(format!("`{rel}` is not a page, or no longer exists"))
                }
            }
        }
        let edits = match patch::plan(&self.checked.site, &self.checked.analysis, &files) {
            Plan::Rebuild(why) => return TextEdit::NotOne(why),
            Plan::Failed(errors) => return TextEdit::Failed(errors),
            Plan::Ready(edits) => edits,
        };
        let checked = &mut self.checked;
        let rerender = patch::apply(
            &mut checked.site,
            &mut checked.analysis,
            &mut self.cache.fingerprints,
            edits,
        );
        let checked = &self.checked;
        let jobs: Vec<Job> = rerender
            .iter()
            .map(|r| match *r {
                Rerender::Content(i, lang) => Job::Content(i, lang),
                Rerender::Claim(i, lang) => Job::Claim(i, lang),
            })
            .collect();
        let rendered = render::render_again(
            checked.render_inputs(),
            &checked.settings.build_date,
            checked.live_reload.as_deref(),
            &self.cache.fingerprints,
            &jobs,
            &mut self.memo,
        );
        let pages = match rendered {
            Ok(pages) => pages,
            Err(errors) => {
                self.stale = Some("the last text edit failed to render".into());
                return TextEdit::Failed(errors.into_sorted());
            }
        };
        let mut paths = Vec::with_capacity(pages.len());
        for (fp, page) in pages {
            self.files.replace(page.path.clone(), page.bytes.clone());
            paths.push(page.path.clone());
            self.cache.pages.insert(page.path.clone(), (fp, page));
        }
        TextEdit::Done(Rebuilt {
            kind: RebuildKind::TextEdit,
            why_full: None,
            reused: self.cache.pages.len() - paths.len(),
            rendered: paths,
        })
    }

    fn full(&mut self, why: String) -> Result<Rebuilt, Vec<Diagnostic>> {
        let (checked, prepared) = pipeline::prepare_kept(
            &self.root,
            &(self.settings)(),
            Mode::Preview {
                live_reload: self.checked.live_reload.as_deref(),
                previous: Some(&self.cache),
                // The first build's index is kept (see `search`).
                search: Search::Skip,
            },
        )?;
        let mut files: HashMap<String, Arc<[u8]>> = prepared
            .files
            .into_iter()
            .map(|f| (f.path, f.bytes))
            .collect();
        // Rebuilds skip the search index to stay fast; the first one keeps
        // serving (new text is searchable after a restart).
        for f in &self.search {
            files
                .entry(f.path.clone())
                .or_insert_with(|| f.bytes.clone());
        }
        self.files = SiteFiles::new(files);
        self.checked = checked;
        self.cache = prepared.cache;
        self.stale = None;
        Ok(Rebuilt {
            kind: RebuildKind::Full,
            why_full: Some(why),
            reused: self
                .cache
                .pages
                .len()
                .saturating_sub(prepared.rendered_pages.len()),
            rendered: prepared.rendered_pages,
        })
    }
}

/// What became of pending files tried as a text edit.
enum TextEdit {
    Done(Rebuilt),
    /// A text edit, with errors in it: shown, the last good site kept.
    Failed(Vec<Diagnostic>),
    /// Not a text edit, and why: a full rebuild follows.
    NotOne(String),
}
