//! Output names that differ only by letter case or by how an accent is
//! composed (`Photo.PNG` and `photo.png`, `café` in NFC and NFD,
//! `Claims.JSON` over the generated `claims.json`, a folder `Timeline/`
//! over the timeline page's `timeline/`) are two files on Linux but one on
//! macOS, Windows and many hosts, where one silently replaces the other.
//! [`collisions`] compares every output path, and every folder on the way,
//! NFC-normalised and lower-cased, and names both sides of each clash.

use crate::diagnostics::Diagnostic;
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// One file of the finished site: its output path, and the file it is
/// copied from (`None` for what dossier generates itself).
pub(crate) struct Placed<'a> {
    pub path: &'a str,
    pub origin: Option<&'a str>,
}

/// The name a case-insensitive, normalisation-insensitive system sees.
pub(crate) fn folded(name: &str) -> String {
    if name.is_ascii() {
        return name.to_ascii_lowercase();
    }
    name.nfc().collect::<String>().to_lowercase()
}

/// [`collisions`] among a site's files: those dossier writes, and those
/// copied (output path, the file it is copied from).
pub(crate) fn in_site<'a>(
    generated: impl IntoIterator<Item = &'a str>,
    copied: impl IntoIterator<Item = (&'a str, String)>,
) -> Vec<Diagnostic> {
    let copied: Vec<(&str, String)> = copied.into_iter().collect();
    let placed: Vec<Placed> = generated
        .into_iter()
        .map(|path| Placed { path, origin: None })
        .chain(copied.iter().map(|(path, origin)| Placed {
            path,
            origin: Some(origin.as_str()),
        }))
        .collect();
    collisions(&placed)
}

/// A name already taken: as written, and by which file.
struct Taken<'a> {
    name: &'a str,
    by: &'a Placed<'a>,
    /// A file, not a folder on the way to one.
    file: bool,
}

/// One error per file whose path, or one of whose folders, is another's
/// but for case and composition. `items` in any order; the result is the
/// same for the same set.
pub(crate) fn collisions<'a>(items: &'a [Placed<'a>]) -> Vec<Diagnostic> {
    let mut order: Vec<&Placed> = items.iter().collect();
    // Generated files first, then by path: a copied file is the one blamed.
    order.sort_by_key(|p| (p.origin.is_some(), p.path));
    let mut taken: HashMap<String, Taken> = HashMap::new();
    let mut out = Vec::new();
    for item in order {
        let mut names: Vec<&str> = item
            .path
            .match_indices('/')
            .map(|(i, _)| &item.path[..i])
            .collect();
        names.push(item.path);
        for name in names {
            match taken.get(&folded(name)) {
                Some(t) if t.name != name || t.file || name == item.path => {
                    out.push(clash(item, name, t));
                    break;
                }
                Some(_) => {}
                None => {
                    let file = name == item.path;
                    taken.insert(
                        folded(name),
                        Taken {
                            name,
                            by: item,
                            file,
                        },
                    );
                }
            }
        }
    }
    out
}

fn clash(item: &Placed, name: &str, other: &Taken) -> Diagnostic {
    let describe = |p: &Placed, n: &str| {
        let what = if n == p.path { "" } else { "the folder of " };
        // Otherwise `café` and `café` would read the same in the message.
        let nfd = if unicode_normalization::is_nfc(n) {
            ""
        } else {
            ", accents decomposed"
        };
        match p.origin {
            Some(o) => format!("`{n}` ({what}`{o}`{nfd})"),
            None => format!("`{n}` ({what}`{}`, which dossier writes{nfd})", p.path),
        }
    };
    Diagnostic::error(
        item.origin.unwrap_or(item.path),
        format!(
            "{} and {} are one name where letter case is ignored or accents are composed (macOS, Windows, many hosts): one would replace the other",
            describe(item, name),
            describe(other.by, other.name)
        ),
    )
    .help("rename one of them so the two differ by more than case or accents")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(items: &[(&str, Option<&str>)]) -> Vec<String> {
        let placed: Vec<Placed> = items
            .iter()
            .map(|&(path, origin)| Placed { path, origin })
            .collect();
        collisions(&placed).iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn case_and_composition_collide() {
        let e = find(&[
            ("en/photo.png", Some("content/en/photo.png")),
            ("en/Photo.PNG", Some("content/en/Photo.PNG")),
        ]);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].starts_with("error: content/en/photo.png: `en/photo.png` (`content/en/photo.png`) and `en/Photo.PNG` (`content/en/Photo.PNG`) are one name"), "{e:?}");
        let (nfc, nfd) = ("en/caf\u{e9}.png", "en/cafe\u{301}.png");
        let e = find(&[(nfc, Some("content/a")), (nfd, Some("content/b"))]);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].contains("(`content/b`, accents decomposed)"), "{e:?}");
    }

    #[test]
    fn a_copied_file_or_folder_over_a_generated_one_is_blamed() {
        let e = find(&[
            ("en/claims.json", None),
            ("en/timeline/index.html", None),
            ("en/Claims.JSON", Some("content/en/Claims.JSON")),
            ("en/Timeline/x.png", Some("content/en/Timeline/x.png")),
        ]);
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e[0].contains("content/en/Claims.JSON: `en/Claims.JSON` (`content/en/Claims.JSON`) and `en/claims.json` (`en/claims.json`, which dossier writes)"), "{e:?}");
        assert!(e[1].contains("content/en/Timeline/x.png: `en/Timeline` (the folder of `content/en/Timeline/x.png`) and `en/timeline` (the folder of `en/timeline/index.html`, which dossier writes)"), "{e:?}");
    }

    #[test]
    fn a_file_where_a_folder_is_collides_even_in_the_same_case() {
        let e = find(&[("en/a/index.html", None), ("en/a", Some("content/en/a"))]);
        assert_eq!(e.len(), 1, "{e:?}");
        let e = find(&[
            ("en/a", Some("content/en/a")),
            ("en/a/b.png", Some("content/en/a/b.png")),
        ]);
        assert_eq!(e.len(), 1, "{e:?}");
    }

    #[test]
    fn distinct_names_and_shared_folders_do_not_collide() {
        let e = find(&[
            ("en/a/index.html", None),
            ("en/a/b.png", Some("content/en/a/b.png")),
            ("en/ab.png", Some("content/en/ab.png")),
            ("tr/a/index.html", None),
            ("en/Ä.png", Some("content/en/Ä.png")),
            ("en/A.png", Some("content/en/A.png")),
        ]);
        assert!(e.is_empty(), "{e:?}");
    }
}
