//! The links of the rendered site, checked in memory: every `href`, `src`
//! and `srcset` of every HTML file must resolve to a file of the output
//! and, with a `#fragment`, to an element with that id. Templates write
//! links the Markdown analysis never sees; this is where they are checked.
//! One pass collects ids and links, a second resolves: linear in links.

use crate::site_file::OutputFile;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// A link found in a rendered file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Link {
    /// The output file it is in (`en/chips/index.html`).
    pub file: String,
    /// As written, entities decoded.
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// No file at the resolved output path.
    NoFile { target: String },
    /// The file exists but has no element with the fragment's id.
    NoAnchor { target: String, id: String },
    /// `..` climbs above the site's root folder.
    AboveRoot,
    /// A link from the domain root (`/en/`) outside `404.html`: it breaks
    /// when the site is served under a subpath.
    RootAbsolute,
    /// A root-absolute link in `404.html` outside `base_url`'s path.
    OutsideBase { base_path: String },
    /// A relative link in `404.html`: a host serves that page at any
    /// address that was not found, and the link resolves from there.
    RelativeIn404,
}

#[derive(Debug, Clone)]
pub(crate) struct Broken {
    pub link: Link,
    pub problem: Problem,
}

#[derive(Debug, Default)]
pub(crate) struct Report {
    pub broken: Vec<Broken>,
    /// `http(s)://` and `//` links, for the external URL checks.
    pub external: Vec<Link>,
    /// Internal links resolved.
    pub checked: usize,
}

/// Checks every link of `files`. URLs starting with `base_url` are the
/// site's own and are resolved from the output root, as are root-absolute
/// links under `base_url`'s path (`404.html` links that way by design).
pub(crate) fn check(files: &[OutputFile], base_url: Option<&str>) -> Report {
    let scanned: Vec<(Vec<String>, HashSet<String>)> = files
        .par_iter()
        .map(|f| {
            if f.path.ends_with(".html") {
                crate::check::html::scan(&String::from_utf8_lossy(&f.bytes))
            } else {
                Default::default()
            }
        })
        .collect();
    let ids: HashMap<&str, &HashSet<String>> = files
        .iter()
        .zip(&scanned)
        .map(|(f, (_, ids))| (f.path.as_str(), ids))
        .collect();
    let base_path = base_url
        .and_then(|b| b.split_once("://"))
        .and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..]))
        .unwrap_or("/");
    let mut report = Report::default();
    for (f, (links, _)) in files.iter().zip(&scanned) {
        for url in links {
            let link = || Link {
                file: f.path.clone(),
                url: url.clone(),
            };
            let (from, rel) = match classify(url, base_url, base_path) {
                Kind::Ignored => continue,
                Kind::External => {
                    report.external.push(link());
                    continue;
                }
                Kind::FromRoot(rest) => ("", rest),
                Kind::RootAbsolute(under_base) => {
                    let problem = match under_base {
                        _ if f.path != "404.html" => Problem::RootAbsolute,
                        Some(rest) => match resolve("", rest, &ids) {
                            Ok(()) => {
                                report.checked += 1;
                                continue;
                            }
                            Err(p) => p,
                        },
                        None => Problem::OutsideBase {
                            base_path: base_path.to_string(),
                        },
                    };
                    report.checked += 1;
                    report.broken.push(Broken {
                        link: link(),
                        problem,
                    });
                    continue;
                }
                Kind::Relative if f.path == "404.html" && !url.starts_with('#') => {
                    report.checked += 1;
                    report.broken.push(Broken {
                        link: link(),
                        problem: Problem::RelativeIn404,
                    });
                    continue;
                }
                Kind::Relative => (f.path.as_str(), url.as_str()),
            };
            report.checked += 1;
            if let Err(problem) = resolve(from, rel, &ids) {
                report.broken.push(Broken {
                    link: link(),
                    problem,
                });
            }
        }
    }
    report
}

enum Kind<'a> {
    Ignored,
    External,
    /// The site's own URL; the rest is relative to the output root.
    FromRoot(&'a str),
    /// From the domain root; the rest after `base_url`'s path, if under it.
    RootAbsolute(Option<&'a str>),
    Relative,
}

fn classify<'a>(url: &'a str, base_url: Option<&str>, base_path: &str) -> Kind<'a> {
    if let Some(rest) = base_url.and_then(|b| url.strip_prefix(b)) {
        return Kind::FromRoot(rest);
    }
    if url.starts_with("//") {
        return Kind::External;
    }
    if url.starts_with('/') {
        return Kind::RootAbsolute(url.strip_prefix(base_path));
    }
    match scheme(url) {
        Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => {
            Kind::External
        }
        Some(_) => Kind::Ignored, // mailto:, tel:, data: …
        None if url.is_empty() => Kind::Ignored,
        None => Kind::Relative,
    }
}

/// The scheme of an absolute URL (`https` of `https://…`).
pub(crate) fn scheme(url: &str) -> Option<&str> {
    let (s, _) = url.split_once(':')?;
    let mut chars = s.chars();
    (chars.next()?.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
    .then_some(s)
}

/// Resolves `url` written in the output file `from` (`""`: the root).
fn resolve(from: &str, url: &str, ids: &HashMap<&str, &HashSet<String>>) -> Result<(), Problem> {
    let (path, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (url, None),
    };
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    let target = if path.is_empty() && !from.is_empty() {
        from.to_string()
    } else {
        let mut segments: Vec<String> = from.split('/').map(String::from).collect();
        segments.pop(); // the file name
        let decoded = percent_decode(path);
        for seg in decoded.split('/') {
            match seg {
                "" | "." => {}
                ".." => {
                    if segments.pop().is_none() {
                        return Err(Problem::AboveRoot);
                    }
                }
                s => segments.push(s.to_string()),
            }
        }
        segments.retain(|s| !s.is_empty());
        let joined = segments.join("/");
        if path.is_empty() || path.ends_with('/') || joined.is_empty() {
            format!(
                "{}index.html",
                if joined.is_empty() {
                    String::new()
                } else {
                    format!("{joined}/")
                }
            )
        } else if !ids.contains_key(joined.as_str())
            && ids.contains_key(format!("{joined}/index.html").as_str())
        {
            format!("{joined}/index.html") // a server answers `en/chips` with `en/chips/`
        } else {
            joined
        }
    };
    let Some(target_ids) = ids.get(target.as_str()) else {
        return Err(Problem::NoFile { target });
    };
    match fragment.map(percent_decode) {
        Some(id) if !id.is_empty() && id != "top" && target.ends_with(".html") => {
            if target_ids.contains(&id) {
                Ok(())
            } else {
                Err(Problem::NoAnchor { target, id })
            }
        }
        _ => Ok(()),
    }
}

/// `%XX` escapes decoded (as UTF-8, lossily); anything else kept.
pub(crate) fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, html: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: html.as_bytes().to_vec().into(),
        }
    }

    #[test]
    fn resolves_relative_root_and_base_url_links() {
        let files = [
            file(
                "en/chips/index.html",
                "<a href=\"../\"></a><a href=\"../../style.css\"></a><a href=\"#a\"></a>\
                 <a href=\"../chips#a\"></a><a href=\"https://ex.org/fx/en/#top\"></a>\
                 <a href=\"https://other.org/\"></a><a href=\"mailto:x@y.z\"></a><h2 id=\"a\"></h2>",
            ),
            file("en/index.html", "<a href=\"chips/#b\"></a><a href=\"../../up\"></a>"),
            file("404.html", "<a href=\"/fx/en/\"></a><a href=\"/en/\"></a><a href=\"/fx/tr/\"></a>"),
            file("style.css", ""),
        ];
        let r = check(&files, Some("https://ex.org/fx/"));
        let problems: Vec<(&str, &str, &Problem)> = r
            .broken
            .iter()
            .map(|b| (b.link.file.as_str(), b.link.url.as_str(), &b.problem))
            .collect();
        let no_anchor = Problem::NoAnchor {
            target: "en/chips/index.html".into(),
            id: "b".into(),
        };
        let outside = Problem::OutsideBase {
            base_path: "/fx/".into(),
        };
        let no_file = Problem::NoFile {
            target: "tr/index.html".into(),
        };
        assert_eq!(
            problems,
            [
                ("en/index.html", "chips/#b", &no_anchor),
                ("en/index.html", "../../up", &Problem::AboveRoot),
                ("404.html", "/en/", &outside),
                ("404.html", "/fx/tr/", &no_file),
            ]
        );
        assert_eq!(r.checked, 10);
        let external: Vec<&str> = r.external.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(external, ["https://other.org/"]);
    }

    #[test]
    fn root_absolute_links_outside_404_are_reported() {
        let files = [
            file("en/index.html", "<link href=\"/style.css\">"),
            file("style.css", ""),
        ];
        let r = check(&files, None);
        assert_eq!(r.broken.len(), 1);
        assert_eq!(r.broken[0].problem, Problem::RootAbsolute);
    }

    #[test]
    fn relative_links_in_404_are_reported() {
        let files = [
            file("404.html", "<a href=\"#main\"></a><a href=\"en/\"></a><a href=\"/en/\"></a><main id=\"main\"></main>"),
            file("en/index.html", ""),
        ];
        let r = check(&files, None);
        let problems: Vec<(&str, &Problem)> = r
            .broken
            .iter()
            .map(|b| (b.link.url.as_str(), &b.problem))
            .collect();
        assert_eq!(problems, [("en/", &Problem::RelativeIn404)]);
        assert_eq!(r.checked, 3);
    }

    #[test]
    fn percent_escapes_are_decoded() {
        assert_eq!(percent_decode("%CE%B1%zz"), "α%zz");
    }
}
