//! The files of a new site: `site.yaml`, a home page and an example page
//! per language, a claim, a source, an event, UI strings the built-in
//! theme lacks, and a README. The prose comes from `starter/<lang>.yaml`.

use super::{placeholder_codes, NewLanguage, BUILT_IN_LANGUAGES};

/// A YAML double-quoted scalar (JSON's string syntax is valid YAML).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The text of one language, or English marked as a placeholder.
fn texts(lang: &NewLanguage) -> Texts {
    match lang.texts_from.and_then(built_in_texts) {
        Some(t) => t,
        None => {
            let en = built_in_texts("en").expect("English text is built in");
            let mark = |s: &str| format!("[{}: to translate] {s}", lang.code);
            let body = |s: &str| {
                format!(
                    "> **Placeholder ({}):** this is English text for you to translate.\n\n{s}",
                    lang.code
                )
            };
            Texts {
                site_title: mark(&en.site_title),
                home_description: mark(&en.home_description),
                home_body: body(&en.home_body),
                page_title: mark(&en.page_title),
                page_description: mark(&en.page_description),
                page_body: body(&en.page_body),
                claim: mark(&en.claim),
                attributed_to: mark(&en.attributed_to),
                source_title: mark(&en.source_title),
                source_summary: mark(&en.source_summary),
                event: mark(&en.event),
                topic: mark(&en.topic),
            }
        }
    }
}

/// Every file of the new site, by path relative to DIR.
pub(crate) fn site_files(langs: &[NewLanguage]) -> Vec<(String, String)> {
    let t: Vec<(&str, Texts)> = langs.iter().map(|l| (l.code.as_str(), texts(l))).collect();
    let mut files = vec![("site.yaml".to_string(), site_yaml(langs, &t))];
    for (code, x) in &t {
        files.push((
            format!("content/{code}/_index.md"),
            format!(
                "---\ntitle: {}\ndescription: {}\n---\n\n{}\n",
                q(&x.site_title),
                q(&x.home_description),
                x.home_body
            ),
        ));
        files.push((
            format!("content/{code}/example.md"),
            format!(
                "---\ntitle: {}\ndescription: {}\nweight: 10\n---\n\n{}\n",
                q(&x.page_title),
                q(&x.page_description),
                x.page_body
            ),
        ));
    }
    files.extend(data_files(&t));
    let (theme_files, copied) = theme_copies(langs);
    files.extend(theme_files);
    files.push((
        ".gitignore".to_string(),
        "# Written by `dossier build`: rebuild it rather than commit it.\n\
         /public/\n/.public.dossier-staging-*\n/.public.dossier-old-*\n"
            .to_string(),
    ));
    files.push(("README.md".to_string(), readme(langs, &copied)));
    files
}

/// One text per language, as the entries of a YAML map at `indent`.
fn per_lang(t: &[(&str, Texts)], indent: &str, f: &dyn Fn(&Texts) -> &str) -> String {
    t.iter()
        .map(|(code, texts)| format!("{indent}{code}: {}\n", q(f(texts))))
        .collect()
}

fn site_yaml(langs: &[NewLanguage], t: &[(&str, Texts)]) -> String {
    let default = langs[0].code.as_str();
    let map = |indent: &str, f: &dyn Fn(&Texts) -> &str| per_lang(t, indent, f);
    let mut site = String::from(
        "# The site's settings. The README of dossier describes every field.\n\
         title:\n",
    );
    site.push_str(&map("  ", &|x| &x.site_title));
    site.push_str(&format!(
        "default_language: {default}\n\
         # The language switcher's order. `dir: rtl` for right-to-left scripts.\n\
         languages:\n"
    ));
    for l in langs {
        let (name, rtl) = language_name(&l.code);
        let name = name.unwrap_or(&l.code);
        site.push_str(&format!("  - {{code: {}, name: {}", l.code, q(name)));
        if rtl {
            site.push_str(", dir: rtl");
        }
        site.push('}');
        if language_name(&l.code).0.is_none() {
            site.push_str("   # write the language's own name here");
        }
        site.push('\n');
    }
    site.push_str(
        "# When you publish, set the address the site will have (with a final /):\n\
         # it is used for canonical links, sitemap.xml and the links of 404.html.\n\
         # base_url: https://example.org/my-explainer/\n\
         topics:\n  example:\n",
    );
    site.push_str(&map("    ", &|x| &x.topic));
    site
}

/// The claim, the source and the event.
fn data_files(t: &[(&str, Texts)]) -> Vec<(String, String)> {
    let default = t[0].0;
    let map = |indent: &str, f: &dyn Fn(&Texts) -> &str| per_lang(t, indent, f);
    let mut files = Vec::new();
    let mut claim = String::from(
        "# One claim per file; the file name is its id (claim:example-claim).\n\
         # status: confirmed, reported, rumored, disputed, denied, opinion or superseded.\n\
         statement:\n",
    );
    claim.push_str(&map("  ", &|x| &x.claim));
    claim.push_str("status: reported\ntopics: [example]\nattributed_to:\n");
    claim.push_str(&map("  ", &|x| &x.attributed_to));
    claim.push_str(
        "date: 2025-03\n\
         sources:\n  - source: example-source\n    stance: supports   # supports, contradicts or mentions\n",
    );
    files.push(("content/claims/example-claim.yaml".to_string(), claim));

    let mut sources = format!(
        "# The sources claims cite. This one is made up: replace it with a real one.\n\
         - id: example-source\n  language: {default}   # the language the article is written in\n  \
         outlet: {}\n  published: 2025-03-01\n  original_title: {}\n  title:\n",
        q("Example Daily"),
        q(&t[0].1.source_title)
    );
    sources.push_str(&map("    ", &|x| &x.source_title));
    sources.push_str("  summary:\n");
    sources.push_str(&map("    ", &|x| &x.source_summary));
    files.push(("content/sources.yaml".to_string(), sources));

    let mut timeline = String::from(
        "# Dated events, shown in date order. `planned: true` for what is scheduled.\n\
         - id: example-event\n  date: 2025-03-01\n  title:\n",
    );
    timeline.push_str(&map("    ", &|x| &x.event));
    timeline.push_str("  claims: [example-claim]\n");
    files.push(("content/timeline.yaml".to_string(), timeline));

    files
}

/// For languages the built-in theme has no UI strings for, a copy of the
/// closest built-in language's (English where there is none), and a README
/// saying so; and the codes copied.
fn theme_copies(langs: &[NewLanguage]) -> (Vec<(String, String)>, Vec<&str>) {
    let mut files = Vec::new();
    let theme = crate::theme::default_theme_files();
    let mut copied = Vec::new();
    for l in langs {
        if BUILT_IN_LANGUAGES.contains(&l.code.as_str()) {
            continue;
        }
        let from = l.texts_from.unwrap_or("en");
        let Some(file) = theme.get(&format!("i18n/{from}.yaml")) else {
            continue;
        };
        let original = String::from_utf8_lossy(&file.bytes);
        let header = match l.texts_from {
            Some(_) => format!(
                "# UI strings for `{}`, copied from the built-in theme's `{from}` strings by\n\
                 # `dossier new`: the built-in theme has no file for `{}` itself.\n",
                l.code, l.code
            ),
            None => format!(
                "# UI strings for `{}`: a copy of the built-in theme's ENGLISH strings,\n\
                 # written by `dossier new` because the built-in theme has none for `{}`\n\
                 # and `dossier build --strict` needs them in every language.\n\
                 # Translate the values (month names, date patterns, labels); keep the keys.\n",
                l.code, l.code
            ),
        };
        let body: String = original
            .lines()
            .skip_while(|line| line.starts_with('#'))
            .map(|line| {
                if line.starts_with("og_locale:") {
                    format!("og_locale: {}\n", l.code.replace('-', "_"))
                } else {
                    format!("{line}\n")
                }
            })
            .collect();
        files.push((
            format!("themes/default/i18n/{}.yaml", l.code),
            format!("{header}{body}"),
        ));
        copied.push(l.code.as_str());
    }
    if !copied.is_empty() {
        files.push((
            "themes/default/README.md".to_string(),
            format!(
                "# Theme overrides\n\n\
                 Files here override the built-in theme file by file. `dossier new` put\n\
                 `i18n/<lang>.yaml` here for {}: the built-in theme has UI strings only for\n\
                 {}, and `dossier build --strict` needs UI strings in every\n\
                 language of the site. Translate the values; keep every key.\n",
                copied
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                BUILT_IN_LANGUAGES.join(", ")
            ),
        ));
    }

    (files, copied)
}

fn readme(langs: &[NewLanguage], copied: &[&str]) -> String {
    let codes: Vec<&str> = langs.iter().map(|l| l.code.as_str()).collect();
    let mut s = format!(
        "# A dossier site\n\n\
         Languages: {} (the first, `{}`, is the default).\n\n\
         ## Build it\n\n    \
         dossier build --strict    # writes the site into public/\n\n\
         `--strict` fails on any missing translation; without it, dossier shows\n\
         the default language's text where a translation is missing, with a notice.\n\
         Open `public/index.html` in a browser, or serve `public/` with any static\n\
         server: every link is relative, so it also works under a subpath.\n\n\
         ## What is where\n\n\
         - `site.yaml`: the title, the languages, topic labels, `base_url`.\n\
         - `content/<lang>/_index.md`: each language's home page;\n  \
         `content/<lang>/example.md`: a page (the same file name in each language).\n\
         - `content/claims/example-claim.yaml`: one claim per file, citing sources.\n\
         - `content/sources.yaml`: the sources; `content/timeline.yaml`: dated events.\n\n\
         Link them from Markdown with `[text](page:example)`, `(claim:example-claim)`,\n\
         `(source:example-source)` and `(event:example-event)`.\n",
        codes.join(", "),
        codes[0]
    );
    let placeholders = placeholder_codes(langs);
    if !placeholders.is_empty() {
        s.push_str(&format!(
            "\n## To translate\n\n\
             The text in {} is English placeholder text, marked `[<code>: to translate]`:\n\
             `dossier new` has starter text only in {}. Translate it in `site.yaml`,\n\
             `content/<code>/` and the `content/` YAML files.\n",
            placeholders
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", "),
            BUILT_IN_LANGUAGES.join(", ")
        ));
    }
    if !copied.is_empty() {
        s.push_str(&format!(
            "\nThe built-in theme has UI strings (menus, labels, month names) only for\n\
             {}. For {}, `themes/default/i18n/<code>.yaml` holds a copy of the\n\
             closest built-in language's strings (English where there is none): translate\n\
             or adjust them there. `dossier build --strict` needs that file.\n",
            BUILT_IN_LANGUAGES.join(", "),
            copied
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    s
}

/// The language's own name and whether it is written right to left.
fn language_name(code: &str) -> (Option<&'static str>, bool) {
    let primary = code.split('-').next().unwrap_or(code);
    let name = match primary {
        "en" => "English",
        "tr" => "Türkçe",
        "el" => "Ελληνικά",
        "ru" => "Русский",
        "zh" => "中文",
        "ar" => "العربية",
        "de" => "Deutsch",
        "es" => "Español",
        "fa" => "فارسی",
        "fr" => "Français",
        "he" => "עברית",
        "hi" => "हिन्दी",
        "it" => "Italiano",
        "ja" => "日本語",
        "ko" => "한국어",
        "nl" => "Nederlands",
        "pl" => "Polski",
        "pt" => "Português",
        "uk" => "Українська",
        "ur" => "اردو",
        _ => return (None, false),
    };
    (Some(name), matches!(primary, "ar" | "fa" | "he" | "ur"))
}

/// The starter text of one language (`starter/<lang>.yaml`).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Texts {
    site_title: String,
    home_description: String,
    home_body: String,
    page_title: String,
    page_description: String,
    page_body: String,
    claim: String,
    attributed_to: String,
    source_title: String,
    source_summary: String,
    event: String,
    topic: String,
}

/// The starter text in each language the built-in theme speaks, compiled
/// in (as the theme is).
const STARTER: [(&str, &str); 5] = [
    ("en", include_str!("../../../starter/en.yaml")),
    ("tr", include_str!("../../../starter/tr.yaml")),
    ("el", include_str!("../../../starter/el.yaml")),
    ("ru", include_str!("../../../starter/ru.yaml")),
    ("zh", include_str!("../../../starter/zh.yaml")),
];

/// The starter text of a built-in language.
fn built_in_texts(lang: &str) -> Option<Texts> {
    let (_, yaml) = STARTER.iter().find(|(code, _)| *code == lang)?;
    serde_yaml::from_str(yaml).ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_built_in_language_has_starter_text() {
        for lang in super::BUILT_IN_LANGUAGES {
            let texts = super::built_in_texts(lang);
            assert!(texts.is_some(), "starter/{lang}.yaml does not parse");
        }
    }
}
