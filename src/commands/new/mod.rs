//! `dossier new DIR`: start a site that builds with `dossier build --strict`
//! as it is, so a new user begins from something that works: a home page
//! and an example page per language, one claim, one source, one event.
//!
//! Languages the built-in theme speaks (en, tr, el, ru, zh) get real text.
//! Any other language gets English text marked as a placeholder, and a copy
//! of the English UI strings in the site's own `themes/default/i18n/`, since
//! `--strict` needs UI strings in every language.

use super::exit;
use crate::cli::NewArgs;
use crate::diagnostics::{Diagnostic, Kind};
use crate::parse::config::is_language_tag;
use crate::term::{Palette, Stream};
use std::collections::BTreeSet;
use std::path::Path;

mod starter;

use starter::site_files;

/// The languages the built-in theme has UI strings for, and `dossier new` text.
pub(crate) const BUILT_IN_LANGUAGES: [&str; 5] = ["en", "tr", "el", "ru", "zh"];

pub fn run(args: NewArgs) -> u8 {
    let langs = match parse_languages(&args.languages) {
        Ok(l) => l,
        Err(d) => return report(&d),
    };
    let created = match prepare_folder(&args.dir) {
        Ok(created) => created,
        Err(d) => return report(&d),
    };
    let files = site_files(&langs);
    if let Err(d) = write_files(&args.dir, &files) {
        undo(&args.dir, created);
        return report(&d);
    }
    let codes: Vec<&str> = langs.iter().map(|l| l.code.as_str()).collect();
    println!(
        "Created a site in {} ({} files; languages: {}; default: {}).",
        args.dir.display(),
        files.len(),
        codes.join(", "),
        codes[0]
    );
    let placeholders = placeholder_codes(&langs);
    if !placeholders.is_empty() {
        println!(
            "The text in {} is English placeholder text, marked \"[{}: to translate]\"; \
             README.md in the new site says what to translate.",
            placeholders.join(", "),
            if placeholders.len() == 1 {
                placeholders[0]
            } else {
                "<code>"
            }
        );
    }
    println!("Next:");
    println!("  cd {}", shell_quote(&args.dir));
    println!("  dossier build --strict    # writes the site into public/");
    exit::SUCCESS
}

/// An error on stderr, its `error:` and `help:` coloured on a terminal;
/// gives the exit status.
fn report(d: &Diagnostic) -> u8 {
    eprintln!("{}", Palette::for_stream(Stream::Stderr).diagnostic(d));
    d.exit_class().code()
}

fn usage(message: String, help: &str) -> Diagnostic {
    Diagnostic::unlocated(Kind::Usage, message).help(help)
}

fn io(message: String) -> Diagnostic {
    Diagnostic::unlocated(Kind::Io, message)
}

/// A language of the new site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewLanguage {
    pub code: String,
    /// The built-in language whose text (and UI strings) it uses; `None`
    /// for placeholder text.
    pub texts_from: Option<&'static str>,
}

/// Validates `--languages`: BCP 47 tags, no repeats, at least one.
pub(crate) fn parse_languages(raw: &[String]) -> Result<Vec<NewLanguage>, Diagnostic> {
    let mut out: Vec<NewLanguage> = Vec::new();
    let mut seen = BTreeSet::new();
    for code in raw.iter().map(|c| c.trim()) {
        if code.is_empty() {
            return Err(usage(
                "--languages has an empty language code".into(),
                "list codes separated by commas, without spaces: `--languages en,fr`",
            ));
        }
        if !is_language_tag(code) {
            let lower = code.to_ascii_lowercase();
            let hint = if lower != code && is_language_tag(&lower) {
                format!("language codes start in lower case: `{lower}`")
            } else {
                "use a BCP 47 tag such as `en`, `tr`, `zh-Hans` or `pt-BR`".to_string()
            };
            return Err(usage(
                format!("--languages: `{code}` is not a language code"),
                &hint,
            ));
        }
        if !seen.insert(code.to_string()) {
            return Err(usage(
                format!("--languages lists `{code}` twice"),
                "give each language once; the first is the default",
            ));
        }
        out.push(NewLanguage {
            code: code.to_string(),
            texts_from: built_in_for(code),
        });
    }
    if out.is_empty() {
        return Err(usage(
            "--languages is empty".into(),
            "give at least one code: `--languages en`",
        ));
    }
    Ok(out)
}

/// The languages whose texts are English placeholders (no built-in texts).
pub(super) fn placeholder_codes(langs: &[NewLanguage]) -> Vec<&str> {
    langs
        .iter()
        .filter(|l| l.texts_from.is_none())
        .map(|l| l.code.as_str())
        .collect()
}

/// `en` for `en` and `en-US`; none for `zh-Hant` (a script the built-in
/// Chinese text is not written in) or a language it does not have.
fn built_in_for(code: &str) -> Option<&'static str> {
    let mut parts = code.split('-');
    let primary = parts.next()?;
    let found = BUILT_IN_LANGUAGES.iter().find(|l| **l == primary)?;
    let script = parts.next().is_some_and(|p| p.len() == 4);
    (code == primary || !script).then_some(found)
}

/// Checks DIR: absent (it is created) or an empty folder. Returns whether
/// it was created, so a failed run can remove what it made.
fn prepare_folder(dir: &Path) -> Result<bool, Diagnostic> {
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => {
            let entries: Vec<String> = std::fs::read_dir(dir)
                .map_err(|e| io(format!("cannot read folder `{}`: {e}", dir.display())))?
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            if entries.is_empty() {
                return Ok(false);
            }
            let mut shown: Vec<String> = entries.iter().take(3).map(|n| format!("`{n}`")).collect();
            shown.sort();
            let more = if entries.len() > 3 {
                format!(" and {} more", entries.len() - 3)
            } else {
                String::new()
            };
            Err(usage(
                format!(
                    "`{}` is not empty (it holds {}{more}); dossier new writes only into a new or empty folder",
                    dir.display(),
                    shown.join(", ")
                ),
                "give a folder name that does not exist yet, such as `dossier new my-site`",
            ))
        }
        Ok(_) => Err(usage(
            format!("`{}` exists and is not a folder", dir.display()),
            "give a folder name that does not exist yet",
        )),
        Err(_) => std::fs::create_dir_all(dir)
            .map(|()| true)
            .map_err(|e| io(format!("cannot create folder `{}`: {e}", dir.display()))),
    }
}

fn write_files(dir: &Path, files: &[(String, String)]) -> Result<(), Diagnostic> {
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| io(format!("cannot create folder `{}`: {e}", parent.display())))?;
        }
        std::fs::write(&path, text)
            .map_err(|e| io(format!("cannot write `{}`: {e}", path.display())))?;
    }
    Ok(())
}

/// After a failed write: DIR was new or empty, so all it holds is ours.
fn undo(dir: &Path, created: bool) {
    if created {
        let _ = std::fs::remove_dir_all(dir);
    } else if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            let _ = if p.is_dir() {
                std::fs::remove_dir_all(&p)
            } else {
                std::fs::remove_file(&p)
            };
        }
    }
}

fn shell_quote(p: &Path) -> String {
    let s = p.display().to_string();
    if s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"/._-+".contains(&b))
    {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}
