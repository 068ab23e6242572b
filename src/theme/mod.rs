//! The theme: Tera templates, static files and UI strings. The default
//! theme is compiled into the binary; a site's `themes/<name>/` folder
//! overrides it file by file.

pub(crate) mod i18n;
pub(crate) mod templates;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::read::input::InputFile;
use include_dir::{include_dir, Dir};
use std::collections::BTreeMap;

static DEFAULT_THEME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The version of the embedded theme, for `--version`.
pub const DEFAULT_THEME_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A theme file and where it came from, for error messages.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// `themes/default/templates/page.html`, or `(built-in) templates/page.html`.
    pub origin: String,
    /// Shared: the built-in theme is read out of the binary once per
    /// process, and a site's theme file is the bytes read.
    pub bytes: std::sync::Arc<[u8]>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Theme {
    /// By template name (`page.html`).
    pub templates: BTreeMap<String, ThemeFile>,
    /// By output path (`style.css`).
    pub statics: BTreeMap<String, ThemeFile>,
    /// By language code.
    pub i18n: BTreeMap<String, ThemeFile>,
}

/// The theme, with a warning for each of its files it does not use
/// (`diags` gets those; errors fail the load).
pub(crate) fn load(
    name: &str,
    site_files: &[InputFile],
    diags: &mut Diagnostics,
) -> Result<Theme, Diagnostics> {
    let mut files = default_theme_files();
    if name != "default" && site_files.is_empty() {
        return Err(Diagnostics::from_iter([Diagnostic::error(
            "site.yaml",
            format!("theme `{name}` not found: there is no folder themes/{name}/"),
        )
        .help(
            "create the folder, or use the built-in theme with `theme: default`",
        )]));
    }
    for f in site_files {
        files.insert(
            f.rel.clone(),
            ThemeFile {
                origin: format!("themes/{name}/{}", f.rel),
                bytes: f.bytes.clone(),
            },
        );
    }
    let mut theme = Theme::default();
    for (rel, file) in files {
        if let Some(t) = rel.strip_prefix("templates/") {
            theme.templates.insert(t.to_string(), file);
        } else if let Some(s) = rel.strip_prefix("static/") {
            theme.statics.insert(s.to_string(), file);
        } else if let Some(y) = rel
            .strip_prefix("i18n/")
            .and_then(|y| y.strip_suffix(".yaml"))
        {
            theme.i18n.insert(y.to_string(), file);
        } else if rel != "theme.yaml" && rel != "README.md" {
            diags.push(Diagnostic::warning(
                file.origin.clone(),
                "not used: a theme holds templates/, static/ and i18n/<lang>.yaml",
            ));
        }
    }
    Ok(theme)
}

fn collect_embedded(dir: &Dir<'_>, out: &mut BTreeMap<String, ThemeFile>) {
    for f in dir.files() {
        let rel = f.path().to_string_lossy().replace('\\', "/");
        out.insert(
            rel.clone(),
            ThemeFile {
                origin: format!("(built-in theme) {rel}"),
                bytes: f.contents().into(),
            },
        );
    }
    for d in dir.dirs() {
        collect_embedded(d, out);
    }
}

/// Every file of the built-in theme (also for `dossier new` and tests):
/// copied out of the binary on first use, shared after.
pub fn default_theme_files() -> BTreeMap<String, ThemeFile> {
    static FILES: std::sync::OnceLock<BTreeMap<String, ThemeFile>> = std::sync::OnceLock::new();
    FILES
        .get_or_init(|| {
            let mut files = BTreeMap::new();
            collect_embedded(&DEFAULT_THEME, &mut files);
            files
        })
        .clone()
}
