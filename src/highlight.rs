//! Code highlighting with syntect, as CSS classes (`hl-keyword`, …) so the
//! theme's stylesheet sets the colours for light and dark mode. The syntax
//! set loads once per run, and only if a page has a code block.

use std::sync::OnceLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

pub const CLASS_PREFIX: &str = "hl-";

#[derive(Default)]
pub struct Highlighter {
    syntaxes: OnceLock<SyntaxSet>,
}

impl Highlighter {
    pub fn new() -> Self {
        Self::default()
    }

    fn syntaxes(&self) -> &SyntaxSet {
        self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines)
    }

    /// A `<pre>` block for `code`; `lang` is the fence's info string. An
    /// unknown or empty language gives escaped plain text.
    pub fn highlight(&self, lang: &str, code: &str) -> String {
        let token = lang.split([' ', ',', '{']).next().unwrap_or("").trim();
        let mut out = String::with_capacity(code.len() * 2 + 64);
        let lang_attr = escape_attr(token);
        if token.is_empty() {
            out.push_str("<pre class=\"code\"><code>");
            out.push_str(&escape_html(code));
            out.push_str("</code></pre>\n");
            return out;
        }
        let ss = self.syntaxes();
        let highlighted = ss.find_syntax_by_token(token).and_then(|syntax| {
            let mut gen = ClassedHTMLGenerator::new_with_class_style(
                syntax,
                ss,
                ClassStyle::SpacedPrefixed {
                    prefix: CLASS_PREFIX,
                },
            );
            for line in LinesWithEndings::from(code) {
                gen.parse_html_for_line_which_includes_newline(line).ok()?;
            }
            Some(gen.finalize())
        });
        out.push_str(&format!(
            "<pre class=\"code\" data-lang=\"{lang_attr}\"><code class=\"language-{lang_attr}\">"
        ));
        match highlighted {
            Some(html) => out.push_str(&html),
            None => out.push_str(&escape_html(code)),
        }
        out.push_str("</code></pre>\n");
        out
    }
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_not_inline_styles() {
        let h = Highlighter::new().highlight("rust", "fn main() {}\n");
        assert!(h.contains("class=\"hl-"), "{h}");
        assert!(!h.contains("style="), "{h}");
    }

    #[test]
    fn unknown_language_is_plain_escaped_text() {
        let h = Highlighter::new().highlight("no-such-lang", "<b>\n");
        assert!(h.contains("&lt;b&gt;"), "{h}");
        assert!(!h.contains("hl-"), "{h}");
    }
}
