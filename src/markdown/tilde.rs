//! Strikethrough takes two tildes. pulldown-cmark, like GitHub, also
//! strikes through text between single tildes, so an explainer's
//! approximations, "~5% to ~6%~", lost their tildes and were struck out.
//! pulldown-cmark has no option for "two only"; [`two_only`] turns a
//! single-tilde strikethrough back into the text it was written as.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::ops::Range;

/// `events` (with their ranges in `body`) with each strikethrough opened
/// by a single `~` written as the plain `~` it was, on both sides.
pub(crate) fn two_only<'a>(
    body: &'a str,
    events: impl Iterator<Item = (Event<'a>, Range<usize>)>,
) -> impl Iterator<Item = (Event<'a>, Range<usize>)> {
    // For each strikethrough open: whether it was written with two tildes.
    let mut open: Vec<bool> = Vec::new();
    events.map(move |(event, range)| match event {
        Event::Start(Tag::Strikethrough) => {
            let two = body[range.start..].starts_with("~~");
            open.push(two);
            if two {
                (event, range)
            } else {
                (Event::Text(CowStr::Borrowed("~")), range)
            }
        }
        Event::End(TagEnd::Strikethrough) => {
            if open.pop().unwrap_or(true) {
                (event, range)
            } else {
                (Event::Text(CowStr::Borrowed("~")), range)
            }
        }
        other => (other, range),
    })
}

#[cfg(test)]
mod tests {
    fn html(body: &str) -> String {
        crate::markdown::render(
            body,
            &crate::markdown::scan(body).headings,
            &|_| None,
            &mut |_| String::new(),
        )
    }

    #[test]
    fn one_tilde_is_text_and_two_strike_through() {
        assert_eq!(
            html("from ~5% to ~6%~ a year"),
            "<p>from ~5% to ~6%~ a year</p>\n"
        );
        assert_eq!(
            html("~~gone~~ and ~about~"),
            "<p><del>gone</del> and ~about~</p>\n"
        );
        assert_eq!(html("~~a ~b~ c~~"), "<p><del>a ~b~ c</del></p>\n");
    }

    #[test]
    fn a_heading_keeps_its_tildes_in_its_text() {
        let s = crate::markdown::scan("## Up ~5%~\n");
        assert_eq!(s.headings[0].text, "Up ~5%~");
    }
}
