//! `dossier check`: every validation the build makes, plus those it does
//! not (links in the rendered pages, outdated translations, unused data,
//! external URL syntax), run without writing anything. The build's own
//! phases do the work: `build::prepare` renders in memory, and the model
//! and analysis give the data checks their facts.

use crate::diagnostics::{Diagnostic, Kind, Severity};
use crate::model;
use crate::model::Site;
use crate::parse::config;
use crate::parse::spans::at;
use crate::pipeline::{self as build, Mode, Settings};
use crate::read::input;
use crate::resolve::analysis;
use crate::resolve::analysis::Analysis;
use crate::resolve::coverage::{self, Item, LanguageCoverage};
use external::ExternalUrl;
use freshness::State;
use std::path::Path;

pub(crate) mod external;
pub(crate) mod freshness;
pub(crate) mod html;
pub(crate) mod linkcheck;
mod rendered;

#[derive(Debug, Default)]
pub(crate) struct Report {
    /// Sorted by kind (the report's sections), then file and line.
    pub findings: Vec<Diagnostic>,
    pub coverage: Vec<LanguageCoverage>,
    pub external: Vec<ExternalUrl>,
    /// Checks that could not run, and why.
    pub skipped: Vec<String>,
    pub languages: Vec<String>,
    pub rendered_files: usize,
    pub links_checked: usize,
}

impl Report {
    pub(crate) fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Exit status 1: any error, or any warning under `strict`.
    pub(crate) fn failed(&self, strict: bool) -> bool {
        self.count(Severity::Error) > 0 || (strict && self.count(Severity::Warning) > 0)
    }
}

/// Runs every check on the site in `root`. `stamp_hint` is how the help
/// texts invoke `dossier stamp` (with `--root` when it is not `.`).
pub(crate) fn run(root: &Path, settings: &Settings, stamp_hint: &str) -> Report {
    let mut r = Report::default();
    let loaded = input::read_config(root).and_then(|text| {
        let config = config::parse(&text)?;
        let input = input::read_site(root, text, &config.theme)?;
        Ok((config, input))
    });
    let (config, input) = match loaded {
        Ok(x) => x,
        Err(diags) => {
            r.findings.extend(diags.into_sorted());
            r.skipped
                .push("everything else: the site's files cannot be read".into());
            return r.sorted();
        }
    };
    r.languages = config.codes().map(String::from).collect();
    r.outdated(freshness::survey(&config, &input), stamp_hint);

    let mut rendered_external = Vec::new();
    let checked = build::check_input(config.clone(), &input, settings, &Mode::Check);
    let prepared = checked
        .as_ref()
        .map_err(Clone::clone)
        .and_then(|c| build::render_checked(c, &Mode::Check));
    // The data checks need only the model and its links, which may be
    // sound when the build fails for another reason (the theme, say).
    let fallback = match &checked {
        Ok(_) => None,
        Err(_) => build::site_model(config.clone(), &input)
            .ok()
            .and_then(|site| analysis::analyse(&site).ok().map(|a| (site, a))),
    };
    let facts: Option<(&model::Site, &analysis::Analysis)> = match &checked {
        Ok(c) => Some((&c.site, &c.analysis)),
        Err(_) => fallback.as_ref().map(|(s, a)| (s, a)),
    };
    match prepared {
        Ok(prepared) => {
            r.findings.extend(prepared.warnings.clone());
            r.findings
                .extend(coverage::diagnostics(&prepared.coverage).into_sorted());
            r.coverage = prepared.coverage.clone();
            let links = linkcheck::check(&prepared.files, config.base_url.as_deref());
            r.rendered_files = prepared.files.len();
            r.links_checked = links.checked;
            let outputs: Vec<&str> = prepared.files.iter().map(|f| f.path.as_str()).collect();
            let found = rendered::findings(&links.broken, facts, &outputs);
            r.findings.extend(found);
            rendered_external = links.external;
        }
        Err(errors) => {
            r.findings.extend(errors);
            r.skipped.push(
                "links in the rendered pages and translation coverage: the build fails".into(),
            );
        }
    }
    match facts {
        Some((site, analysis)) => {
            r.data(site, analysis);
            r.external = external::collect(site, analysis, &rendered_external);
            r.external_syntax();
        }
        None => r
            .skipped
            .push("unused sources and claims, and external URLs: the content has errors".into()),
    }
    r.sorted()
}

impl Report {
    fn sorted(mut self) -> Self {
        self.findings.sort_by(|a, b| {
            (a.kind, &a.path, a.line, a.severity).cmp(&(b.kind, &b.path, b.line, b.severity))
        });
        self
    }

    fn outdated(&mut self, translations: Vec<freshness::Translation>, stamp: &str) {
        for t in translations {
            let (severity, message, help) = match t.state {
                State::Current => continue,
                State::Outdated { recorded, current } => (
                    Severity::Warning,
                    format!(
                        "outdated translation: `{}` changed since it was translated \
                         (translated_from: {recorded}; its text is now {current})",
                        t.source_rel
                    ),
                    format!(
                        "bring the translation up to date, then run `{stamp} {}`",
                        t.rel
                    ),
                ),
                State::Unstamped { current } => (
                    Severity::Note,
                    format!(
                        "no `translated_from`: cannot tell whether `{}` changed since it was translated",
                        t.source_rel
                    ),
                    format!(
                        "when the translation matches the current text, run `{stamp} {}` (records {current})",
                        t.rel
                    ),
                ),
                State::OnDefault => (
                    Severity::Note,
                    "`translated_from` on a default-language page means nothing".into(),
                    "remove the line: only translations record the text they follow".into(),
                ),
            };
            let d = Diagnostic::new(severity, &t.rel, message)
                .kind(Kind::Outdated)
                .at(t.line, None)
                .help(help);
            self.findings.push(d);
        }
    }

    fn data(&mut self, site: &Site, analysis: &Analysis) {
        for (i, s) in site.sources.iter().enumerate() {
            if analysis.source_claims[i].is_empty() {
                let d = Diagnostic::warning(
                    "content/sources.yaml",
                    format!("source `{}` is cited by no claim", s.id),
                )
                .at(s.spans.value(&at!["id"]), None)
                .help(format!(
                    "cite it in a claim (`sources: [{{source: {}, stance: supports}}]`) or remove it",
                    s.id
                ));
                self.findings.push(d.kind(Kind::Data));
            }
        }
        for (i, c) in site.claims.iter().enumerate() {
            let linked = analysis
                .claim_pages
                .values()
                .any(|by_claim| !by_claim[i].is_empty());
            if !linked {
                let d =
                    Diagnostic::warning(&c.rel, format!("claim `{}` is linked from no page", c.id))
                        .help(format!(
                        "link it from the text it supports with `[...](claim:{})`, or remove it; \
                         it is only listed on the claims index",
                        c.id
                    ));
                self.findings.push(d.kind(Kind::Data));
            }
        }
    }

    fn external_syntax(&mut self) {
        let mut found = Vec::new();
        for u in &self.external {
            if let Some(problem) = external::syntax_problem(&u.url) {
                let first = &u.places[0];
                let mut d = Diagnostic::warning(
                    &first.path,
                    format!("malformed URL `{}`: {problem}", u.url),
                )
                .at(first.line, None);
                if u.places.len() > 1 {
                    let rest: Vec<String> = u.places[1..].iter().map(|p| p.to_string()).collect();
                    let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
                    d = d.help(format!("also at {}", abbreviated(&rest, 3)));
                }
                found.push(d);
            }
        }
        self.findings
            .extend(found.into_iter().map(|d| d.kind(Kind::External)));
    }
}

/// `a, b, c and 4 more`.
pub(super) fn abbreviated(items: &[&str], n: usize) -> String {
    if items.len() <= n + 1 {
        items.join(", ")
    } else {
        format!("{} and {} more", items[..n].join(", "), items.len() - n)
    }
}

/// Per language, for the summary table: how many pages, claims, sources,
/// events and topics lack a translation (of any of their fields), and how
/// many UI strings.
pub(crate) fn coverage_counts(c: &LanguageCoverage) -> [usize; 6] {
    let n = |item: Item| {
        let mut ids: Vec<&str> = c
            .missing
            .iter()
            .filter(|m| m.item == item)
            .map(|m| m.id.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    };
    [
        n(Item::Page),
        n(Item::Claim),
        n(Item::Source),
        n(Item::Event),
        n(Item::Topic),
        c.missing_ui,
    ]
}
