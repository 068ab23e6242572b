//! One pass over a page's Markdown before anything renders, for what
//! would otherwise pass quietly or cost too much:
//!
//! - Nesting. A page nested thousands of levels deep (`- - - - … x`,
//!   `> > > …`) is cheap for pulldown-cmark, which does not recurse, but
//!   not for what reads the HTML after it: Pagefind's parser took over
//!   600 s and 5 GB on a 4-million-level list within the 8 MB page limit.
//!   No explainer nests anywhere near [`MAX_DEPTH`] levels, so a page that
//!   does is refused, located.
//! - Heading attributes. pulldown-cmark reads `{...}` at the end of a
//!   heading as attributes: `## Hover {onmouseover=alert(1)}` gave the
//!   heading an event handler with no HTML in the source, and
//!   `## Price {in USD}` lost "{in USD}" into attributes `in` and `USD`.
//!   Only `{#id}` and `.class` are kept; anything else is refused.

use crate::diagnostics::Diagnostic;
use pulldown_cmark::{Event, Parser, Tag};

/// The deepest nesting a page may have, in elements opened inside one
/// another: block quotes, lists (a list level opens two: the list and its
/// item), emphasis, links, footnotes, tables, every element pulldown-cmark
/// opens, and raw HTML elements counted the same way.
pub(crate) const MAX_DEPTH: usize = 100;

/// The most elements a page may have, counted the same way. Pagefind
/// spends about 10 µs on each (a page of 2.6 million one-letter
/// paragraphs, within the 8 MB limit, took 21 s); at this limit the worst
/// page costs a few seconds, while 8 MB of prose (some 18 bytes an
/// element) still fits.
pub(crate) const MAX_ELEMENTS: usize = 500_000;

/// Something in a page body to refuse, at a byte offset of the body.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Finding {
    /// The first element deeper than [`MAX_DEPTH`].
    TooDeep(usize),
    /// The element past [`MAX_ELEMENTS`].
    TooMany(usize),
    /// A heading's `{...}` with attributes other than `#id` and `.class`:
    /// their names, and the offset of the heading.
    HeadingAttributes(usize, Vec<String>),
    /// A footnote's definition and its label (the HTML id it gets).
    Footnote(usize, String),
}

/// What `body` holds to refuse: every heading with attributes, and where
/// it first goes too deep (the pass stops there).
pub(crate) fn scan(body: &str, options: pulldown_cmark::Options) -> Vec<Finding> {
    let mut found = Vec::new();
    let (mut depth, mut html_depth, mut elements) = (0usize, 0usize, 0usize);
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                depth += 1;
                elements += 1;
                if let Tag::FootnoteDefinition(label) = &tag {
                    found.push(Finding::Footnote(range.start, label.to_string()));
                }
                if let Tag::Heading { attrs, .. } = tag {
                    if !attrs.is_empty() {
                        let names = attrs.iter().map(|(k, _)| k.to_string()).collect();
                        found.push(Finding::HeadingAttributes(range.start, names));
                    }
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Html(html) | Event::InlineHtml(html) => {
                let (after, opened) = html_tags(&html, html_depth);
                html_depth = after;
                elements += opened;
            }
            _ => {}
        }
        if depth + html_depth > MAX_DEPTH {
            found.push(Finding::TooDeep(range.start));
            break;
        }
        if elements > MAX_ELEMENTS {
            found.push(Finding::TooMany(range.start));
            break;
        }
    }
    found
}

/// [`scan`] as diagnostics, for `body` starting on line `body_line` of `rel`.
pub(crate) fn diagnostics(rel: &str, body: &str, body_line: usize) -> Vec<Diagnostic> {
    let found = scan(body, crate::markdown::options());
    // Footnotes are rare: only a page with some has its heading ids made.
    let heading_ids: Vec<String> = if found.iter().any(|f| matches!(f, Finding::Footnote(..))) {
        crate::markdown::scan(body)
            .headings
            .into_iter()
            .map(|h| h.id)
            .collect()
    } else {
        Vec::new()
    };
    found
        .into_iter()
        .filter(|f| !matches!(f, Finding::Footnote(_, label) if !heading_ids.contains(label)))
        .map(|f| match f {
            Finding::Footnote(at, label) => footnote_error(rel, body, body_line, at, &label),
            Finding::TooDeep(at) => too_deep_error(rel, body, body_line, at),
            Finding::TooMany(at) => too_many_error(rel, body, body_line, at),
            Finding::HeadingAttributes(at, names) => {
                attributes_error(rel, body, body_line, at, &names)
            }
        })
        .collect()
}

fn attributes_error(
    rel: &str,
    body: &str,
    body_line: usize,
    heading: usize,
    names: &[String],
) -> Diagnostic {
    // The `{` that opens the attributes: the last one on the heading's line.
    let line_end = body[heading..]
        .find('\n')
        .map_or(body.len(), |i| heading + i);
    let brace = body[heading..line_end]
        .rfind('{')
        .map_or(heading, |i| heading + i);
    let (line, col) = crate::diagnostics::line_col(body, brace);
    let list = names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Diagnostic::error(
        rel,
        format!("`{{...}}` at the end of a heading sets its attributes, and only `#id` and `.class` are allowed; this one sets {list}"),
    )
    .at(Some(body_line + line - 1), Some(col))
    .help("to show the braces as text, write the `{` as `&#123;` (`## Price &#123;in USD}`); to give the heading an id, write `{#price}`")
}

/// The raw HTML nesting after `html`, from `depth` before it, and how many
/// elements it opens: `<tag` opens a level, `</` closes one, `/>` and the
/// void elements (`<br>`, `<img>`, …) do not open any. A rough count,
/// enough to see ten thousand `<div>`s.
fn html_tags(html: &str, mut depth: usize) -> (usize, usize) {
    let mut opened = 0;
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "!--", "!doctype",
    ];
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if rest.starts_with('/') {
            depth = depth.saturating_sub(1);
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!' || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        let self_closing = rest.find('>').is_some_and(|end| rest[..end].ends_with('/'));
        let opens = !name.is_empty()
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && !VOID.contains(&name.as_str())
            && !self_closing;
        if opens {
            depth += 1;
            opened += 1;
        }
    }
    (depth, opened)
}

fn footnote_error(rel: &str, body: &str, body_line: usize, at: usize, label: &str) -> Diagnostic {
    let (line, col) = crate::diagnostics::line_col(body, at);
    Diagnostic::error(
        rel,
        format!("footnote `[^{label}]` gets the id `{label}`, which a heading on this page has too; a link to `#{label}` would reach only one of them"),
    )
    .at(Some(body_line + line - 1), Some(col))
    .help(format!("give the footnote a label no heading has, such as `[^note-{label}]`, or the heading an id of its own: `{{#another-id}}`"))
}

fn too_many_error(rel: &str, body: &str, body_line: usize, offset: usize) -> Diagnostic {
    let (line, col) = crate::diagnostics::line_col(body, offset);
    Diagnostic::error(
        rel,
        format!("the page has more than {MAX_ELEMENTS} elements (paragraphs, list items, links, emphasis, HTML); this is the one past the limit"),
    )
    .at(Some(body_line + line - 1), Some(col))
    .help("split the page into several pages")
}

/// The error for a page too deep at byte `offset` of its body, which
/// starts on line `body_line` of `rel`.
fn too_deep_error(rel: &str, body: &str, body_line: usize, offset: usize) -> Diagnostic {
    let (line, col) = crate::diagnostics::line_col(body, offset);
    Diagnostic::error(
        rel,
        format!("the text is nested more than {MAX_DEPTH} levels deep here (lists, quotes, emphasis or HTML elements inside one another; a list level counts two)"),
    )
    .at(Some(body_line + line - 1), Some(col))
    .help(format!(
        "no page needs more than {MAX_DEPTH} levels; close some of them, or split the page"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deep(body: &str) -> Option<usize> {
        scan(body, crate::markdown::options())
            .into_iter()
            .find_map(|f| match f {
                Finding::TooDeep(at) => Some(at),
                _ => None,
            })
    }

    #[test]
    fn real_pages_are_far_from_the_limit() {
        let body = "# T\n\n> - a\n>   - **b [c](d) *e***\n>     1. f\n\n| a | b |\n|---|---|\n| *x* | y |\n\n<div><p>raw</p><br></div>\n";
        assert_eq!(deep(body), None);
        assert_eq!(deep(&"- ".repeat(MAX_DEPTH / 2)), None);
    }

    #[test]
    fn deep_lists_quotes_emphasis_and_html_are_found_where_they_pass_the_limit() {
        for body in [
            "- ".repeat(200) + "x",
            "> ".repeat(200) + "x",
            "*".repeat(300) + "x" + &"*".repeat(300),
            "<div>".repeat(200) + "x",
            "1. ".repeat(200) + "x",
        ] {
            let at = deep(&body).unwrap_or_else(|| panic!("{}", &body[..20]));
            assert!(at < body.len(), "{}", &body[..20]);
        }
        // Where: the first level past the limit, not the end of the page.
        let body = "intro\n\n".to_string() + &"> ".repeat(150) + "x";
        let at = deep(&body).unwrap();
        let d = too_deep_error("content/en/x.md", &body, 4, at);
        assert_eq!(d.line, Some(6));
        assert_eq!(d.column, Some(2 * MAX_DEPTH + 1), "the 101st `>`");
    }

    #[test]
    fn a_page_of_too_many_elements_is_refused_at_the_one_past_the_limit() {
        let body = "x\n\n".repeat(MAX_ELEMENTS + 10);
        let found = scan(&body, crate::markdown::options());
        assert_eq!(found, vec![Finding::TooMany(3 * MAX_ELEMENTS)]);
        let body = "<p>x</p>".repeat(MAX_ELEMENTS / 2);
        assert!(scan(&body, crate::markdown::options()).is_empty());
    }

    #[test]
    fn void_and_closed_html_elements_do_not_add_up() {
        let body = "<br><img src=x><hr/><span>a</span><!-- c -->\n".repeat(500);
        assert_eq!(deep(&body), None);
    }
}

#[cfg(test)]
mod heading_tests {
    use super::*;

    #[test]
    fn heading_attributes_other_than_id_and_class_are_refused_where_the_brace_is() {
        let body = "Intro\n\n## Hover {onmouseover=alert(1) tabindex=0}\n\n## Price {in USD}\n\n## Kept {#kept .wide}\n";
        let ds = diagnostics("content/en/x.md", body, 4);
        assert_eq!(ds.len(), 2, "{ds:?}");
        assert_eq!((ds[0].line, ds[0].column), (Some(6), Some(10)));
        assert!(
            ds[0]
                .message
                .ends_with("this one sets `onmouseover`, `tabindex`"),
            "{}",
            ds[0]
        );
        assert_eq!((ds[1].line, ds[1].column), (Some(8), Some(10)));
        assert!(
            ds[1].message.ends_with("this one sets `in`, `USD`"),
            "{}",
            ds[1]
        );
    }

    #[test]
    fn the_advised_escape_keeps_the_braces_as_text() {
        let body = "## Price &#123;in USD}\n";
        assert!(diagnostics("x.md", body, 1).is_empty());
        let html = crate::markdown::render(
            body,
            &crate::markdown::scan(body).headings,
            &|_| None,
            &mut |_| String::new(),
        );
        assert!(html.contains(">Price {in USD}</h2>"), "{html}");
    }
}

#[cfg(test)]
mod footnote_tests {
    #[test]
    fn a_footnote_with_a_heading_s_id_is_refused_at_its_definition() {
        let body = "## 1\n\nText[^1] and[^n].\n\n[^1]: First.\n[^n]: Second.\n";
        let ds = super::diagnostics("content/en/x.md", body, 4);
        assert_eq!(ds.len(), 1, "{ds:?}");
        assert_eq!((ds[0].line, ds[0].column), (Some(8), Some(1)));
        assert!(
            ds[0]
                .message
                .starts_with("footnote `[^1]` gets the id `1`, which a heading"),
            "{}",
            ds[0]
        );
    }
}
