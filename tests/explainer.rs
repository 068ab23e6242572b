//! The shipped explainer (the repository's own site.yaml and content/):
//! complete in every language, every claim traceable, every source used.

use dossier::model;
use dossier::parse::config;
use dossier::read::input;
use dossier::resolve::analysis;
use std::collections::BTreeSet;
use std::path::Path;

fn site() -> (model::Site, analysis::Analysis) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = input::read_config(root).expect("site.yaml");
    let config = config::parse(&text).expect("valid site.yaml");
    let input = input::read_site(root, text, &config.theme).expect("readable content");
    let site = dossier::pipeline::site_model(config, &input)
        .unwrap_or_else(|d| panic!("{:?}", d.into_sorted()));
    let analysis = analysis::analyse(&site).unwrap_or_else(|d| panic!("{:?}", d.into_sorted()));
    (site, analysis)
}

#[test]
fn the_explainer_builds_strict_in_all_five_languages() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("public");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args([
            "build",
            "--strict",
            "--root",
            env!("CARGO_MANIFEST_DIR"),
            "--output",
            target.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (site, _) = site();
    let codes: Vec<&str> = site.config.codes().collect();
    assert_eq!(codes, ["en", "tr", "el", "ru", "zh"]);
    let entry = std::fs::read_to_string(target.join("pagefind/pagefind-entry.json")).unwrap();
    let entry: serde_json::Value = serde_json::from_str(&entry).unwrap();
    for lang in codes {
        assert!(target.join(format!("{lang}/index.html")).is_file());
        let pages = entry["languages"][lang]["page_count"].as_u64().unwrap_or(0);
        assert!(pages > 60, "search index for {lang} has {pages} pages");
    }
}

#[test]
fn there_are_forty_or_more_claims_each_with_a_source() {
    let (site, _) = site();
    assert!(site.claims.len() >= 40, "only {} claims", site.claims.len());
    for c in &site.claims {
        assert!(!c.citations.is_empty(), "{} has no source", c.id);
    }
}

#[test]
fn every_source_is_cited_by_a_claim() {
    let (site, analysis) = site();
    assert_eq!(site.sources.len(), 5, "one source per article");
    for (i, s) in site.sources.iter().enumerate() {
        assert!(
            !analysis.source_claims[i].is_empty(),
            "source {} is cited by no claim",
            s.id
        );
    }
}

#[test]
fn every_claim_is_linked_from_a_page_in_every_language() {
    let (site, analysis) = site();
    for lang in site.config.codes() {
        let reader = site.config.lang(lang).unwrap();
        for (i, c) in site.claims.iter().enumerate() {
            let pages = &analysis.claim_pages[reader][i];
            // Only pages really written in this language count.
            let own: Vec<&String> = pages
                .iter()
                .filter(|k| site.page(k).is_some_and(|p| p.versions.contains_key(lang)))
                .collect();
            assert!(
                !own.is_empty(),
                "claim {} is linked from no {lang} page",
                c.id
            );
        }
    }
}

#[test]
fn every_language_has_the_same_pages_claims_and_events_as_english() {
    let (site, _) = site();
    let english: BTreeSet<&str> = site
        .pages
        .iter()
        .filter(|p| p.versions.contains_key("en"))
        .map(|p| p.key.as_str())
        .collect();
    for lang in site.config.codes() {
        let pages: BTreeSet<&str> = site
            .pages
            .iter()
            .filter(|p| p.versions.contains_key(lang))
            .map(|p| p.key.as_str())
            .collect();
        assert_eq!(pages, english, "{lang} pages differ from English");
        for c in &site.claims {
            assert!(
                c.statement.contains_key(lang) && c.attributed_to.contains_key(lang),
                "claim {} lacks {lang}",
                c.id
            );
            for cit in &c.citations {
                assert!(
                    cit.note.as_ref().is_none_or(|n| n.contains_key(lang)),
                    "claim {} has a note without {lang}",
                    c.id
                );
            }
        }
        for s in &site.sources {
            assert!(
                s.title.contains_key(lang),
                "source {} title lacks {lang}",
                s.id
            );
            assert!(
                s.summary.as_ref().is_some_and(|m| m.contains_key(lang)),
                "source {} summary lacks {lang}",
                s.id
            );
        }
        for e in &site.events {
            assert!(e.title.contains_key(lang), "event {} lacks {lang}", e.id);
        }
    }
    for page in [
        "",
        "model",
        "chips",
        "export-policy",
        "timeline",
        "sources",
        "method",
    ] {
        assert!(english.contains(page), "page `{page}` missing");
    }
}

#[test]
fn the_required_disagreements_are_in_the_data() {
    let (site, _) = site();
    let claim = |id: &str| {
        site.claims
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("no claim {id}"))
    };
    let ascend = claim("r2-rumour-ascend-910b");
    assert_eq!(ascend.status, dossier::parse::data::Status::Superseded);
    assert!(ascend.superseded_by.is_some());
    assert!(ascend
        .citations
        .iter()
        .any(|c| c.stance == dossier::parse::data::Stance::Contradicts));
    let rumoured = site
        .claims
        .iter()
        .filter(|c| c.status == dossier::parse::data::Status::Rumored)
        .count();
    assert!(rumoured >= 3, "the R2 specifications are rumours");
}
