//! The first phase, and one of only two that touch the disk: read the
//! site's files into memory. Every later phase works on these values.

use crate::diagnostics::{Diagnostic, Diagnostics};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A file of the site, read whole.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// Relative to the site root, `/`-separated (`content/en/chips.md`).
    pub rel: String,
    /// Shared from the read on: an asset reaches the output, and a theme
    /// file the theme, without a copy.
    pub bytes: Arc<[u8]>,
}

impl InputFile {
    /// The file as text: UTF-8, a leading BOM dropped, CRLF made LF (so line
    /// numbers stay right).
    pub fn text(&self) -> Result<String, Diagnostic> {
        let s = std::str::from_utf8(&self.bytes).map_err(|e| {
            let (line, col) = crate::diagnostics::line_col(
                &String::from_utf8_lossy(&self.bytes[..e.valid_up_to()]),
                e.valid_up_to(),
            );
            Diagnostic::error(
                &self.rel,
                format!("not valid UTF-8 (bad byte at offset {})", e.valid_up_to()),
            )
            .at(Some(line), Some(col))
            .help("save the file as UTF-8")
        })?;
        let s = s.strip_prefix('\u{feff}').unwrap_or(s);
        // CRLF (Windows) and a lone CR (old Mac) both end a line.
        Ok(if s.contains('\r') {
            s.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            s.to_string()
        })
    }

    pub(crate) fn extension(&self) -> &str {
        self.rel.rsplit_once('.').map_or("", |(_, e)| e)
    }
}

/// Everything the build reads, besides the built-in theme.
#[derive(Debug, Clone)]
pub struct SiteInput {
    pub config_text: String,
    /// Files under `content/`, sorted by path.
    pub content: Vec<InputFile>,
    /// Files under `themes/<theme>/`, paths relative to that folder.
    pub theme: Vec<InputFile>,
    /// Files under `static/` (`static/CNAME`), copied as they are into the
    /// output's root: what a host wants there, which a user must not put
    /// in the output folder itself (each build replaces it whole).
    pub statics: Vec<InputFile>,
}

/// The largest page, data file, template or UI-strings file dossier reads,
/// in bytes. Text is parsed and rendered, and the result held in memory for
/// every language; no explainer page comes near this.
pub(crate) const MAX_TEXT_BYTES: u64 = 8 << 20;
/// The largest file copied as it is (an image, a PDF), in bytes.
pub(crate) const MAX_ASSET_BYTES: u64 = 256 << 20;

/// Whether dossier parses a file as text, rather than copying it.
fn is_text(rel: &str) -> bool {
    let ext = rel.rsplit_once('.').map_or("", |(_, e)| e);
    matches!(ext, "md" | "yaml" | "yml" | "html" | "htm")
}

fn size_text(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1 << 20) as f64)
}

/// Why a file or folder name below the site root is refused, if it is:
/// `\` (a separator on Windows), control characters such as NUL, the
/// characters Windows forbids in names, names Windows reserves for devices
/// (`con`, `nul`, `aux`, …), and names ending in a dot or space. Such files
/// would be copied into the output under a name that some systems and
/// hosts cannot hold or would read as a path.
pub fn unsafe_name(name: &str) -> Option<String> {
    if let Some(c) = name.chars().find(|c| c.is_control()) {
        return Some(format!("holds the control character U+{:04X}", c as u32));
    }
    if let Some(c) = name.chars().find(|c| {
        matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    }) {
        // They make a name read differently than it is (`txt.exe` as `exe.txt`).
        return Some(format!(
            "holds the invisible bidirectional control U+{:04X}",
            c as u32
        ));
    }
    if let Some(c) = name.chars().find(|c| "\\<>:\"|?*".contains(*c)) {
        return Some(format!(
            "holds `{c}`, which Windows does not allow in names{}",
            if c == '\\' {
                " (it separates folders there)"
            } else {
                ""
            }
        ));
    }
    if crate::parse::slug::is_reserved_name(name) {
        return Some(
            "is a name Windows reserves for a device (con, prn, aux, nul, com1-9, lpt1-9)".into(),
        );
    }
    if name.ends_with('.') || name.ends_with(' ') {
        return Some("ends in a dot or a space, which Windows drops".into());
    }
    None
}

/// Refuses a symbolic link where the site's own files should be: a link
/// could lead the build to read outside the site.
fn refuse_link(path: &Path, rel: &str) -> Option<Diagnostic> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    meta.file_type().is_symlink().then(|| {
        Diagnostic::error(rel, "is a symbolic link; dossier does not follow links")
            .help("copy the files into the site instead")
    })
}

/// Reads `site.yaml`. Missing or unreadable is fatal for the run.
pub fn read_config(root: &Path) -> Result<String, Diagnostics> {
    let path = root.join(crate::parse::config::CONFIG_FILE);
    if let Some(d) = refuse_link(&path, crate::parse::config::CONFIG_FILE) {
        return Err(Diagnostics::from_iter([d]));
    }
    let file = read_file(&path, crate::parse::config::CONFIG_FILE.to_string()).map_err(|d| {
        let d = if !path.exists() {
            Diagnostic::error(crate::parse::config::CONFIG_FILE, format!("no site.yaml in `{}`", root.display()))
                .help("run dossier in the site's folder, pass --root DIR, or create a site with `dossier new DIR`")
        } else {
            d
        };
        Diagnostics::from_iter([d])
    })?;
    file.text().map_err(|d| Diagnostics::from_iter([d]))
}

/// Reads `content/` and the site's own theme folder (if any).
pub fn read_site(root: &Path, config_text: String, theme: &str) -> Result<SiteInput, Diagnostics> {
    let mut diags = Diagnostics::new();
    let content_dir = root.join("content");
    let themes_dir = root.join("themes");
    let theme_dir = themes_dir.join(theme);
    let static_dir = root.join("static");
    let mut links = 0;
    for (path, rel) in [
        (&content_dir, "content".to_string()),
        (&static_dir, "static".to_string()),
        (&themes_dir, "themes".to_string()),
        (&theme_dir, format!("themes/{theme}")),
    ] {
        if let Some(d) = refuse_link(path, &rel) {
            diags.push(d);
            links += 1;
        }
    }
    if links > 0 {
        return Err(diags);
    }
    let content = if content_dir.is_dir() {
        read_tree(&content_dir, &content_dir, "content", &mut diags)
    } else {
        diags.push(
            Diagnostic::error("content", "the site has no content/ folder")
                .help("create content/<language>/_index.md for each language"),
        );
        Vec::new()
    };
    let theme_files = if theme_dir.is_dir() {
        read_tree(&theme_dir, &theme_dir, "", &mut diags)
    } else {
        Vec::new()
    };
    let statics = if static_dir.is_dir() {
        read_tree(&static_dir, &static_dir, "static", &mut diags)
    } else {
        Vec::new()
    };
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(SiteInput {
        config_text,
        content,
        theme: theme_files,
        statics,
    })
}

/// Reads every file below `dir`, sorted, in parallel. Symlinks are refused:
/// a link could lead the build to read outside the site.
fn read_tree(base: &Path, dir: &Path, prefix: &str, diags: &mut Diagnostics) -> Vec<InputFile> {
    let mut paths: Vec<(PathBuf, String)> = Vec::new();
    let mut walk = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let p = e
                    .path()
                    .map(|p| rel_path(base, p, prefix))
                    .unwrap_or_else(|| prefix.to_string());
                diags.push(Diagnostic::error(p, format!("cannot read: {e}")));
                continue;
            }
        };
        if let Err(escaped) = crate::read::rawname::utf8_name(entry.file_name()) {
            let parent = entry.path().parent().unwrap_or(base);
            let rel = format!("{}/{escaped}", rel_path(base, parent, prefix));
            diags.push(
                Diagnostic::error(
                    rel.trim_start_matches('/'),
                    "the name is not UTF-8 text (each `\\xNN` is a byte that is not)",
                )
                .help("rename it in UTF-8: such names can read alike (`x\\xFF.png` and `x\\xFE.png` both show as `x\u{FFFD}.png`) and one file would replace the other"),
            );
            if entry.file_type().is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
        let rel = rel_path(base, entry.path(), prefix);
        let ft = entry.file_type();
        let name = entry.file_name().to_string_lossy();
        if entry.depth() > 0 && !name.starts_with('.') {
            if let Some(why) = unsafe_name(&name) {
                diags.push(
                    Diagnostic::error(&rel, format!("the name `{}` {why}", name.escape_debug()))
                        .help("rename it: letters, digits, `-`, `_` and `.` are safe everywhere"),
                );
                continue;
            }
        }
        if ft.is_symlink() {
            diags.push(
                Diagnostic::error(rel, "is a symbolic link; dossier does not follow links")
                    .help("copy the file into the site instead"),
            );
        } else if ft.is_file() {
            if ignored_file(&name) {
                continue;
            }
            let limit = if is_text(&rel) {
                MAX_TEXT_BYTES
            } else {
                MAX_ASSET_BYTES
            };
            let len = entry.metadata().map_or(0, |m| m.len());
            if len > limit {
                let what = if is_text(&rel) {
                    "pages, data files and templates"
                } else {
                    "files copied as they are"
                };
                diags.push(
                    Diagnostic::error(
                        &rel,
                        format!(
                            "the file is {}; {what} may be at most {}",
                            size_text(len),
                            size_text(limit)
                        ),
                    )
                    .help(if is_text(&rel) {
                        "split the page into several pages, or the data into several files"
                    } else {
                        "make the file smaller, or host it elsewhere and link to it"
                    }),
                );
                continue;
            }
            paths.push((entry.path().to_path_buf(), rel));
        }
    }
    let results: Vec<Result<InputFile, Diagnostic>> = paths
        .into_par_iter()
        .map(|(path, rel)| read_file(&path, rel))
        .collect();
    let mut files = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    files
}

/// Files the site's folders may hold that are not the site's: editor
/// backups, `.DS_Store` and the like. The full read skips them.
fn ignored_file(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~')
}

/// Reads one file under `content/` again, by its `/`-separated path from
/// the site root, for a rebuild that keeps everything else (`serve`).
/// `None` when it is not a plain file inside `content/` now (removed,
/// a folder, a link, a name dossier refuses): only a full read can say
/// what that means for the site.
pub(crate) fn reread(root: &Path, rel: &str) -> Option<Result<InputFile, Diagnostic>> {
    let inner = rel.strip_prefix("content/")?;
    let name = inner.rsplit('/').next()?;
    if inner.split('/').any(|seg| {
        seg.is_empty()
            || seg == "."
            || seg == ".."
            || seg.starts_with('.')
            || unsafe_name(seg).is_some()
    }) || ignored_file(name)
    {
        return None;
    }
    let path = root.join(rel);
    let meta = std::fs::symlink_metadata(&path).ok()?;
    if !meta.file_type().is_file() {
        return None;
    }
    // No folder on the way may have become a link since the full read.
    let content = root.join("content").canonicalize().ok()?;
    let real = path.canonicalize().ok()?;
    if real != content.join(inner) {
        return None;
    }
    Some(read_file(&path, rel.to_string()))
}

fn rel_path(base: &Path, path: &Path, prefix: &str) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let mut s = String::from(prefix);
    for c in rel.components() {
        if !s.is_empty() {
            s.push('/');
        }
        s.push_str(&c.as_os_str().to_string_lossy());
    }
    s
}

fn read_file(path: &Path, rel: String) -> Result<InputFile, Diagnostic> {
    // Checked again here (the file may have grown), and for site.yaml.
    if let Ok(m) = std::fs::metadata(path) {
        let limit = if is_text(&rel) {
            MAX_TEXT_BYTES
        } else {
            MAX_ASSET_BYTES
        };
        if m.is_file() && m.len() > limit {
            return Err(Diagnostic::error(
                &rel,
                format!(
                    "the file is {}; it may be at most {}",
                    size_text(m.len()),
                    size_text(limit)
                ),
            ));
        }
    }
    std::fs::read(path)
        .map(|bytes| InputFile {
            rel: rel.clone(),
            bytes: bytes.into(),
        })
        .map_err(|e| Diagnostic::error(rel, format!("failed to read `{}`: {e}", path.display())))
}
