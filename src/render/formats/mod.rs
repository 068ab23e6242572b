//! Files for machines rather than readers, rendered from the model beside
//! the HTML pages: the data exports (JSON, CSV, Atom, JSON-LD) and the
//! sitemap and robots.txt.

pub(crate) mod data_exports;
pub(crate) mod sitemap;
