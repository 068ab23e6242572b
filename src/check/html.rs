//! Just enough HTML reading for the link checker: the URLs of `href`,
//! `src` and `srcset` attributes and the ids of elements, in one pass over
//! a rendered page, with character references decoded.

use std::collections::HashSet;

/// The link URLs (`href`, `src`, each candidate of `srcset`) and the
/// element ids of an HTML document, skipping comments, scripts and styles.
pub(crate) fn scan(html: &str) -> (Vec<String>, HashSet<String>) {
    let mut links = Vec::new();
    let mut ids = HashSet::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        let name_len = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .unwrap_or(rest.len() - 1);
        let name = rest[1..1 + name_len].to_ascii_lowercase();
        if name.is_empty() {
            // `</x>`, `<!DOCTYPE>`, or a stray `<`.
            rest = &rest[1..];
            continue;
        }
        let (attrs, after) = attributes(&rest[1 + name_len..]);
        for (attr, value) in attrs {
            match attr.as_str() {
                "href" | "src" => links.push(value.trim().to_string()),
                "srcset" => links.extend(
                    value
                        .split(',')
                        .filter_map(|c| c.split_whitespace().next())
                        .map(String::from),
                ),
                "id" => {
                    ids.insert(value);
                }
                "name" if name == "a" => {
                    ids.insert(value);
                }
                _ => {}
            }
        }
        rest = after;
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            rest = find_ascii_ci(rest, &close).map_or("", |i| &rest[i..]);
        }
    }
    (links, ids)
}

/// Parses attributes up to the end of a tag; returns them (names
/// lowercased, values decoded) and the text after the tag.
fn attributes(mut s: &str) -> (Vec<(String, String)>, &str) {
    let mut out = Vec::new();
    loop {
        s = s.trim_start();
        if s.is_empty() {
            return (out, s);
        }
        if let Some(after) = s.strip_prefix('>') {
            return (out, after);
        }
        if let Some(after) = s.strip_prefix("/>") {
            return (out, after);
        }
        let end = s
            .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
            .unwrap_or(s.len());
        let name = s[..end].to_ascii_lowercase();
        s = s[end..].trim_start();
        if end == 0 {
            s = &s[1..]; // a stray `/`
            continue;
        }
        let Some(after_eq) = s.strip_prefix('=') else {
            out.push((name, String::new()));
            continue;
        };
        s = after_eq.trim_start();
        let value;
        if let Some(q) = s.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let close = s[1..].find(q).map_or(s.len(), |i| i + 1);
            value = &s[1..close];
            s = &s[(close + 1).min(s.len())..];
        } else {
            let close = s
                .find(|c: char| c.is_whitespace() || c == '>')
                .unwrap_or(s.len());
            value = &s[..close];
            s = &s[close..];
        }
        out.push((name, decode_entities(value)));
    }
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Decodes the character references that occur in attribute values.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let semi = rest.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| {
            let body = &rest[1..i];
            let c = match body {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => body
                    .strip_prefix("#x")
                    .or_else(|| body.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| body.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, i + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_links_srcset_and_ids_but_not_scripts_or_comments() {
        let (links, ids) = scan(
            "<!-- <a href=\"no\"> --><a id=x href='a&amp;b'>x</a><IMG SRCSET=\"s.png 1x, t.png 2x\" src=u.png>\
             <script>var s = '<a href=\"no2\">';</script><p id=\"y\">",
        );
        assert_eq!(links, ["a&b", "s.png", "t.png", "u.png"]);
        assert_eq!(ids, HashSet::from(["x".to_string(), "y".to_string()]));
    }

    #[test]
    fn entities_and_percent_escapes_are_decoded() {
        assert_eq!(decode_entities("a&amp;b&#39;c&#x41;&bogus"), "a&b'cA&bogus");
    }
}
