//! `dossier check` and `dossier stamp`. Each folder under
//! tests/fixtures/check/ is a site with one kind of finding; its expect.txt
//! gives the arguments (`args:`), the exit code (`exit:`) and what standard
//! error (`stderr:`) and output (`stdout:`) must contain.

mod common;
use common::*;
use std::path::Path;
use std::process::Output;

fn check(root: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["check", "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    dossier(&args)
}

fn stamp(root: &Path, files: &[&str]) -> Output {
    let mut args = vec!["stamp", "--root", root.to_str().unwrap()];
    args.extend_from_slice(files);
    dossier(&args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What is wrong with the outcome of one case, if anything.
fn check_case(name: &str) -> Option<String> {
    let site = fixture(&format!("check/{name}"));
    let expect =
        std::fs::read_to_string(fixture_dir(&format!("check/{name}")).join("expect.txt")).unwrap();
    let mut args = Vec::new();
    let mut code = None;
    let mut wanted = Vec::new();
    for line in expect.lines().filter(|l| !l.is_empty()) {
        match line.split_once(": ") {
            Some(("args", a)) => args.extend(a.split_whitespace()),
            Some(("exit", c)) => code = c.parse::<i32>().ok(),
            Some((stream @ ("stderr" | "stdout"), text)) => {
                wanted.push((stream, text.replace("\\t", "\t")))
            }
            _ => panic!("{name}/expect.txt: cannot read {line:?}"),
        }
    }
    let out = check(site.path(), &args);
    let (err, std) = (stderr(&out), stdout(&out));
    let mut problems = Vec::new();
    if out.status.code() != code {
        problems.push(format!(
            "expected exit {code:?}, got {:?}",
            out.status.code()
        ));
    }
    for (stream, text) in &wanted {
        let got = if *stream == "stderr" { &err } else { &std };
        if !got.contains(text.as_str()) {
            problems.push(format!("{stream} lacks {text:?}"));
        }
    }
    if err.contains("panicked") {
        problems.push("panicked".into());
    }
    if site.path().join("public").exists() {
        problems.push("check wrote public/".into());
    }
    (!problems.is_empty()).then(|| format!("{name}: {}\n{err}{std}", problems.join("; ")))
}

#[test]
fn every_check_fixture_reports_its_finding_with_the_right_exit_code() {
    let mut names: Vec<String> = std::fs::read_dir(fixture_dir("check"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 18, "fixtures missing: {names:?}");
    let failures: Vec<String> = names.iter().filter_map(|n| check_case(n)).collect();
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn warnings_fail_the_check_only_with_strict() {
    let site = fixture("check/coverage-missing");
    let out = check(site.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("check passed: 0 errors, 6 warnings, 0 notes (warnings fail the check only with --strict)"),
        "{err}"
    );
    assert_eq!(check(site.path(), &["--strict"]).status.code(), Some(1));
}

#[test]
fn check_writes_nothing() {
    let site = fixture("basic");
    let before = snapshot(site.path());
    let out = check(site.path(), &["--strict", "--list-external"]);
    assert!(stderr(&out).contains("check failed"), "{}", stderr(&out));
    assert!(!site.path().join("public").exists());
    assert_eq!(snapshot(site.path()), before);
}

#[test]
fn the_shipped_explainer_checks_clean_with_strict() {
    let out = check(Path::new(env!("CARGO_MANIFEST_DIR")), &["--strict"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("check passed: 0 errors, 0 warnings, 0 notes"),
        "{err}"
    );
}

#[test]
fn stamp_then_check_is_clean_until_the_english_text_changes() {
    let site = fixture("check/unstamped-translation");
    let root = site.path();
    let before = read(root, "content/tr/about.md");

    let out = stamp(root, &["content/tr/about.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("stamped content/tr/about.md: translated_from: "));
    let after = read(root, "content/tr/about.md");
    let added: Vec<&str> = after
        .lines()
        .filter(|l| !before.lines().any(|b| b == *l))
        .collect();
    assert_eq!(added.len(), 1, "{after}");
    assert!(added[0].starts_with("translated_from: "), "{after}");
    assert_eq!(after.replace(&format!("{}\n", added[0]), ""), before);

    let out = check(root, &["--strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("== Outdated translations: ok"));

    let english = read(root, "content/en/about.md").replace("More text.", "More text, revised.");
    std::fs::write(root.join("content/en/about.md"), english).unwrap();
    let out = check(root, &["--strict"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("warning: content/tr/about.md:3: outdated translation: `content/en/about.md` changed since it was translated"),
        "{err}"
    );
    // Without --strict an outdated translation is reported but does not fail.
    assert_eq!(check(root, &[]).status.code(), Some(0));
}

#[test]
fn stamp_keeps_every_other_byte_of_a_crlf_file() {
    let site = fixture("check/clean");
    let root = site.path();
    let original = "---\r\ntitle: Hakkında # başlık\r\ntranslated_from: old\r\nweight: 1\r\n---\r\n\r\nMetin.  \r\n";
    std::fs::write(root.join("content/tr/about.md"), original).unwrap();
    let out = stamp(root, &["content/tr/about.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = read(root, "content/tr/about.md");
    let fp = after
        .split("translated_from: ")
        .nth(1)
        .and_then(|r| r.split("\r\n").next())
        .unwrap();
    assert_eq!(
        after,
        original.replace("translated_from: old", &format!("translated_from: {fp}"))
    );
    assert_eq!(fp.len(), 12);
    assert_eq!(stamp(root, &["content/tr/about.md"]).status.code(), Some(0));
    assert_eq!(
        read(root, "content/tr/about.md"),
        after,
        "a second stamp changes nothing"
    );
}

#[test]
fn stamp_refuses_a_default_language_file_and_writes_nothing() {
    let site = fixture("check/unstamped-translation");
    let root = site.path();
    let before = snapshot(root);
    let out = stamp(root, &["content/tr/about.md", "content/en/about.md"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("error: content/en/about.md: is a default-language page (`en`); only translations are stamped"),
        "{err}"
    );
    assert!(err.contains("stamp: nothing was written"), "{err}");
    assert_eq!(snapshot(root), before);
}

#[test]
fn stamp_refuses_a_page_with_no_default_language_counterpart() {
    let site = fixture("check/clean");
    let root = site.path();
    std::fs::write(root.join("content/tr/only.md"), "---\ntitle: Yalnız\n---\n").unwrap();
    let out = stamp(root, &["content/tr/only.md"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("content/tr/only.md: has no default-language counterpart: there is no `content/en/only.md`"),
        "{err}"
    );
}

#[test]
fn stamp_and_check_reject_bad_arguments_with_exit_2() {
    assert_eq!(dossier(&["stamp"]).status.code(), Some(2));
    assert_eq!(dossier(&["check", "--no-such-flag"]).status.code(), Some(2));
    let site = fixture("check/clean");
    let out = stamp(site.path(), &["site.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is not inside the site's"),
        "{}",
        stderr(&out)
    );
}
