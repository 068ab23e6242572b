//! How far a build has got, reported by the pipeline without it knowing
//! about terminals: the CLI draws a bar from these calls (`term`), tests
//! and `check` pass [`NoProgress`].

/// Receives the build's phases and, for the long ones, a count of items done.
/// Called from rayon's worker threads, hence `Sync`.
pub trait Progress: Sync {
    /// A new phase starts: `total` items when they can be counted
    /// (pages to render, files to write), `None` for a step that cannot.
    fn phase(&self, _label: &'static str, _total: Option<u64>) {}
    /// `n` more items of the current phase are done.
    fn advance(&self, _n: u64) {}
}

/// Reports nothing.
pub(crate) struct NoProgress;

impl Progress for NoProgress {}
