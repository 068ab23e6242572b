//! Ids and heading anchors: what counts as a safe id, and how heading text
//! becomes a stable anchor in any script.

/// A safe id: lowercase ASCII letters, digits, `-` and `_`, starting with a
/// letter or digit, and not a name Windows reserves for a device. Ids become
/// folder names in the output, so anything else (`..`, `/`, `\`, spaces,
/// NUL, non-ASCII, `con`, `nul`) is refused rather than rewritten.
pub fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && id
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && !is_reserved_name(id)
}

/// Whether Windows reserves `name` for a device (`CON`, `PRN`, `AUX`, `NUL`,
/// `COM1`–`COM9`, `LPT1`–`LPT9`, in any case and with any extension): a
/// file or folder of that name cannot be created or checked out there.
pub fn is_reserved_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    let lower = stem.to_ascii_lowercase();
    matches!(lower.as_str(), "con" | "prn" | "aux" | "nul")
        || ((lower.starts_with("com") || lower.starts_with("lpt"))
            && lower.len() == 4
            && lower.as_bytes()[3].is_ascii_digit()
            && lower.as_bytes()[3] != b'0')
}

pub const SAFE_ID_HELP: &str =
    "an id may hold lowercase letters a-z, digits, `-` and `_`, starts with a letter or digit (for example `r2-delay`), and is not a device name Windows reserves (`con`, `prn`, `aux`, `nul`, `com1`-`com9`, `lpt1`-`lpt9`)";

/// A heading anchor from heading text. Letters and digits of every script
/// are kept (lowercased) together with the combining marks that belong to
/// them, so Greek, Cyrillic, Chinese, Hindi and decomposed accents get
/// readable ids; everything else becomes a single `-`. Never empty, never
/// starts or ends with `-`.
pub fn heading_slug(text: &str) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for g in text.graphemes(true) {
        if g.chars().next().is_some_and(char::is_alphanumeric) {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            for c in g.chars() {
                // A cluster is a letter or digit and its marks; a joiner or
                // variation selector glued to it is dropped, and any other
                // character in it (punctuation, a symbol) separates like `-`.
                if c.is_alphanumeric() || (is_mark(c) && !c.is_ascii()) {
                    if dash && !out.is_empty() {
                        out.push('-');
                    }
                    dash = false;
                    out.extend(c.to_lowercase());
                } else if !is_joiner(c) {
                    dash = true;
                }
            }
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        out.push_str("section");
    }
    out
}

/// Zero-width joiners and variation selectors: part of how a cluster is
/// drawn, not of what it says.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200c}' | '\u{200d}' | '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}')
}

/// A combining mark inside a grapheme cluster: what `graphemes` attached to
/// a letter that is not a letter itself and not a control, joiner or space.
fn is_mark(c: char) -> bool {
    !c.is_alphanumeric()
        && !c.is_control()
        && !c.is_whitespace()
        && !matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}')
        && !('\u{e0100}'..='\u{e01ef}').contains(&c)
        && !('\u{1f3fb}'..='\u{1f3ff}').contains(&c)
        && !c.is_ascii()
}

/// Makes `base` unique among `taken` by appending `-1`, `-2`, … as needed.
pub fn unique(base: String, taken: &mut std::collections::HashSet<String>) -> String {
    if taken.insert(base.clone()) {
        return base;
    }
    let mut n = 1;
    loop {
        let candidate = format!("{base}-{n}");
        if taken.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_ids() {
        assert!(is_safe_id("r2-delay"));
        assert!(is_safe_id("a_1"));
        for bad in ["", "../x", "/etc", "a b", "A", "-x", "x/y", "é", "a\0"] {
            assert!(!is_safe_id(bad), "{bad:?} should be refused");
        }
    }

    #[test]
    fn slugs_keep_every_script() {
        assert_eq!(heading_slug("Huawei Ascend 910B"), "huawei-ascend-910b");
        assert_eq!(heading_slug("Τα τσιπ της Huawei"), "τα-τσιπ-της-huawei");
        assert_eq!(
            heading_slug("Экспортный контроль США"),
            "экспортный-контроль-сша"
        );
        assert_eq!(heading_slug("芯片：训练与推理"), "芯片-训练与推理");
        assert_eq!(heading_slug("!!!"), "section");
        assert_eq!(heading_slug("हिन्दी भाषा"), "हिन्दी-भाषा");
        assert_eq!(heading_slug("Cafe\u{301} au lait"), "cafe\u{301}-au-lait");
        assert_eq!(heading_slug("Rocket 🚀 launch"), "rocket-launch");
    }

    #[test]
    fn windows_device_names_are_not_ids() {
        for bad in ["con", "prn", "aux", "nul", "com1", "lpt9"] {
            assert!(!is_safe_id(bad), "{bad}");
        }
        for ok in ["console", "com0", "com10", "nully", "auxiliary", "lpt"] {
            assert!(is_safe_id(ok), "{ok}");
        }
        assert!(is_reserved_name("CON.txt") && is_reserved_name("Com3.png"));
    }

    #[test]
    fn duplicates_get_suffixes() {
        let mut taken = Default::default();
        assert_eq!(unique("a".into(), &mut taken), "a");
        assert_eq!(unique("a".into(), &mut taken), "a-1");
        assert_eq!(unique("a".into(), &mut taken), "a-2");
    }
}
