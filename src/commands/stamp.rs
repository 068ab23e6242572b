//! `dossier stamp FILE...`: records in each translated page the fingerprint
//! of its default-language page's current text (`translated_from`). The one
//! command that edits content: it writes that single front-matter line and
//! nothing else, and writes no file at all when any of them is refused.

use super::exit;
use crate::check::freshness;
use crate::cli::StampArgs;
use crate::diagnostics::{Diagnostic, Diagnostics, Kind};
use crate::parse::config::{Language, SiteConfig};
use crate::parse::front_matter;
use crate::read::input::InputFile;
use std::path::{Path, PathBuf};

/// A file to stamp, checked and edited in memory.
struct Plan {
    path: PathBuf,
    rel: String,
    source_rel: String,
    fingerprint: String,
    changed: Option<String>,
}

pub fn run(args: StampArgs) -> u8 {
    let config = match crate::read::input::read_config(&args.root)
        .and_then(|text| crate::parse::config::parse(&text))
    {
        Ok(c) => c,
        Err(diags) => {
            for d in diags.into_sorted() {
                eprintln!("{d}");
            }
            return exit::CONTENT;
        }
    };
    let content = args.root.join("content");
    let Ok(content_dir) = content.canonicalize() else {
        eprintln!(
            "{}",
            Diagnostic::error("content", "the site has no content/ folder")
                .help(format!("is `{}` the site's folder?", args.root.display()))
        );
        return exit::CONTENT;
    };
    let mut plans = Vec::new();
    let mut code = exit::SUCCESS;
    for file in &args.files {
        match plan(file, &args.root, &content_dir, &config) {
            Ok(p) => plans.push(p),
            Err(diags) => {
                for d in &diags.into_sorted() {
                    eprintln!("{d}");
                    code = code.max(d.exit_class().code());
                }
            }
        }
    }
    if code != exit::SUCCESS {
        eprintln!("stamp: nothing was written");
        return code;
    }
    for p in plans {
        let Some(text) = p.changed else {
            println!(
                "{}: already current (translated_from: {})",
                p.rel, p.fingerprint
            );
            continue;
        };
        if let Err(e) = std::fs::write(&p.path, text) {
            eprintln!("error: {}: cannot write: {e}", p.path.display());
            return exit::IO;
        }
        println!(
            "stamped {}: translated_from: {} (the text of {})",
            p.rel, p.fingerprint, p.source_rel
        );
    }
    exit::SUCCESS
}

fn usage(rel: &str, message: String, help: String) -> Diagnostics {
    Diagnostic::error(rel, message)
        .kind(Kind::Usage)
        .help(help)
        .into()
}

/// A translated page named on the command line, and its default-language page.
struct Target<'c> {
    canonical: PathBuf,
    rel: String,
    lang: &'c Language,
    source_rel: String,
    source_path: PathBuf,
}

/// Checks FILE, and reads and edits it in memory.
fn plan(
    file: &Path,
    root: &Path,
    content_dir: &Path,
    config: &SiteConfig,
) -> Result<Plan, Diagnostics> {
    let Target {
        canonical,
        rel,
        lang,
        source_rel,
        source_path,
    } = target(file, root, content_dir, config)?;
    let source_text = read(&source_path, &source_rel)?.text()?;
    let (_, body, _) = front_matter::split_front_matter(&source_rel, &source_text)?;
    let fingerprint = freshness::fingerprint(body);

    let file = read(&canonical, &rel)?;
    let text = file.text()?;
    // A page that does not parse is fixed first: its errors, at their lines.
    let parsed = front_matter::parse_page(&rel, &lang.code, &text)?;
    if parsed.meta.translated_from.as_deref() == Some(fingerprint.as_str()) {
        return Ok(Plan {
            path: canonical,
            rel,
            source_rel,
            fingerprint,
            changed: None,
        });
    }
    let original = String::from_utf8(file.bytes.to_vec()).unwrap_or_default();
    let edited = freshness::set_translated_from(&original, &fingerprint)
        .map_err(|why| Diagnostic::error(&rel, why).line(1))?;
    let reread = InputFile {
        rel: rel.clone(),
        bytes: edited.as_bytes().into(),
    };
    let ok = reread
        .text()
        .ok()
        .and_then(|t| front_matter::parse_page(&rel, &lang.code, &t).ok())
        .is_some_and(|p| p.meta.translated_from.as_deref() == Some(fingerprint.as_str()));
    if !ok {
        return Err(
            Diagnostic::error(&rel, "cannot add `translated_from` to this front matter")
                .help(format!(
                    "add the line `translated_from: {fingerprint}` by hand"
                ))
                .into(),
        );
    }
    Ok(Plan {
        path: canonical,
        rel,
        source_rel,
        fingerprint,
        changed: Some(edited),
    })
}

/// Finds FILE in the site, and refuses what is not a translated page with
/// a default-language counterpart.
fn target<'c>(
    file: &Path,
    root: &Path,
    content_dir: &Path,
    config: &'c SiteConfig,
) -> Result<Target<'c>, Diagnostics> {
    let shown = file.display().to_string();
    let example = "name a translated page, such as `content/tr/about.md`";
    // A path from here, else from the site's folder: the first that is in the site.
    let mut candidates = vec![file.to_path_buf()];
    if file.is_relative() {
        candidates.push(root.join(file));
    }
    let found: Vec<PathBuf> = candidates
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let Some(canonical) = found.iter().find(|p| p.starts_with(content_dir)).cloned() else {
        return Err(if found.is_empty() {
            usage(&shown, "no such file".into(), example.into())
        } else {
            usage(
                &shown,
                format!(
                    "is not inside the site's `{}` folder",
                    content_dir.display()
                ),
                format!("{example} (pass --root DIR for a site elsewhere)"),
            )
        });
    };
    let inner = canonical.strip_prefix(content_dir).unwrap_or(&canonical);
    let inner: Vec<String> = inner
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let rel = format!("content/{}", inner.join("/"));
    let Some((folder, page)) = freshness::split_page_rel(&rel) else {
        return Err(usage(&rel, "is not a Markdown page".into(), example.into()));
    };
    let codes = crate::parse::config::quoted_list(config.codes());
    let Some(lang) = config.language(folder) else {
        return Err(usage(
            &rel,
            format!("`content/{folder}/` is not a language of the site"),
            format!("the site's languages are {codes}"),
        ));
    };
    let default = &config.default_language;
    if &lang.code == default {
        return Err(usage(
            &rel,
            format!("is a default-language page (`{default}`); only translations are stamped"),
            format!(
                "stamp the translations made from it, such as `content/<language>/{page}`, once they follow its current text"
            ),
        ));
    }
    let source_rel = format!("content/{default}/{page}");
    let source_path = root.join(&source_rel);
    if !source_path.is_file() {
        return Err(usage(
            &rel,
            format!("has no default-language counterpart: there is no `{source_rel}`"),
            format!(
                "`translated_from` records which text of the `{default}` page a translation follows; \
                 a page only in `{}` has nothing to record",
                lang.code
            ),
        ));
    }
    Ok(Target {
        canonical,
        rel,
        lang,
        source_rel,
        source_path,
    })
}

fn read(path: &Path, rel: &str) -> Result<InputFile, Diagnostics> {
    std::fs::read(path)
        .map(|bytes| InputFile {
            rel: rel.to_string(),
            bytes: bytes.into(),
        })
        .map_err(|e| {
            Diagnostic::error(rel, format!("cannot read: {e}"))
                .kind(Kind::Io)
                .into()
        })
}
