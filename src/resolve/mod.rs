//! Phase 4, resolving: takes a consistent [`crate::model::Site`] and gives
//! the facts that need the whole site: every link checked and resolved
//! (`links`, `analysis`), backlinks, and translation coverage (`coverage`).

pub mod analysis;
pub(crate) mod coverage;
pub mod links;
pub(crate) mod schemes;
