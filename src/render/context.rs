//! One page at a time: the view each template gets, borrowed from the
//! model and localised for the reader's language, and the page it renders.

use super::Renderer;
use crate::diagnostics::Diagnostic;
use crate::markdown::highlight::LineMemo;
use crate::markdown::RewrittenLink;
use crate::model::{self, page_url, Page};
use crate::parse::config::Lang;
use crate::parse::data::{Stance, Status};
use crate::parse::date::PartialDate;
use crate::parse::text::{pick, Localized};
use crate::render::job::Job;
use crate::render::views::*;
use crate::resolve::links::{self, relative};
use crate::site_file::OutputFile;
use crate::theme::i18n::UiStrings;
use tera::Context;

/// Whether search engines may index a page (and it has a canonical URL).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Robots {
    Index,
    NoIndex,
}

impl Robots {
    /// A page standing in for a missing translation shows another
    /// language's text: not indexed.
    pub(super) fn unless_fallback(fallback: bool) -> Robots {
        if fallback {
            Robots::NoIndex
        } else {
            Robots::Index
        }
    }
}

impl<'a> Renderer<'a> {
    pub(super) fn default_lang(&self) -> &'a str {
        &self.site.config.default_language
    }

    pub(super) fn t(&self, lang: &str) -> &'a UiStrings {
        self.ui.of(lang)
    }

    pub(super) fn render_job(
        &self,
        job: Job,
        memo: &mut LineMemo,
    ) -> Result<OutputFile, Diagnostic> {
        match job {
            Job::Content(i, lang) => self.render_content(i, lang, memo),
            Job::Generated(key, lang) => self.render_generated(key, lang),
            Job::Claim(i, lang) => self.render_claim(i, lang),
            Job::Source(i, lang) => self.render_source(i, lang),
        }
    }

    /// The site view for the page at `url` in `lang`; `translated` says in
    /// which languages the page really exists.
    pub(super) fn site_view<'s>(
        &'s self,
        reader: Lang,
        url: &'s str,
        translated: &dyn Fn(&str) -> bool,
        robots: Robots,
    ) -> SiteView<'s> {
        let noindex = robots == Robots::NoIndex;
        let config = &self.site.config;
        let lang = config.code(reader);
        let language = config
            .language(lang)
            .expect("language of a job is configured");
        // The same page in another language; pages outside the language
        // folders (the chooser, 404) point to each language's home.
        let path_in = |code: &str| match url.strip_prefix(lang).filter(|rest| rest.starts_with('/'))
        {
            Some(rest) => format!("{code}{rest}"),
            None => format!("{code}/"),
        };
        let base = config.base_url.as_deref();
        // hreflang needs absolute URLs: without base_url there are none.
        let alternates = base.map_or_else(Vec::new, |b| {
            config
                .languages
                .iter()
                .filter(|l| translated(&l.code))
                .map(|l| Alternate {
                    hreflang: l.code.clone(),
                    href: format!("{b}{}", path_in(&l.code)),
                })
                .collect()
        });
        let locale = |code: &str| self.ui.of(code).get("og_locale").to_string();
        SiteView {
            lang,
            dir: language.dir.as_str(),
            title: pick(&config.title, lang, self.default_lang()).unwrap_or(Localized {
                text: "",
                lang,
                fallback: false,
            }),
            root: "../".repeat(url.matches('/').count()),
            current_url: url,
            t: self.t(lang),
            languages: config
                .languages
                .iter()
                .map(|l| LanguageLink {
                    code: &l.code,
                    name: &l.name,
                    dir: l.dir.as_str(),
                    url: relative(url, &path_in(&l.code)),
                    current: l.code == lang,
                    translated: translated(&l.code),
                })
                .collect(),
            nav: &self.nav[reader],
            alternates,
            canonical: base.filter(|_| !noindex).map(|b| format!("{b}{url}")),
            og_locale: locale(lang),
            og_locale_alternates: config
                .codes()
                .filter(|c| *c != lang && translated(c))
                .map(locale)
                .collect(),
            build_date: &self.build_date[reader],
            build_date_iso: &self.build_date_iso,
            base_url: base,
            noindex,
            indexable: !noindex && url.contains('/') && url != page_url(lang, model::SEARCH_KEY),
            search_url: relative(url, &page_url(lang, model::SEARCH_KEY)),
            search_fallback_url: relative(
                url,
                &page_url(
                    lang,
                    if self.site.has_claims_index() {
                        model::CLAIMS_KEY
                    } else {
                        ""
                    },
                ),
            ),
            live_reload: self.live_reload,
        }
    }

    pub(super) fn finish(
        &self,
        template: &str,
        ctx: Context,
        out: String,
        origin: &str,
    ) -> Result<OutputFile, Diagnostic> {
        let html = self.tera.render(template, &ctx).map_err(|e| {
            let message = crate::theme::templates::full_message(&e);
            Diagnostic::error(
                format!("templates/{template}"),
                format!("failed to render {origin}: {message}"),
            )
            .at(crate::theme::templates::line_in_message(&message), None)
            .help("check the template against the variables documented in README.md")
        })?;
        Ok(OutputFile {
            path: format!("{out}index.html"),
            bytes: html.into_bytes().into(),
        })
    }

    pub(super) fn claim_ref(&self, i: usize, lang: &'a str, from: &str) -> ClaimRef<'a> {
        let c = &self.site.claims[i];
        ClaimRef {
            id: &c.id,
            url: relative(from, &format!("{lang}/claims/{}/", c.id)),
            statement: pick(&c.statement, lang, self.default_lang())
                .expect("statement is never empty"),
            status: c.status,
            status_label: self.t(lang).get(&format!("status_{}", c.status.as_str())),
        }
    }

    pub(super) fn page_ref(&self, page: &'a Page, lang: &'a str, from: &str) -> PageRef<'a> {
        let (v, fallback) = page.version(lang);
        PageRef {
            key: &page.key,
            url: relative(from, &page.url(lang)),
            title: Localized {
                text: &v.meta.title,
                lang: &v.lang,
                fallback,
            },
            description: v.meta.description.as_deref(),
            updated: v.meta.updated.as_ref().map(|u| u.as_str()),
        }
    }

    pub(super) fn date_view(&self, d: &PartialDate, lang: &str) -> DateView {
        DateView {
            iso: d.to_string(),
            display: self.t(lang).format_date(d),
            precision: match d.precision() {
                crate::parse::date::Precision::Year => "year",
                crate::parse::date::Precision::Month => "month",
                crate::parse::date::Precision::Day => "day",
            },
        }
    }

    pub(super) fn base_context(
        &self,
        site: &SiteView,
        title: &str,
        description: Option<&str>,
    ) -> Context {
        let mut ctx = Context::new();
        ctx.insert("site", site);
        ctx.insert("title", title);
        ctx.insert("description", &description);
        ctx
    }

    /// Rewrites a Markdown link for a reader of `lang` on the page at `from`.
    pub(super) fn rewrite_link(&self, dest: &str, lang: &str, from: &str) -> Option<RewrittenLink> {
        let target = links::parse_target(dest)?.ok()?;
        let url = self.analysis.links.resolve(&target, lang).ok()?;
        let claim_status = match target {
            links::Target::Claim(id) => self.site.claim_index(id).map(|i| {
                let status = self.site.claims[i].status;
                (
                    status.as_str(),
                    self.t(lang)
                        .get(&format!("status_{}", status.as_str()))
                        .to_string(),
                )
            }),
            _ => None,
        };
        Some(RewrittenLink {
            href: relative(from, &url),
            claim_status,
        })
    }

    /// `index.html` at the root: a language chooser that needs no script.
    pub(super) fn render_chooser(&self) -> Result<OutputFile, Diagnostic> {
        let reader = self.site.config.default_lang();
        let site = self.site_view(reader, "", &|_| true, Robots::Index);
        let title = site.title.text;
        let ctx = self.base_context(&site, title, None);
        self.finish("chooser.html", ctx, String::new(), "the language chooser")
    }

    /// `404.html` is served at any depth, so its links are absolute: from
    /// `base_url` when set, else from the domain root.
    pub(super) fn render_404(&self) -> Result<OutputFile, Diagnostic> {
        let reader = self.site.config.default_lang();
        let mut site = self.site_view(reader, "404.html", &|_| false, Robots::NoIndex);
        let root = self
            .site
            .config
            .base_url
            .as_deref()
            .map_or_else(|| "/".to_string(), |b| b.to_string());
        for l in &mut site.languages {
            l.url = format!("{root}{}/", l.code);
        }
        // These were made relative to `404.html`, at the output root: that
        // is from the root, so they get the same absolute prefix.
        site.search_url.insert_str(0, &root);
        site.search_fallback_url.insert_str(0, &root);
        site.root = root;
        site.alternates.clear();
        site.canonical = None;
        let title = site.t.get("not_found_title");
        let ctx = self.base_context(&site, title, None);
        let html = self.tera.render("404.html", &ctx).map_err(|e| {
            Diagnostic::error(
                "templates/404.html",
                format!(
                    "failed to render: {}",
                    crate::theme::templates::full_message(&e)
                ),
            )
        })?;
        Ok(OutputFile {
            path: "404.html".into(),
            bytes: html.into_bytes().into(),
        })
    }
}

pub(super) fn status_legend(t: &UiStrings) -> Vec<LegendEntry<'_>> {
    Status::ALL
        .iter()
        .map(|s| LegendEntry {
            key: s.as_str(),
            label: t.get(&format!("status_{}", s.as_str())),
            description: t.get(&format!("status_{}_desc", s.as_str())),
            symbol: "",
        })
        .collect()
}

pub(super) fn stance_legend(t: &UiStrings) -> Vec<LegendEntry<'_>> {
    Stance::ALL
        .iter()
        .map(|s| LegendEntry {
            key: s.as_str(),
            label: t.get(&format!("stance_{}", s.as_str())),
            description: t.get(&format!("stance_{}_desc", s.as_str())),
            symbol: s.symbol(),
        })
        .collect()
}
