//! The unit that flows from rendering to the writer, the search index and
//! the checks: a path and its bytes. It lives here, below every phase, so
//! that `output`, `check` and `render` need not import one another for it.

/// A file of the finished site.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    /// Shared, so the render cache, `serve`'s snapshot and reused pages
    /// hold the same bytes rather than copies of the whole site.
    pub bytes: std::sync::Arc<[u8]>,
}
