//! Files for machines rather than readers: `sitemap.xml` with hreflang
//! alternates and `robots.txt`. Fallback pages are never advertised.

use crate::model::{self, page_url, Site};
use crate::site_file::OutputFile;

/// One URL of the site and the languages it really exists in.
struct Entry {
    /// Root-relative URL with `{lang}` standing for the language folder.
    path: String,
    langs: Vec<String>,
}

fn entries(site: &Site, codes: &[&str]) -> Vec<Entry> {
    let all = || codes.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    let mut out = Vec::new();
    for page in &site.pages {
        out.push(Entry {
            path: page_url("{lang}", &page.key),
            langs: codes
                .iter()
                .filter(|c| page.versions.contains_key(**c))
                .map(|c| c.to_string())
                .collect(),
        });
    }
    // The search page is a tool, not content: it stays out of the sitemap.
    for key in site
        .generated_only()
        .into_iter()
        .filter(|k| *k != model::SEARCH_KEY)
    {
        out.push(Entry {
            path: page_url("{lang}", key),
            langs: all(),
        });
    }
    for c in &site.claims {
        out.push(Entry {
            path: format!("{{lang}}/claims/{}/", c.id),
            langs: codes
                .iter()
                .filter(|l| c.statement.contains_key(**l))
                .map(|l| l.to_string())
                .collect(),
        });
    }
    for s in &site.sources {
        out.push(Entry {
            path: format!("{{lang}}/sources/{}/", s.id),
            langs: codes
                .iter()
                .filter(|l| s.title.contains_key(**l))
                .map(|l| l.to_string())
                .collect(),
        });
    }
    out
}

/// `sitemap.xml`, written only when `base_url` is set (a sitemap needs
/// absolute URLs).
pub(crate) fn sitemap(site: &Site, codes: &[&str]) -> Option<OutputFile> {
    let base = site.config.base_url.as_deref()?;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for e in entries(site, codes) {
        for lang in &e.langs {
            xml.push_str("  <url>\n    <loc>");
            xml.push_str(&crate::escape::escape_attr(&format!(
                "{base}{}",
                e.path.replace("{lang}", lang)
            )));
            xml.push_str("</loc>\n");
            if e.langs.len() > 1 {
                for alt in &e.langs {
                    let href = crate::escape::escape_attr(&format!(
                        "{base}{}",
                        e.path.replace("{lang}", alt)
                    ));
                    xml.push_str(&format!(
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{alt}\" href=\"{href}\"/>\n"
                    ));
                }
            }
            xml.push_str("  </url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    Some(OutputFile {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes().into(),
    })
}

pub(crate) fn robots(site: &Site) -> OutputFile {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = &site.config.base_url {
        text.push_str(&format!("Sitemap: {base}sitemap.xml\n"));
    }
    OutputFile {
        path: "robots.txt".into(),
        bytes: text.into_bytes().into(),
    }
}
