//! Incremental rebuilds (what `serve` does on each edit): pages whose
//! inputs did not change are reused, and the result is always byte-for-byte
//! what a full build of the same input gives.

mod common;
use common::*;
use dossier::commands::settings;
use dossier::pipeline::{prepare, Mode, Prepared, Search};
use std::path::Path;

fn full(root: &Path) -> Prepared {
    prepare(root, &settings(), Mode::Check).unwrap_or_else(|e| panic!("{e:?}"))
}

fn after(root: &Path, previous: &Prepared) -> Prepared {
    prepare(
        root,
        &settings(),
        Mode::Preview {
            live_reload: None,
            previous: Some(&previous.cache),
            search: Search::Skip,
        },
    )
    .unwrap_or_else(|e| panic!("{e:?}"))
}

fn same_files(a: &Prepared, b: &Prepared) {
    assert_eq!(a.files.len(), b.files.len());
    for (x, y) in a.files.iter().zip(&b.files) {
        assert_eq!(x.path, y.path);
        assert!(x.bytes == y.bytes, "{} differs from a full build", x.path);
    }
}

#[test]
fn an_unchanged_site_renders_nothing_again() {
    std::env::set_var("SOURCE_DATE_EPOCH", "1755129600");
    let site = fixture("basic");
    let first = full(site.path());
    assert_eq!(first.rendered_pages.len(), 26, "2 languages × 13 pages");
    let second = after(site.path(), &first);
    assert!(
        second.rendered_pages.is_empty(),
        "{:?}",
        second.rendered_pages
    );
    same_files(&second, &first);
}

#[test]
fn reused_pages_share_the_previous_build_s_bytes() {
    std::env::set_var("SOURCE_DATE_EPOCH", "1755129600");
    let site = fixture("basic");
    let first = full(site.path());
    let second = after(site.path(), &first);
    let page = |p: &Prepared| {
        p.files
            .iter()
            .find(|f| f.path == "en/chips/index.html")
            .unwrap()
            .bytes
            .clone()
    };
    // Not a copy: a rebuild under `serve` must not duplicate the whole site.
    assert!(std::sync::Arc::ptr_eq(&page(&first), &page(&second)));
    assert!(std::sync::Arc::ptr_eq(
        &page(&first),
        &first.cache.pages["en/chips/index.html"].1.bytes
    ));
}

#[test]
fn editing_one_page_rerenders_only_what_shows_it() {
    std::env::set_var("SOURCE_DATE_EPOCH", "1755129600");
    let site = fixture("basic");
    let first = full(site.path());
    let path = site.path().join("content/en/chips.md");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("More.", "More, edited.");
    std::fs::write(&path, text).unwrap();
    let second = after(site.path(), &first);
    // Only the body changed: the home page and the claim page that list
    // chips show its title and description, which stayed the same.
    assert_eq!(second.rendered_pages, ["en/chips/index.html"]);
    same_files(&second, &full(site.path()));
    let chips = second
        .files
        .iter()
        .find(|f| f.path == "en/chips/index.html")
        .unwrap();
    assert!(String::from_utf8_lossy(&chips.bytes).contains("More, edited."));
}

#[test]
fn retitling_a_page_rerenders_the_pages_that_list_it() {
    std::env::set_var("SOURCE_DATE_EPOCH", "1755129600");
    let site = fixture("basic");
    let first = full(site.path());
    let path = site.path().join("content/en/guide/b.md");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("title: Bravo", "title: Bravo two");
    std::fs::write(&path, text).unwrap();
    let second = after(site.path(), &first);
    let mut rendered = second.rendered_pages.clone();
    rendered.sort();
    // The page, its section's listing, and the claim page citing it; in
    // Turkish too, where guide/b is shown from the English text.
    assert_eq!(
        rendered,
        [
            "en/claims/opening-date/index.html",
            "en/guide/b/index.html",
            "en/guide/index.html",
            "tr/claims/opening-date/index.html",
            "tr/guide/b/index.html",
            "tr/guide/index.html"
        ]
    );
    same_files(&second, &full(site.path()));
}

#[test]
fn editing_a_claim_rerenders_the_pages_that_show_it() {
    std::env::set_var("SOURCE_DATE_EPOCH", "1755129600");
    let site = fixture("basic");
    let first = full(site.path());
    let path = site.path().join("content/claims/cost.yaml");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("two million", "three million");
    std::fs::write(&path, text).unwrap();
    let second = after(site.path(), &first);
    let rendered = &second.rendered_pages;
    for shows_it in [
        "en/claims/cost/index.html",
        "tr/claims/cost/index.html",
        "en/claims/opening-date/index.html",
        "en/chips/index.html",
        "en/claims/index.html",
        "en/sources/index.html",
        "en/sources/weekly/index.html",
        "en/timeline/index.html",
    ] {
        assert!(
            rendered.iter().any(|p| p == shows_it),
            "{shows_it} not rendered again: {rendered:?}"
        );
    }
    for does_not in [
        "en/guide/a/index.html",
        "en/guide/index.html",
        "en/sources/daily/index.html",
        "tr/index.html",
    ] {
        assert!(
            !rendered.iter().any(|p| p == does_not),
            "{does_not} rendered again needlessly"
        );
    }
    same_files(&second, &full(site.path()));
}

#[test]
fn editing_the_theme_rerenders_everything() {
    std::env::set_var("SOURCE_DATE_EPOCH", "1755129600");
    let site = fixture("plain");
    let first = full(site.path());
    let dir = site.path().join("themes/default/i18n");
    std::fs::create_dir_all(&dir).unwrap();
    let en = dossier::theme::default_theme_files()["i18n/en.yaml"]
        .bytes
        .to_vec();
    let edited = String::from_utf8(en)
        .unwrap()
        .replace("Skip to content", "Skip ahead");
    std::fs::write(dir.join("en.yaml"), edited).unwrap();
    let second = after(site.path(), &first);
    assert_eq!(second.rendered_pages.len(), first.rendered_pages.len());
    same_files(&second, &full(site.path()));
}
