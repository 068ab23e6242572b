//! Data for aggregators and researchers, per language: `claims.json`,
//! `claims.csv`, a TimelineJS-compatible `timeline.json`, an Atom feed, and
//! the schema.org ClaimReview JSON-LD embedded in each claim page.

use crate::escape::{escape_attr as xml_escape, escape_html};
use crate::model::{self, Claim, Site};
use crate::parse::date::PartialDate;
use crate::parse::text::pick;
use crate::resolve::links;
use crate::site_file::OutputFile;
use crate::theme::i18n::Translations;
use serde_json::{json, Value};

/// An absolute URL for a root-relative path when `base_url` is set.
fn absolute(site: &Site, path: &str) -> Option<String> {
    site.config.base_url.as_ref().map(|b| format!("{b}{path}"))
}

fn text<'a>(site: &'a Site, map: &'a crate::parse::text::LangText, lang: &str) -> &'a str {
    pick(map, lang, &site.config.default_language).map_or("", |l| l.text)
}

fn claim_path(lang: &str, c: &Claim) -> String {
    format!("{lang}/claims/{}/", c.id)
}

/// One claim as the JSON and CSV exports describe it.
fn claim_json(site: &Site, ui: &Translations, lang: &str, c: &Claim) -> Value {
    let statement = pick(&c.statement, lang, &site.config.default_language);
    json!({
        "id": c.id,
        "url": absolute(site, &claim_path(lang, c)).unwrap_or_else(|| format!("claims/{}/", c.id)),
        "statement": statement.map(|s| s.text),
        "statement_language": statement.map(|s| s.lang),
        "status": c.status.as_str(),
        "status_label": ui.of(lang).get(&format!("status_{}", c.status.as_str())),
        "topics": c.topics,
        "attributed_to": text(site, &c.attributed_to, lang),
        "date": c.date.map(|d| d.to_string()),
        "sources": c.citations.iter().map(|cit| json!({
            "source": site.sources[cit.source].id,
            "stance": cit.stance.as_str(),
            "note": cit.note.as_ref().map(|n| text(site, n, lang)),
        })).collect::<Vec<_>>(),
        "related": c.related.iter().map(|&r| site.claims[r].id.as_str()).collect::<Vec<_>>(),
        "superseded_by": c.superseded_by.map(|s| site.claims[s].id.as_str()),
    })
}

pub(crate) fn claims_json(site: &Site, ui: &Translations, lang: &str) -> OutputFile {
    let claims: Vec<Value> = site
        .claims
        .iter()
        .map(|c| claim_json(site, ui, lang, c))
        .collect();
    let doc = json!({ "language": lang, "claims": claims });
    OutputFile {
        path: format!("{lang}/claims.json"),
        bytes: pretty(&doc).into(),
    }
}

pub(crate) fn claims_csv(site: &Site, lang: &str) -> OutputFile {
    let mut out = String::from("id,status,date,topics,attributed_to,statement,sources,url\n");
    for c in &site.claims {
        let sources: Vec<String> = c
            .citations
            .iter()
            .map(|cit| format!("{}:{}", site.sources[cit.source].id, cit.stance.as_str()))
            .collect();
        let url =
            absolute(site, &claim_path(lang, c)).unwrap_or_else(|| format!("claims/{}/", c.id));
        let fields = [
            c.id.clone(),
            c.status.as_str().to_string(),
            c.date.map(|d| d.to_string()).unwrap_or_default(),
            c.topics.join(";"),
            text(site, &c.attributed_to, lang).to_string(),
            text(site, &c.statement, lang).to_string(),
            sources.join(";"),
            url,
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    OutputFile {
        path: format!("{lang}/claims.csv"),
        bytes: out.into_bytes().into(),
    }
}

/// Quotes a CSV field when needed, and defuses text a spreadsheet would
/// run as a formula.
fn csv_field(f: &str) -> String {
    let f = if f.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{f}")
    } else {
        f.to_string()
    };
    if f.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f
    }
}

fn timeline_date(d: &PartialDate) -> Value {
    let mut v = json!({ "year": d.year.to_string() });
    if let Some(m) = d.month {
        v["month"] = json!(m.to_string());
    }
    if let Some(day) = d.day {
        v["day"] = json!(day.to_string());
    }
    v
}

/// TimelineJS's JSON format (`title` + `events` with `start_date` parts).
/// TimelineJS shows `headline`, `text`, `display_date` and `group` as HTML,
/// so every text put there is HTML-escaped.
pub(crate) fn timeline_json(site: &Site, ui: &Translations, lang: &str) -> Option<OutputFile> {
    if site.events.is_empty() {
        return None;
    }
    let t = ui.of(lang);
    let from = model::page_url(lang, model::TIMELINE_KEY);
    let events: Vec<Value> = site
        .events
        .iter()
        .map(|e| {
            let claims: Vec<String> = e
                .claims
                .iter()
                .map(|&c| {
                    let claim = &site.claims[c];
                    format!(
                        "<li><a href=\"{}\">{}</a> ({})</li>",
                        crate::escape::escape_attr(&links::relative(&from, &claim_path(lang, claim))),
                        crate::escape::escape_html(text(site, &claim.statement, lang)),
                        crate::escape::escape_html(t.get(&format!("status_{}", claim.status.as_str())))
                    )
                })
                .collect();
            json!({
                "unique_id": e.id,
                "start_date": timeline_date(&e.date),
                "display_date": escape_html(&t.format_date(&e.date)),
                "group": escape_html(if e.planned { t.get("planned") } else { t.get("happened") }),
                "text": {
                    "headline": escape_html(text(site, &e.title, lang)),
                    "text": if claims.is_empty() { String::new() } else { format!("<ul>{}</ul>", claims.concat()) },
                },
            })
        })
        .collect();
    let doc = json!({
        "title": { "text": { "headline": escape_html(text(site, &site.config.title, lang)), "text": escape_html(t.get("timeline")) } },
        "events": events,
    });
    Some(OutputFile {
        path: format!("{lang}/timeline.json"),
        bytes: pretty(&doc).into(),
    })
}

/// Atom feed of pages and claims, newest first, by their `updated` date
/// (a claim without one is dated by its own date).
pub(crate) fn atom(site: &Site, lang: &str, build_date: &PartialDate) -> OutputFile {
    let base = site.config.base_url.as_deref();
    let href = |path: &str| {
        base.map_or_else(
            || links::relative(&format!("{lang}/atom.xml"), path),
            |b| format!("{b}{path}"),
        )
    };
    let id =
        |path: &str| base.map_or_else(|| format!("urn:dossier:{path}"), |b| format!("{b}{path}"));
    let mut entries: Vec<(String, String, String, String)> = Vec::new(); // (updated, title, path, summary)
    for page in &site.pages {
        if let Some(v) = page.versions.get(lang) {
            if let Some(u) = &v.meta.updated {
                entries.push((
                    u.rfc3339(),
                    v.meta.title.clone(),
                    page.url(lang),
                    v.meta.description.clone().unwrap_or_default(),
                ));
            }
        }
    }
    for c in site
        .claims
        .iter()
        .filter(|c| c.statement.contains_key(lang))
    {
        let updated = c
            .updated
            .as_ref()
            .map(|u| u.rfc3339())
            .or_else(|| c.date.map(|d| date_rfc3339(&d)));
        if let Some(u) = updated {
            let statement = text(site, &c.statement, lang).to_string();
            entries.push((u, statement.clone(), claim_path(lang, c), statement));
        }
    }
    entries.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.2.cmp(&b.2)));
    let feed_updated = entries
        .first()
        .map_or_else(|| date_rfc3339(build_date), |e| e.0.clone());
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml_escape(lang)
    ));
    xml.push_str(&format!(
        "  <title>{}</title>\n",
        xml_escape(text(site, &site.config.title, lang))
    ));
    xml.push_str(&format!(
        "  <id>{}</id>\n",
        xml_escape(&id(&format!("{lang}/atom.xml")))
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" href=\"{}\"/>\n",
        xml_escape(&href(&format!("{lang}/")))
    ));
    xml.push_str(&format!(
        "  <link rel=\"self\" href=\"{}\"/>\n",
        xml_escape(&href(&format!("{lang}/atom.xml")))
    ));
    xml.push_str(&format!("  <updated>{feed_updated}</updated>\n"));
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml_escape(text(site, &site.config.title, lang))
    ));
    for (updated, title, path, summary) in &entries {
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <title>{}</title>\n", xml_escape(title)));
        xml.push_str(&format!("    <id>{}</id>\n", xml_escape(&id(path))));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" href=\"{}\"/>\n",
            xml_escape(&href(path))
        ));
        xml.push_str(&format!("    <updated>{updated}</updated>\n"));
        if !summary.is_empty() {
            xml.push_str(&format!("    <summary>{}</summary>\n", xml_escape(summary)));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    OutputFile {
        path: format!("{lang}/atom.xml"),
        bytes: xml.into_bytes().into(),
    }
}

/// A partial date as the first instant it covers (Atom needs a timestamp).
fn date_rfc3339(d: &PartialDate) -> String {
    format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        d.year,
        d.month.unwrap_or(1),
        d.day.unwrap_or(1)
    )
}

/// schema.org ClaimReview for a claim page, safe to put inside `<script>`.
pub(crate) fn claim_review(site: &Site, ui: &Translations, lang: &str, index: usize) -> String {
    let c = &site.claims[index];
    let t = ui.of(lang);
    let appearances: Vec<Value> = c
        .citations
        .iter()
        .map(|cit| {
            let s = &site.sources[cit.source];
            let mut v = json!({
                "@type": "CreativeWork",
                "headline": s.original_title.clone().unwrap_or_else(|| text(site, &s.title, lang).to_string()),
                "inLanguage": s.language,
            });
            if let Some(url) = &s.url {
                v["url"] = json!(url);
            }
            if let Some(outlet) = &s.outlet {
                v["publisher"] = json!({"@type": "Organization", "name": outlet});
            }
            if let Some(p) = &s.published {
                v["datePublished"] = json!(p.to_string());
            }
            v
        })
        .collect();
    let mut claim = json!({
        "@type": "Claim",
        "author": { "@type": "Organization", "name": text(site, &c.attributed_to, lang) },
        "appearance": appearances,
    });
    if let Some(d) = &c.date {
        claim["datePublished"] = json!(d.to_string());
    }
    let mut review = json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": text(site, &c.statement, lang),
        "inLanguage": lang,
        "author": { "@type": "Organization", "name": text(site, &site.config.title, lang) },
        "reviewRating": {
            "@type": "Rating",
            "alternateName": t.get(&format!("status_{}", c.status.as_str())),
            "name": c.status.as_str(),
        },
        "itemReviewed": claim,
    });
    if let Some(url) = absolute(site, &claim_path(lang, c)) {
        review["url"] = json!(url);
    }
    script_safe(&serde_json::to_string(&review).expect("JSON values serialize"))
}

/// JSON that cannot close or confuse the `<script>` element holding it.
pub(crate) fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Pretty JSON in which `<`, `>` and `&` are `\u` escapes: the same data
/// once parsed, but safe to paste into a `<script>` or an HTML page.
fn pretty(v: &Value) -> Vec<u8> {
    let text = serde_json::to_string_pretty(v).expect("JSON values serialize");
    let mut bytes = script_safe(&text).into_bytes();
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }

    #[test]
    fn json_in_script_cannot_close_the_element() {
        let s = script_safe(r#"{"a":"</script><b>&"}"#);
        assert!(
            !s.contains("</script>") && !s.contains('<') && !s.contains('&'),
            "{s}"
        );
    }
}
