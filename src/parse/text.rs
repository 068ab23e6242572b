//! Text given per language (`{en: ..., tr: ...}`) and how a reader's
//! language picks from it, falling back honestly when a translation is missing.

use std::collections::BTreeMap;

pub(crate) type LangText = BTreeMap<String, String>;

/// A piece of text chosen for a reader, with the language it is really in.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub(crate) struct Localized<'a> {
    pub text: &'a str,
    /// The language of `text`.
    pub lang: &'a str,
    /// True when `text` is not in the reader's language.
    pub fallback: bool,
}

/// Picks the reader's language, else the default language, else the first
/// language present (in key order, so the choice is stable).
pub(crate) fn pick<'a>(text: &'a LangText, lang: &str, default: &str) -> Option<Localized<'a>> {
    if let Some((l, t)) = text.get_key_value(lang) {
        return Some(Localized {
            text: t,
            lang: l,
            fallback: false,
        });
    }
    text.get_key_value(default)
        .or_else(|| text.iter().next())
        .map(|(l, t)| Localized {
            text: t,
            lang: l,
            fallback: true,
        })
}
