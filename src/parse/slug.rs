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

pub(crate) const SAFE_ID_HELP: &str =
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
        // Whether the previous character of this cluster was kept: a mark
        // is kept only after a letter or digit of its own cluster.
        let mut attached = false;
        for c in g.chars() {
            if c.is_alphanumeric() || (attached && is_mark(c)) {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                attached = true;
                out.extend(c.to_lowercase());
            } else if attached && is_glue(c) {
                // A joiner or variation selector inside a word: dropped.
            } else {
                // Anything else, even inside a cluster (a prepended sign
                // before `-`), separates words.
                dash = true;
                attached = false;
            }
        }
    }
    if out.is_empty() {
        out.push_str("section");
    }
    out
}

/// Invisible characters that shape a word without being part of its text:
/// joiners, direction marks, variation selectors, emoji skin tones.
fn is_glue(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}')
        || ('\u{e0100}'..='\u{e01ef}').contains(&c)
        || ('\u{1f3fb}'..='\u{1f3ff}').contains(&c)
}

/// A combining mark inside a grapheme cluster: what `graphemes` attached to
/// a letter that is not a letter itself, nor a control, space, glue or ASCII.
fn is_mark(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_control() && !c.is_whitespace() && !is_glue(c) && !c.is_ascii()
}

/// The ids already given on one page, for making heading ids unique.
#[derive(Debug, Default)]
pub struct UniqueIds {
    taken: std::collections::HashSet<String>,
    /// Per base: the next suffix to try, so that a page of many equal
    /// headings stays linear (each suffix is tried once).
    next: std::collections::HashMap<String, usize>,
}

impl UniqueIds {
    /// `base`, or `base-1`, `base-2`, … whichever is still free.
    pub fn claim(&mut self, base: String) -> String {
        if self.taken.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(1);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
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
        // A prepended sign (Kawi U+11F02) forms one cluster with the `:`
        // after it; the `:` still separates (found by proptest).
        assert_eq!(
            heading_slug("\u{11f02}:\u{1fb00}\u{1e7e8}"),
            "\u{11f02}-\u{1e7e8}"
        );
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
        let mut ids = UniqueIds::default();
        assert_eq!(ids.claim("a".into()), "a");
        assert_eq!(ids.claim("a".into()), "a-1");
        assert_eq!(ids.claim("a-2".into()), "a-2");
        assert_eq!(ids.claim("a".into()), "a-3");
    }

    #[test]
    fn many_equal_headings_stay_fast() {
        // Each `-n` was searched from 1 again: 30,000 equal headings took
        // minutes (quadratic). Now each suffix is tried once.
        let mut ids = UniqueIds::default();
        for _ in 0..30_000 {
            ids.claim("a".into());
        }
        assert_eq!(ids.claim("a".into()), "a-30000");
    }
}
