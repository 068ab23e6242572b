//! The import rules of docs/ARCHITECTURE.md, checked on the source: a
//! module of `src/` may use its own phase and the phases below it, never a
//! later one. A change that breaks the layering fails here, with the file
//! and the import named.

use std::path::Path;

/// The phases, bottom up; the top-level name under `src/` of each module.
const LAYERS: &[&[&str]] = &[
    &["diagnostics", "escape", "site_file", "progress"],
    &["parse"],
    &["read", "markdown"],
    &["model"],
    &["resolve"],
    &["theme"],
    &["render"],
    &["output"],
    &["pipeline"],
    &["check", "serve"],
    &["term", "cli", "commands"],
];

fn layer(top: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&top))
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_module_imports_a_later_phase() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let top = rel.iter().next().unwrap().to_string_lossy();
        let top = top.trim_end_matches(".rs");
        if top == "lib" || top == "main" {
            continue;
        }
        let Some(own) = layer(top) else {
            wrong.push(format!("{}: not in a layer", rel.display()));
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for used in line.split("crate::").skip(1) {
                let name: String = used
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                match layer(&name) {
                    Some(l) if l > own => wrong.push(format!(
                        "{}:{}: `{top}` uses the later phase `{name}`",
                        rel.display(),
                        n + 1
                    )),
                    _ => {}
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_top_level_module_is_in_a_layer() {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    for line in lib.lines().filter(|l| l.contains("mod ")) {
        let name = line.rsplit(' ').next().unwrap().trim_end_matches(';');
        assert!(layer(name).is_some(), "src/lib.rs: `{name}` is in no layer");
    }
}
