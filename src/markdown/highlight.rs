//! Code highlighting with syntect, as CSS classes (`hl-keyword`, …) so the
//! theme's stylesheet sets the colours for light and dark mode. The syntax
//! set loads once per run, and only if a page has a code block.
//!
//! Highlighting is most of a build's CPU on sites with code, and most lines
//! recur: `}` and `fn main() {` in every Rust block, the same code in every
//! translation with only its comments translated. A [`LineMemo`] remembers,
//! for each line text and parser state before it, the HTML it gave and the
//! state after it, so a recurring line is highlighted once. The output is
//! the same as highlighting every line afresh (a test checks it).

use crate::escape::{escape_attr, escape_html};
use std::collections::HashMap;
use std::sync::OnceLock;
use syntect::html::{line_tokens_to_classed_spans, ClassStyle};
use syntect::parsing::{ParseState, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;

pub(crate) const CLASS_PREFIX: &str = "hl-";

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
        self.highlight_with(&mut LineMemo::default(), lang, code)
    }

    /// As [`Highlighter::highlight`], reusing the lines `memo` has seen.
    pub(crate) fn highlight_with(&self, memo: &mut LineMemo, lang: &str, code: &str) -> String {
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
        let highlighted = ss
            .find_syntax_by_token(token)
            .and_then(|syntax| memo.highlight(ss, ParseState::new(syntax), code));
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

/// The parser's and the HTML writer's state between two lines.
#[derive(Clone, PartialEq, Eq)]
struct LineState {
    parse: ParseState,
    scopes: ScopeStack,
}

/// What one line gave, from one state.
struct MemoEntry {
    before: LineState,
    after: LineState,
    html: Box<str>,
    /// Spans opened minus spans closed by this line.
    delta: isize,
}

/// Highlighted lines by text and starting state; a rendering thread keeps
/// one over a run of pages (see `render::render_site`).
#[derive(Default)]
pub(crate) struct LineMemo {
    lines: HashMap<Box<str>, Vec<MemoEntry>>,
    /// Roughly the bytes held, to stay within [`LineMemo::BUDGET`].
    held: usize,
}

impl LineMemo {
    /// Past this many bytes the memo starts over, so it cannot grow with
    /// the site.
    const BUDGET: usize = 32 << 20;
    /// The states remembered per line text; lines like `}` are met in many.
    const PER_LINE: usize = 16;

    fn highlight(&mut self, ss: &SyntaxSet, parse: ParseState, code: &str) -> Option<String> {
        let mut state = LineState {
            parse,
            scopes: ScopeStack::new(),
        };
        let mut html = String::with_capacity(code.len() * 3);
        let mut open: isize = 0;
        for line in LinesWithEndings::from(code) {
            let known = self
                .lines
                .get(line)
                .and_then(|entries| entries.iter().find(|e| e.before == state));
            if let Some(entry) = known {
                html.push_str(&entry.html);
                open += entry.delta;
                state.clone_from(&entry.after);
                continue;
            }
            let before = state.clone();
            let ops = state.parse.parse_line(line, ss).ok()?;
            let style = ClassStyle::SpacedPrefixed {
                prefix: CLASS_PREFIX,
            };
            let (line_html, delta) =
                line_tokens_to_classed_spans(line, &ops, style, &mut state.scopes).ok()?;
            html.push_str(&line_html);
            open += delta;
            self.remember(line, before, &state, line_html, delta);
        }
        for _ in 0..open.max(0) {
            html.push_str("</span>");
        }
        Some(html)
    }

    fn remember(
        &mut self,
        line: &str,
        before: LineState,
        after: &LineState,
        html: String,
        delta: isize,
    ) {
        if self
            .lines
            .get(line)
            .is_some_and(|e| e.len() >= Self::PER_LINE)
        {
            return;
        }
        self.held += line.len() * 2 + html.len() + 256;
        if self.held > Self::BUDGET {
            self.lines.clear();
            self.held = 0;
        }
        let entries = self.lines.entry(line.into()).or_default();
        entries.push(MemoEntry {
            before,
            after: after.clone(),
            html: html.into(),
            delta,
        });
    }
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

    /// The memo gives what syntect's own generator gives, line for line,
    /// also for a block whose lines recur in different states (a line
    /// inside and outside a string or comment).
    #[test]
    fn memo_output_equals_a_fresh_highlight() {
        let ss = SyntaxSet::load_defaults_newlines();
        let blocks = [
            (
                "rs",
                "fn main() {\n    let s = \"\n}\n\";\n}\n/*\n}\n*/\n}\n",
            ),
            ("rs", "fn main() {\n}\n"),
            (
                "py",
                "def f():\n    \"\"\"\n    return 1\n    \"\"\"\n    return 1\n",
            ),
            ("py", "def f():\n    return 1\n"),
        ];
        let mut memo = LineMemo::default();
        for _ in 0..2 {
            for (token, code) in blocks {
                let syntax = ss.find_syntax_by_token(token).unwrap();
                let mut gen = syntect::html::ClassedHTMLGenerator::new_with_class_style(
                    syntax,
                    &ss,
                    ClassStyle::SpacedPrefixed {
                        prefix: CLASS_PREFIX,
                    },
                );
                for line in LinesWithEndings::from(code) {
                    gen.parse_html_for_line_which_includes_newline(line)
                        .unwrap();
                }
                let expected = gen.finalize();
                let got = memo.highlight(&ss, ParseState::new(syntax), code).unwrap();
                assert_eq!(got, expected, "{code}");
            }
        }
        assert!(memo.lines.get("}\n").is_some_and(|e| e.len() > 1));
    }

    #[test]
    fn unknown_language_is_plain_escaped_text() {
        let h = Highlighter::new().highlight("no-such-lang", "<b>\n");
        assert!(h.contains("&lt;b&gt;"), "{h}");
        assert!(!h.contains("hl-"), "{h}");
    }
}
