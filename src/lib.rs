//! dossier: a static site generator for multilingual explainer microsites.
//!
//! The build is a pipeline of small phases, each in its own module:
//! [`input`] reads the files, [`config`], [`pages`] and [`data`] parse them,
//! [`model`] resolves them into a [`model::Site`], [`analysis`] checks every
//! cross-link and computes backlinks, [`render`] turns the model into pages
//! through the theme's [`templates`], and [`output`] swaps the result in.
//! [`build`] strings them together.

pub mod analysis;
pub mod build;
pub mod cli;
pub mod commands;
pub mod config;
pub mod coverage;
pub mod data;
pub mod date;
pub mod diagnostics;
pub mod highlight;
pub mod i18n;
pub mod input;
pub mod links;
pub mod machine;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pages;
pub mod progress;
pub mod render;
pub mod slug;
pub mod templates;
pub mod term;
pub mod text;
pub mod theme;
pub mod views;
pub mod yaml;
