//! The build `serve` keeps between rebuilds: a text edit is patched into it
//! (only the changed files read, only the pages showing them rendered), any
//! other change takes the full rebuild, and either way the site is exactly
//! what a full build of the same files gives, errors included.

mod common;
use common::*;
use dossier::commands::settings;
use dossier::pipeline::{prepare, Mode, Search};
use dossier::serve::session::{RebuildKind, Rebuilt, Session};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn start(root: &Path) -> Session {
    std::env::set_var("SOURCE_DATE_EPOCH", "1755129600");
    Session::start(root, settings, None, Search::Skip)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .0
}

/// Replaces `from` by `to` in a file of the site; returns its path from the root.
fn edit(root: &Path, rel: &str, from: &str, to: &str) -> PathBuf {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    PathBuf::from(rel)
}

fn rebuild(session: &mut Session, changed: &[PathBuf]) -> Rebuilt {
    session
        .rebuild(changed)
        .unwrap_or_else(|e| panic!("rebuild failed: {e:?}"))
}

fn sorted(mut paths: Vec<String>) -> Vec<String> {
    paths.sort();
    paths
}

/// The session's site equals a full build of the files as they are now.
fn same_as_full_build(session: &Session, root: &Path) {
    let full = prepare(root, &settings(), Mode::Check).unwrap_or_else(|e| panic!("{e:?}"));
    let expected: BTreeMap<&str, &[u8]> = full
        .files
        .iter()
        .map(|f| (f.path.as_str(), &f.bytes[..]))
        .collect();
    let files = session.files();
    assert_eq!(files.iter().count(), expected.len(), "each file once");
    let got: BTreeMap<&str, &[u8]> = files.iter().map(|(p, b)| (p, &b[..])).collect();
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &expected {
        assert!(got[path] == *bytes, "{path} differs from a full build");
    }
}

fn snapshot(session: &Session) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = session
        .files()
        .iter()
        .map(|(p, b)| (p.to_string(), b.to_vec()))
        .collect();
    files.sort();
    files
}

fn page(session: &Session, path: &str) -> String {
    String::from_utf8_lossy(session.files().get(path).expect("no such page")).into_owned()
}

/// The full build's errors for the site as it is now, as text.
fn full_build_errors(root: &Path) -> Vec<String> {
    match prepare(root, &settings(), Mode::Check) {
        Ok(_) => panic!("the full build succeeded"),
        Err(e) => e.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn a_text_edit_renders_only_its_page_and_equals_a_full_build() {
    let site = fixture("basic");
    let mut session = start(site.path());
    let changed = edit(site.path(), "content/en/chips.md", "More.", "More, edited.");
    let rebuilt = rebuild(&mut session, &[changed]);
    assert_eq!(rebuilt.kind, RebuildKind::TextEdit);
    assert_eq!(rebuilt.rendered, ["en/chips/index.html"]);
    assert_eq!(rebuilt.reused, 25, "2 languages × 13 pages, less the one");
    assert!(page(&session, "en/chips/index.html").contains("More, edited."));
    same_as_full_build(&session, site.path());
}

#[test]
fn a_text_shown_in_another_language_is_rendered_there_too() {
    // guide/b exists only in English; Turkish readers are shown that text.
    let site = fixture("basic");
    let mut session = start(site.path());
    let changed = edit(
        site.path(),
        "content/en/guide/b.md",
        "Second page",
        "The second page",
    );
    let rebuilt = rebuild(&mut session, &[changed]);
    assert_eq!(rebuilt.kind, RebuildKind::TextEdit);
    assert_eq!(
        sorted(rebuilt.rendered),
        ["en/guide/b/index.html", "tr/guide/b/index.html"]
    );
    assert!(page(&session, "tr/guide/b/index.html").contains("The second page"));
    same_as_full_build(&session, site.path());
}

#[test]
fn a_new_or_removed_claim_link_updates_the_claim_s_page() {
    let site = fixture("basic");
    let mut session = start(site.path());
    let before = page(&session, "en/claims/cost/index.html");
    assert!(
        !before.contains("guide/a/"),
        "guide/a does not cite the claim yet"
    );
    let changed = edit(
        site.path(),
        "content/en/guide/a.md",
        "\n\n",
        "\n\nNow citing [the cost](claim:cost).\n\n",
    );
    let rebuilt = rebuild(&mut session, &[changed]);
    assert_eq!(rebuilt.kind, RebuildKind::TextEdit);
    let rendered = sorted(rebuilt.rendered);
    for path in [
        "en/claims/cost/index.html",
        "en/guide/a/index.html",
        "tr/claims/cost/index.html",
        "tr/guide/a/index.html",
    ] {
        assert!(rendered.iter().any(|p| p == path), "{path}: {rendered:?}");
    }
    assert!(page(&session, "en/claims/cost/index.html").contains("guide/a/"));
    same_as_full_build(&session, site.path());

    // And the other way: chips stops citing it.
    let changed = edit(
        site.path(),
        "content/en/chips.md",
        "[claim](claim:cost)",
        "claim",
    );
    let rebuilt = rebuild(&mut session, &[changed]);
    assert_eq!(rebuilt.kind, RebuildKind::TextEdit);
    assert!(rebuilt
        .rendered
        .iter()
        .any(|p| p == "en/claims/cost/index.html"));
    same_as_full_build(&session, site.path());
}

#[test]
fn edits_other_pages_show_take_the_full_rebuild() {
    let site = fixture("basic");
    let root = site.path();
    let mut session = start(root);
    let cases: [(&str, &str, &str); 4] = [
        // A title: the section and the claim page list it.
        ("content/en/guide/b.md", "title: Bravo", "title: Bravo two"),
        // A heading id: other pages may link to it.
        (
            "content/en/chips.md",
            "## Training and inference",
            "## Training",
        ),
        // A claim.
        ("content/claims/cost.yaml", "two million", "three million"),
        // The configuration.
        ("site.yaml", "Fixture site", "Fixture"),
    ];
    for (rel, from, to) in cases {
        let changed = edit(root, rel, from, to);
        let rebuilt = rebuild(&mut session, &[changed]);
        assert_eq!(rebuilt.kind, RebuildKind::Full, "{rel}");
        same_as_full_build(&session, root);
        // The log says why the whole site was checked.
        let why = rebuilt.why_full.unwrap_or_default();
        let expected = match rel {
            "content/en/guide/b.md" => "the front matter of `content/en/guide/b.md` changed",
            "content/en/chips.md" => "the heading ids of `content/en/chips.md` changed",
            _ => "is not a page",
        };
        assert!(why.contains(expected), "{rel}: {why}");
    }
    // A new page, then the page removed again.
    std::fs::write(
        root.join("content/en/new.md"),
        "---\ntitle: New\n---\nHi.\n",
    )
    .unwrap();
    let rebuilt = rebuild(&mut session, &[PathBuf::from("content/en/new.md")]);
    assert_eq!(rebuilt.kind, RebuildKind::Full);
    assert!(session.files().contains_key("en/new/index.html"));
    std::fs::remove_file(root.join("content/en/new.md")).unwrap();
    let rebuilt = rebuild(&mut session, &[PathBuf::from("content/en/new.md")]);
    assert_eq!(rebuilt.kind, RebuildKind::Full);
    assert!(!session.files().contains_key("en/new/index.html"));
    same_as_full_build(&session, root);
    // The watcher lost track of what changed: everything is read again.
    let rebuilt = rebuild(&mut session, &[]);
    assert_eq!(rebuilt.kind, RebuildKind::Full);
}

#[test]
fn a_broken_text_edit_reports_what_a_full_build_reports_and_keeps_the_site() {
    let site = fixture("basic");
    let root = site.path();
    let mut session = start(root);
    let good: Vec<(String, Vec<u8>)> = snapshot(&session);
    let changed = edit(
        root,
        "content/en/chips.md",
        "Text.",
        "Text with [a typo](claim:cots) and [a bad anchor](page:chips#nowhere).",
    );
    let errors: Vec<String> = session
        .rebuild(&[changed])
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(errors, full_build_errors(root));
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].contains("content/en/chips.md:11:")
            && errors[0].contains("unknown claim `cots`")
            && errors[0].contains("`cost`"),
        "{errors:?}"
    );
    assert!(errors[1].contains("no heading `#nowhere`"), "{errors:?}");
    // The last good site is still the one served.
    assert!(good == snapshot(&session));
}

#[test]
fn an_error_stays_until_its_file_is_fixed_whatever_else_changes() {
    let site = fixture("basic");
    let root = site.path();
    let mut session = start(root);
    let chips = edit(root, "content/en/chips.md", "Text.", "[Gone](claim:gone).");
    assert!(session.rebuild(std::slice::from_ref(&chips)).is_err());
    // Another page's text changes; chips.md is still broken.
    let other = edit(root, "content/en/guide/b.md", "Second page", "Page two");
    let errors = session.rebuild(&[other]).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.to_string().contains("unknown claim `gone`")),
        "{errors:?}"
    );
    // Fixed: both edits show, as in a full build.
    edit(
        root,
        "content/en/chips.md",
        "[Gone](claim:gone).",
        "Text, fixed.",
    );
    let rebuilt = rebuild(&mut session, &[chips]);
    assert_eq!(rebuilt.kind, RebuildKind::TextEdit);
    assert!(page(&session, "en/chips/index.html").contains("Text, fixed."));
    assert!(page(&session, "en/guide/b/index.html").contains("Page two"));
    same_as_full_build(&session, root);
}

#[test]
fn a_text_edit_that_fails_to_render_is_followed_by_a_full_rebuild() {
    let site = fixture("basic");
    let root = site.path();
    // A theme whose page template refuses a word.
    let page_html = dossier::theme::default_theme_files()["templates/page.html"]
        .bytes
        .to_vec();
    let refusing = String::from_utf8(page_html).unwrap().replacen(
        "{% block main %}",
        "{% block main %}{% if page.content is containing(\"FORBIDDEN\") %}{{ throw(message=\"the word is refused\") }}{% endif %}",
        1,
    );
    std::fs::create_dir_all(root.join("themes/default/templates")).unwrap();
    std::fs::write(root.join("themes/default/templates/page.html"), refusing).unwrap();
    let mut session = start(root);
    let chips = edit(root, "content/en/chips.md", "Text.", "FORBIDDEN text.");
    let errors = session.rebuild(std::slice::from_ref(&chips)).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.to_string().contains("the word is refused")),
        "{errors:?}"
    );
    edit(root, "content/en/chips.md", "FORBIDDEN text.", "Text.");
    let rebuilt = rebuild(&mut session, &[chips]);
    assert_eq!(rebuilt.kind, RebuildKind::Full);
    assert_eq!(
        rebuilt.why_full.as_deref(),
        Some("the last text edit failed to render")
    );
    same_as_full_build(&session, root);
}

#[test]
fn invalid_front_matter_in_a_text_edit_is_reported_with_its_line() {
    let site = fixture("basic");
    let root = site.path();
    let mut session = start(root);
    let chips = edit(root, "content/en/chips.md", "weight: 20", "weight: twenty");
    let errors: Vec<String> = session
        .rebuild(&[chips])
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(errors, full_build_errors(root));
    assert!(errors[0].contains("content/en/chips.md:3"), "{errors:?}");
}
