//! What a reader of the shipped explainer sees first (issue 17): the verdict
//! before the claim, the disagreements before the rest, a timeline drawn to
//! scale, in every language. Built once from the repository's own site.

mod common;

use common::read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const LANGS: [&str; 5] = ["en", "tr", "el", "ru", "zh"];

fn explainer() -> &'static Path {
    static OUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, public) = OUT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        let o = common::dossier(&[
            "build",
            "--root",
            env!("CARGO_MANIFEST_DIR"),
            "--output",
            public.to_str().unwrap(),
            "-q",
        ]);
        assert!(o.status.success(), "{}", common::stderr(&o));
        (dir, public)
    });
    public
}

/// A UI string of the built-in theme, as the reader of `lang` sees it.
fn ui(lang: &str, key: &str) -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("themes/default/i18n/{lang}.yaml"));
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    yaml[key]
        .as_str()
        .unwrap_or_else(|| panic!("{lang}: no {key}"))
        .to_string()
}

fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start}")) + start.len();
    &html[from..from + html[from..].find(end).unwrap()]
}

#[test]
fn a_superseded_claim_leads_with_its_status_wherever_its_title_travels() {
    for lang in LANGS {
        let html = read(
            explainer(),
            &format!("{lang}/claims/r2-rumour-ascend-910b/index.html"),
        );
        let status = ui(lang, "status_superseded");
        let title = between(&html, "<title>", "</title>");
        assert!(title.starts_with(&status), "{lang}: <title>{title}");
        let og = between(&html, "<meta property=\"og:title\" content=\"", "\"");
        assert!(og.starts_with(&status), "{lang}: og:title {og}");
        let description = between(&html, "<meta property=\"og:description\" content=\"", "\"");
        assert!(
            description.starts_with(&status),
            "{lang}: og:description {description}"
        );
        // On the page the verdict, in words, comes before the statement.
        let verdict = html.find("class=\"verdict-text\"").expect("a verdict");
        let h1 = html.find("<h1").unwrap();
        assert!(
            verdict < h1,
            "{lang}: the statement comes before the verdict"
        );
        assert!(
            between(&html, "<h1", "</h1>").contains(&status),
            "{lang}: the heading names the status"
        );
    }
}

#[test]
fn the_sources_map_lists_the_claims_sources_disagree_on_first() {
    for lang in LANGS {
        let html = read(explainer(), &format!("{lang}/sources/index.html"));
        let first_group = between(&html, "<tbody", "</tbody>");
        assert!(
            first_group.starts_with(" class=\"group-disagree\""),
            "{lang}: {first_group}"
        );
        // The most contested claim (1 source for it, 4 against) heads the map.
        let first_row = between(first_group, "<tr><th scope=\"row\">", "</tr>");
        assert!(
            first_row.contains("r2-rumour-ascend-910b/"),
            "{lang}: {first_row}"
        );
        for row in first_group.split("<tr><th scope=\"row\">").skip(1) {
            assert!(
                row.contains("<td class=\"supports\">")
                    && row.contains("<td class=\"contradicts\">"),
                "{lang}: a row without both sides among the disagreements: {row}"
            );
        }
        let rest = html
            .split("<tbody class=\"group-rest\">")
            .nth(1)
            .expect("the other claims");
        for row in rest
            .split("<tr><th scope=\"row\">")
            .skip(1)
            .take_while(|r| !r.starts_with("</tbody>"))
        {
            let row = &row[..row.find("</tr>").unwrap()];
            assert!(
                !(row.contains("<td class=\"supports\">")
                    && row.contains("<td class=\"contradicts\">")),
                "{lang}: a disagreement left among the other claims: {row}"
            );
        }
    }
}

#[test]
fn the_timeline_is_drawn_to_scale_and_says_planned_not_happened() {
    for lang in LANGS {
        let html = read(explainer(), &format!("{lang}/timeline/index.html"));
        let chart = between(&html, "<figure class=\"timeline-chart\"", "</figure>");
        assert!(
            chart.contains("<title>") && chart.contains("<desc>"),
            "{lang}"
        );
        // January and May 2025 are four months apart: the bars of R1 (January)
        // and of the planned R2 (May) start 31 + 28 + 31 + 30 = 120 days apart,
        // and January's bar is 31 days long, on the same scale.
        let start = |event: &str| -> f64 {
            let mark = between(chart, &format!("href=\"#event-{event}\""), "/>");
            between(mark, " x=\"", "\"").parse().unwrap()
        };
        let width = |event: &str| -> f64 {
            let mark = between(chart, &format!("href=\"#event-{event}\""), "/>");
            between(mark, " width=\"", "\"").parse().unwrap()
        };
        let per_day = width("r1-release") / 31.0;
        let gap = start("r2-planned-release") - start("r1-release");
        assert!(
            (gap - 120.0 * per_day).abs() < 0.05,
            "{lang}: {gap} is not 120 days at {per_day} a day"
        );
        assert!(
            !html.contains(&format!(">{}<", ui(lang, "happened"))),
            "{lang}: a \"happened\" badge"
        );
        assert!(
            html.contains(&format!(">{}</span>", ui(lang, "planned"))),
            "{lang}: no \"planned\" badge"
        );
    }
}

#[test]
fn the_home_page_opens_with_what_we_know_and_lists_its_pages_once() {
    for lang in LANGS {
        let html = read(explainer(), &format!("{lang}/index.html"));
        let overview = between(&html, "<section class=\"overview\"", "</section>");
        assert!(
            overview.contains("<svg class=\"status-bar\""),
            "{lang}: no bar of statuses"
        );
        assert!(
            overview.contains("r2-rumour-ascend-910b/"),
            "{lang}: the superseded rumour is not among the differences"
        );
        assert!(html.find("class=\"overview\"").unwrap() < html.find("class=\"prose\"").unwrap());
        // The page's own "where to go next" links every page of the section,
        // so no generated list repeats them.
        assert!(
            !html.contains("class=\"section-pages\""),
            "{lang}: the pages are listed twice"
        );
    }
}

#[test]
fn the_table_of_contents_numbers_only_the_sections() {
    let html = read(explainer(), "en/chips/index.html");
    let toc = between(&html, "<nav class=\"toc\"", "</nav>");
    let top = between(toc, "<ol>", "<ol>");
    assert_eq!(
        top.matches("<li>").count(),
        2,
        "the subsections nest under the second section: {toc}"
    );
}

#[test]
fn the_data_downloads_are_linked_from_the_claims_index_and_every_footer() {
    for lang in LANGS {
        let claims = read(explainer(), &format!("{lang}/claims/index.html"));
        let data = between(&claims, "id=\"data\"", "</section>");
        for file in ["claims.json", "claims.csv", "atom.xml"] {
            assert!(
                data.contains(&format!("href=\"../{file}\""))
                    || data.contains(&format!("/{lang}/{file}\"")),
                "{lang}: {file} {data}"
            );
        }
        let chips = read(explainer(), &format!("{lang}/chips/index.html"));
        assert!(
            between(&chips, "<footer", "</footer>").contains("claims/#data\""),
            "{lang}"
        );
    }
}
