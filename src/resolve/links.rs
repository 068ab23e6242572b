//! Cross-links: `page:`, `claim:`, `source:` and `event:` targets, checked
//! against the model and rewritten to relative URLs in the reader's language.

use crate::model::{self, Site};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target<'a> {
    Page {
        key: &'a str,
        anchor: Option<&'a str>,
    },
    Claim(&'a str),
    Source(&'a str),
    Event(&'a str),
}

/// Whether `dest` uses one of dossier's schemes; `None` for ordinary links.
pub fn parse_target(dest: &str) -> Option<Result<Target<'_>, String>> {
    let (scheme, rest) = dest.split_once(':')?;
    let (id, anchor) = match rest.split_once('#') {
        Some((id, a)) => (id, Some(a)),
        None => (rest, None),
    };
    let no_anchor = |t: Target<'static>, kind: &str| match anchor {
        Some(_) => Err(format!("`{dest}`: a {kind} link takes no `#anchor`")),
        None => Ok(t),
    };
    let target = match scheme {
        "page" => {
            let key = id.trim_matches('/');
            Ok(Target::Page {
                key,
                anchor: anchor.filter(|a| !a.is_empty()),
            })
        }
        "claim" => no_anchor(Target::Claim(""), "claim").map(|_| Target::Claim(id)),
        "source" => no_anchor(Target::Source(""), "source").map(|_| Target::Source(id)),
        "event" => no_anchor(Target::Event(""), "event").map(|_| Target::Event(id)),
        _ => return None,
    };
    Some(target)
}

/// The anchor an event gets on the timeline page.
pub(crate) fn event_anchor(id: &str) -> String {
    format!("event-{id}")
}

/// A failed resolution: what was wrong and what would be valid.
#[derive(Debug, Clone)]
pub struct Unresolved {
    pub message: String,
    pub help: String,
}

/// Everything a link can point to. Owned, so templates can share it.
#[derive(Debug, Default)]
pub struct LinkIndex {
    page_keys: HashSet<String>,
    /// (lang, page key) → ids of the headings of the version shown in `lang`.
    anchors: HashMap<(String, String), HashSet<String>>,
    claims: HashSet<String>,
    sources: HashSet<String>,
    events: HashSet<String>,
}

impl LinkIndex {
    pub(crate) fn new(site: &Site) -> Self {
        let mut page_keys: HashSet<String> = site.pages.iter().map(|p| p.key.clone()).collect();
        page_keys.extend(site.generated_keys().into_iter().map(String::from));
        LinkIndex {
            page_keys,
            anchors: HashMap::new(),
            claims: site.claims.iter().map(|c| c.id.clone()).collect(),
            sources: site.sources.iter().map(|s| s.id.clone()).collect(),
            events: site.events.iter().map(|e| e.id.clone()).collect(),
        }
    }

    pub(crate) fn add_anchors(
        &mut self,
        lang: &str,
        key: &str,
        ids: impl IntoIterator<Item = String>,
    ) {
        self.anchors
            .entry((lang.to_string(), key.to_string()))
            .or_default()
            .extend(ids);
    }

    /// The root-relative URL of `target` for a reader of `lang`.
    pub fn resolve(&self, target: &Target, lang: &str) -> Result<String, Unresolved> {
        let unknown = |kind: &str, id: &str, set: &HashSet<String>| {
            let mut ids: Vec<&str> = set.iter().map(String::as_str).collect();
            ids.sort_unstable();
            Unresolved {
                message: format!("unknown {kind} `{id}`"),
                help: crate::diagnostics::suggest(kind, id, ids),
            }
        };
        match *target {
            Target::Page { key, anchor } => {
                if !self.page_keys.contains(key) {
                    let mut u = unknown("page", key, &self.page_keys);
                    if key.is_empty() {
                        u.message = "there is no home page (`_index.md`)".into();
                    }
                    u.help.push_str("; link the home page as `page:/`");
                    return Err(u);
                }
                let url = model::page_url(lang, key);
                match anchor {
                    None => Ok(url),
                    Some(a) => {
                        let ids = self.anchors.get(&(lang.to_string(), key.to_string()));
                        if ids.is_some_and(|ids| ids.contains(a)) {
                            Ok(format!("{url}#{a}"))
                        } else {
                            let mut known: Vec<&str> = ids
                                .map(|s| s.iter().map(String::as_str).collect())
                                .unwrap_or_default();
                            known.sort_unstable();
                            Err(Unresolved {
                                message: format!("page `{key}` has no heading `#{a}` in language `{lang}`"),
                                help: format!(
                                    "{}; give the heading the same explicit id in every language: `## Title {{#{a}}}`",
                                    crate::diagnostics::suggest("anchor", a, known)
                                ),
                            })
                        }
                    }
                }
            }
            Target::Claim(id) if self.claims.contains(id) => Ok(format!("{lang}/claims/{id}/")),
            Target::Claim(id) => Err(unknown("claim", id, &self.claims)),
            Target::Source(id) if self.sources.contains(id) => Ok(format!("{lang}/sources/{id}/")),
            Target::Source(id) => Err(unknown("source", id, &self.sources)),
            Target::Event(id) if self.events.contains(id) => Ok(format!(
                "{}#{}",
                model::page_url(lang, model::TIMELINE_KEY),
                event_anchor(id)
            )),
            Target::Event(id) => Err(unknown("event", id, &self.events)),
        }
    }
}

/// The URL of `to` relative to the page at `from`. Both are root-relative;
/// folders end in `/`; `to` may carry a `#fragment`.
pub fn relative(from: &str, to: &str) -> String {
    let (to_path, frag) = match to.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (to, None),
    };
    let from_dir = &from[..from.rfind('/').map_or(0, |i| i + 1)];
    let from_segs: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to_segs: Vec<&str> = to_path.split('/').collect();
    let (to_dirs, to_file) = to_segs.split_at(to_segs.len() - 1);
    let to_dirs: Vec<&str> = to_dirs.iter().copied().filter(|s| !s.is_empty()).collect();
    let common = from_segs
        .iter()
        .zip(&to_dirs)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = "../".repeat(from_segs.len() - common);
    for d in &to_dirs[common..] {
        out.push_str(d);
        out.push('/');
    }
    out.push_str(to_file[0]);
    if let Some(f) = frag {
        if out.is_empty() {
            // The target is the folder of `from`: from the folder itself a
            // bare fragment does, from a file in it (`404.html`) it does not.
            if from_dir.len() == from.len() {
                return format!("#{f}");
            }
            out.push_str("./");
        }
        out.push('#');
        out.push_str(f);
    }
    if out.is_empty() {
        out.push_str("./");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls() {
        assert_eq!(relative("en/chips/", "en/claims/x/"), "../claims/x/");
        assert_eq!(relative("en/chips/", "en/chips/#a"), "#a");
        assert_eq!(relative("en/chips/", "en/chips/"), "./");
        assert_eq!(relative("en/", "style.css"), "../style.css");
        assert_eq!(relative("", "en/"), "en/");
        assert_eq!(relative("index.html", "en/"), "en/");
        assert_eq!(relative("en/a/b/", "tr/a/b/"), "../../../tr/a/b/");
        assert_eq!(relative("en/", "en/timeline/#event-x"), "timeline/#event-x");
        // From a file, the folder's fragment is `./#a`, not `#a` (the file's).
        assert_eq!(relative("en/atom.xml", "en/#a"), "./#a");
    }

    #[test]
    fn targets() {
        assert_eq!(
            parse_target("page:/"),
            Some(Ok(Target::Page {
                key: "",
                anchor: None
            }))
        );
        assert_eq!(
            parse_target("page:chips#a"),
            Some(Ok(Target::Page {
                key: "chips",
                anchor: Some("a")
            }))
        );
        assert_eq!(parse_target("claim:x"), Some(Ok(Target::Claim("x"))));
        assert!(parse_target("claim:x#y").unwrap().is_err());
        assert_eq!(parse_target("https://example.org"), None);
        assert_eq!(parse_target("chips.md"), None);
    }
}
