//! The renderer's unit of work: one page of one language. The driver
//! (`render/mod.rs`) lists the jobs, `reuse` fingerprints them, and
//! `context` renders them.

/// One page to render.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Job<'a> {
    /// A Markdown page (including the intros of the generated indexes).
    Content(usize, &'a str),
    /// A generated index (`claims`, `sources`, `timeline`) with no Markdown page.
    Generated(&'static str, &'a str),
    Claim(usize, &'a str),
    Source(usize, &'a str),
}
