//! Problems found in a site's input, collected so that one run reports all of them.
//!
//! Every phase pushes into a [`Diagnostics`] instead of returning at the first
//! problem; the build fails once, at the end of a phase, with the whole list.

use std::fmt;

/// How bad a finding is. Errors fail the run; warnings fail `build` only
/// when `--strict` makes translation warnings errors ([`Diagnostics::escalate_translations`])
/// and `check` only under its own `--strict`; notes never fail anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

/// What a finding is about: `check` prints one section per kind, `--strict`
/// escalates `Translation` only, and the kind decides the exit status
/// ([`ExitClass`]). In the order of `check`'s report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Pages, configuration and theme.
    Content,
    /// A link that leads nowhere, or that runs code.
    Link,
    /// A missing translation (page, field or UI string).
    Translation,
    /// A translation older than the text it follows (`check` only).
    Outdated,
    /// Claims, sources and events.
    Data,
    /// External URLs (`check` only).
    External,
    /// Where the site would be written (the output folder).
    Output,
    /// The command line.
    Usage,
    /// Reading or writing failed.
    Io,
}

impl Kind {
    /// Every kind `check` reports, in its order.
    pub(crate) const REPORTED: [Kind; 6] = [
        Kind::Content,
        Kind::Link,
        Kind::Translation,
        Kind::Outdated,
        Kind::Data,
        Kind::External,
    ];

    /// The kind of a finding about the file at `path`, unless its maker
    /// says otherwise: the data files are data, the theme's UI strings are
    /// translations, everything else is content.
    fn of_file(path: &str) -> Kind {
        if path.starts_with("content/claims/")
            || path == "content/sources.yaml"
            || path == "content/timeline.yaml"
        {
            Kind::Data
        } else if path.contains("/i18n") {
            Kind::Translation
        } else {
            Kind::Content
        }
    }

    /// The heading of `check`'s section.
    pub(crate) fn title(self) -> &'static str {
        match self {
            Kind::Content => "Content and theme",
            Kind::Link => "Internal links",
            Kind::Translation => "Translation coverage",
            Kind::Outdated => "Outdated translations",
            Kind::Data => "Data integrity",
            Kind::External => "External URLs",
            Kind::Output => "Output",
            Kind::Usage => "Usage",
            Kind::Io => "Input and output",
        }
    }
}

/// The exit status a failure of this class gives (README.md, `--help`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitClass {
    /// The site's content, theme or configuration (or the output folder): 1.
    Content = 1,
    /// The command line: 2.
    Usage = 2,
    /// The disk: 3.
    Io = 3,
}

impl ExitClass {
    pub(crate) fn code(self) -> u8 {
        self as u8
    }
}

/// One problem, located as precisely as the input allows.
///
/// The field order is the sort order of a report: by severity, then file
/// and line (`kind` last, so that it never reorders what a run prints).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators; empty when the
    /// problem has no file (an output folder, the command line).
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// What would be valid, or the closest valid ids.
    pub help: Option<String>,
    pub kind: Kind,
}

impl Diagnostic {
    pub(crate) fn new(
        severity: Severity,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        let path = path.into();
        Diagnostic {
            severity,
            kind: Kind::of_file(&path),
            path,
            line: None,
            column: None,
            message: message.into(),
            help: None,
        }
    }

    pub(crate) fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Error, path, message)
    }

    pub(crate) fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Warning, path, message)
    }

    /// A problem that is about no file of the site.
    pub(crate) fn unlocated(kind: Kind, message: impl Into<String>) -> Self {
        Diagnostic::error("", message).kind(kind)
    }

    pub(crate) fn kind(mut self, kind: Kind) -> Self {
        self.kind = kind;
        self
    }

    pub(crate) fn at(mut self, line: Option<usize>, column: Option<usize>) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    pub(crate) fn line(self, line: usize) -> Self {
        self.at(Some(line), None)
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The exit status a run that fails on this gives.
    pub(crate) fn exit_class(&self) -> ExitClass {
        match self.kind {
            Kind::Usage => ExitClass::Usage,
            Kind::Io => ExitClass::Io,
            _ => ExitClass::Content,
        }
    }

    /// The diagnostic as the terminal shows it: the labels (`error:`,
    /// `warning:`, `note:`, `help:`) coloured by `paint` when it is given.
    pub(crate) fn render(&self, paint: &dyn Fn(Label, &str) -> String) -> String {
        let label = |l: Label, text: &str| paint(l, text);
        let name = match self.severity {
            Severity::Error => "error:",
            Severity::Warning => "warning:",
            Severity::Note => "note:",
        };
        let mut s = label(Label::Severity(self.severity), name);
        if !self.path.is_empty() {
            s.push(' ');
            s.push_str(&self.path);
            if let Some(line) = self.line {
                s.push_str(&format!(":{line}"));
                if let Some(col) = self.column {
                    s.push_str(&format!(":{col}"));
                }
            }
            s.push(':');
        }
        // Control characters from the input (NUL, escape sequences) are
        // shown escaped: visible, and unable to drive the terminal.
        s.push(' ');
        s.push_str(&visible(&self.message));
        if let Some(help) = &self.help {
            s.push_str("\n  ");
            s.push_str(&label(Label::Help, "help:"));
            s.push(' ');
            s.push_str(help);
        }
        s
    }
}

/// The parts of a rendered diagnostic that a terminal colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    Severity(Severity),
    Help,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(&|_, text| text.to_string()))
    }
}

impl std::error::Error for Diagnostic {}

fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\n') {
        return s.into();
    }
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                c.escape_debug().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// The findings of a run, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub(crate) fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Turns translation warnings into errors (`--strict`); other warnings
    /// (an unused file in a theme folder, say) stay warnings.
    pub(crate) fn escalate_translations(&mut self) {
        for d in &mut self.items {
            if d.kind == Kind::Translation && d.severity == Severity::Warning {
                d.severity = Severity::Error;
            }
        }
    }

    /// Sorted and without repeats, so output is deterministic whatever the
    /// order in which parallel phases found things.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics { items: vec![d] }
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

/// The closest candidates to a misspelt id, for a "did you mean" hint.
pub(crate) fn closest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Vec<&'a str> {
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| (strsim::normalized_damerau_levenshtein(wanted, c), c))
        .filter(|(score, _)| *score > 0.4)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// "did you mean `a`, `b`?" or a list of what exists, for an unknown id.
pub(crate) fn suggest<'a>(
    kind: &str,
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> String {
    let close = closest(wanted, candidates.clone());
    if !close.is_empty() {
        let list: Vec<String> = close.iter().map(|c| format!("`{c}`")).collect();
        return format!("did you mean {}?", list.join(", "));
    }
    let all: Vec<&str> = candidates.into_iter().collect();
    if all.is_empty() {
        format!("there are no {kind}s")
    } else if all.len() <= 8 {
        let list: Vec<String> = all.iter().map(|c| format!("`{c}`")).collect();
        format!("known {kind}s: {}", list.join(", "))
    } else {
        format!(
            "there are {} {kind}s; none is close to `{wanted}`",
            all.len()
        )
    }
}

/// The 1-based line and column of a byte offset in `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
