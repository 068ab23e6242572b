//! Broken links of the rendered pages as findings: placed at the Markdown
//! line that wrote a link when there is one, else reported once per problem
//! with the rendered pages that carry it (a template wrote it).

use super::abbreviated;
use crate::check::linkcheck::{percent_decode, Broken, Problem};
use crate::diagnostics::{line_col, Diagnostic, Kind, Severity};
use crate::model::Site;
use crate::resolve::analysis::Analysis;
use std::collections::{BTreeMap, HashMap};

/// Broken links of the rendered pages, placed at the Markdown line that
/// wrote them when there is one; links the templates write are reported
/// once per problem, with the pages that carry them.
pub(super) fn findings(
    broken: &[Broken],
    facts: Option<(&Site, &Analysis)>,
    outputs: &[&str],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let origins = facts.map(|(site, _)| origins(site)).unwrap_or_default();
    let mut from_markdown: BTreeMap<(String, usize, String), (&Broken, bool)> = BTreeMap::new();
    let mut from_templates: BTreeMap<String, Vec<&Broken>> = BTreeMap::new();
    for b in broken {
        let origin = origins.get(b.link.file.as_str());
        let line = origin
            .zip(facts)
            .and_then(|((page, lang), (site, analysis))| {
                let v = site.pages[*page].versions.get(lang)?;
                let wanted = percent_decode(&b.link.url);
                analysis.scans[*page]
                    .get(lang)?
                    .links
                    .iter()
                    .find(|l| percent_decode(&l.dest) == wanted)
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
        let d = Diagnostic::new(
            severity_of(&b.problem),
            rel,
            format!("broken link `{url}`: {}", problem_text(&b.problem)),
        )
        .kind(Kind::Link)
        .line(line)
        .help(same_name(b, outputs).unwrap_or_else(|| {
            format!(
                "a relative link is resolved from the page's folder in the built site (`{}`); \
                 link pages with `page:<path>`, claims with `claim:<id>`",
                b.link.file.trim_end_matches("index.html")
            )
        }));
        out.push(d);
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
        match b.problem {
            Problem::RootAbsolute => help.push_str(
                "; write it relative, from `{{ site.root }}` (`{{ site.root }}style.css`)",
            ),
            Problem::RelativeIn404 => {
                help.push_str("; in 404.html `{{ site.root }}` is absolute: write the link from it")
            }
            _ => {}
        }
        let d = Diagnostic::new(
            severity_of(&b.problem),
            &b.link.file,
            format!("broken link `{}`: {problem}", b.link.url),
        )
        .kind(Kind::Link)
        .help(help);
        out.push(d);
    }
    out
}

fn severity_of(p: &Problem) -> Severity {
    match p {
        Problem::RootAbsolute => Severity::Warning,
        _ => Severity::Error,
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
        Problem::RelativeIn404 => {
            "it is relative, but `404.html` is served at any address that was not found, \
             and the link resolves from there"
                .into()
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
        .map(|p| format!("`{}`", crate::resolve::links::relative(&b.link.file, p)))
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
