//! dossier: a static site generator for multilingual explainer microsites.
//!
//! The build is a pipeline of small phases, each in its own module:
//! [`input`] reads the files, [`config`], [`pages`] and [`data`] parse them,
//! [`model`] resolves them into a [`model::Site`], [`analysis`] checks every
//! cross-link and computes backlinks, [`render`] turns the model into pages
//! through the theme's [`templates`], and [`output`] swaps the result in.
//! [`build`] strings them together.
//!
//! [`serve`] keeps a build in a [`session`] and patches it after a text
//! edit ([`patch`]) instead of building again.
//!
//! [`check`] runs the same phases without writing, adding the checks of
//! [`linkcheck`] (rendered links, read with [`html`]), [`freshness`]
//! (outdated translations) and [`external`] (external URLs).

pub mod analysis;
pub(crate) mod bodycheck;
pub mod build;
pub mod check;
pub mod cli;
pub(crate) mod collide;
pub mod commands;
pub mod config;
pub mod coverage;
pub mod data;
pub mod date;
pub mod diagnostics;
pub mod exports;
pub mod external;
pub mod freshness;
pub(crate) mod guard;
pub mod highlight;
pub mod html;
pub mod i18n;
pub mod incremental;
pub mod input;
pub mod langtag;
pub mod linkcheck;
pub mod links;
pub mod machine;
pub mod markdown;
pub mod model;
pub mod outpath;
pub mod output;
pub mod pages;
pub mod patch;
pub mod progress;
pub(crate) mod rawname;
pub(crate) mod related;
pub mod render;
pub(crate) mod schemes;
pub mod search;
pub mod serve;
pub mod session;
pub mod slug;
pub mod templates;
pub mod term;
pub mod text;
pub mod theme;
pub(crate) mod tilde;
pub mod views;
pub mod yaml;
pub(crate) mod yamlcheck;
