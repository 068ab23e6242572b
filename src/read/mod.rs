//! Phase 1, reading: the only phase besides `output` that touches the disk
//! for a build. Takes the site's root folder; gives `site.yaml`'s text and
//! a [`input::SiteInput`] holding every file of `content/` and the site's
//! theme folder, read whole.

pub(crate) mod discover;
pub mod input;
pub(crate) mod rawname;
