//! Rendering: every page of every language through the theme's templates,
//! in parallel. This module drives the jobs (which pages, reused or
//! rendered, where they go); `context` builds each job's small view of the
//! model and renders it. Nothing here touches the disk.

mod context;
pub(crate) mod formats;
pub(crate) mod job;
mod page_kinds;
pub mod reuse;
pub(crate) mod views;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::highlight::{Highlighter, LineMemo};
use crate::model::{self, page_url, Page, Site};
use crate::parse::config::PerLang;
use crate::parse::date::PartialDate;
use crate::parse::front_matter::PageKind;
use crate::render::job::Job;
use crate::render::reuse::{Fingerprints, RenderCache};
use crate::render::views::NavItem;
use crate::resolve::analysis::Analysis;
use crate::site_file::OutputFile;
use crate::theme::i18n::Translations;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use tera::Tera;

/// What every page is rendered from: the checked model and the theme.
#[derive(Clone, Copy)]
pub(crate) struct RenderInputs<'a> {
    pub site: &'a Site,
    pub analysis: &'a Analysis,
    pub ui: &'a Translations,
    pub tera: &'a Tera,
    pub highlighter: &'a Highlighter,
}

pub(crate) struct RenderOptions<'a> {
    /// `YYYY-MM-DD`.
    pub build_date: PartialDate,
    /// The most output held in memory (pages handed to a sink aside).
    pub max_output_bytes: u64,
    pub live_reload: Option<&'a str>,
    /// The previous build's pages, for `serve`'s incremental rebuilds.
    pub previous: Option<&'a RenderCache>,
    /// Fingerprint of the theme, configuration and options (see `incremental`).
    pub outside: u64,
    /// Told about each rendered page.
    pub progress: &'a dyn crate::progress::Progress,
    /// Where pages go as soon as they are rendered, instead of being kept
    /// in memory (a build writing straight into its staging folder).
    pub sink: Option<Sink<'a>>,
}

/// Takes a rendered page away (writes it); an error names the page.
pub(crate) type Sink<'a> = &'a (dyn Fn(&OutputFile) -> Result<(), Diagnostic> + Sync);

/// A rendered page: kept in memory, or already handed to the sink.
enum Placed {
    Kept(OutputFile),
    Written(String),
}

/// The rendered site and what the next build may reuse.
pub(crate) struct Rendered {
    pub files: Vec<OutputFile>,
    /// Pages already handed to the sink, by output path.
    pub written: Vec<String>,
    pub cache: RenderCache,
    /// Pages rendered by this build (the rest were reused), by output path.
    pub rendered_pages: Vec<String>,
}

struct Renderer<'a> {
    site: &'a Site,
    analysis: &'a Analysis,
    ui: &'a Translations,
    tera: &'a Tera,
    highlighter: &'a Highlighter,
    nav: PerLang<Vec<NavItem>>,
    build_date: PerLang<String>,
    build_date_iso: String,
    live_reload: Option<&'a str>,
}

impl<'a> Renderer<'a> {
    fn new(
        inputs: RenderInputs<'a>,
        build_date: &PartialDate,
        live_reload: Option<&'a str>,
    ) -> Self {
        let RenderInputs {
            site,
            analysis,
            ui,
            tera,
            highlighter,
        } = inputs;
        let config = &site.config;
        Renderer {
            site,
            analysis,
            ui,
            tera,
            highlighter,
            nav: PerLang::new(config, |l| nav_items(site, ui, config.code(l))),
            build_date: PerLang::new(config, |l| ui.of(config.code(l)).format_date(build_date)),
            build_date_iso: build_date.to_string(),
            live_reload,
        }
    }

    /// Per language, a fingerprint of the navigation every page shows.
    fn nav_fingerprints(&self) -> PerLang<u64> {
        PerLang::new(&self.site.config, |l| {
            crate::render::reuse::hash_of(&self.nav[l])
        })
    }
}

pub(crate) fn render_site(
    inputs: RenderInputs,
    options: &RenderOptions,
) -> Result<Rendered, Diagnostics> {
    let RenderInputs {
        site, analysis, ui, ..
    } = inputs;
    let mut diags = Diagnostics::new();
    check_templates(site, inputs.tera, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    let codes: Vec<&str> = site.config.codes().collect();
    let r = Renderer::new(inputs, &options.build_date, options.live_reload);

    let jobs = jobs(site);
    let fingerprints = Fingerprints::new(site, options.outside, r.nav_fingerprints());
    let progress = options.progress;
    progress.phase("Rendering pages", Some(jobs.len() as u64 + 2));
    // Unless there is a sink, the whole site is held in memory until it is
    // written: past the budget, the remaining pages fail instead of being
    // rendered. Pages handed to a sink are not held, and not counted.
    let budget = match options.sink {
        Some(_) => u64::MAX,
        None => options.max_output_bytes,
    };
    let total = std::sync::atomic::AtomicU64::new(0);
    // Code is highlighted as pages are rendered, with a memo of the lines
    // highlighted so far per run of jobs (at least JOBS_PER_MEMO of them, so
    // each memo pays its warm-up once over many pages).
    let results: Vec<(u64, bool, Result<Placed, Diagnostic>)> = jobs
        .par_iter()
        .with_min_len(JOBS_PER_MEMO)
        .map_init(LineMemo::default, |memo, job| {
            let fp = fingerprints.job(site, analysis, job);
            if total.load(std::sync::atomic::Ordering::Relaxed) > budget {
                return (fp, true, Err(too_large(budget)));
            }
            let reused = options
                .previous
                .and_then(|p| p.pages.get(&job_path(site, job)))
                .filter(|(old, _)| *old == fp)
                .map(|(_, file)| file.clone());
            let result = match reused {
                Some(file) => (fp, false, Ok(file)),
                None => (fp, true, r.render_job(*job, memo)),
            };
            progress.advance(1);
            let (fp, fresh, file) = result;
            let placed = file.and_then(|f| {
                total.fetch_add(f.bytes.len() as u64, std::sync::atomic::Ordering::Relaxed);
                match options.sink {
                    Some(sink) => sink(&f).map(|()| Placed::Written(f.path)),
                    None => Ok(Placed::Kept(f)),
                }
            });
            (fp, fresh, placed)
        })
        .collect();
    let mut cache = RenderCache::default();
    let rendered_pages: Vec<String> = jobs
        .iter()
        .zip(&results)
        .filter(|(_, (_, fresh, _))| *fresh)
        .map(|(job, _)| job_path(site, job))
        .collect();
    let mut files = Vec::with_capacity(results.len() + 8);
    let mut written = Vec::new();
    let mut failed = Vec::new();
    for (fp, _, result) in results {
        match result {
            Ok(Placed::Kept(f)) => {
                cache.pages.insert(f.path.clone(), (fp, f.clone()));
                files.push(f)
            }
            Ok(Placed::Written(path)) => written.push(path),
            Err(d) => failed.push(d),
        }
    }
    diags.extend(render_failures(failed));
    match r.render_chooser() {
        Ok(f) => files.push(f),
        Err(d) => diags.push(d),
    }
    match r.render_404() {
        Ok(f) => files.push(f),
        Err(d) => diags.push(d),
    }
    progress.advance(2);
    if diags.has_errors() {
        return Err(diags);
    }
    files.extend(formats::render(site, ui, &codes, &options.build_date));
    cache.fingerprints = fingerprints;
    Ok(Rendered {
        files,
        written,
        cache,
        rendered_pages,
    })
}

/// Every page of every language. A page's translations side by side: they
/// usually share their code blocks, which the same highlighting memo then
/// sees one after another.
fn jobs(site: &Site) -> Vec<Job> {
    let langs = site.config.langs();
    let mut jobs: Vec<Job> = (0..site.pages.len())
        .flat_map(|i| langs.clone().map(move |lang| Job::Content(i, lang)))
        .collect();
    for lang in langs {
        jobs.extend(
            site.generated_only()
                .into_iter()
                .map(|key| Job::Generated(key, lang)),
        );
        jobs.extend((0..site.claims.len()).map(|i| Job::Claim(i, lang)));
        jobs.extend((0..site.sources.len()).map(|i| Job::Source(i, lang)));
    }
    jobs
}

/// A broken template fails every page it renders: the first few failures
/// per template, then how many more.
fn render_failures(failed: Vec<Diagnostic>) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let mut per_template: HashMap<String, usize> = HashMap::new();
    for d in failed {
        let n = per_template.entry(d.path.clone()).or_default();
        *n += 1;
        if *n <= 3 {
            diags.push(d);
        }
    }
    let mut more: Vec<(String, usize)> = per_template.into_iter().filter(|(_, n)| *n > 3).collect();
    more.sort();
    for (template, n) in more {
        diags.push(Diagnostic::error(
            template,
            format!("… and {} more pages failed to render the same way", n - 3),
        ));
    }
    diags
}

/// Renders `jobs` again, one after another with the caller's highlighting
/// memo, after an edit that only they show (`serve`, see `patch`): each
/// page's new fingerprint and output. `fingerprints` are the last full
/// build's, refreshed for the edit.
pub(crate) fn render_again(
    inputs: RenderInputs,
    build_date: &PartialDate,
    live_reload: Option<&str>,
    fingerprints: &Fingerprints,
    jobs: &[Job],
    memo: &mut LineMemo,
) -> Result<Vec<(u64, OutputFile)>, Diagnostics> {
    let r = Renderer::new(inputs, build_date, live_reload);
    let mut out = Vec::with_capacity(jobs.len());
    let mut failed = Vec::new();
    for job in jobs {
        let fp = fingerprints.job(inputs.site, inputs.analysis, job);
        match r.render_job(*job, memo) {
            Ok(file) => out.push((fp, file)),
            Err(d) => failed.push(d),
        }
    }
    if failed.is_empty() {
        Ok(out)
    } else {
        Err(render_failures(failed))
    }
}

/// Pages rendered in a row by one thread with one highlighting memo.
const JOBS_PER_MEMO: usize = 64;

fn too_large(budget: u64) -> Diagnostic {
    Diagnostic::error(
        "the site",
        format!(
            "the rendered pages passed {} MB, the most a build holds in memory",
            budget >> 20
        ),
    )
    .help("look for what multiplies: many languages times many pages, or a menu entry (`weight`) on thousands of pages; set DOSSIER_MAX_OUTPUT_MB to allow more")
}

/// The most cells the sources page's claims × sources matrix may have;
/// past that it is left out (a warning says so): it would be too large to
/// read, and its size grows with the product of two lists.
pub(crate) const MAX_MATRIX_CELLS: usize = 50_000;

/// Where a job's page is written.
fn job_path(site: &Site, job: &Job) -> String {
    let code = |lang| site.config.code(lang);
    let dir = match *job {
        Job::Content(i, lang) => site.pages[i].url(code(lang)),
        Job::Generated(key, lang) => page_url(code(lang), key),
        Job::Claim(i, lang) => format!("{}/claims/{}/", code(lang), site.claims[i].id),
        Job::Source(i, lang) => format!("{}/sources/{}/", code(lang), site.sources[i].id),
    };
    format!("{dir}index.html")
}

/// Every template a page asks for must exist; found before rendering so
/// that each missing one is reported once, with the page that wants it.
fn check_templates(site: &Site, tera: &Tera, diags: &mut Diagnostics) {
    let known: BTreeSet<&str> = tera.get_template_names().collect();
    let mut need = |name: &str, rel: &str| {
        if !known.contains(name) {
            diags.push(
                Diagnostic::error(rel, format!("template `{name}` does not exist")).help(format!(
                    "the theme has {}",
                    known
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
        }
    };
    for page in &site.pages {
        for v in page.versions.values() {
            need(&template_for(page, v.meta.template.as_deref()), &v.rel);
        }
    }
    for name in [
        "claim.html",
        "source.html",
        "claims.html",
        "sources.html",
        "timeline.html",
        "search.html",
        "chooser.html",
        "404.html",
    ] {
        need(name, "themes");
    }
}

fn template_for(page: &Page, explicit: Option<&str>) -> String {
    if let Some(t) = explicit {
        return t.to_string();
    }
    match (page.kind, page.key.as_str()) {
        (PageKind::Home, _) => "home.html",
        (_, model::CLAIMS_KEY) => "claims.html",
        (_, model::SOURCES_KEY) => "sources.html",
        (_, model::TIMELINE_KEY) => "timeline.html",
        (_, model::SEARCH_KEY) => "search.html",
        (PageKind::Section, _) => "section.html",
        _ => "page.html",
    }
    .to_string()
}

/// Top-level pages with a weight, plus the generated indexes, by weight.
fn nav_items(site: &Site, ui: &Translations, lang: &str) -> Vec<NavItem> {
    let t = ui.of(lang);
    let mut items: Vec<NavItem> = site
        .pages
        .iter()
        .filter(|p| !p.key.is_empty() && !p.key.contains('/'))
        .filter_map(|p| {
            let (v, _) = p.version(lang);
            v.meta.weight.map(|w| NavItem {
                key: p.key.clone(),
                title: v.meta.title.clone(),
                url: p.url(lang),
                weight: w,
            })
        })
        .collect();
    // The search page has its own place in the header.
    let menu = [
        (model::TIMELINE_KEY, 900),
        (model::CLAIMS_KEY, 910),
        (model::SOURCES_KEY, 920),
    ];
    for key in site.generated_only() {
        if let Some(&(_, weight)) = menu.iter().find(|(k, _)| *k == key) {
            items.push(NavItem {
                key: key.into(),
                title: t.get(key).to_string(),
                url: page_url(lang, key),
                weight,
            });
        }
    }
    items.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.key.cmp(&b.key)));
    items
}
