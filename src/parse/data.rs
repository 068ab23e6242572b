//! The YAML data files: claims, sources and timeline events, parsed into
//! their raw shapes. Cross-references are checked later, in `model`.

use crate::diagnostics::Diagnostic;
use crate::parse::date::PartialDate;
use crate::parse::spans::Spans;
use crate::parse::text::LangText;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Confirmed,
    Reported,
    Rumored,
    Disputed,
    Denied,
    Opinion,
    Superseded,
}

impl Status {
    pub(crate) const ALL: [Status; 7] = [
        Status::Confirmed,
        Status::Reported,
        Status::Rumored,
        Status::Disputed,
        Status::Denied,
        Status::Opinion,
        Status::Superseded,
    ];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Confirmed => "confirmed",
            Status::Reported => "reported",
            Status::Rumored => "rumored",
            Status::Disputed => "disputed",
            Status::Denied => "denied",
            Status::Opinion => "opinion",
            Status::Superseded => "superseded",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Supports,
    Contradicts,
    Mentions,
}

impl Stance {
    pub(crate) const ALL: [Stance; 3] = [Stance::Supports, Stance::Contradicts, Stance::Mentions];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Stance::Supports => "supports",
            Stance::Contradicts => "contradicts",
            Stance::Mentions => "mentions",
        }
    }

    /// A text symbol, so a stance never relies on colour alone.
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            Stance::Supports => "✓",
            Stance::Contradicts => "✗",
            Stance::Mentions => "○",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClaim {
    pub statement: LangText,
    pub status: Status,
    #[serde(default)]
    pub topics: Vec<String>,
    pub attributed_to: LangText,
    #[serde(default)]
    pub date: Option<PartialDate>,
    pub sources: Vec<RawCitation>,
    #[serde(default)]
    pub related: Vec<String>,
    #[serde(default)]
    pub superseded_by: Option<String>,
    /// When the claim's entry was last revised (for feeds); optional.
    #[serde(default)]
    pub updated: Option<crate::parse::date::Timestamp>,
    /// Where each field is written.
    #[serde(skip)]
    pub spans: Spans,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCitation {
    pub source: String,
    pub stance: Stance,
    #[serde(default)]
    pub note: Option<LangText>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: String,
    pub language: String,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub published: Option<PartialDate>,
    #[serde(default)]
    pub original_title: Option<String>,
    pub title: LangText,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub cites: Vec<String>,
    #[serde(default)]
    pub summary: Option<LangText>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub id: String,
    pub date: PartialDate,
    #[serde(default)]
    pub planned: bool,
    pub title: LangText,
    #[serde(default)]
    pub claims: Vec<String>,
}

pub fn parse_claim(rel: &str, text: &str) -> Result<RawClaim, Diagnostic> {
    let claim: RawClaim = crate::parse::yaml::parse(rel, text, 1)?;
    Ok(RawClaim {
        spans: Spans::of(text, 1),
        ..claim
    })
}

/// A list file (`sources.yaml`, `timeline.yaml`); an empty file is an empty list.
pub fn parse_list<T: serde::de::DeserializeOwned>(
    rel: &str,
    text: &str,
) -> Result<Vec<T>, Diagnostic> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    crate::parse::yaml::parse(rel, text, 1)
}
