//! dossier: a static site generator for multilingual explainer microsites.
//!
//! The build is a pipeline of phases, one folder each (docs/ARCHITECTURE.md
//! draws it): [`read`] reads the files, [`parse`] turns their text into raw
//! shapes, [`model`] resolves them into a [`model::Site`], [`resolve`]
//! checks every cross-link and computes backlinks, [`theme`] loads the
//! templates and UI strings, [`render`] turns the model into pages, and
//! [`output`] swaps the result in. [`pipeline`] strings them together.
//!
//! [`serve`] keeps a build in a session and patches it after a text edit
//! instead of building again. [`check`] runs the same phases without
//! writing, adding the checks of rendered links, outdated translations and
//! external URLs. [`commands`] holds one module per subcommand.

pub mod check;
pub mod cli;
pub mod commands;
pub mod diagnostics;
pub(crate) mod escape;
pub mod markdown;
pub mod model;
pub mod output;
pub mod parse;
pub mod pipeline;
pub(crate) mod progress;
pub mod read;
pub mod render;
pub mod resolve;
pub mod serve;
pub mod site_file;
pub(crate) mod term;
pub mod theme;
