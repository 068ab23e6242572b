//! Files for machines rather than readers, rendered from the model beside
//! the HTML pages: the data exports (JSON, CSV, Atom, JSON-LD) and the
//! sitemap and robots.txt. A new format is a module here and a line in
//! [`render`].

pub(crate) mod data_exports;
pub(crate) mod sitemap;

use crate::model::Site;
use crate::parse::date::PartialDate;
use crate::site_file::OutputFile;
use crate::theme::i18n::Translations;

/// Every machine-readable file of the site, after its pages.
pub(crate) fn render(
    site: &Site,
    ui: &Translations,
    codes: &[&str],
    build_date: &PartialDate,
) -> Vec<OutputFile> {
    let mut files = Vec::new();
    for &lang in codes {
        if !site.claims.is_empty() {
            files.push(data_exports::claims_json(site, ui, lang));
            files.push(data_exports::claims_csv(site, lang));
        }
        files.extend(data_exports::timeline_json(site, ui, lang));
        files.push(data_exports::atom(site, lang, build_date));
    }
    files.extend(sitemap::sitemap(site, codes));
    files.push(sitemap::robots(site));
    files
}
