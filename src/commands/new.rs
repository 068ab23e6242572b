//! `dossier new DIR`: start a site that builds with `dossier build --strict`
//! as it is, so a new user begins from something that works: a home page
//! and an example page per language, one claim, one source, one event.
//!
//! Languages the built-in theme speaks (en, tr, el, ru, zh) get real text.
//! Any other language gets English text marked as a placeholder, and a copy
//! of the English UI strings in the site's own `themes/default/i18n/`, since
//! `--strict` needs UI strings in every language.

use super::exit;
use crate::cli::NewArgs;
use crate::diagnostics::{Diagnostic, Kind};
use crate::parse::config::is_language_tag;
use crate::term::{Palette, Stream};
use std::collections::BTreeSet;
use std::path::Path;

/// The languages the built-in theme has UI strings for, and `dossier new` text.
pub(crate) const BUILT_IN_LANGUAGES: [&str; 5] = ["en", "tr", "el", "ru", "zh"];

pub fn run(args: NewArgs) -> u8 {
    let langs = match parse_languages(&args.languages) {
        Ok(l) => l,
        Err(d) => return report(&d),
    };
    let created = match prepare_folder(&args.dir) {
        Ok(created) => created,
        Err(d) => return report(&d),
    };
    let files = site_files(&langs);
    if let Err(d) = write_files(&args.dir, &files) {
        undo(&args.dir, created);
        return report(&d);
    }
    let codes: Vec<&str> = langs.iter().map(|l| l.code.as_str()).collect();
    println!(
        "Created a site in {} ({} files; languages: {}; default: {}).",
        args.dir.display(),
        files.len(),
        codes.join(", "),
        codes[0]
    );
    let placeholders = placeholder_codes(&langs);
    if !placeholders.is_empty() {
        println!(
            "The text in {} is English placeholder text, marked \"[{}: to translate]\"; \
             README.md in the new site says what to translate.",
            placeholders.join(", "),
            if placeholders.len() == 1 {
                placeholders[0]
            } else {
                "<code>"
            }
        );
    }
    println!("Next:");
    println!("  cd {}", shell_quote(&args.dir));
    println!("  dossier build --strict    # writes the site into public/");
    exit::SUCCESS
}

/// An error on stderr, its `error:` and `help:` coloured on a terminal;
/// gives the exit status.
fn report(d: &Diagnostic) -> u8 {
    eprintln!("{}", Palette::for_stream(Stream::Stderr).diagnostic(d));
    d.exit_class().code()
}

fn usage(message: String, help: &str) -> Diagnostic {
    Diagnostic::unlocated(Kind::Usage, message).help(help)
}

fn io(message: String) -> Diagnostic {
    Diagnostic::unlocated(Kind::Io, message)
}

/// A language of the new site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewLanguage {
    pub code: String,
    /// The built-in language whose text (and UI strings) it uses; `None`
    /// for placeholder text.
    pub texts_from: Option<&'static str>,
}

/// Validates `--languages`: BCP 47 tags, no repeats, at least one.
pub(crate) fn parse_languages(raw: &[String]) -> Result<Vec<NewLanguage>, Diagnostic> {
    let mut out: Vec<NewLanguage> = Vec::new();
    let mut seen = BTreeSet::new();
    for code in raw.iter().map(|c| c.trim()) {
        if code.is_empty() {
            return Err(usage(
                "--languages has an empty language code".into(),
                "list codes separated by commas, without spaces: `--languages en,fr`",
            ));
        }
        if !is_language_tag(code) {
            let lower = code.to_ascii_lowercase();
            let hint = if lower != code && is_language_tag(&lower) {
                format!("language codes start in lower case: `{lower}`")
            } else {
                "use a BCP 47 tag such as `en`, `tr`, `zh-Hans` or `pt-BR`".to_string()
            };
            return Err(usage(
                format!("--languages: `{code}` is not a language code"),
                &hint,
            ));
        }
        if !seen.insert(code.to_string()) {
            return Err(usage(
                format!("--languages lists `{code}` twice"),
                "give each language once; the first is the default",
            ));
        }
        out.push(NewLanguage {
            code: code.to_string(),
            texts_from: built_in_for(code),
        });
    }
    if out.is_empty() {
        return Err(usage(
            "--languages is empty".into(),
            "give at least one code: `--languages en`",
        ));
    }
    Ok(out)
}

/// `en` for `en` and `en-US`; none for `zh-Hant` (a script the built-in
/// Chinese text is not written in) or a language it does not have.
/// The languages whose texts are English placeholders (no built-in texts).
fn placeholder_codes(langs: &[NewLanguage]) -> Vec<&str> {
    langs
        .iter()
        .filter(|l| l.texts_from.is_none())
        .map(|l| l.code.as_str())
        .collect()
}

fn built_in_for(code: &str) -> Option<&'static str> {
    let mut parts = code.split('-');
    let primary = parts.next()?;
    let found = BUILT_IN_LANGUAGES.iter().find(|l| **l == primary)?;
    let script = parts.next().is_some_and(|p| p.len() == 4);
    (code == primary || !script).then_some(found)
}

/// Checks DIR: absent (it is created) or an empty folder. Returns whether
/// it was created, so a failed run can remove what it made.
fn prepare_folder(dir: &Path) -> Result<bool, Diagnostic> {
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => {
            let entries: Vec<String> = std::fs::read_dir(dir)
                .map_err(|e| io(format!("cannot read folder `{}`: {e}", dir.display())))?
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            if entries.is_empty() {
                return Ok(false);
            }
            let mut shown: Vec<String> = entries.iter().take(3).map(|n| format!("`{n}`")).collect();
            shown.sort();
            let more = if entries.len() > 3 {
                format!(" and {} more", entries.len() - 3)
            } else {
                String::new()
            };
            Err(usage(
                format!(
                    "`{}` is not empty (it holds {}{more}); dossier new writes only into a new or empty folder",
                    dir.display(),
                    shown.join(", ")
                ),
                "give a folder name that does not exist yet, such as `dossier new my-site`",
            ))
        }
        Ok(_) => Err(usage(
            format!("`{}` exists and is not a folder", dir.display()),
            "give a folder name that does not exist yet",
        )),
        Err(_) => std::fs::create_dir_all(dir)
            .map(|()| true)
            .map_err(|e| io(format!("cannot create folder `{}`: {e}", dir.display()))),
    }
}

fn write_files(dir: &Path, files: &[(String, String)]) -> Result<(), Diagnostic> {
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| io(format!("cannot create folder `{}`: {e}", parent.display())))?;
        }
        std::fs::write(&path, text)
            .map_err(|e| io(format!("cannot write `{}`: {e}", path.display())))?;
    }
    Ok(())
}

/// After a failed write: DIR was new or empty, so all it holds is ours.
fn undo(dir: &Path, created: bool) {
    if created {
        let _ = std::fs::remove_dir_all(dir);
    } else if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            let _ = if p.is_dir() {
                std::fs::remove_dir_all(&p)
            } else {
                std::fs::remove_file(&p)
            };
        }
    }
}

fn shell_quote(p: &Path) -> String {
    let s = p.display().to_string();
    if s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"/._-+".contains(&b))
    {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

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
    let default = langs[0].code.as_str();
    let map = |indent: &str, f: &dyn Fn(&Texts) -> &str| -> String {
        t.iter()
            .map(|(code, texts)| format!("{indent}{code}: {}\n", q(f(texts))))
            .collect()
    };
    let mut files = Vec::new();

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
    files.push(("site.yaml".to_string(), site));

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

    files.push((
        ".gitignore".to_string(),
        "# Written by `dossier build`: rebuild it rather than commit it.\n\
         /public/\n/.public.dossier-staging-*\n/.public.dossier-old-*\n"
            .to_string(),
    ));
    files.push(("README.md".to_string(), readme(langs, &copied)));
    files
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

#[allow(clippy::too_many_arguments)]
fn texts_of(
    site_title: &str,
    home_description: &str,
    home_body: &str,
    page_title: &str,
    page_description: &str,
    page_body: &str,
    claim: &str,
    attributed_to: &str,
    source_title: &str,
    source_summary: &str,
    event: &str,
    topic: &str,
) -> Texts {
    Texts {
        site_title: site_title.into(),
        home_description: home_description.into(),
        home_body: home_body.into(),
        page_title: page_title.into(),
        page_description: page_description.into(),
        page_body: page_body.into(),
        claim: claim.into(),
        attributed_to: attributed_to.into(),
        source_title: source_title.into(),
        source_summary: source_summary.into(),
        event: event.into(),
        topic: topic.into(),
    }
}

/// The starter text in each language the built-in theme speaks. The pages
/// link to each other, the claim, the source and the event, and the
/// example page has a heading with the same explicit id in every language.
fn built_in_texts(lang: &str) -> Option<Texts> {
    Some(match lang {
        "en" => texts_of(
            "My explainer",
            "An explainer built with dossier.",
            "This is the home page. Replace this text with a short introduction to your subject.\n\n\
             - Read the [example page](page:example) and its section on\n  \
             [how a claim is linked](page:example#linking).\n\
             - Every statement links to a claim, such as [this example claim](claim:example-claim),\n  \
             and every claim to its sources, such as [the example source](source:example-source).\n\
             - Dated events go on the timeline: [the example event](event:example-event).",
            "An example page",
            "How pages, claims and sources fit together.",
            "Each Markdown file in `content/<language>/` is a page; a file with the same name\n\
             in another language's folder is its translation.\n\n\
             ## How a claim is linked {#linking}\n\n\
             Write a link with the `claim:` scheme, such as [the example claim](claim:example-claim),\n\
             and dossier turns it into a link to the claim's page, which lists its sources and\n\
             where it is cited. Back to the [home page](page:/).",
            "This is an example claim: replace it with a statement from your sources.",
            "The example newspaper",
            "An example article",
            "A made-up source that shows how sources are written. Replace it with a real one.",
            "The example claim is reported",
            "Example topic",
        ),
        "tr" => texts_of(
            "Açıklayıcı sitem",
            "dossier ile hazırlanmış açıklayıcı bir site.",
            "Bu ana sayfadır. Bu metni konunuza kısa bir girişle değiştirin.\n\n\
             - [Örnek sayfayı](page:example) ve onun\n  \
             [bir iddianın nasıl bağlandığını](page:example#linking) anlatan bölümünü okuyun.\n\
             - Her ifade bir iddiaya bağlanır, örneğin [bu örnek iddia](claim:example-claim);\n  \
             her iddia da kaynaklarına, örneğin [örnek kaynak](source:example-source).\n\
             - Tarihli olaylar zaman çizelgesinde yer alır: [örnek olay](event:example-event).",
            "Örnek bir sayfa",
            "Sayfalar, iddialar ve kaynaklar nasıl bir araya gelir.",
            "`content/<dil>/` klasöründeki her Markdown dosyası bir sayfadır; başka bir dilin\n\
             klasöründe aynı adı taşıyan dosya onun çevirisidir.\n\n\
             ## Bir iddia nasıl bağlanır {#linking}\n\n\
             `claim:` şemasıyla bir bağlantı yazın, örneğin [örnek iddia](claim:example-claim);\n\
             dossier bunu iddianın sayfasına giden bir bağlantıya çevirir. O sayfa iddianın\n\
             kaynaklarını ve nerede anıldığını listeler. [Ana sayfaya](page:/) dönün.",
            "Bu örnek bir iddiadır: onu kaynaklarınızdan bir ifadeyle değiştirin.",
            "Örnek gazete",
            "Örnek bir makale",
            "Kaynakların nasıl yazıldığını gösteren uydurma bir kaynak. Gerçek bir kaynakla değiştirin.",
            "Örnek iddia haberlere yansıyor",
            "Örnek konu",
        ),
        "el" => texts_of(
            "Ο επεξηγηματικός μου ιστότοπος",
            "Ένας επεξηγηματικός ιστότοπος φτιαγμένος με το dossier.",
            "Αυτή είναι η αρχική σελίδα. Αντικαταστήστε αυτό το κείμενο με μια σύντομη εισαγωγή στο θέμα σας.\n\n\
             - Διαβάστε την [ενδεικτική σελίδα](page:example) και την ενότητά της για το\n  \
             [πώς συνδέεται ένας ισχυρισμός](page:example#linking).\n\
             - Κάθε δήλωση παραπέμπει σε έναν ισχυρισμό, όπως [αυτός ο ενδεικτικός ισχυρισμός](claim:example-claim),\n  \
             και κάθε ισχυρισμός στις πηγές του, όπως [η ενδεικτική πηγή](source:example-source).\n\
             - Τα χρονολογημένα γεγονότα μπαίνουν στο χρονολόγιο: [το ενδεικτικό γεγονός](event:example-event).",
            "Μια ενδεικτική σελίδα",
            "Πώς συνδέονται οι σελίδες, οι ισχυρισμοί και οι πηγές.",
            "Κάθε αρχείο Markdown στον φάκελο `content/<γλώσσα>/` είναι μια σελίδα· ένα αρχείο με\n\
             το ίδιο όνομα στον φάκελο άλλης γλώσσας είναι η μετάφρασή της.\n\n\
             ## Πώς συνδέεται ένας ισχυρισμός {#linking}\n\n\
             Γράψτε έναν σύνδεσμο με το σχήμα `claim:`, όπως [ο ενδεικτικός ισχυρισμός](claim:example-claim),\n\
             και το dossier τον μετατρέπει σε σύνδεσμο προς τη σελίδα του ισχυρισμού, όπου\n\
             αναφέρονται οι πηγές του και πού παρατίθεται. Πίσω στην [αρχική σελίδα](page:/).",
            "Αυτός είναι ένας ενδεικτικός ισχυρισμός: αντικαταστήστε τον με μια δήλωση από τις πηγές σας.",
            "Η ενδεικτική εφημερίδα",
            "Ένα ενδεικτικό άρθρο",
            "Μια επινοημένη πηγή που δείχνει πώς καταγράφονται οι πηγές. Αντικαταστήστε την με μια πραγματική.",
            "Ο ενδεικτικός ισχυρισμός δημοσιεύεται",
            "Ενδεικτικό θέμα",
        ),
        "ru" => texts_of(
            "Мой разъясняющий сайт",
            "Разъясняющий сайт, созданный с помощью dossier.",
            "Это главная страница. Замените этот текст кратким введением в вашу тему.\n\n\
             - Прочитайте [пример страницы](page:example) и её раздел о том,\n  \
             [как связывается утверждение](page:example#linking).\n\
             - Каждое высказывание ссылается на утверждение, например [этот пример утверждения](claim:example-claim),\n  \
             а каждое утверждение — на свои источники, например [пример источника](source:example-source).\n\
             - Датированные события попадают в хронологию: [пример события](event:example-event).",
            "Пример страницы",
            "Как связаны страницы, утверждения и источники.",
            "Каждый файл Markdown в папке `content/<язык>/` — это страница; файл с тем же именем\n\
             в папке другого языка — её перевод.\n\n\
             ## Как связывается утверждение {#linking}\n\n\
             Напишите ссылку со схемой `claim:`, например [пример утверждения](claim:example-claim),\n\
             и dossier превратит её в ссылку на страницу утверждения, где перечислены его источники\n\
             и места, где оно упоминается. Назад на [главную страницу](page:/).",
            "Это пример утверждения: замените его высказыванием из ваших источников.",
            "Условная газета",
            "Пример статьи",
            "Вымышленный источник, который показывает, как описываются источники. Замените его настоящим.",
            "Пример утверждения появляется в прессе",
            "Пример темы",
        ),
        "zh" => texts_of(
            "我的解说网站",
            "用 dossier 制作的解说网站。",
            "这是首页。请把这段文字换成对你的主题的简短介绍。\n\n\
             - 阅读[示例页面](page:example)，以及其中讲[如何链接一条说法](page:example#linking)的部分。\n\
             - 每一句陈述都链接到一条说法，例如[这条示例说法](claim:example-claim)；\n  \
             每条说法又链接到它的来源，例如[示例来源](source:example-source)。\n\
             - 有日期的事件列在时间线上：[示例事件](event:example-event)。",
            "示例页面",
            "页面、说法与来源如何相互关联。",
            "`content/<语言>/` 文件夹中的每个 Markdown 文件都是一个页面；另一种语言文件夹中\n\
             同名的文件就是它的译文。\n\n\
             ## 如何链接一条说法 {#linking}\n\n\
             用 `claim:` 格式写一个链接，例如[示例说法](claim:example-claim)，dossier 会把它变成\n\
             指向该说法页面的链接；那个页面列出它的来源以及引用它的地方。返回[首页](page:/)。",
            "这是一条示例说法：请换成来自你的资料来源的陈述。",
            "示例报纸",
            "一篇示例文章",
            "一个虚构的来源，用来展示如何填写来源。请换成真实的来源。",
            "示例说法见报",
            "示例主题",
        ),
        _ => return None,
    })
}
