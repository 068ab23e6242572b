//! Shared helpers for the integration tests: copy a fixture site into a
//! temporary folder, run the real `dossier` binary on it, and walk the output.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub(crate) fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A fresh copy of `tests/fixtures/<name>` in a temporary folder.
pub(crate) fn fixture(name: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&fixture_dir(name), tmp.path());
    tmp
}

pub(crate) fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs `dossier ARGS` with a fixed build date.
pub(crate) fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1755129600")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// `dossier build --root ROOT` plus `extra`; output in ROOT/public.
pub(crate) fn build(root: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    dossier(&args)
}

pub(crate) fn build_ok(root: &Path) -> PathBuf {
    let out = build(root, &[]);
    assert!(
        out.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    root.join("public")
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub(crate) fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
}

/// Every file below `dir` with its bytes, by relative path.
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Attribute values of `attr` in `html` (`href`, `src`), entities decoded.
pub(crate) fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        let end = rest.find('"').unwrap();
        out.push(
            rest[..end]
                .replace("&amp;", "&")
                .replace("&#39;", "'")
                .replace("&quot;", "\""),
        );
        rest = &rest[end..];
    }
    out
}

/// Resolves every relative `href` and `src` of every HTML page below `dir`
/// (to a file, and to an `id` in it for `#fragment`s). Returns the broken ones.
pub(crate) fn broken_links(dir: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    for (rel, bytes) in snapshot(dir) {
        if !rel.ends_with(".html") || rel == "404.html" {
            continue; // 404.html links from the domain root by design
        }
        let html = String::from_utf8(bytes).unwrap();
        let page_dir = Path::new(&rel).parent().unwrap().to_path_buf();
        for url in attr_values(&html, "href")
            .into_iter()
            .chain(attr_values(&html, "src"))
        {
            if url.contains("://") || url.starts_with("mailto:") {
                continue;
            }
            if url.starts_with('/') {
                broken.push(format!("{rel}: root-absolute link {url}"));
                continue;
            }
            let (path, frag) = match url.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (url.clone(), None),
            };
            let mut target = if path.is_empty() {
                PathBuf::from(&rel)
            } else {
                normalize(&page_dir.join(&path))
            };
            if path.ends_with('/') {
                target = target.join("index.html");
            }
            let file = dir.join(&target);
            if !file.is_file() {
                broken.push(format!(
                    "{rel}: {url} -> {} does not exist",
                    target.display()
                ));
                continue;
            }
            if let Some(f) = frag {
                // Browsers percent-decode a fragment before matching ids.
                let f = percent_decode(&f);
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                if !text.contains(&format!("id=\"{f}\"")) {
                    broken.push(format!(
                        "{rel}: {url} -> no id `{f}` in {}",
                        target.display()
                    ));
                }
            }
        }
    }
    broken
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let (mut out, mut i) = (Vec::new(), 0);
    while i < b.len() {
        let byte = s
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b[i], byte) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                assert!(
                    out.pop(),
                    "link climbs above the site root: {}",
                    p.display()
                );
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Runs `command` (`build`, `check`, `serve`) on a copy of each site in
/// tests/fixtures/invalid/ and returns what went wrong: an exit code other
/// than 1, a panic, or a line of the fixture's expect.txt missing from
/// standard error (except the build's own closing `build failed` line).
pub(crate) fn refuses_each_invalid_fixture(command: &str) -> Vec<String> {
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(fixture_dir("invalid")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let site = fixture(&format!("invalid/{name}"));
        let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args([command, "--root", site.path().to_str().unwrap()])
            .env("SOURCE_DATE_EPOCH", "1755129600")
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let err = stderr(&out);
        let expect = read(&fixture_dir(&format!("invalid/{name}")), "expect.txt");
        let missing: Vec<&str> = expect
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with("build failed"))
            .filter(|l| !err.contains(l))
            .collect();
        if out.status.code() != Some(1) || !missing.is_empty() || err.contains("panicked") {
            failures.push(format!(
                "{name}: exit {:?}, lacks {missing:?}\n{err}",
                out.status.code()
            ));
        }
    }
    failures
}
