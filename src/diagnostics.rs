//! Problems found in a site's input, collected so that one run reports all of them.
//!
//! Every phase pushes into a [`Diagnostics`] instead of returning at the first
//! problem; the build fails once, at the end of a phase, with the whole list.

use std::fmt;

/// How bad a finding is. Warnings become errors under `--strict` when they
/// are about missing translations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// What would be valid, or the closest valid ids.
    pub help: Option<String>,
}

impl Diagnostic {
    pub(crate) fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            help: None,
        }
    }

    pub(crate) fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
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
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{kind}: {}", self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        // Control characters from the input (NUL, escape sequences) are
        // shown escaped: visible, and unable to drive the terminal.
        write!(f, ": {}", visible(&self.message))?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

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

    /// Turns translation warnings into errors (`--strict`).
    pub(crate) fn escalate_warnings(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Error;
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

/// The 1-based line where `needle` first stands as a whole token in a YAML
/// text, used to place semantic errors (an unknown id) that serde cannot.
pub(crate) fn find_line(text: &str, needle: &str) -> Option<usize> {
    find_lines(text, needle).next()
}

/// Every 1-based line where `needle` stands as a whole token, in order.
pub(crate) fn find_lines<'t>(text: &'t str, needle: &'t str) -> impl Iterator<Item = usize> + 't {
    text.lines()
        .enumerate()
        .filter(move |(_, line)| contains_token(line, needle))
        .map(|(i, _)| i + 1)
}

fn contains_token(line: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_' || c == '.' || c == '/';
    let mut from = 0;
    while let Some(pos) = line[from..].find(needle) {
        let start = from + pos;
        let end = start + needle.len();
        let before_ok = line[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word(c));
        let after_ok = line[end..].chars().next().is_none_or(|c| !is_word(c));
        if before_ok && after_ok {
            return true;
        }
        from = end;
    }
    false
}
