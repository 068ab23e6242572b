//! YAML parsing that reports failures as located diagnostics.

use crate::diagnostics::Diagnostic;
use serde::de::DeserializeOwned;

/// Deserializes `text` (which starts on line `first_line` of `path`) or
/// returns a diagnostic naming the file, line and column.
pub fn parse<T: DeserializeOwned>(
    path: &str,
    text: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    serde_yaml::from_str(text).map_err(|e| from_error(path, &e, first_line))
}

pub fn from_error(path: &str, e: &serde_yaml::Error, first_line: usize) -> Diagnostic {
    let (line, col) = match e.location() {
        Some(loc) => (Some(loc.line() + first_line - 1), Some(loc.column())),
        None => (None, None),
    };
    let raw = e.to_string();
    // serde_yaml appends " at line L column C"; the location is shown already.
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw,
    };
    let help = hint_for(&message);
    let d = Diagnostic::error(path, message).at(line, col);
    match help {
        Some(h) => d.help(h),
        None => d,
    }
}

fn hint_for(message: &str) -> Option<String> {
    if message.contains("unknown field") {
        Some("check the spelling; the fields this file accepts are listed in the message".into())
    } else if message.contains("missing field") {
        Some("add the field; see the content model in README.md".into())
    } else if message.contains("invalid type") {
        Some(
            "per-language text is a map such as `{en: ..., tr: ...}`; lists are written `[a, b]`"
                .into(),
        )
    } else if message.contains("did not find expected")
        || message.contains("found unexpected")
        || message.contains("while parsing")
        || message.contains("while scanning")
        || message.contains("mapping values are not allowed")
    {
        Some("the YAML is malformed: check quotes, brackets and indentation near this line".into())
    } else {
        None
    }
}
