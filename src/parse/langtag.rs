//! Language codes: which BCP 47 tags a site may use, and how two codes are
//! compared. A code names a folder, every page's URL, the `lang` of its
//! HTML and the search index's files, so it must suit all of them; this is
//! the one place that says what that takes.
//!
//! - Well-formed BCP 47 (RFC 5646), checked by the `language-tags` crate,
//!   beginning with a language subtag of 2–3 letters in lower case (`en`,
//!   `zh-Hans`, `pt-BR`, `ca-ES-valencia`).
//! - At most [`MAX_SITE_CODE_LEN`] characters for a site's language (see
//!   there why).
//! - Compared without regard to case, as BCP 47 says (`pt-BR` is `pt-br`):
//!   a site may not list both. A code is written in folders, URLs and
//!   `{code: text}` keys exactly as `site.yaml` spells it; another spelling
//!   is refused with a hint rather than matched quietly.

/// The longest language code a site may use. Pagefind (1.6) names each
/// language's index file by a SHA-1 hash written in hex without leading
/// zeros (20 to 40 characters) and cut to the code's length plus 8
/// characters: a code of more than 12 characters can cut past the end of a
/// short hash and stop the build. Every registered tag in common use
/// (`zh-Hant-HK`, `sr-Latn-RS`, `de-CH-1996`) fits.
pub const MAX_SITE_CODE_LEN: usize = 12;

/// What valid codes look like, for a `help:` line.
pub const CODE_HELP: &str = "use a BCP 47 tag such as `en`, `tr`, `zh-Hans` or `pt-BR`: a language of 2 or 3 lower-case letters, then subtags of letters and digits joined by `-`";

/// Why `code` is not a BCP 47 tag dossier accepts, if it is not one.
pub fn tag_problem(code: &str) -> Option<String> {
    if let Err(e) = language_tags::LanguageTag::parse(code) {
        return Some(format!("it is not a well-formed BCP 47 tag ({e})"));
    }
    let primary = code.split('-').next().unwrap_or("");
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Some("it does not begin with a language subtag of 2 or 3 letters".into());
    }
    if !primary.bytes().all(|b| b.is_ascii_lowercase()) {
        return Some(format!(
            "its language subtag is written in upper case (`{}`)",
            primary.to_ascii_lowercase()
        ));
    }
    None
}

/// Why `code` cannot be one of a site's languages, if it cannot: as
/// [`tag_problem`], and no longer than [`MAX_SITE_CODE_LEN`].
pub fn site_code_problem(code: &str) -> Option<String> {
    if let Some(p) = tag_problem(code) {
        return Some(p);
    }
    (code.len() > MAX_SITE_CODE_LEN).then(|| {
        format!(
            "it is {} characters long; a site's language code may have at most {MAX_SITE_CODE_LEN} (the search index names its files after it)",
            code.len()
        )
    })
}

/// What to write instead of a code that [`site_code_problem`] refused.
pub fn site_code_help(code: &str) -> String {
    if tag_problem(code).is_none() && code.len() > MAX_SITE_CODE_LEN {
        let mut short = code;
        while short.len() > MAX_SITE_CODE_LEN {
            short = short.rsplit_once('-').map_or(short, |(head, _)| head);
        }
        return format!("use a shorter tag for the language, such as `{short}` (at most {MAX_SITE_CODE_LEN} characters)");
    }
    CODE_HELP.to_string()
}

/// Whether two codes name the same language (BCP 47 ignores case).
pub fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// The code among `codes` that `written` spells differently only by case.
pub fn case_variant<'a>(
    written: &str,
    codes: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    codes
        .into_iter()
        .find(|c| *c != written && same(c, written))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_tags_are_accepted() {
        for code in [
            "en",
            "tr",
            "zh-Hans",
            "pt-BR",
            "sr-Latn-RS",
            "es-419",
            "de-CH-1996",
            "gsw",
            "con-EC",
        ] {
            assert_eq!(site_code_problem(code), None, "{code}");
        }
    }

    #[test]
    fn malformed_tags_say_why() {
        for code in [
            "",
            "e",
            "en_US",
            "en-",
            "en--us",
            "toolongsubtag-x",
            "en-abcdefghi",
            "x-private",
            "i-klingon",
            "1a",
            "é",
        ] {
            assert!(tag_problem(code).is_some(), "{code:?} was accepted");
        }
        assert!(tag_problem("EN").unwrap().contains("upper case (`en`)"));
    }

    #[test]
    fn long_codes_fit_the_search_index_or_are_refused() {
        assert_eq!(site_code_problem("ca-ES-valencia").map(|_| ()), Some(()));
        let p = site_code_problem("de-CH-1901-fonipa-fonxsamp-alalc97").unwrap();
        assert!(
            p.contains("34 characters") && p.contains("at most 12"),
            "{p}"
        );
        let help = site_code_help("de-CH-1901-fonipa-fonxsamp-alalc97");
        assert!(help.contains("such as `de-CH-1901`"), "{help}");
        assert_eq!(site_code_help("en_US"), CODE_HELP);
        // A source's language is not a folder or an index: only well-formed.
        assert_eq!(tag_problem("de-CH-1901-fonipa-fonxsamp-alalc97"), None);
    }

    #[test]
    fn codes_compare_without_case() {
        assert!(same("pt-BR", "pt-br"));
        assert!(!same("pt-BR", "pt"));
        assert_eq!(case_variant("pt-br", ["en", "pt-BR"]), Some("pt-BR"));
        assert_eq!(case_variant("pt-BR", ["en", "pt-BR"]), None);
    }
}
