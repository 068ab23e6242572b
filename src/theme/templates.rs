//! Tera set-up: the theme's templates parsed once per run, the `link`
//! function that resolves cross-links from templates, and template errors
//! turned into located diagnostics.

use crate::diagnostics::Diagnostic;
use crate::resolve::links::{self, LinkIndex};
use crate::theme::Theme;
use std::collections::HashMap;
use std::sync::Arc;
use tera::{Tera, Value};

pub(crate) fn load(
    theme: &Theme,
    index: Arc<LinkIndex>,
    sections: Arc<SectionIndex>,
) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::default();
    let mut sources = Vec::new();
    for (name, file) in &theme.templates {
        let text = std::str::from_utf8(&file.bytes).map_err(|_| {
            Diagnostic::error(&file.origin, "template is not valid UTF-8")
                .help("save the file as UTF-8")
        })?;
        sources.push((name.as_str(), text));
    }
    tera.add_raw_templates(sources).map_err(|e| {
        let message = full_message(&e);
        let origin = theme
            .templates
            .iter()
            .find(|(name, _)| message.contains(&format!("'{name}'")))
            .map_or_else(|| "themes".to_string(), |(_, f)| f.origin.clone());
        let line = line_in_message(&message);
        Diagnostic::error(
            origin,
            format!("template syntax error: {}", first_lines(&message)),
        )
        .at(line, None)
        .help("see https://keats.github.io/tera/docs/ for Tera's syntax")
    })?;
    // Tera's default also escapes `/`, which makes every URL unreadable;
    // these five are all HTML needs in text and quoted attributes.
    tera.set_escape_fn(crate::escape::escape_attr);
    tera.register_function("link", LinkFunction(index));
    tera.register_function("section_pages", SectionPagesFunction(sections));
    Ok(tera)
}

/// `link(to="claim:x", lang=site.lang, from=site.current_url)`: the relative
/// URL of a cross-link target, as Markdown links get it.
struct LinkFunction(Arc<LinkIndex>);

impl tera::Function for LinkFunction {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let arg = |name: &str| -> tera::Result<&str> {
            args.get(name)
                .and_then(Value::as_str)
                .ok_or_else(|| tera::Error::msg(format!("link() needs a string argument `{name}`")))
        };
        let (to, lang, from) = (arg("to")?, arg("lang")?, arg("from")?);
        let target = match links::parse_target(to) {
            Some(Ok(t)) => t,
            Some(Err(m)) => return Err(tera::Error::msg(m)),
            None => {
                return Err(tera::Error::msg(format!(
                    "link(): `{to}` is not a page:, claim:, source: or event: target"
                )))
            }
        };
        let url = self
            .0
            .resolve(&target, lang)
            .map_err(|u| tera::Error::msg(format!("link(): {}; {}", u.message, u.help)))?;
        Ok(Value::String(links::relative(from, &url)))
    }

    fn is_safe(&self) -> bool {
        false
    }
}

/// A page as `section_pages()` lists it; `url` is root-relative until the
/// function makes it relative to the calling page.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct SectionEntry {
    pub key: String,
    pub url: String,
    pub title: String,
    /// The language of `title` (the default language's, for a fallback).
    pub lang: String,
    pub fallback: bool,
    pub description: Option<String>,
    pub updated: Option<String>,
}

/// (language, section key) → its pages, in listing order.
pub(crate) type SectionIndex = HashMap<(String, String), Vec<SectionEntry>>;

pub(crate) fn section_index(site: &crate::model::Site) -> SectionIndex {
    let mut index = SectionIndex::new();
    for section in site
        .pages
        .iter()
        .filter(|p| p.kind != crate::parse::front_matter::PageKind::Page)
    {
        for lang in site.config.codes() {
            let entries = site
                .section_children(&section.key, lang)
                .into_iter()
                .map(|p| {
                    let (v, fallback) = p.version(lang);
                    SectionEntry {
                        key: p.key.clone(),
                        url: p.url(lang),
                        title: v.meta.title.clone(),
                        lang: v.lang.clone(),
                        fallback,
                        description: v.meta.description.clone(),
                        updated: v.meta.updated.as_ref().map(|u| u.as_str().to_string()),
                    }
                })
                .collect();
            index.insert((lang.to_string(), section.key.clone()), entries);
        }
    }
    index
}

/// `section_pages(section="guide", lang=site.lang, from=site.current_url)`:
/// any section's pages (`section=""` for the top level), for any template.
struct SectionPagesFunction(Arc<SectionIndex>);

impl tera::Function for SectionPagesFunction {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let arg = |name: &str| -> tera::Result<&str> {
            args.get(name).and_then(Value::as_str).ok_or_else(|| {
                tera::Error::msg(format!("section_pages() needs a string argument `{name}`"))
            })
        };
        let (section, lang, from) = (arg("section")?, arg("lang")?, arg("from")?);
        let key = (lang.to_string(), section.trim_matches('/').to_string());
        let entries = self.0.get(&key).ok_or_else(|| {
            tera::Error::msg(format!("section_pages(): there is no section `{section}` (a folder with an _index.md) in `{lang}`"))
        })?;
        let relative: Vec<SectionEntry> = entries
            .iter()
            .map(|e| SectionEntry {
                url: links::relative(from, &e.url),
                ..e.clone()
            })
            .collect();
        tera::to_value(relative).map_err(|e| tera::Error::msg(e.to_string()))
    }

    fn is_safe(&self) -> bool {
        false
    }
}

/// A Tera error with all its causes, which is where the useful part is.
pub(crate) fn full_message(e: &tera::Error) -> String {
    let mut s = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        s.push_str(": ");
        s.push_str(&cause.to_string());
        source = cause.source();
    }
    s
}

/// The line number in a Tera/pest message (`--> 3:15`).
pub(crate) fn line_in_message(message: &str) -> Option<usize> {
    let after = &message[message.find("--> ")? + 4..];
    after.split(':').next()?.trim().parse().ok()
}

fn first_lines(message: &str) -> String {
    message
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join(" ")
}
