//! The first phase, and one of only two that touch the disk: read the
//! site's files into memory. Every later phase works on these values.

use crate::diagnostics::{Diagnostic, Diagnostics};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// A file of the site, read whole.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// Relative to the site root, `/`-separated (`content/en/chips.md`).
    pub rel: String,
    pub bytes: Vec<u8>,
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
        Ok(if s.contains('\r') {
            s.replace("\r\n", "\n")
        } else {
            s.to_string()
        })
    }

    pub fn extension(&self) -> &str {
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
}

/// Reads `site.yaml`. Missing or unreadable is fatal for the run.
pub fn read_config(root: &Path) -> Result<String, Diagnostics> {
    let path = root.join(crate::config::CONFIG_FILE);
    let file = read_file(&path, crate::config::CONFIG_FILE.to_string()).map_err(|d| {
        let d = if !path.exists() {
            Diagnostic::error(crate::config::CONFIG_FILE, format!("no site.yaml in `{}`", root.display()))
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
    let content = if content_dir.is_dir() {
        read_tree(&content_dir, &content_dir, "content", &mut diags)
    } else {
        diags.push(
            Diagnostic::error("content", "the site has no content/ folder")
                .help("create content/<language>/_index.md for each language"),
        );
        Vec::new()
    };
    let theme_dir = root.join("themes").join(theme);
    let theme_files = if theme_dir.is_dir() {
        read_tree(&theme_dir, &theme_dir, "", &mut diags)
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
    })
}

/// Reads every file below `dir`, sorted, in parallel. Symlinks are refused:
/// a link could lead the build to read outside the site.
fn read_tree(base: &Path, dir: &Path, prefix: &str, diags: &mut Diagnostics) -> Vec<InputFile> {
    let mut paths: Vec<(PathBuf, String)> = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
    {
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
        let rel = rel_path(base, entry.path(), prefix);
        let ft = entry.file_type();
        if ft.is_symlink() {
            diags.push(
                Diagnostic::error(rel, "is a symbolic link; dossier does not follow links")
                    .help("copy the file into the site instead"),
            );
        } else if ft.is_file() {
            let name = entry.file_name().to_string_lossy();
            if name.starts_with('.') || name.ends_with('~') {
                continue; // editor backups, .DS_Store and the like
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
    std::fs::read(path)
        .map(|bytes| InputFile {
            rel: rel.clone(),
            bytes,
        })
        .map_err(|e| Diagnostic::error(rel, format!("failed to read `{}`: {e}", path.display())))
}
