//! The renderer's unit of work: one page of one language. The driver
//! (`render/mod.rs`) lists the jobs, `reuse` fingerprints them, and
//! `context` renders them.

use crate::parse::config::Lang;

/// One page to render, in a reader's language.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Job {
    /// A Markdown page (including the intros of the generated indexes).
    Content(usize, Lang),
    /// A generated index (`claims`, `sources`, `timeline`) with no Markdown page.
    Generated(&'static str, Lang),
    Claim(usize, Lang),
    Source(usize, Lang),
}
