//! Each folder under tests/fixtures/invalid/ is a site with one kind of
//! broken input (two, for `many-errors`). Its expect.txt lists what the
//! error output must contain: file, line, what is wrong, what is valid.

mod common;
use common::*;

/// What is wrong with the outcome of one case, if anything.
fn check_case(name: &str) -> Option<String> {
    let site = fixture(&format!("invalid/{name}"));
    let out = build(site.path(), &[]);
    let err = stderr(&out);
    let mut problems = Vec::new();
    if out.status.code() != Some(1) {
        problems.push(format!("expected exit 1, got {:?}", out.status.code()));
    }
    let expect =
        std::fs::read_to_string(fixture_dir(&format!("invalid/{name}")).join("expect.txt"))
            .unwrap();
    for line in expect.lines().filter(|l| !l.is_empty()) {
        if !err.contains(line) {
            problems.push(format!("lacks {line:?}"));
        }
    }
    if err.contains("panicked") {
        problems.push("panicked".into());
    }
    if site.path().join("public").exists() {
        problems.push("a failed build wrote output".into());
    }
    (!problems.is_empty()).then(|| format!("{name}: {}\n{err}", problems.join("; ")))
}

#[test]
fn every_invalid_fixture_fails_with_a_located_message() {
    let dir = fixture_dir("invalid");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 25, "fixtures missing: {names:?}");
    let failures: Vec<String> = names.iter().filter_map(|n| check_case(n)).collect();
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn non_utf8_text_is_reported_with_its_file() {
    let site = fixture("plain");
    std::fs::write(
        site.path().join("content/en/about.md"),
        b"---\ntitle: About\n---\n\nbad \xff byte\n",
    )
    .unwrap();
    let out = build(site.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("content/en/about.md:5"), "{err}");
    assert!(err.contains("not valid UTF-8"), "{err}");
}

#[test]
fn a_symlink_in_content_is_refused() {
    let site = fixture("plain");
    std::os::unix::fs::symlink("/etc/passwd", site.path().join("content/en/secret.md")).unwrap();
    let out = build(site.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/en/secret.md: is a symbolic link"),
        "{err}"
    );
}

#[test]
fn missing_site_yaml_says_where_it_looked() {
    let tmp = tempfile::tempdir().unwrap();
    let out = build(tmp.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("no site.yaml in"), "{err}");
}

#[test]
fn an_unreadable_file_names_its_path() {
    // As root every permission check passes, so read a folder instead:
    // the same failure path, a real OS error.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("site.yaml")).unwrap();
    let out = build(tmp.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("failed to read `") && err.contains("site.yaml`"),
        "{err}"
    );
}

#[test]
fn bom_and_crlf_are_accepted() {
    let site = fixture("plain");
    std::fs::write(
        site.path().join("content/en/about.md"),
        "\u{feff}---\r\ntitle: About\r\nweight: 1\r\n---\r\n\r\nText.\r\n",
    )
    .unwrap();
    let public = build_ok(site.path());
    assert!(read(&public, "en/about/index.html").contains("<h1>About</h1>"));
}

/// `dossier check` finds every problem `build` refuses, with the same
/// message (all but the build's own closing line).
#[test]
fn check_reports_each_invalid_fixture_as_build_does() {
    let failures = refuses_each_invalid_fixture("check");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
