//! UI strings per language, from the theme's `i18n/<lang>.yaml`, and the
//! localized display of dates at their precision.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::parse::config::SiteConfig;
use crate::parse::date::{PartialDate, Precision};
use crate::theme::Theme;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub(crate) struct UiStrings {
    /// Month names as they stand alone ("May 2025").
    pub months: Vec<String>,
    /// Month names inside a full date ("14 Αυγούστου 2025"), where the
    /// language inflects them; `months` otherwise.
    #[serde(default)]
    pub months_genitive: Option<Vec<String>>,
    /// Names of languages, in this language (`tr: Turkish`).
    #[serde(default)]
    pub language_names: BTreeMap<String, String>,
    #[serde(flatten)]
    pub strings: BTreeMap<String, String>,
}

impl UiStrings {
    pub(crate) fn get<'a>(&'a self, key: &str) -> &'a str {
        self.strings.get(key).map_or("", String::as_str)
    }

    /// A date at its own precision, in this language's format.
    pub(crate) fn format_date(&self, d: &PartialDate) -> String {
        let (pattern, month) = match d.precision() {
            Precision::Year => (self.get("date_year"), None),
            Precision::Month => (
                self.get("date_month"),
                d.month.map(|m| &self.months[usize::from(m) - 1]),
            ),
            Precision::Day => (
                self.get("date_day"),
                d.month.map(|m| {
                    &self.months_genitive.as_ref().unwrap_or(&self.months)[usize::from(m) - 1]
                }),
            ),
        };
        pattern
            .replace("{year}", &d.year.to_string())
            .replace("{month}", month.map_or("", String::as_str))
            .replace(
                "{month_number}",
                &d.month.map_or(String::new(), |m| m.to_string()),
            )
            .replace("{day}", &d.day.map_or(String::new(), |x| x.to_string()))
    }

    pub(crate) fn language_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.language_names
            .get(code)
            .or_else(|| {
                code.split('-')
                    .next()
                    .and_then(|p| self.language_names.get(p))
            })
            .map_or(code, String::as_str)
    }
}

/// UI strings for every site language, with what is missing reported.
pub(crate) struct Translations {
    /// By language code; every configured language has its strings (a
    /// language whose file failed to parse fails the build).
    by_lang: BTreeMap<String, UiStrings>,
    /// The default language's (else English) strings.
    base: UiStrings,
    /// Per language: number of UI keys missing (filled from the default).
    pub missing: BTreeMap<String, usize>,
    pub total_keys: usize,
}

impl Translations {
    /// The strings of a language by its code; the base strings for a code
    /// that is not configured (which a checked site never asks for).
    pub(crate) fn of(&self, code: &str) -> &UiStrings {
        self.by_lang.get(code).unwrap_or(&self.base)
    }
}

/// Loads the UI strings. Missing keys or files are warnings (errors under
/// `--strict`); the default language's strings fill the gaps.
pub(crate) fn load(
    theme: &Theme,
    config: &SiteConfig,
    diags: &mut Diagnostics,
) -> Option<Translations> {
    let default = &config.default_language;
    let parse = |lang: &str| parse_lang(theme, lang);
    let base = base_strings(theme, config, diags)?;
    let total_keys = base.strings.len() + 1;
    let mut by_lang = BTreeMap::new();
    let mut missing = BTreeMap::new();
    for lang in config.codes() {
        let origin = format!("themes/{}/i18n/{lang}.yaml", config.theme);
        let mut strings = match parse(lang) {
            Some(Ok(u)) => u,
            Some(Err(d)) => {
                diags.push(d);
                continue;
            }
            None => {
                if lang != default {
                    diags.push(
                        Diagnostic::warning(
                            &origin,
                            format!("no UI strings for `{lang}`; the default language's are used"),
                        )
                        .help(format!(
                            "copy i18n/{default}.yaml to i18n/{lang}.yaml and translate it"
                        )),
                    );
                }
                missing.insert(lang.to_string(), total_keys);
                by_lang.insert(lang.to_string(), base.clone());
                continue;
            }
        };
        let absent: Vec<&String> = base
            .strings
            .keys()
            .filter(|k| !strings.strings.contains_key(*k))
            .collect();
        if !absent.is_empty() {
            let list: Vec<String> = absent.iter().map(|k| format!("`{k}`")).collect();
            diags.push(
                Diagnostic::warning(
                    &origin,
                    format!("{} UI string(s) missing: {}", absent.len(), list.join(", ")),
                )
                .help(format!(
                    "every key of i18n/{default}.yaml must be in every language"
                )),
            );
        }
        missing.insert(lang.to_string(), absent.len());
        for k in absent {
            strings.strings.insert(k.clone(), base.strings[k].clone());
        }
        for (code, name) in &base.language_names {
            strings
                .language_names
                .entry(code.clone())
                .or_insert_with(|| name.clone());
        }
        by_lang.insert(lang.to_string(), strings);
    }
    Some(Translations {
        by_lang,
        base,
        missing,
        total_keys,
    })
}

fn check_months(u: UiStrings, origin: &str) -> Result<UiStrings, Diagnostic> {
    let ok = u.months.len() == 12 && u.months_genitive.as_ref().is_none_or(|g| g.len() == 12);
    if ok {
        Ok(u)
    } else {
        Err(Diagnostic::error(
            origin,
            "`months` (and `months_genitive`, if given) must list 12 names",
        )
        .help("January first"))
    }
}

/// A language's UI strings file, parsed; `None` when the theme has none.
fn parse_lang(theme: &Theme, lang: &str) -> Option<Result<UiStrings, Diagnostic>> {
    let f = theme.i18n.get(lang)?;
    Some(match std::str::from_utf8(&f.bytes) {
        Ok(text) => crate::parse::yaml::parse::<UiStrings>(&f.origin, text, 1)
            .and_then(|u| check_months(u, &f.origin)),
        Err(_) => {
            Err(Diagnostic::error(&f.origin, "not valid UTF-8").help("save the file as UTF-8"))
        }
    })
}

/// The strings that fill the gaps: the default language's, else English.
fn base_strings(theme: &Theme, config: &SiteConfig, diags: &mut Diagnostics) -> Option<UiStrings> {
    let parse = |lang: &str| parse_lang(theme, lang);
    let default = &config.default_language;
    Some(match parse(default) {
        Some(Ok(u)) => u,
        Some(Err(d)) => {
            diags.push(d);
            return None;
        }
        None => match parse("en") {
            Some(Ok(u)) => {
                diags.push(Diagnostic::warning(
                    format!("themes/{}/i18n/{default}.yaml", config.theme),
                    format!("the theme has no UI strings for the default language `{default}`; English is used"),
                ));
                u
            }
            Some(Err(d)) => {
                diags.push(d);
                return None;
            }
            None => {
                diags.push(
                    Diagnostic::error(
                        format!("themes/{}/i18n", config.theme),
                        "the theme has no UI strings",
                    )
                    .help("add i18n/<lang>.yaml to the theme"),
                );
                return None;
            }
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built_in(lang: &str) -> UiStrings {
        let f = &crate::theme::default_theme_files()[&format!("i18n/{lang}.yaml")];
        crate::parse::yaml::parse(&f.origin, std::str::from_utf8(&f.bytes).unwrap(), 1).unwrap()
    }

    #[test]
    fn every_built_in_language_has_every_ui_string() {
        let en = built_in("en");
        let keys: Vec<&String> = en.strings.keys().collect();
        for lang in ["tr", "el", "ru", "zh"] {
            let other = built_in(lang);
            assert_eq!(other.strings.keys().collect::<Vec<_>>(), keys, "{lang}");
        }
        // The colon after a label is typography, and differs by language.
        assert_eq!(en.get("label_colon"), ": ");
        assert_eq!(built_in("zh").get("label_colon"), "：");
    }
}
