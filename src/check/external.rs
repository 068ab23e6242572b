//! External URLs: every place the site links out (source URLs, Markdown
//! links, links the templates write) and whether each URL is well formed.
//! No network: `dossier check --list-external` hands the list to a link
//! checker of the user's choice.

use crate::check::linkcheck::{self, Link};
use crate::model::Site;
use crate::resolve::analysis::Analysis;
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Place {
    /// A file of the site (`content/en/chips.md`) or, for links only the
    /// templates write, a rendered page (`en/chips/index.html`).
    pub path: String,
    pub line: Option<usize>,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.path),
            None => f.write_str(&self.path),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ExternalUrl {
    pub url: String,
    /// Sorted; content places first when the URL is in the content.
    pub places: Vec<Place>,
}

/// Whether `dest` leaves the site: `http(s)://…` or protocol-relative `//…`.
pub(crate) fn is_external(dest: &str) -> bool {
    dest.starts_with("//")
        || linkcheck::scheme(dest)
            .is_some_and(|s| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"))
}

/// Every external URL of the site, sorted. A URL in the content is placed
/// there (file and line); one only the templates write, in the rendered
/// pages that carry it.
pub(crate) fn collect(site: &Site, analysis: &Analysis, rendered: &[Link]) -> Vec<ExternalUrl> {
    let mut urls: BTreeMap<String, Vec<Place>> = BTreeMap::new();
    for s in &site.sources {
        if let Some(url) = &s.url {
            urls.entry(url.clone()).or_default().push(Place {
                path: "content/sources.yaml".into(),
                line: s.spans.value(&crate::parse::spans::at!["url"]),
            });
        }
    }
    for (page, scans) in site.pages.iter().zip(&analysis.scans) {
        for (lang, scan) in scans {
            let Some(version) = page.versions.get(lang) else {
                continue;
            };
            for link in scan.links.iter().filter(|l| is_external(&l.dest)) {
                let (line, _) = crate::diagnostics::line_col(&version.body, link.offset);
                urls.entry(link.dest.clone()).or_default().push(Place {
                    path: version.rel.clone(),
                    line: Some(version.body_line + line - 1),
                });
            }
        }
    }
    let in_content: Vec<String> = urls.keys().cloned().collect();
    for link in rendered {
        if in_content.binary_search(&link.url).is_err() {
            urls.entry(link.url.clone()).or_default().push(Place {
                path: link.file.clone(),
                line: None,
            });
        }
    }
    urls.into_iter()
        .map(|(url, mut places)| {
            places.sort();
            places.dedup();
            ExternalUrl { url, places }
        })
        .collect()
}

/// What is wrong with the syntax of an external URL, if anything.
pub(crate) fn syntax_problem(url: &str) -> Option<String> {
    if let Some(c) = url.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Some(if c == ' ' {
            "contains a space (write it as %20)".into()
        } else {
            format!("contains the character {c:?}")
        });
    }
    if let Some(c) = url.chars().find(|c| "<>\"\\{}^`".contains(*c)) {
        return Some(format!("contains `{c}`, which is not allowed in a URL"));
    }
    let rest = match url.split_once("//") {
        Some((scheme, rest)) if scheme.is_empty() || scheme.ends_with(':') => rest,
        _ => return Some("does not start with `https://` or `http://`".into()),
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = if host_port.starts_with('[') {
        match host_port.split_once(']') {
            Some((h, p)) => (&host_port[..=h.len()], p.strip_prefix(':')),
            None => return Some("has an unclosed `[` in its host".into()),
        }
    } else {
        match host_port.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host_port, None),
        }
    };
    if host.is_empty() {
        return Some("has no host name".into());
    }
    if !host.starts_with('[') {
        let labels: Vec<&str> = host.strip_suffix('.').unwrap_or(host).split('.').collect();
        if let Some(bad) = labels.iter().find(|l| {
            l.is_empty()
                || l.starts_with('-')
                || l.ends_with('-')
                || !l
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        }) {
            return Some(if bad.is_empty() {
                format!("host `{host}` has an empty label (`..` or a leading `.`)")
            } else {
                format!("host `{host}` has an invalid label `{bad}`")
            });
        }
    }
    if let Some(p) = port.filter(|p| !p.is_empty()) {
        if !p.bytes().all(|b| b.is_ascii_digit()) || p.parse::<u32>().map_or(true, |n| n > 65535) {
            return Some(format!("port `{p}` is not a number from 0 to 65535"));
        }
    }
    let b = tail.as_bytes();
    for (i, _) in tail.match_indices('%') {
        let hex = |j: usize| b.get(j).is_some_and(u8::is_ascii_hexdigit);
        if !(hex(i + 1) && hex(i + 2)) {
            return Some(format!(
                "`%` at `{}` does not start an escape like %20",
                &tail[i..(i + 3).min(tail.len())]
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::syntax_problem;

    #[test]
    fn good_urls_pass() {
        for url in [
            "https://example.org",
            "https://example.org/a/b?c=d&e#f",
            "http://user@example.org:8080/",
            "https://[::1]:443/x",
            "https://bücher.example/ü%C3%BC",
            "//cdn.example.org/x.js",
        ] {
            assert_eq!(syntax_problem(url), None, "{url}");
        }
    }

    #[test]
    fn bad_urls_say_what_is_wrong() {
        for (url, why) in [
            ("https://exa mple.org/", "contains a space"),
            ("https:///path", "has no host name"),
            ("https://example..org/", "empty label"),
            ("https://-x.org/", "invalid label `-x`"),
            ("https://example.org:99999/", "port `99999`"),
            ("https://example.org/%zz", "`%` at `%zz`"),
            ("https:example.org", "does not start with"),
            ("https://example.org/a<b", "contains `<`"),
        ] {
            let p = syntax_problem(url).unwrap_or_default();
            assert!(p.contains(why), "{url}: {p}");
        }
    }
}
