//! SECURITY.md names, under each promise, the tests that prove it. Each
//! name must be a test that exists, in the file its path says, so that no
//! promise points at a test renamed or removed.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The module a file is: its stem, or its folder's name for `mod.rs`.
fn module_of(p: &Path) -> String {
    let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
    if stem == "mod" {
        p.parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    } else {
        stem
    }
}

#[test]
fn every_test_security_md_names_exists_where_it_says() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("SECURITY.md")).unwrap();
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("tests"), &mut files);
    let sources: Vec<(String, String)> = files
        .iter()
        .map(|p| (module_of(p), std::fs::read_to_string(p).unwrap()))
        .collect();
    let names: Vec<&str> = text
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|t| {
            t.contains("::")
                && t.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
        })
        .collect();
    assert!(names.len() >= 60, "only {} test names found", names.len());
    let missing: Vec<&&str> = names
        .iter()
        .filter(|name| {
            let parts: Vec<&str> = name.split("::").collect();
            let test = parts[parts.len() - 1];
            // The innermost module that is a file: `serve::http::tests::x`
            // is in http.rs.
            let module = parts[..parts.len() - 1]
                .iter()
                .rev()
                .find(|p| !p.ends_with("tests"))
                .unwrap();
            !sources
                .iter()
                .any(|(m, src)| m == *module && src.contains(&format!("fn {test}(")))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "SECURITY.md names tests that do not exist: {missing:?}"
    );
}
