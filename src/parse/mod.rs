//! Phase 2, parsing: text in, raw shapes out, one file at a time and with
//! no knowledge of the other files. `config` gives the `SiteConfig`,
//! `front_matter` a page's meta and body, `data` the raw claims, sources
//! and events; `yaml`, `date`, `text` and `slug` are what they share.
//! Nothing here imports a later phase.

pub mod config;
pub(crate) mod content;
pub mod data;
pub mod date;
pub mod front_matter;
pub mod langtag;
pub mod slug;
pub(crate) mod spans;
pub(crate) mod text;
pub(crate) mod yaml;
pub(crate) mod yamlcheck;
