//! YAML parsing that reports failures as located diagnostics.

use crate::diagnostics::Diagnostic;
use serde::de::DeserializeOwned;

/// Deserializes `text` (which starts on line `first_line` of `path`) or
/// returns a diagnostic naming the file, line and column.
pub(crate) fn parse<T: DeserializeOwned>(
    path: &str,
    text: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    // Without an anchor (`&name`) there is nothing an alias could repeat.
    if text.contains('&') {
        check_expansion(path, text, first_line)?;
    }
    crate::parse::yamlcheck::check(text).map_err(|e| {
        let mut d = from_error(path, &e, first_line);
        d.message = crate::parse::yamlcheck::message(&e);
        let help = crate::parse::yamlcheck::help(&d.message);
        d.help(help)
    })?;
    serde_yaml::from_str(text).map_err(|e| from_error(path, &e, first_line))
}

/// How much larger than the file its aliases may make it: generous for
/// real use (a repeated note), far below what an alias bomb needs.
const EXPANSION_FACTOR: usize = 8;
const EXPANSION_SLACK: usize = 1 << 20;

/// Refuses a YAML text whose aliases (`*name`) expand to far more than the
/// file itself. serde_yaml bounds how often aliases are followed, but not
/// what they copy: a list of a hundred thousand `*a` pointing at a long
/// string would copy it as often, and memory would run out. This walks the
/// document once without keeping anything, counting the text and nodes
/// each alias would copy, and stops at the budget.
fn check_expansion(path: &str, text: &str, first_line: usize) -> Result<(), Diagnostic> {
    use std::cell::Cell;
    let budget = Cell::new(text.len().saturating_mul(EXPANSION_FACTOR) + EXPANSION_SLACK);
    let exceeded = Cell::new(false);
    let counter = Counter {
        budget: &budget,
        exceeded: &exceeded,
    };
    let result =
        serde::de::DeserializeSeed::deserialize(counter, serde_yaml::Deserializer::from_str(text));
    match result {
        Err(e) if exceeded.get() => {
            let mut d = from_error(path, &e, first_line);
            d.message = format!(
                "the YAML's aliases (`*name`) expand to more than {EXPANSION_FACTOR} times the size of the file"
            );
            Err(d.help("write the values out instead of repeating an anchor (`&name`) so often"))
        }
        Err(e) if e.to_string().contains("repetition limit exceeded") => {
            Err(from_error(path, &e, first_line))
        }
        // Any other failure is reported by the real parse, with its details.
        _ => Ok(()),
    }
}

/// Walks any YAML value, charging each node and each byte of text against
/// a budget shared by the whole document.
#[derive(Clone, Copy)]
struct Counter<'a> {
    budget: &'a std::cell::Cell<usize>,
    exceeded: &'a std::cell::Cell<bool>,
}

impl Counter<'_> {
    fn charge<E: serde::de::Error>(&self, cost: usize) -> Result<(), E> {
        match self.budget.get().checked_sub(cost.max(1)) {
            Some(left) => {
                self.budget.set(left);
                Ok(())
            }
            None => {
                self.exceeded.set(true);
                Err(E::custom("alias expansion budget exceeded"))
            }
        }
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Counter<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Counter<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.charge(1)
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.charge(1)
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.charge(1)
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.charge(1)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
        self.charge(v.len())
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.charge(1)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.charge(1)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.charge(1)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.charge(1)?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        // A tagged value (`!tag value`).
        use serde::de::VariantAccess;
        let ((), variant) = data.variant_seed(self)?;
        variant.newtype_variant_seed(self)
    }
}

pub(crate) fn from_error(path: &str, e: &serde_yaml::Error, first_line: usize) -> Diagnostic {
    let (line, col) = match e.location() {
        Some(loc) => (Some(loc.line() + first_line - 1), Some(loc.column())),
        None => (None, None),
    };
    let raw = e.to_string();
    // serde_yaml appends " at line L column C"; the location is shown already.
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw,
    };
    let help = hint_for(&message);
    let d = Diagnostic::error(path, message).at(line, col);
    match help {
        Some(h) => d.help(h),
        None => d,
    }
}

fn hint_for(message: &str) -> Option<String> {
    if message.contains("unknown field") {
        Some("check the spelling; the fields this file accepts are listed in the message".into())
    } else if message.contains("missing field") {
        Some("add the field; see the content model in README.md".into())
    } else if message.contains("invalid type") {
        Some(
            "per-language text is a map such as `{en: ..., tr: ...}`; lists are written `[a, b]`"
                .into(),
        )
    } else if message.contains("recursion limit exceeded") {
        Some(
            "the YAML nests lists and maps more than 128 levels deep; no dossier file needs that"
                .into(),
        )
    } else if message.contains("repetition limit exceeded") {
        Some(
            "the YAML follows its aliases (`*name`) too often; write the values out instead".into(),
        )
    } else if message.contains("did not find expected")
        || message.contains("found unexpected")
        || message.contains("while parsing")
        || message.contains("while scanning")
        || message.contains("mapping values are not allowed")
    {
        Some("the YAML is malformed: check quotes, brackets and indentation near this line".into())
    } else {
        None
    }
}
