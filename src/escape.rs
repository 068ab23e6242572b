//! Escaping text for HTML and XML, in one place: the Markdown renderer, the
//! highlighter, the templates (Tera's escape function) and the feeds and
//! sitemap all need it, and none of them should import another for it.

/// Text between tags: `&`, `<` and `>`.
pub(crate) fn escape_html(s: &str) -> String {
    escape(s, false)
}

/// An attribute value (or any XML text): also `"` and `'` (`&#39;` is as
/// valid in XML as `&apos;`).
pub(crate) fn escape_attr(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, quotes: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quotes => out.push_str("&quot;"),
            '\'' if quotes => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
