//! `dossier check`: every validation the build makes, plus those it does
//! not (links in the rendered pages, outdated translations, unused data,
//! external URL syntax), run without writing anything. The build's own
//! phases do the work: `build::prepare` renders in memory, and the model
//! and analysis give the data checks their facts.

use crate::analysis::Analysis;
use crate::coverage::{self, Item, LanguageCoverage};
use crate::diagnostics::{find_line, line_col, Diagnostic};
use crate::external::{self, ExternalUrl};
use crate::freshness::{self, State};
use crate::linkcheck::{self, Broken, Problem};
use crate::model::Site;
use crate::{analysis, build, config, input, model};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The report's sections, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    Content,
    Links,
    Translations,
    Outdated,
    Data,
    External,
}

impl Group {
    pub const ALL: [Group; 6] = [
        Group::Content,
        Group::Links,
        Group::Translations,
        Group::Outdated,
        Group::Data,
        Group::External,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Group::Content => "Content and theme",
            Group::Links => "Internal links",
            Group::Translations => "Translation coverage",
            Group::Outdated => "Outdated translations",
            Group::Data => "Data integrity",
            Group::External => "External URLs",
        }
    }
}

/// Errors fail the check; warnings fail it under `--strict`; notes never do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Error,
    Warning,
    Note,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub group: Group,
    pub level: Level,
    /// Where and what; its own severity is ignored in favour of `level`.
    pub diagnostic: Diagnostic,
}

#[derive(Debug, Default)]
pub struct Report {
    /// Sorted by group, then file and line.
    pub findings: Vec<Finding>,
    pub coverage: Vec<LanguageCoverage>,
    pub external: Vec<ExternalUrl>,
    /// Checks that could not run, and why.
    pub skipped: Vec<String>,
    pub languages: Vec<String>,
    pub rendered_files: usize,
    pub links_checked: usize,
}

impl Report {
    pub fn count(&self, level: Level) -> usize {
        self.findings.iter().filter(|f| f.level == level).count()
    }

    /// Exit status 1: any error, or any warning under `strict`.
    pub fn failed(&self, strict: bool) -> bool {
        self.count(Level::Error) > 0 || (strict && self.count(Level::Warning) > 0)
    }
}

/// Runs every check on the site in `root`. `stamp_hint` is how the help
/// texts invoke `dossier stamp` (with `--root` when it is not `.`).
pub fn run(root: &Path, stamp_hint: &str) -> Report {
    let mut r = Report::default();
    let loaded = input::read_config(root).and_then(|text| {
        let config = config::parse(&text)?;
        let input = input::read_site(root, text, &config.theme)?;
        Ok((config, input))
    });
    let (config, input) = match loaded {
        Ok(x) => x,
        Err(diags) => {
            r.add_all(diags.into_sorted(), Level::Error);
            r.skipped
                .push("everything else: the site's files cannot be read".into());
            return r.sorted();
        }
    };
    r.languages = config.codes().map(String::from).collect();
    r.outdated(freshness::survey(&config, &input), stamp_hint);

    let facts = model::build(config.clone(), &input)
        .ok()
        .and_then(|site| analysis::analyse(&site).ok().map(|a| (site, a)));
    let text_of = |rel: &str| {
        input
            .content
            .iter()
            .find(|f| f.rel == rel)
            .and_then(|f| f.text().ok())
            .unwrap_or_default()
    };
    let mut rendered_external = Vec::new();
    match build::prepare(root, false, None) {
        Ok(prepared) => {
            r.add_all(prepared.warnings.clone(), Level::Warning);
            for d in coverage::diagnostics(&prepared.coverage).into_sorted() {
                r.push(Group::Translations, Level::Warning, d);
            }
            r.coverage = prepared.coverage.clone();
            let links = linkcheck::check(&prepared.files, config.base_url.as_deref());
            r.rendered_files = prepared.files.len();
            r.links_checked = links.checked;
            let outputs: Vec<&str> = prepared.files.iter().map(|f| f.path.as_str()).collect();
            r.broken_links(&links.broken, facts.as_ref(), &outputs);
            rendered_external = links.external;
        }
        Err(errors) => {
            r.add_all(errors, Level::Error);
            r.skipped.push(
                "links in the rendered pages and translation coverage: the build fails".into(),
            );
        }
    }
    match &facts {
        Some((site, analysis)) => {
            r.data(site, analysis, &text_of("content/sources.yaml"));
            r.external = external::collect(
                site,
                analysis,
                &text_of("content/sources.yaml"),
                &rendered_external,
            );
            r.external_syntax();
        }
        None => r
            .skipped
            .push("unused sources and claims, and external URLs: the content has errors".into()),
    }
    r.sorted()
}

impl Report {
    fn push(&mut self, group: Group, level: Level, diagnostic: Diagnostic) {
        self.findings.push(Finding {
            group,
            level,
            diagnostic,
        });
    }

    /// Diagnostics of the build's phases, each in the section it belongs to.
    fn add_all(&mut self, diags: Vec<Diagnostic>, level: Level) {
        for d in diags {
            self.push(group_of(&d), level, d);
        }
    }

    fn sorted(mut self) -> Self {
        self.findings.sort_by(|a, b| {
            (a.group, &a.diagnostic.path, a.diagnostic.line, a.level).cmp(&(
                b.group,
                &b.diagnostic.path,
                b.diagnostic.line,
                b.level,
            ))
        });
        self
    }

    fn outdated(&mut self, translations: Vec<freshness::Translation>, stamp: &str) {
        for t in translations {
            let (level, message, help) = match t.state {
                State::Current => continue,
                State::Outdated { recorded, current } => (
                    Level::Warning,
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
                    Level::Note,
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
                    Level::Note,
                    "`translated_from` on a default-language page means nothing".into(),
                    "remove the line: only translations record the text they follow".into(),
                ),
            };
            let d = Diagnostic::warning(&t.rel, message)
                .at(t.line, None)
                .help(help);
            self.push(Group::Outdated, level, d);
        }
    }

    /// Broken links of the rendered pages, placed at the Markdown line that
    /// wrote them when there is one; links the templates write are reported
    /// once per problem, with the pages that carry them.
    fn broken_links(
        &mut self,
        broken: &[Broken],
        facts: Option<&(Site, Analysis)>,
        outputs: &[&str],
    ) {
        let origins = facts.map(|(site, _)| origins(site)).unwrap_or_default();
        let mut from_markdown: BTreeMap<(String, usize, String), (&Broken, bool)> = BTreeMap::new();
        let mut from_templates: BTreeMap<String, Vec<&Broken>> = BTreeMap::new();
        for b in broken {
            let origin = origins.get(b.link.file.as_str());
            let line = origin
                .zip(facts)
                .and_then(|((page, lang), (site, analysis))| {
                    let v = &site.pages[*page].versions[lang];
                    let wanted = linkcheck::decode_entities(&b.link.url);
                    analysis.scans[*page][lang]
                        .links
                        .iter()
                        .find(|l| l.dest == wanted)
                        .map(|l| (v, v.body_line + line_col(&v.body, l.offset).0 - 1))
                });
            match line {
                Some((v, line)) => {
                    // A fallback page repeats the link; report the version's own.
                    let own = b.link.file.starts_with(&format!("{}/", v.lang));
                    let slot = from_markdown
                        .entry((v.rel.clone(), line, b.link.url.clone()))
                        .or_insert((b, own));
                    if own && !slot.1 {
                        *slot = (b, own);
                    }
                }
                None => {
                    // One finding per missing target, whatever relative form
                    // each page wrote it in; per URL for the other problems.
                    let url = match b.problem {
                        Problem::NoFile { .. } | Problem::NoAnchor { .. } => "",
                        _ => b.link.url.as_str(),
                    };
                    from_templates
                        .entry(format!("{}\u{0}{url}", problem_text(&b.problem)))
                        .or_default()
                        .push(b)
                }
            }
        }
        for ((rel, line, url), (b, _)) in from_markdown {
            let d = Diagnostic::error(
                rel,
                format!("broken link `{url}`: {}", problem_text(&b.problem)),
            )
            .line(line)
            .help(same_name(b, outputs).unwrap_or_else(|| {
                format!(
                    "a relative link is resolved from the page's folder in the built site (`{}`); \
                     link pages with `page:<path>`, claims with `claim:<id>`",
                    b.link.file.trim_end_matches("index.html")
                )
            }));
            self.push(Group::Links, level_of(&b.problem), d);
        }
        for list in from_templates.into_values() {
            let b = list[0];
            let problem = problem_text(&b.problem);
            let mut pages: Vec<&str> = list.iter().map(|b| b.link.file.as_str()).collect();
            pages.dedup();
            let mut help = format!(
                "no Markdown page writes this link, so a template does; it is in {} rendered file{}: {}",
                pages.len(),
                if pages.len() == 1 { "" } else { "s" },
                abbreviated(&pages, 3)
            );
            if let Some(hint) = same_name(b, outputs) {
                help = format!("{hint} ({help})");
            }
            if b.problem == Problem::RootAbsolute {
                help.push_str(
                    "; write it relative, from `{{ site.root }}` (`{{ site.root }}style.css`)",
                );
            }
            let d = Diagnostic::error(
                &b.link.file,
                format!("broken link `{}`: {problem}", b.link.url),
            )
            .help(help);
            self.push(Group::Links, level_of(&b.problem), d);
        }
    }

    fn data(&mut self, site: &Site, analysis: &Analysis, sources_text: &str) {
        for (i, s) in site.sources.iter().enumerate() {
            if analysis.source_claims[i].is_empty() {
                let d = Diagnostic::warning(
                    "content/sources.yaml",
                    format!("source `{}` is cited by no claim", s.id),
                )
                .at(find_line(sources_text, &format!("id: {}", s.id)), None)
                .help(format!(
                    "cite it in a claim (`sources: [{{source: {}, stance: supports}}]`) or remove it",
                    s.id
                ));
                self.push(Group::Data, Level::Warning, d);
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
                self.push(Group::Data, Level::Warning, d);
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
        for d in found {
            self.push(Group::External, Level::Warning, d);
        }
    }
}

/// The section a diagnostic of the build's phases belongs to.
fn group_of(d: &Diagnostic) -> Group {
    let p = d.path.as_str();
    if d.message.starts_with("broken link") || d.message.contains("scheme, which runs code") {
        Group::Links
    } else if d.message.starts_with("missing translation") || p.contains("/i18n") {
        Group::Translations
    } else if p.starts_with("content/claims/")
        || p == "content/sources.yaml"
        || p == "content/timeline.yaml"
    {
        Group::Data
    } else {
        Group::Content
    }
}

fn level_of(p: &Problem) -> Level {
    match p {
        Problem::RootAbsolute => Level::Warning,
        _ => Level::Error,
    }
}

fn problem_text(p: &Problem) -> String {
    match p {
        Problem::NoFile { target } => format!("the built site has no file `{target}`"),
        Problem::NoAnchor { target, id } => format!("`{target}` has no element with id `{id}`"),
        Problem::AboveRoot => "it climbs above the site's root folder".into(),
        Problem::RootAbsolute => {
            "it starts at the domain root, so it breaks when the site is served under a subpath"
                .into()
        }
        Problem::OutsideBase { base_path } => {
            format!("it is outside the site's base path `{base_path}`")
        }
    }
}

/// For a link to a missing file: files of the site with the same name,
/// written as links from the linking page (`did you mean `../img/map.png`?`).
fn same_name(b: &Broken, outputs: &[&str]) -> Option<String> {
    let Problem::NoFile { target } = &b.problem else {
        return None;
    };
    let name = target.rsplit('/').next().filter(|n| *n != "index.html")?;
    let hits: Vec<String> = outputs
        .iter()
        .filter(|p| p.rsplit('/').next() == Some(name))
        .take(3)
        .map(|p| format!("`{}`", crate::links::relative(&b.link.file, p)))
        .collect();
    (!hits.is_empty()).then(|| format!("did you mean {}?", hits.join(", ")))
}

/// Rendered content page → (page index, language of the version shown).
fn origins(site: &Site) -> HashMap<String, (usize, String)> {
    let mut out = HashMap::new();
    for (i, page) in site.pages.iter().enumerate() {
        for lang in site.config.codes() {
            let (v, _) = page.version(lang);
            out.insert(format!("{}index.html", page.url(lang)), (i, v.lang.clone()));
        }
    }
    out
}

/// `a, b, c and 4 more`.
fn abbreviated(items: &[&str], n: usize) -> String {
    if items.len() <= n + 1 {
        items.join(", ")
    } else {
        format!("{} and {} more", items[..n].join(", "), items.len() - n)
    }
}

/// Per language, for the summary table: how many pages, claims, sources,
/// events and topics lack a translation (of any of their fields), and how
/// many UI strings.
pub fn coverage_counts(c: &LanguageCoverage) -> [usize; 6] {
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
