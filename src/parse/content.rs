//! The site's content parsed file by file, not yet resolved: what
//! `read::discover` gives and `model::resolve` takes. What was parsed
//! carries where it is written (`parse::spans`), for locating later errors
//! without the text.

use crate::parse::data::{RawClaim, RawEvent, RawSource};
use crate::parse::front_matter::PageFile;
use crate::parse::spans::Spans;

/// Every file under `content/`, classified and parsed; files with errors
/// are left out (their diagnostics are returned beside this).
#[derive(Debug, Default)]
pub(crate) struct RawContent {
    /// Every page version, drafts included, in file order.
    pub pages: Vec<PageFile>,
    /// Sorted by id.
    pub claims: Vec<ClaimFile>,
    pub sources: ListFile<RawSource>,
    pub events: ListFile<RawEvent>,
    pub assets: Vec<Asset>,
}

/// A claim file: its id (the file name), its path and the claim (which
/// carries where each field is written).
#[derive(Debug)]
pub(crate) struct ClaimFile {
    pub id: String,
    pub rel: String,
    pub raw: RawClaim,
}

/// `sources.yaml` or `timeline.yaml`: the entries, and where each is
/// written (entry `i` under `at![i]`).
#[derive(Debug)]
pub(crate) struct ListFile<T> {
    pub items: Vec<T>,
    pub spans: Spans,
    /// The file is there but did not parse (its error is reported): the
    /// ids it holds are unknown, not missing.
    pub unread: bool,
}

impl<T> Default for ListFile<T> {
    fn default() -> Self {
        ListFile {
            items: Vec::new(),
            spans: Spans::default(),
            unread: false,
        }
    }
}

/// A file copied as is: from a language folder (an image beside a page),
/// or from the site's `static/` folder (into the output's root).
#[derive(Debug)]
pub struct Asset {
    /// Output path, `en/img/map.png`.
    pub out: String,
    /// The file it is copied from, `content/en/img/map.png`.
    pub origin: String,
    pub bytes: std::sync::Arc<[u8]>,
}
