//! Markdown pages: where a file sits says which page and language it is;
//! its front matter says how it is titled, ordered and rendered.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::parse::date::Timestamp;
use crate::parse::slug;
use crate::parse::spans::{at, Spans};
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Home,
    Section,
    Page,
}

#[derive(Debug, Clone, PartialEq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub weight: Option<i64>,
    #[serde(default)]
    pub template: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub updated: Option<Timestamp>,
    /// Short hash of the default-language text this translation was made from.
    #[serde(default)]
    pub translated_from: Option<String>,
}

/// One language's version of a page.
#[derive(Debug, Clone)]
pub struct PageFile {
    pub rel: String,
    pub lang: String,
    /// The page's id across languages: `chips`, `guide` (a section),
    /// `guide/intro`, and `` (empty) for the home page.
    pub key: String,
    pub kind: PageKind,
    pub meta: FrontMatter,
    pub body: String,
    /// The 1-based line of `rel` on which `body` starts.
    pub body_line: usize,
    /// Where each front matter field is written in `rel`.
    pub spans: Spans,
}

/// Splits `---` front matter from the body. Returns the YAML, the body and
/// the line the body starts on.
pub fn split_front_matter<'a>(
    rel: &str,
    text: &'a str,
) -> Result<(&'a str, &'a str, usize), Diagnostic> {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| (text == "---").then_some(""))
    else {
        return Err(Diagnostic::error(rel, "the page has no front matter")
            .line(1)
            .help("start the file with a `---` line, then `title: ...`, then another `---` line"));
    };
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok((yaml, body, i + 3));
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error(rel, "the front matter opened on line 1 is never closed")
            .line(1)
            .help("end the front matter with a line holding only `---`"),
    )
}

/// Parses one page file whose language folder is `lang`.
pub fn parse_page(rel: &str, lang: &str, text: &str) -> Result<PageFile, Diagnostics> {
    let mut diags = Diagnostics::new();
    let inner = rel.strip_prefix(&format!("content/{lang}/")).unwrap_or(rel);
    let stem = inner.strip_suffix(".md").unwrap_or(inner);
    let segments: Vec<&str> = stem.split('/').collect();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        if !(slug::is_safe_id(seg) || (last && *seg == "_index")) {
            diags.push(
                Diagnostic::error(rel, format!("`{seg}` cannot be part of a page's path")).help(
                    format!(
                        "{}; `_index.md` names a section's own page",
                        slug::SAFE_ID_HELP
                    ),
                ),
            );
        }
    }
    let (key, kind) = match segments.split_last() {
        Some((&"_index", [])) => (String::new(), PageKind::Home),
        Some((&"_index", parents)) => (parents.join("/"), PageKind::Section),
        _ => (stem.to_string(), PageKind::Page),
    };
    let (yaml, body, body_line) = match split_front_matter(rel, text) {
        Ok(parts) => parts,
        Err(d) => {
            diags.push(d);
            return Err(diags);
        }
    };
    let meta: FrontMatter = if yaml.trim().is_empty() {
        diags.push(
            Diagnostic::error(rel, "the front matter is empty")
                .line(2)
                .help("add `title: ...`"),
        );
        return Err(diags);
    } else {
        match crate::parse::yaml::parse(rel, yaml, 2) {
            Ok(m) => m,
            Err(d) => {
                diags.push(d);
                return Err(diags);
            }
        }
    };
    // The front matter starts on line 2, after `---`.
    let spans = Spans::of(yaml, 2);
    if meta.title.trim().is_empty() {
        diags.push(Diagnostic::error(rel, "`title` is empty").at(spans.key(&at!["title"]), None));
    }
    if let Some(t) = &meta.template {
        if !is_template_name(t) {
            diags.push(
                Diagnostic::error(rel, format!("template `{t}` is not a template name"))
                    .at(spans.key(&at!["template"]), None)
                    .help("name a file in the theme's templates/ folder, such as `page.html`"),
            );
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(PageFile {
        rel: rel.to_string(),
        lang: lang.to_string(),
        key,
        kind,
        meta,
        // CommonMark §2.3: U+0000 is replaced by U+FFFD (pulldown-cmark
        // passes it through).
        body: body.replace('\0', "\u{FFFD}"),
        body_line,
        spans,
    })
}

/// A template name is a plain file name in templates/: no folders, no `..`.
pub fn is_template_name(name: &str) -> bool {
    name.strip_suffix(".html").is_some_and(|stem| {
        !stem.is_empty()
            && stem
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_lines() {
        let (yaml, body, line) = split_front_matter("x", "---\ntitle: A\n---\nHello\n").unwrap();
        assert_eq!(yaml, "title: A\n");
        assert_eq!(body, "Hello\n");
        assert_eq!(line, 4);
    }

    #[test]
    fn unclosed_front_matter() {
        let e = split_front_matter("x.md", "---\ntitle: A\n").unwrap_err();
        assert!(e.to_string().contains("never closed"), "{e}");
    }

    #[test]
    fn keys_and_kinds() {
        let p = parse_page("content/en/_index.md", "en", "---\ntitle: Home\n---\n").unwrap();
        assert_eq!((p.key.as_str(), p.kind), ("", PageKind::Home));
        let p = parse_page("content/en/guide/_index.md", "en", "---\ntitle: G\n---\n").unwrap();
        assert_eq!((p.key.as_str(), p.kind), ("guide", PageKind::Section));
        let p = parse_page("content/en/guide/a.md", "en", "---\ntitle: A\n---\n").unwrap();
        assert_eq!((p.key.as_str(), p.kind), ("guide/a", PageKind::Page));
    }
}
