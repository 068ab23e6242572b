//! Markdown in two passes over pulldown-cmark's events: `scan` finds
//! headings, cross-links and code blocks (so anchors can be checked before
//! anything renders); `render` writes HTML with links rewritten per reader
//! language and code blocks replaced by their highlighted form.

pub(crate) mod body_check;
pub mod highlight;
pub(crate) mod tilde;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TASKLISTS
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct LinkRef {
    pub dest: String,
    /// Byte offset of the link in the body.
    pub offset: usize,
}

/// A fenced or indented code block, as handed to the highlighter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeBlock {
    pub lang: String,
    pub code: String,
}

#[derive(Debug, Clone, Default)]
pub struct Scan {
    pub headings: Vec<Heading>,
    pub links: Vec<LinkRef>,
    /// Explicit heading ids (`{#dock}`) already taken on the page: the
    /// heading got another id, so links to it would land elsewhere.
    pub duplicate_ids: Vec<DuplicateId>,
}

#[derive(Debug, Clone)]
pub struct DuplicateId {
    pub wanted: String,
    pub given: String,
    /// Byte offset of the heading in the body.
    pub offset: usize,
}

pub fn scan(body: &str) -> Scan {
    let mut out = Scan::default();
    let mut taken = crate::parse::slug::UniqueIds::default();
    let mut heading: Option<(u8, Option<String>, String, usize)> = None;
    let events = Parser::new_ext(body, options()).into_offset_iter();
    for (event, range) in crate::markdown::tilde::two_only(body, events) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((
                    level_num(level),
                    id.map(|i| i.to_string()),
                    String::new(),
                    range.start,
                ));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, explicit, text, offset)) = heading.take() {
                    let base = explicit
                        .clone()
                        .unwrap_or_else(|| crate::parse::slug::heading_slug(&text));
                    let id = taken.claim(base);
                    if let Some(wanted) = explicit.filter(|w| *w != id) {
                        out.duplicate_ids.push(DuplicateId {
                            wanted,
                            given: id.clone(),
                            offset,
                        });
                    }
                    out.headings.push(Heading {
                        level,
                        id,
                        text: text.trim().to_string(),
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text, _)) = heading.as_mut() {
                    text.push_str(&t);
                }
            }
            // A heading written over two lines (setext): the words either
            // side of the break stay apart, except between CJK characters.
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, _, text, _)) = heading.as_mut() {
                    let before = text.chars().next_back();
                    let after = body[range.end..].trim_start().chars().next();
                    if !(before.is_some_and(is_cjk) && after.is_some_and(is_cjk)) {
                        text.push(' ');
                    }
                }
            }
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                out.links.push(LinkRef {
                    dest: dest_url.to_string(),
                    offset: range.start,
                });
            }
            _ => {}
        }
    }
    out
}

fn level_num(l: HeadingLevel) -> u8 {
    l as u8
}

/// How a cross-link is written in HTML.
pub struct RewrittenLink {
    pub href: String,
    /// For a claim link: its status (`reported`) and the label shown.
    pub claim_status: Option<(&'static str, String)>,
}

/// Renders `body`. `headings` must be `scan(body).headings`; `rewrite` maps a
/// link destination to its output form (`None` leaves it as written);
/// `code` gives the HTML for a code block.
pub fn render(
    body: &str,
    headings: &[Heading],
    rewrite: &dyn Fn(&str) -> Option<RewrittenLink>,
    code: &mut dyn FnMut(&CodeBlock) -> String,
) -> String {
    let mut html = String::with_capacity(body.len() * 3 / 2);
    let mut heading_no = 0;
    let mut in_code: Option<CodeBlock> = None;
    let mut claim_suffix: Option<String> = None;
    let events = Parser::new_ext(body, options()).into_offset_iter();
    let events = crate::markdown::tilde::two_only(body, events).filter_map(|(event, _)| match event {
        Event::Start(Tag::Heading { level, classes, attrs, .. }) => {
            let id = headings.get(heading_no).map(|h| CowStr::from(h.id.clone()));
            heading_no += 1;
            Some(Event::Start(Tag::Heading { level, id, classes, attrs }))
        }
        Event::Start(Tag::CodeBlock(kind)) => {
            let lang = match kind {
                CodeBlockKind::Fenced(info) => info.to_string(),
                CodeBlockKind::Indented => String::new(),
            };
            in_code = Some(CodeBlock { lang, code: String::new() });
            None
        }
        Event::Text(t) if in_code.is_some() => {
            if let Some(c) = in_code.as_mut() {
                c.code.push_str(&t);
            }
            None
        }
        Event::End(TagEnd::CodeBlock) => in_code.take().map(|c| Event::Html(code(&c).into())),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => match rewrite(&dest_url) {
            Some(RewrittenLink { href, claim_status: Some((status, label)) }) => {
                claim_suffix = Some(format!(
                    "<span class=\"status-tag status-{status}\"><span class=\"visually-hidden\"> (</span>{}<span class=\"visually-hidden\">)</span></span></a>",
                    crate::escape::escape_html(&label)
                ));
                Some(Event::InlineHtml(
                    format!("<a href=\"{}\" class=\"claim-ref\" data-status=\"{status}\">", crate::escape::escape_attr(&href)).into(),
                ))
            }
            Some(RewrittenLink { href, claim_status: None }) => {
                Some(Event::Start(Tag::Link { link_type, dest_url: href.into(), title, id }))
            }
            None => Some(Event::Start(Tag::Link { link_type, dest_url, title, id })),
        },
        Event::End(TagEnd::Link) => match claim_suffix.take() {
            Some(suffix) => Some(Event::InlineHtml(suffix.into())),
            None => Some(Event::End(TagEnd::Link)),
        },
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            let dest_url = rewrite(&dest_url).map_or(dest_url, |r| r.href.into());
            Some(Event::Start(Tag::Image { link_type, dest_url, title, id }))
        }
        other => Some(other),
    });
    let mut events: Vec<Event> = events.collect();
    // A soft break between two CJK characters joins them: CommonMark writes
    // it as a newline, which a browser shows as a space.
    let joined: Vec<usize> = (0..events.len())
        .filter(|&i| matches!(events[i], Event::SoftBreak) && joins_cjk(&events, i))
        .collect();
    for i in joined {
        events[i] = Event::Text(CowStr::Borrowed(""));
    }
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

/// Whether the soft break at `events[i]` stands between two CJK characters
/// (looking through emphasis and links), so that it should vanish rather
/// than show as a space. Like the CSS Text rule for segment breaks, but
/// applied here, since not every browser applies it.
fn joins_cjk(events: &[Event], i: usize) -> bool {
    let before = neighbour_char(events[..i].iter().rev(), |t| t.chars().next_back());
    let after = neighbour_char(events[i + 1..].iter(), |t| t.chars().next());
    before.is_some_and(is_cjk) && after.is_some_and(is_cjk)
}

/// The character next to a soft break: from the nearest text, looking
/// through the start and end of inline spans; `None` past anything else.
fn neighbour_char<'e>(
    mut events: impl Iterator<Item = &'e Event<'e>>,
    edge: impl Fn(&str) -> Option<char>,
) -> Option<char> {
    events.find_map(|e| match e {
        Event::Text(t) | Event::Code(t) => Some(edge(t)),
        Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
        | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link) => {
            None
        }
        _ => Some(None),
    })?
}

/// Han, kana, Bopomofo and CJK punctuation (full-width forms included):
/// scripts written without spaces between words. Hangul is not one of them.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'   // CJK and Kangxi radicals
        | '\u{2FF0}'..='\u{303F}' // ideographic description, CJK symbols and punctuation
        | '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
        | '\u{3100}'..='\u{312F}' // Bopomofo
        | '\u{3190}'..='\u{31FF}' // Kanbun, Bopomofo extended, CJK strokes, Katakana extension
        | '\u{3300}'..='\u{9FFF}' // CJK compatibility, Extension A, Yijing, Unified Ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
        | '\u{FE10}'..='\u{FE1F}' // vertical forms
        | '\u{FE30}'..='\u{FE4F}' // CJK compatibility forms
        | '\u{FF01}'..='\u{FF9F}' // full-width forms, half-width CJK punctuation and Katakana
        | '\u{FFE0}'..='\u{FFE6}' // full-width signs
        | '\u{20000}'..='\u{3FFFF}' // Extensions B and later
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_and_generated_ids() {
        let s = scan("# Τσιπ\n\n## Ascend 910B {#ascend-910b}\n\n## Τσιπ\n");
        let ids: Vec<&str> = s.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["τσιπ", "ascend-910b", "τσιπ-1"]);
        let html = render(
            "# Τσιπ\n\n## Ascend 910B {#ascend-910b}\n\n## Τσιπ\n",
            &s.headings,
            &|_| None,
            &mut |_| String::new(),
        );
        assert!(
            html.contains("<h2 id=\"ascend-910b\">Ascend 910B</h2>"),
            "{html}"
        );
        assert!(html.contains("<h2 id=\"τσιπ-1\">"), "{html}");
    }

    fn plain(body: &str) -> String {
        render(body, &scan(body).headings, &|_| None, &mut |_| {
            String::new()
        })
    }

    #[test]
    fn a_heading_over_two_lines_keeps_its_words_apart() {
        let s = scan("Chip\nexports\n=======\n\n芯片\n出口\n---\n");
        let texts: Vec<&str> = s.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(texts, ["Chip exports", "芯片出口"]);
        assert_eq!(s.headings[0].id, "chip-exports");
    }

    #[test]
    fn a_soft_break_between_cjk_characters_vanishes() {
        for (body, html) in [
            ("第一行\n第二行", "第一行第二行"),
            ("句子。\n「引用」", "句子。「引用」"),
            ("ひらがな\nカタカナ", "ひらがなカタカナ"),
            ("**强调**\n*文字*", "<strong>强调</strong><em>文字</em>"),
            ("[链接](x)\n文字", "<a href=\"x\">链接</a>文字"),
            // Anything else keeps it: other scripts, mixed, Hangul, hard breaks.
            ("one\ntwo", "one\ntwo"),
            ("中文\nLatin", "中文\nLatin"),
            ("Latin\n中文", "Latin\n中文"),
            ("한국어\n문장", "한국어\n문장"),
            ("第一行  \n第二行", "第一行<br />\n第二行"),
        ] {
            assert_eq!(plain(body), format!("<p>{html}</p>\n"), "{body:?}");
        }
    }

    #[test]
    fn links_are_found_with_offsets_and_code_is_handed_over_whole() {
        let body = "Intro\n\nSee [x](claim:a).\n\n```rust\nfn f() {}\n```\n";
        let s = scan(body);
        assert_eq!(s.links[0].dest, "claim:a");
        assert_eq!(crate::diagnostics::line_col(body, s.links[0].offset).0, 3);
        let mut blocks = Vec::new();
        let html = render(body, &s.headings, &|_| None, &mut |b| {
            blocks.push(b.clone());
            "<pre>HL</pre>".into()
        });
        assert_eq!(
            blocks,
            vec![CodeBlock {
                lang: "rust".into(),
                code: "fn f() {}\n".into()
            }]
        );
        assert!(html.contains("<pre>HL</pre>"), "{html}");
    }
}
