//! Where each part of a YAML document stands, so that a later phase can
//! point at the line of a field or an id without reading the text again.
//!
//! serde_yaml (the parser dossier deserializes with) gives a position only
//! for an error, never for a value it parsed. So after a successful parse,
//! the same text is walked once more as a stream of events by
//! `saphyr-parser` (a maintained, safe, event-level YAML parser whose events
//! carry their start marks), and every mapping key and every value is
//! recorded by its path from the root: `sources/2/source`, `title/en`.

use saphyr_parser::{Event, Parser};
use std::collections::HashMap;

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Seg {
    Key(String),
    Index(usize),
}

impl From<&str> for Seg {
    fn from(key: &str) -> Seg {
        Seg::Key(key.to_string())
    }
}

impl From<usize> for Seg {
    fn from(i: usize) -> Seg {
        Seg::Index(i)
    }
}

/// `[…]` of path steps: `at!["sources", i, "source"]`.
macro_rules! at {
    ($($seg:expr),* $(,)?) => { [$($crate::parse::spans::Seg::from($seg)),*] };
}
pub(crate) use at;

/// The 1-based lines of a document's keys and values, by path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spans {
    /// For a mapping entry, the line of its key.
    keys: HashMap<Vec<Seg>, usize>,
    /// The line on which each value starts.
    values: HashMap<Vec<Seg>, usize>,
}

/// Positions are where a value is written, not what it is: two equal
/// values written on different lines hash the same (fingerprints decide
/// whether a page changed, and no page shows a line number).
impl std::hash::Hash for Spans {
    fn hash<H: std::hash::Hasher>(&self, _: &mut H) {}
}

impl Spans {
    /// The spans of `text`, whose first line is line `first_line` of its
    /// file. A text the event parser cannot read gives no spans (the
    /// lookups then find nothing; the diagnostics lose only their line).
    pub(crate) fn of(text: &str, first_line: usize) -> Spans {
        let mut walk = Walk {
            spans: Spans::default(),
            path: Vec::new(),
            frames: Vec::new(),
            offset: first_line.saturating_sub(1),
        };
        for event in Parser::new_from_str(text) {
            let Ok((event, span)) = event else {
                return Spans::default();
            };
            if !walk.event(event, span.start.line()) {
                break;
            }
        }
        walk.spans
    }

    /// The line of a mapping key (`statement:`).
    pub(crate) fn key(&self, path: &[Seg]) -> Option<usize> {
        self.keys.get(path).copied()
    }

    /// The line on which a value starts (`- source: x` → the `x`).
    pub(crate) fn value(&self, path: &[Seg]) -> Option<usize> {
        self.values.get(path).copied()
    }

    /// The part below `prefix`, with paths relative to it (one entry of a
    /// list file, kept with the entity it became).
    pub(crate) fn sub(&self, prefix: &[Seg]) -> Spans {
        let strip = |map: &HashMap<Vec<Seg>, usize>| {
            map.iter()
                .filter_map(|(k, &v)| k.strip_prefix(prefix).map(|rest| (rest.to_vec(), v)))
                .collect()
        };
        Spans {
            keys: strip(&self.keys),
            values: strip(&self.values),
        }
    }
}

/// A container being walked: a mapping (waiting for a key, or with the
/// key of the value to come) or a sequence (with the index of the next item).
enum Frame {
    Map { key: Option<Seg> },
    Seq { next: usize },
}

struct Walk {
    spans: Spans,
    /// The path of the container on top of `frames`.
    path: Vec<Seg>,
    frames: Vec<Frame>,
    offset: usize,
}

impl Walk {
    /// Takes one event; `false` once the first document has ended.
    fn event(&mut self, event: Event, line: usize) -> bool {
        let line = line + self.offset;
        match event {
            Event::DocumentEnd | Event::StreamEnd => return false,
            Event::Scalar(text, ..) => {
                if let Some(Frame::Map { key: key @ None }) = self.frames.last_mut() {
                    let seg = Seg::Key(text.into_owned());
                    self.path.push(seg.clone());
                    self.spans.keys.insert(self.path.clone(), line);
                    self.path.pop();
                    *key = Some(seg);
                } else {
                    self.value_at(line);
                }
            }
            Event::Alias(_) => self.value_at(line),
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                // (A key that is itself a mapping or sequence, which no
                // dossier file has, is walked under its parent's path.)
                let here = self.node_path();
                self.spans.values.insert(here.clone(), line);
                self.path = here;
                self.frames
                    .push(if matches!(event, Event::MappingStart(..)) {
                        Frame::Map { key: None }
                    } else {
                        Frame::Seq { next: 0 }
                    });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.frames.pop();
                self.path.pop();
                self.advance();
            }
            _ => {}
        }
        true
    }

    /// The path of the node starting now.
    fn node_path(&self) -> Vec<Seg> {
        let step = match self.frames.last() {
            Some(Frame::Map { key: Some(k) }) => Some(k.clone()),
            Some(Frame::Seq { next }) => Some(Seg::Index(*next)),
            _ => None,
        };
        let mut here = self.path.clone();
        here.extend(step);
        here
    }

    /// A scalar or alias value: recorded, and the container moves on.
    fn value_at(&mut self, line: usize) {
        let here = self.node_path();
        self.spans.values.insert(here, line);
        self.advance();
    }

    /// After a value: a mapping waits for its next key, a sequence counts.
    fn advance(&mut self) {
        match self.frames.last_mut() {
            Some(Frame::Map { key }) => *key = None,
            Some(Frame::Seq { next }) => *next += 1,
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_values_are_found_by_path() {
        let text = "statement:\n  en: S\n  tr: T\nsources:\n  - source: a\n    stance: supports\n  - {source: b, stance: mentions}\nrelated: [x, y]\n";
        let s = Spans::of(text, 1);
        assert_eq!(s.key(&at!["statement"]), Some(1));
        assert_eq!(s.key(&at!["statement", "tr"]), Some(3));
        assert_eq!(s.value(&at!["sources", 0, "source"]), Some(5));
        assert_eq!(s.value(&at!["sources", 1, "source"]), Some(7));
        assert_eq!(s.key(&at!["related"]), Some(8));
        assert_eq!(s.value(&at!["related", 1]), Some(8));
        let second = s.sub(&at!["sources", 1]);
        assert_eq!(second.value(&at!["stance"]), Some(7));
    }

    #[test]
    fn lines_count_from_the_first_line_given() {
        let s = Spans::of("- id: a\n- id: b\n", 10);
        assert_eq!(s.value(&at![1, "id"]), Some(11));
    }
}
