//! What serde_yaml lets through quietly in dossier's YAML, refused with
//! file, line and column before the typed parse:
//!
//! - a key given twice in one map (`{en: A, en: B}` kept B);
//! - a NUL character, which YAML allows as the escape `"\0"` and which
//!   no page, feed or export should carry;
//! - `null` (or `~`) where dossier wants text: `title: null` became the
//!   title "null". A null is still "none" for the fields that may be left
//!   out (`published: null`, `note: ~`).

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// Fields whose value is text: `null` there is an error, not "null".
const TEXT_FIELDS: &[&str] = &[
    "title",
    "statement",
    "attributed_to",
    "name",
    "id",
    "source",
    "language",
    "code",
    "default_language",
    "stance",
    "status",
];
/// Fields holding per-language text (`{en: ..., tr: ...}`): a `null`
/// inside is an error (the field itself may be null when it is optional).
const LANG_TEXT_FIELDS: &[&str] = &["title", "statement", "attributed_to", "note", "summary"];

/// Walks `text` as YAML and stops at the first problem above, as a
/// serde_yaml error (which carries the place). `Ok` when there is none,
/// and also when the YAML does not parse: the typed parse reports that.
pub(crate) fn check(text: &str) -> Result<(), serde_yaml::Error> {
    let walk = Walk {
        key: None,
        parent: None,
        grandparent: None,
    };
    match walk.deserialize(serde_yaml::Deserializer::from_str(text)) {
        Err(e) if e.to_string().contains(MARK) => Err(e),
        _ => Ok(()),
    }
}

/// Marks the messages of this module's errors, to tell them from
/// serde_yaml's own (which the typed parse reports better). Removed by
/// [`message`].
const MARK: &str = "dossier: ";

/// What would be valid instead, for the error `message` gives.
pub(crate) fn help(message: &str) -> &'static str {
    if message.contains("given twice") {
        "give each key once"
    } else if message.contains("NUL") {
        "remove the `\\0`"
    } else {
        "write the text, or leave the field out where it is optional"
    }
}

/// The message of an error from [`check`], without its location.
pub(crate) fn message(e: &serde_yaml::Error) -> String {
    let s = e.to_string();
    // serde_yaml may put the field's path first (`title.en: `).
    let s = s.split_once(MARK).map_or(s.as_str(), |(_, m)| m);
    // serde_yaml appends " at line L column C"; the diagnostic shows it.
    s.split(" at line ").next().unwrap_or(s).to_string()
}

/// Where a value stands: the key it is the value of, and the two above.
#[derive(Clone, Copy)]
struct Walk<'k> {
    key: Option<&'k str>,
    parent: Option<&'k str>,
    grandparent: Option<&'k str>,
}

impl<'k> Walk<'k> {
    fn refuse<E: de::Error>(&self, what: &str) -> E {
        E::custom(format!("{MARK}{what}"))
    }

    /// Inside a `{en: ..., tr: ...}` map of text.
    fn in_lang_text(&self) -> bool {
        self.parent.is_some_and(|p| LANG_TEXT_FIELDS.contains(&p))
            || self.grandparent == Some("topics")
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        if v.contains('\0') {
            return Err(
                self.refuse("the text holds a NUL character (`\\0`), which cannot be shown")
            );
        }
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        let key = self.key.unwrap_or("");
        if TEXT_FIELDS.contains(&key) || self.in_lang_text() {
            return Err(self.refuse(&format!("`{key}` is null (empty), where text is needed")));
        }
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // A list's items stand where the list does.
        while seq.next_element_seed(Walk { key: None, ..self })?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen: Vec<String> = Vec::new();
        while let Some(key) = map.next_key_seed(KeyText)? {
            if key.contains('\0') {
                return Err(self.refuse("a key holds a NUL character (`\\0`)"));
            }
            if seen.contains(&key) {
                // Refused as its value is read, so the error points there.
                map.next_value_seed(Twice(&key))?;
            }
            map.next_value_seed(Walk {
                key: Some(&key),
                parent: self.key,
                grandparent: self.parent,
            })?;
            seen.push(key);
        }
        Ok(())
    }
}

/// The value of a key given twice: any value is refused (by serde's
/// default visits, whose message says what was "expected").
struct Twice<'k>(&'k str);

impl<'de> DeserializeSeed<'de> for Twice<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl Visitor<'_> for Twice<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{MARK}`{}` is given twice in the same map; only the last would be kept",
            self.0
        )
    }
}

/// A map key as text (`en`, `1`, `true`), whatever its YAML type.
struct KeyText;

impl<'de> DeserializeSeed<'de> for KeyText {
    type Value = String;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for KeyText {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Ok("null".into())
    }
    // A list or map as a key: not a problem this module looks for.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<String, A::Error> {
        while seq.next_element::<de::IgnoredAny>()?.is_some() {}
        Ok(String::from("\u{0}list"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<String, A::Error> {
        while map
            .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
            .is_some()
        {}
        Ok(String::from("\u{0}map"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(text: &str) -> Option<(String, usize, usize)> {
        check(text).err().map(|e| {
            let l = e.location().expect("located");
            (message(&e), l.line(), l.column())
        })
    }

    #[test]
    fn a_key_given_twice_is_refused_where_it_is() {
        let (m, line, _) = problem("x: 1\ntitle: {en: A, tr: B, en: C}\n").unwrap();
        assert_eq!(
            m,
            "`en` is given twice in the same map; only the last would be kept"
        );
        assert_eq!(line, 2);
        let (m, line, _) = problem("id: a\nlanguage: en\nid: b\n").unwrap();
        assert!(m.starts_with("`id` is given twice"), "{m}");
        assert_eq!(line, 3);
    }

    #[test]
    fn null_is_refused_where_text_is_needed_and_kept_where_it_means_none() {
        for bad in [
            "title: null\n",
            "title: ~\n",
            "statement: {en: null}\n",
            "- {id: x, title: {en: ~}}\n",
            "topics: {chips: {en: null}}\n",
            "note: {tr: null}\n",
        ] {
            let (m, _, _) = problem(bad).unwrap_or_else(|| panic!("{bad}"));
            assert!(
                m.contains("is null (empty), where text is needed"),
                "{bad}: {m}"
            );
        }
        for good in [
            "published: null\n",
            "note: ~\n",
            "summary: null\n",
            "title: \"null\"\n",
            "description: ~\n",
        ] {
            assert_eq!(problem(good), None, "{good}");
        }
    }

    #[test]
    fn a_nul_escape_is_refused() {
        let (m, line, _) = problem("title: ok\noutlet: \"The Daily\\0 River\"\n").unwrap();
        assert!(m.contains("NUL"), "{m}");
        assert_eq!(line, 2);
    }

    #[test]
    fn broken_yaml_is_left_to_the_typed_parse() {
        assert_eq!(problem("title: [unclosed\n"), None);
    }
}
