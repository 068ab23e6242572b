//! Ids and heading anchors: what counts as a safe id, and how heading text
//! becomes a stable anchor in any script.

/// A safe id: lowercase ASCII letters, digits, `-` and `_`, starting with a
/// letter or digit. Ids become folder names in the output, so anything else
/// (`..`, `/`, spaces, NUL, non-ASCII) is refused rather than rewritten.
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
}

pub const SAFE_ID_HELP: &str =
    "an id may hold lowercase letters a-z, digits, `-` and `_`, and starts with a letter or digit (for example `r2-delay`)";

/// A heading anchor from heading text. Letters and digits of every script
/// are kept (lowercased), so Greek, Cyrillic and Chinese headings get
/// readable ids; everything else becomes a single `-`. Never empty.
pub fn heading_slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else if c == '_'
            || c == '-'
            || c.is_whitespace()
            || c.is_ascii_punctuation()
            || !c.is_alphanumeric()
        {
            dash = true;
        }
    }
    if out.is_empty() {
        out.push_str("section");
    }
    out
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
    }

    #[test]
    fn duplicates_get_suffixes() {
        let mut taken = Default::default();
        assert_eq!(unique("a".into(), &mut taken), "a");
        assert_eq!(unique("a".into(), &mut taken), "a-1");
        assert_eq!(unique("a".into(), &mut taken), "a-2");
    }
}
