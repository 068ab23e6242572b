//! The build pipeline: read → model → analyse links → render → write. Each
//! phase takes the previous phase's value; `prepare` stops before the disk
//! so that `check` and `serve` reuse exactly the same phases.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::highlight;
use crate::model;
use crate::output::{self, Previous};
use crate::parse::config;
use crate::parse::date::PartialDate;
use crate::progress::{NoProgress, Progress};
use crate::read::discover::discover;
use crate::read::input;
use crate::render::reuse::RenderCache;
use crate::render::{self, RenderOptions, Sink};
use crate::resolve::analysis;
use crate::resolve::coverage::{self, LanguageCoverage};
use crate::site_file::OutputFile;
use crate::theme::{self, i18n, templates};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub(crate) struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    /// The working directory, against which relative paths are checked.
    pub cwd: PathBuf,
    pub strict: bool,
    /// What to do with an output folder dossier did not write (`--force`).
    pub foreign: output::Foreign,
    /// Build the search index (skipped for quick drafts: `--no-search`).
    pub search: Search,
}

/// A rendered site, in memory.
pub struct Prepared {
    /// The files still to write.
    pub files: Vec<OutputFile>,
    /// Pages already written through [`Mode::Build`]'s sink, by path.
    pub written: Vec<String>,
    /// What a following incremental build (`serve`) may reuse.
    pub cache: RenderCache,
    /// Pages rendered rather than reused, by output path.
    pub rendered_pages: Vec<String>,
    pub coverage: Vec<LanguageCoverage>,
    /// Warnings (never errors: those fail `prepare`).
    pub warnings: Vec<Diagnostic>,
    pub languages: Vec<String>,
}

/// Why a build failed: every error found (content errors all together; an
/// output or disk error alone). [`Diagnostic::exit_class`] gives the exit
/// status. Nothing was written.
pub(crate) type BuildError = Vec<Diagnostic>;

pub(crate) struct BuildReport {
    pub prepared: Prepared,
    pub elapsed: Duration,
    pub previous: Previous,
}

/// What the environment decides for a run: read once by the command
/// (`commands::settings`) and passed down, so that no phase reads the
/// environment or the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// The date the pages show as built (`SOURCE_DATE_EPOCH`, else today).
    pub build_date: PartialDate,
    /// The most rendered output a build may hold in memory, in bytes
    /// (`DOSSIER_MAX_OUTPUT_MB`).
    pub max_output_bytes: u64,
}

/// Whether a run builds the search index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Search {
    Index,
    Skip,
}

/// How the phases run, one variant per command. Every combination a
/// variant allows is meaningful.
#[derive(Clone, Copy)]
pub enum Mode<'a> {
    /// `dossier build`: each page goes to `sink` as soon as it is rendered
    /// (written into the staging folder), so the site is never held in
    /// memory whole; `build` indexes the staging folder for search.
    Build {
        sink: Sink<'a>,
        progress: &'a dyn Progress,
        /// Missing translations are errors.
        strict: bool,
    },
    /// `dossier serve`: the whole site in memory, with the live-reload
    /// script, reusing the pages of `previous` that did not change.
    Preview {
        live_reload: Option<&'a str>,
        previous: Option<&'a RenderCache>,
        search: Search,
    },
    /// `dossier check` (and the library's tests): the whole site in memory,
    /// as a plain build makes it, without a search index.
    Check,
}

impl<'a> Mode<'a> {
    fn progress(&self) -> &'a dyn Progress {
        match *self {
            Mode::Build { progress, .. } => progress,
            _ => &NoProgress,
        }
    }

    fn strict(&self) -> bool {
        matches!(self, Mode::Build { strict: true, .. })
    }

    fn live_reload(&self) -> Option<&'a str> {
        match *self {
            Mode::Preview { live_reload, .. } => live_reload,
            _ => None,
        }
    }

    fn previous(&self) -> Option<&'a RenderCache> {
        match *self {
            Mode::Preview { previous, .. } => previous,
            _ => None,
        }
    }

    fn sink(&self) -> Option<Sink<'a>> {
        match *self {
            Mode::Build { sink, .. } => Some(sink),
            _ => None,
        }
    }

    /// The search index is built from the pages in memory (`build` makes
    /// its own, from the staging folder).
    fn search_in_memory(&self) -> bool {
        matches!(
            self,
            Mode::Preview {
                search: Search::Index,
                ..
            }
        )
    }
}

/// Every phase but the last: the whole site, rendered in memory.
pub fn prepare(root: &Path, settings: &Settings, mode: Mode) -> Result<Prepared, Vec<Diagnostic>> {
    let (config, input) = read(root, &mode)?;
    prepare_input(config, input, settings, mode)
}

/// [`prepare`], also returning the checked site it rendered, for a later
/// rebuild to patch (`serve`, see [`crate::serve::session`]).
pub(crate) fn prepare_kept(
    root: &Path,
    settings: &Settings,
    mode: Mode,
) -> Result<(CheckedSite, Prepared), Vec<Diagnostic>> {
    let (config, input) = read(root, &mode)?;
    let checked = check_input(config, &input, settings, &mode)?;
    // Every file is parsed into the model by now: free the raw copies
    // before rendering, which needs the most memory.
    drop(input);
    let prepared = render_checked(&checked, &mode)?;
    Ok((checked, prepared))
}

/// The first phase: `site.yaml`, `content/` and the site's theme folder.
fn read(
    root: &Path,
    mode: &Mode,
) -> Result<(config::SiteConfig, input::SiteInput), Vec<Diagnostic>> {
    mode.progress().phase("Reading the site", None);
    let fail = |d: Diagnostics| d.into_sorted();
    let config_text = input::read_config(root).map_err(fail)?;
    let config = config::parse(&config_text).map_err(fail)?;
    let input = input::read_site(root, config_text, &config.theme).map_err(fail)?;
    Ok((config, input))
}

/// The phases after reading, on a site already in memory (`prepare` after
/// the disk; the fuzz targets call it directly).
pub fn prepare_input(
    config: config::SiteConfig,
    input: input::SiteInput,
    settings: &Settings,
    mode: Mode,
) -> Result<Prepared, Vec<Diagnostic>> {
    let checked = check_input(config, &input, settings, &mode)?;
    drop(input);
    render_checked(&checked, &mode)
}

/// Phases 2 and 3 on the files read: every content file classified and
/// parsed ([`discover`]), then resolved into the model.
pub fn site_model(
    config: config::SiteConfig,
    input: &input::SiteInput,
) -> Result<model::Site, Diagnostics> {
    let (content, diags) = discover(&config, &input.content, &input.statics);
    model::resolve(config, content, diags)
}

/// The site parsed, resolved and checked, with its theme loaded: all that
/// rendering needs. A value of this type has no errors left in it.
pub(crate) struct CheckedSite {
    pub site: model::Site,
    pub analysis: analysis::Analysis,
    pub ui: i18n::Translations,
    pub theme: theme::Theme,
    pub tera: tera::Tera,
    pub highlighter: highlight::Highlighter,
    pub coverage: Vec<LanguageCoverage>,
    /// Sorted; never errors.
    pub warnings: Vec<Diagnostic>,
    pub settings: Settings,
    pub live_reload: Option<String>,
    /// Fingerprint of what every page depends on besides the model: the
    /// configuration, the theme, the build date, the live-reload script.
    pub outside: u64,
}

impl CheckedSite {
    pub(crate) fn render_inputs(&self) -> render::RenderInputs<'_> {
        render::RenderInputs {
            site: &self.site,
            analysis: &self.analysis,
            ui: &self.ui,
            tera: &self.tera,
            highlighter: &self.highlighter,
        }
    }
}

/// Theme, UI strings, model, links and translation coverage: every check
/// that needs no rendering. All problems found are returned together.
pub(crate) fn check_input(
    config: config::SiteConfig,
    input: &input::SiteInput,
    settings: &Settings,
    mode: &Mode,
) -> Result<CheckedSite, Vec<Diagnostic>> {
    let progress = mode.progress();
    let fail = |d: Diagnostics| d.into_sorted();
    let mut warnings = Diagnostics::new();
    let theme = theme::load(&config.theme, &input.theme, &mut warnings).map_err(fail)?;
    let ui = i18n::load(&theme, &config, &mut warnings);
    let site = site_model(config, input);
    let (site, ui) = match (site, ui) {
        (Ok(site), Some(ui)) => (site, ui),
        (site, _) => {
            if let Err(d) = site {
                warnings.extend(d);
            }
            return Err(keep_errors(warnings));
        }
    };
    progress.phase("Checking links", None);
    let analysis = analysis::analyse(&site).map_err(fail)?;
    let ui_coverage = coverage::UiCoverage {
        total_keys: ui.total_keys,
        missing: &ui.missing,
    };
    let coverage = coverage::measure(&site, ui_coverage);
    // Without --strict, missing translations are summarised per language
    // (see commands/build.rs) rather than listed one by one.
    if mode.strict() {
        warnings.extend(coverage::diagnostics(&coverage));
        warnings.escalate_translations();
    }
    if warnings.has_errors() {
        return Err(keep_errors(warnings));
    }
    let cells = site.claims.len().saturating_mul(site.sources.len());
    if cells > render::MAX_MATRIX_CELLS {
        warnings.push(
            Diagnostic::warning(
                "content/sources.yaml",
                format!(
                    "{} claims × {} sources make {cells} cells, more than the {} the sources page's matrix shows; it is left out",
                    site.claims.len(),
                    site.sources.len(),
                    render::MAX_MATRIX_CELLS
                ),
            )
            .help("the sources list and each claim's and source's own page still show every citation"),
        );
    }
    let sections = std::sync::Arc::new(templates::section_index(&site));
    let tera = templates::load(&theme, analysis.links.clone(), sections).map_err(|d| vec![d])?;
    let date_text = settings.build_date.to_string();
    let mut outside: Vec<&[u8]> = vec![
        input.config_text.as_bytes(),
        mode.live_reload().unwrap_or("").as_bytes(),
        date_text.as_bytes(),
    ];
    for file in theme.templates.values().chain(theme.i18n.values()) {
        outside.push(&file.bytes);
    }
    let outside = crate::render::reuse::outside_fingerprint(&outside);
    Ok(CheckedSite {
        site,
        analysis,
        ui,
        theme,
        tera,
        highlighter: highlight::Highlighter::new(),
        coverage,
        warnings: warnings.into_sorted(),
        settings: *settings,
        live_reload: mode.live_reload().map(String::from),
        outside,
    })
}

/// Renders a checked site: its pages (reusing the previous build's where a
/// page's fingerprint is unchanged), the theme's and content's static
/// files, and the search index when asked for.
pub(crate) fn render_checked(
    checked: &CheckedSite,
    mode: &Mode,
) -> Result<Prepared, Vec<Diagnostic>> {
    let progress = mode.progress();
    let fail = |d: Diagnostics| d.into_sorted();
    let (site, theme) = (&checked.site, &checked.theme);
    let render_options = RenderOptions {
        build_date: checked.settings.build_date,
        max_output_bytes: checked.settings.max_output_bytes,
        live_reload: checked.live_reload.as_deref(),
        previous: mode.previous(),
        progress,
        outside: checked.outside,
        sink: mode.sink(),
    };
    let rendered = render::render_site(checked.render_inputs(), &render_options).map_err(fail)?;
    let mut files = rendered.files;
    // A copied file may not take the place of a generated one (an
    // `index.html` beside a page, a theme's `en/claims.json`): both would
    // be written to the same path, and which one won would be chance.
    let generated: std::collections::HashSet<String> = files
        .iter()
        .map(|f| f.path.clone())
        .chain(rendered.written.iter().cloned())
        .collect();
    let mut clashes = Vec::new();
    let clash = |origin: &str, path: &str| {
        Diagnostic::error(
            origin,
            format!("would be copied to `{path}`, where dossier writes a file of its own"),
        )
        .help("rename or move the file")
    };
    for (path, file) in &theme.statics {
        if generated.contains(path) {
            clashes.push(clash(&file.origin, path));
            continue;
        }
        files.push(OutputFile {
            path: path.clone(),
            bytes: file.bytes.clone(),
        });
    }
    for asset in &site.assets {
        if generated.contains(&asset.out) || theme.statics.contains_key(&asset.out) {
            clashes.push(clash(&asset.origin, &asset.out));
            continue;
        }
        files.push(OutputFile {
            path: asset.out.clone(),
            bytes: asset.bytes.clone(),
        });
    }
    // Nor may two names that a case-insensitive system takes for one
    // (those refused above left out: one mistake, one error).
    let copied = theme
        .statics
        .iter()
        .filter(|(p, _)| !generated.contains(*p))
        .map(|(p, f)| (p.as_str(), f.origin.clone()));
    let copied = copied.chain(
        site.assets
            .iter()
            .filter(|a| !generated.contains(&a.out) && !theme.statics.contains_key(&a.out))
            .map(|a| (a.out.as_str(), a.origin.clone())),
    );
    clashes.extend(crate::output::collide::in_site(
        generated.iter().map(String::as_str),
        copied,
    ));
    if !clashes.is_empty() {
        return Err(Diagnostics::from_iter(clashes).into_sorted());
    }
    if mode.search_in_memory() {
        progress.phase("Indexing for search", None);
        let index = crate::output::search::index_files(&files).map_err(|d| vec![d])?;
        files.extend(index);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Prepared {
        files,
        written: rendered.written,
        cache: rendered.cache,
        rendered_pages: rendered.rendered_pages,
        coverage: checked.coverage.clone(),
        warnings: checked.warnings.clone(),
        languages: site.config.codes().map(String::from).collect(),
    })
}

/// On failure, report errors only: warnings would bury them.
fn keep_errors(d: Diagnostics) -> Vec<Diagnostic> {
    d.into_sorted()
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect()
}

/// [`build`], reporting its phases to `progress` (the CLI's progress bar).
pub(crate) fn build_with_progress(
    options: &BuildOptions,
    settings: &Settings,
    progress: &dyn Progress,
) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    output::check_output_location(&options.cwd, &options.root, &options.output)
        .map_err(|d| vec![d])?;
    // Pages go into the staging folder as they are rendered, so the site is
    // never held in memory whole; if the build fails, the staging folder is
    // dropped (removed) and the output stays as it was.
    let staging = output::Staging::begin(&options.output, options.foreign).map_err(|d| vec![d])?;
    // A failed write is an output error (exit code and message), not a
    // problem in the content: kept aside and reported as such.
    let write_error = std::sync::Mutex::new(None);
    let sink = |file: &OutputFile| {
        staging.write(file).map_err(|e| {
            let diagnostic = Diagnostic::error(file.path.clone(), e.message.clone());
            write_error
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .get_or_insert(e);
            diagnostic
        })
    };
    let mut prepared = prepare(
        &options.root,
        settings,
        Mode::Build {
            sink: &sink,
            progress,
            strict: options.strict,
        },
    )
    .map_err(
        |content| match write_error.lock().unwrap_or_else(|p| p.into_inner()).take() {
            Some(e) => vec![e],
            None => content,
        },
    )?;
    progress.phase("Writing files", Some(prepared.files.len() as u64));
    staging
        .write_all(&prepared.files, progress)
        .map_err(|d| vec![d])?;
    if options.search == Search::Index {
        // From the staging folder, one page at a time: the site is never
        // held in memory whole, with search or without.
        progress.phase("Indexing for search", None);
        let index = crate::output::search::index(prepared.paths(), |path| {
            staging
                .read(path)
                .map_err(|e| Diagnostic::error(path, e.to_string()))
        })
        .map_err(|d| vec![d])?;
        staging.write_all(&index, progress).map_err(|d| vec![d])?;
        prepared.files.extend(index);
        prepared.files.sort_by(|a, b| a.path.cmp(&b.path));
    }
    let previous = staging.finish().map_err(|d| vec![d])?;
    Ok(BuildReport {
        prepared,
        elapsed: started.elapsed(),
        previous,
    })
}

impl Prepared {
    /// HTML pages written under a language's folder.
    pub(crate) fn pages_in(&self, lang: &str) -> usize {
        let prefix = format!("{lang}/");
        self.paths()
            .filter(|p| p.starts_with(&prefix) && p.ends_with("index.html"))
            .count()
    }

    /// Every file of the site, written already or still to write.
    pub(crate) fn paths(&self) -> impl Iterator<Item = &str> {
        let kept = self.files.iter().map(|f| f.path.as_str());
        kept.chain(self.written.iter().map(String::as_str))
    }
}
