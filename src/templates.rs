//! Tera set-up: the theme's templates parsed once per run, the `link`
//! function that resolves cross-links from templates, and template errors
//! turned into located diagnostics.

use crate::diagnostics::Diagnostic;
use crate::links::{self, LinkIndex};
use crate::theme::Theme;
use std::collections::HashMap;
use std::sync::Arc;
use tera::{Tera, Value};

pub fn load(theme: &Theme, index: Arc<LinkIndex>) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::default();
    let mut sources = Vec::new();
    for (name, file) in &theme.templates {
        let text = std::str::from_utf8(&file.bytes).map_err(|_| {
            Diagnostic::error(&file.origin, "template is not valid UTF-8")
                .help("save the file as UTF-8")
        })?;
        sources.push((name.as_str(), text));
    }
    tera.add_raw_templates(sources).map_err(|e| {
        let message = full_message(&e);
        let origin = theme
            .templates
            .iter()
            .find(|(name, _)| message.contains(&format!("'{name}'")))
            .map_or_else(|| "themes".to_string(), |(_, f)| f.origin.clone());
        let line = line_in_message(&message);
        Diagnostic::error(
            origin,
            format!("template syntax error: {}", first_lines(&message)),
        )
        .at(line, None)
        .help("see https://keats.github.io/tera/docs/ for Tera's syntax")
    })?;
    // Tera's default also escapes `/`, which makes every URL unreadable;
    // these five are all HTML needs in text and quoted attributes.
    tera.set_escape_fn(escape_html);
    tera.register_function("link", LinkFunction(index));
    Ok(tera)
}

/// `link(to="claim:x", lang=site.lang, from=site.current_url)`: the relative
/// URL of a cross-link target, as Markdown links get it.
struct LinkFunction(Arc<LinkIndex>);

impl tera::Function for LinkFunction {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let arg = |name: &str| -> tera::Result<&str> {
            args.get(name)
                .and_then(Value::as_str)
                .ok_or_else(|| tera::Error::msg(format!("link() needs a string argument `{name}`")))
        };
        let (to, lang, from) = (arg("to")?, arg("lang")?, arg("from")?);
        let target = match links::parse_target(to) {
            Some(Ok(t)) => t,
            Some(Err(m)) => return Err(tera::Error::msg(m)),
            None => {
                return Err(tera::Error::msg(format!(
                    "link(): `{to}` is not a page:, claim:, source: or event: target"
                )))
            }
        };
        let url = self
            .0
            .resolve(&target, lang)
            .map_err(|u| tera::Error::msg(format!("link(): {}; {}", u.message, u.help)))?;
        Ok(Value::String(links::relative(from, &url)))
    }

    fn is_safe(&self) -> bool {
        false
    }
}

fn escape_html(input: &str) -> String {
    crate::highlight::escape_attr(input)
}

/// A Tera error with all its causes, which is where the useful part is.
pub fn full_message(e: &tera::Error) -> String {
    let mut s = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        s.push_str(": ");
        s.push_str(&cause.to_string());
        source = cause.source();
    }
    s
}

/// The line number in a Tera/pest message (`--> 3:15`).
pub fn line_in_message(message: &str) -> Option<usize> {
    let after = &message[message.find("--> ")? + 4..];
    after.split(':').next()?.trim().parse().ok()
}

fn first_lines(message: &str) -> String {
    message
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join(" ")
}
