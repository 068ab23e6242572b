//! `site.yaml`: what the site is called, which languages it has and in what
//! order, which theme it uses. Parsed raw, then resolved and validated.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::parse::slug;
use crate::parse::spans::{at, Spans};
use crate::parse::text::LangText;
use crate::parse::yaml;
use serde::Deserialize;
use std::collections::BTreeMap;

pub(crate) const CONFIG_FILE: &str = "site.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: LangText,
    default_language: String,
    languages: Vec<RawLanguage>,
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    base_url: Option<String>,
    #[serde(default)]
    topics: BTreeMap<String, LangText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    code: String,
    name: String,
    #[serde(default)]
    dir: Option<TextDirection>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum TextDirection {
    #[default]
    Ltr,
    Rtl,
}

impl TextDirection {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            TextDirection::Ltr => "ltr",
            TextDirection::Rtl => "rtl",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Language {
    pub code: String,
    /// The language's own name for itself (autonym).
    pub name: String,
    pub dir: TextDirection,
}

/// A configured language: an index into [`SiteConfig::languages`], made
/// only by the configuration ([`SiteConfig::langs`], [`SiteConfig::lang`]),
/// so a per-language table ([`PerLang`]) indexed by it cannot miss. (`u32`: site.yaml is at most 8 MB, far fewer entries.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Lang(u32);

/// One value per configured language, in switcher order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PerLang<T>(Vec<T>);

impl<T> PerLang<T> {
    /// A value for each language of `config`.
    pub(crate) fn new(config: &SiteConfig, f: impl FnMut(Lang) -> T) -> Self {
        PerLang(config.langs().map(f).collect())
    }

    pub(crate) fn iter_mut(&mut self) -> impl Iterator<Item = (Lang, &mut T)> {
        self.0
            .iter_mut()
            .enumerate()
            .map(|(i, v)| (Lang(i as u32), v))
    }

    pub(crate) fn values(&self) -> impl Iterator<Item = &T> {
        self.0.iter()
    }
}

impl<T> Default for PerLang<T> {
    fn default() -> Self {
        PerLang(Vec::new())
    }
}

impl<T> std::ops::Index<Lang> for PerLang<T> {
    type Output = T;
    fn index(&self, lang: Lang) -> &T {
        &self.0[lang.0 as usize]
    }
}

impl<T> std::ops::IndexMut<Lang> for PerLang<T> {
    fn index_mut(&mut self, lang: Lang) -> &mut T {
        &mut self.0[lang.0 as usize]
    }
}

/// The validated configuration.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: LangText,
    /// In switcher order; the default language is among them.
    pub languages: Vec<Language>,
    pub default_language: String,
    pub theme: String,
    /// Absolute, ending in `/`.
    pub base_url: Option<String>,
    pub topics: BTreeMap<String, LangText>,
}

impl SiteConfig {
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// Every language, in switcher order.
    pub(crate) fn langs(&self) -> impl Iterator<Item = Lang> + Clone {
        (0..self.languages.len()).map(|i| Lang(i as u32))
    }

    /// The default language (`parse` checked that it is configured).
    pub(crate) fn default_lang(&self) -> Lang {
        self.lang(&self.default_language).unwrap_or(Lang(0))
    }

    /// The configured language of a code.
    pub fn lang(&self, code: &str) -> Option<Lang> {
        self.langs().find(|&l| self.code(l) == code)
    }

    /// A language's code (`en`, `zh-Hans`).
    pub(crate) fn code(&self, lang: Lang) -> &str {
        &self.languages[lang.0 as usize].code
    }

    pub fn codes(&self) -> impl Iterator<Item = &str> + Clone {
        self.languages.iter().map(|l| l.code.as_str())
    }

    /// Checks that every key of a per-language map is a configured language.
    /// `line_of` gives the line of a language's key.
    pub(crate) fn check_lang_keys(
        &self,
        text: &LangText,
        path: &str,
        line_of: &dyn Fn(&str) -> Option<usize>,
        what: &str,
        diags: &mut Diagnostics,
    ) {
        for code in text.keys() {
            if self.language(code).is_none() {
                let line = line_of(code);
                let d = match crate::parse::langtag::case_variant(code, self.codes()) {
                    Some(known) => Diagnostic::error(
                        path,
                        format!("{what}: language code `{code}` is written `{known}` in site.yaml"),
                    )
                    .help(format!("write `{known}`: a language code is spelled everywhere as site.yaml spells it")),
                    None => Diagnostic::error(
                        path,
                        format!("{what}: language code `{code}` is not in site.yaml"),
                    )
                    .help(format!(
                        "the site's languages are {}",
                        quoted_list(self.codes())
                    )),
                };
                diags.push(d.at(line, None));
            }
        }
    }
}

pub(crate) fn quoted_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A well-formed BCP 47 tag dossier accepts (see [`crate::parse::langtag`]).
pub fn is_language_tag(code: &str) -> bool {
    crate::parse::langtag::tag_problem(code).is_none()
}

/// An absolute http(s) URL with nothing in it that could end a line or an
/// attribute on its own: no whitespace, no control characters.
/// The scheme is read without regard to case, as RFC 3986 says
/// (`HTTPS://` is `https://`).
pub(crate) fn is_http_url(u: &str) -> bool {
    let scheme = u.split_once("://").map_or("", |(s, _)| s);
    (scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http"))
        && u.split_once("://")
            .is_some_and(|(_, rest)| !rest.is_empty())
        && !u.contains(|c: char| c.is_whitespace() || c.is_control())
}

pub fn parse(text: &str) -> Result<SiteConfig, Diagnostics> {
    let path = CONFIG_FILE;
    let raw: RawConfig = yaml::parse(path, text, 1).map_err(|d| Diagnostics::from_iter([d]))?;
    let mut diags = Diagnostics::new();
    let spans = Spans::of(text, 1);
    let languages = languages(raw.languages, &spans, &mut diags);
    if languages.is_empty() {
        diags.push(
            Diagnostic::error(path, "`languages` is empty")
                .help("list at least one language: `languages: [{code: en, name: English}]`"),
        );
    }
    if !languages.iter().any(|l| l.code == raw.default_language) {
        diags.push(
            Diagnostic::error(
                path,
                format!(
                    "default_language `{}` is not in `languages`",
                    raw.default_language
                ),
            )
            .at(spans.key(&at!["default_language"]), None)
            .help(format!(
                "choose one of {}",
                quoted_list(languages.iter().map(|l| l.code.as_str()))
            )),
        );
    }
    let theme = raw.theme.unwrap_or_else(|| "default".to_string());
    if !slug::is_safe_id(&theme) {
        diags.push(
            Diagnostic::error(
                path,
                format!("theme name `{theme}` is not a safe folder name"),
            )
            .at(spans.key(&at!["theme"]), None)
            .help(slug::SAFE_ID_HELP),
        );
    }
    let base_url = match raw.base_url {
        Some(u) if crate::parse::config::is_http_url(&u) => {
            Some(if u.ends_with('/') { u } else { format!("{u}/") })
        }
        Some(u) => {
            diags.push(
                Diagnostic::error(
                    path,
                    format!("base_url `{u}` is not an absolute http(s) URL"),
                )
                .at(spans.key(&at!["base_url"]), None)
                .help("write it in full, without spaces, such as `https://example.org/r2/`, or leave it out"),
            );
            None
        }
        None => None,
    };
    let config = SiteConfig {
        title: raw.title,
        languages,
        default_language: raw.default_language,
        theme,
        base_url,
        topics: raw.topics,
    };
    let title_line = |code: &str| spans.key(&at!["title", code]);
    config.check_lang_keys(&config.title, path, &title_line, "title", &mut diags);
    if !config.title.contains_key(&config.default_language) {
        diags.push(Diagnostic::error(
            path,
            format!(
                "`title` has no text in the default language `{}`",
                config.default_language
            ),
        ));
    }
    for (topic, labels) in &config.topics {
        if !slug::is_safe_id(topic) {
            diags.push(
                Diagnostic::error(path, format!("topic id `{topic}` is not a safe id"))
                    .at(spans.key(&at!["topics", topic.as_str()]), None)
                    .help(slug::SAFE_ID_HELP),
            );
        }
        let label_line = |code: &str| spans.key(&at!["topics", topic.as_str(), code]);
        let what = format!("topic `{topic}`");
        config.check_lang_keys(labels, path, &label_line, &what, &mut diags);
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(config)
    }
}

/// The configured languages; each problem is reported at the line naming
/// the language.
fn languages(raw: Vec<RawLanguage>, spans: &Spans, diags: &mut Diagnostics) -> Vec<Language> {
    let path = CONFIG_FILE;
    let mut languages: Vec<Language> = Vec::new();
    for (i, l) in raw.into_iter().enumerate() {
        let line = spans.value(&at!["languages", i, "code"]);
        if let Some(why) = crate::parse::langtag::site_code_problem(&l.code) {
            diags.push(
                Diagnostic::error(
                    path,
                    format!("`{}` is not a language code dossier can use: {why}", l.code),
                )
                .at(line, None)
                .help(crate::parse::langtag::site_code_help(&l.code)),
            );
        } else if slug::is_reserved_name(&l.code) {
            diags.push(
                Diagnostic::error(
                    path,
                    format!(
                        "language code `{}` would name a folder that Windows reserves for a device",
                        l.code
                    ),
                )
                .at(line, None)
                .help("add a region or script subtag, such as `{code}-EC`, so the folder can exist everywhere".replace("{code}", &l.code)),
            );
        } else if let Some(first) = languages
            .iter()
            .find(|x| crate::parse::langtag::same(&x.code, &l.code))
        {
            let msg = if first.code == l.code {
                format!("language `{}` is listed twice", l.code)
            } else {
                format!(
                    "language `{}` is listed twice: `{}` is the same language (language codes ignore case)",
                    l.code, first.code
                )
            };
            diags.push(
                Diagnostic::error(path, msg)
                    .at(line, None)
                    .help("list each language once"),
            );
        } else if l.name.trim().is_empty() {
            diags.push(
                Diagnostic::error(path, format!("language `{}` has an empty name", l.code))
                    .at(line, None)
                    .help("give the language's own name, such as `Türkçe`"),
            );
        }
        languages.push(Language {
            code: l.code,
            name: l.name,
            dir: l.dir.unwrap_or_default(),
        });
    }
    languages
}
