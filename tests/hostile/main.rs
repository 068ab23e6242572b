//! Hostile and broken input (issue 8): what dossier promises in SECURITY.md,
//! one module per promise. Sites are generated into temporary folders; no
//! large file is committed.

#[path = "../common/mod.rs"]
mod common;

mod encodings;
mod escaping;
mod fuzz_replay;
mod limits;
mod nothing_lost;
mod paths;
mod promises;
mod properties;

use std::path::Path;

/// Writes `files` (path, text) below `root`, creating folders.
pub fn write_site(root: &Path, files: &[(&str, &str)]) {
    for (rel, text) in files {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

/// A minimal valid one-language site in a new temporary folder.
pub fn minimal_site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    write_minimal(tmp.path());
    tmp
}

/// A minimal site in `site/` of a new temporary folder, so that a test can
/// see everything written beside the site. Returns the folder and the root.
pub fn sandboxed_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    write_minimal(&root);
    (tmp, root)
}

fn write_minimal(root: &Path) {
    write_site(
        root,
        &[
            (
                "site.yaml",
                "title: {en: Minimal}\ndefault_language: en\nlanguages: [{code: en, name: English}]\n",
            ),
            ("content/en/_index.md", "---\ntitle: Home\n---\nHello.\n"),
        ],
    );
}

/// Builds and returns (exit code, stderr).
pub fn build_err(root: &Path) -> (Option<i32>, String) {
    let out = common::build(root, &[]);
    (out.status.code(), common::stderr(&out))
}
