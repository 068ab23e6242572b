//! One function per kind of page (a Markdown page, a generated index, a
//! claim, a source): the view its template gets, and the page rendered.
//! The views they share (the site, links, dates) are in `context`.

use super::context::{stance_legend, status_legend, Robots};
use super::{template_for, Renderer, MAX_MATRIX_CELLS};
use crate::diagnostics::Diagnostic;
use crate::markdown::highlight::LineMemo;
use crate::markdown::{self, CodeBlock};
use crate::model::{self, page_url, Claim, Page};
use crate::parse::config::Lang;
use crate::parse::data::{Stance, Status};
use crate::parse::front_matter::PageKind;
use crate::parse::text::{pick, Localized};
use crate::render::views::*;
use crate::resolve::links::{self, relative};
use crate::site_file::OutputFile;
use std::collections::HashMap;
use tera::Context;

/// Whether a source's view lists the claims citing it (its own page) or
/// not (the sources list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CitingClaims {
    Listed,
    Omitted,
}

impl<'a> Renderer<'a> {
    pub(super) fn render_content(
        &self,
        index: usize,
        reader: Lang,
        memo: &mut LineMemo,
    ) -> Result<OutputFile, Diagnostic> {
        let lang = self.site.config.code(reader);
        let page = &self.site.pages[index];
        let (version, fallback) = page.version(lang);
        let url = page.url(lang);
        let translated = |code: &str| page.versions.contains_key(code);
        let site = self.site_view(reader, &url, &translated, Robots::unless_fallback(fallback));
        let scan = &self.analysis.scans[index][&version.lang];
        let rewrite = |dest: &str| self.rewrite_link(dest, lang, &url);
        let mut code = |b: &CodeBlock| self.highlighter.highlight_with(memo, &b.lang, &b.code);
        let content = markdown::render(&version.body, &scan.headings, &rewrite, &mut code);
        let claims: Vec<ClaimRef> = self.analysis.page_claims[reader][index]
            .iter()
            .map(|&c| self.claim_ref(c, lang, &url))
            .collect();
        let pages = if page.kind == PageKind::Home || page.kind == PageKind::Section {
            self.section_pages(page, lang, &url)
        } else {
            Vec::new()
        };
        let text_lang = version.lang.as_str();
        let view = PageView {
            key: &page.key,
            kind: page.kind,
            title: &version.meta.title,
            description: version.meta.description.as_deref(),
            updated: version.meta.updated.as_ref().map(|u| u.as_str()),
            content,
            toc: scan
                .headings
                .iter()
                .filter(|h| h.level == 2 || h.level == 3)
                .collect(),
            text_lang,
            text_dir: self
                .site
                .config
                .language(text_lang)
                .map_or("ltr", |l| l.dir.as_str()),
            fallback,
            text_language_name: self.t(lang).language_name(text_lang),
            claims,
            pages,
        };
        let mut ctx = self.base_context(
            &site,
            &version.meta.title,
            version.meta.description.as_deref(),
        );
        ctx.insert("page", &view);
        self.insert_generated(&mut ctx, page.key.as_str(), lang, &url);
        self.finish(
            &template_for(page, version.meta.template.as_deref()),
            ctx,
            url.clone(),
            &version.rel,
        )
    }

    pub(super) fn render_generated(
        &self,
        key: &'static str,
        reader: Lang,
    ) -> Result<OutputFile, Diagnostic> {
        let lang = self.site.config.code(reader);
        let url = page_url(lang, key);
        let site = self.site_view(reader, &url, &|_| true, Robots::Index);
        let t = self.t(lang);
        let title = t.get(key);
        let view = PageView {
            key,
            kind: PageKind::Page,
            title,
            description: None,
            updated: None,
            content: String::new(),
            toc: Vec::new(),
            text_lang: lang,
            text_dir: site.dir,
            fallback: false,
            text_language_name: t.language_name(lang),
            claims: Vec::new(),
            pages: Vec::new(),
        };
        let mut ctx = self.base_context(&site, title, None);
        ctx.insert("page", &view);
        self.insert_generated(&mut ctx, key, lang, &url);
        self.finish(
            &format!("{key}.html"),
            ctx,
            url.clone(),
            &format!("the {key} page"),
        )
    }

    /// Adds what the claims index, sources matrix or timeline needs.
    fn insert_generated(&self, ctx: &mut Context, key: &str, lang: &'a str, url: &str) {
        let t = self.t(lang);
        match key {
            model::CLAIMS_KEY => {
                ctx.insert("claims_by_topic", &self.claims_by_topic(lang, url));
                ctx.insert(
                    "claims_by_status",
                    &self.status_groups((0..self.site.claims.len()).collect(), lang, url),
                );
                ctx.insert("status_legend", &status_legend(t));
            }
            model::SOURCES_KEY => {
                let sources: Vec<SourceView> = (0..self.site.sources.len())
                    .map(|i| self.source_view(i, lang, url, CitingClaims::Omitted))
                    .collect();
                let too_big = self
                    .site
                    .claims
                    .len()
                    .saturating_mul(self.site.sources.len())
                    > MAX_MATRIX_CELLS;
                let rows: Vec<MatrixRow> =
                    self.site
                        .claims
                        .iter()
                        .take(if too_big { 0 } else { usize::MAX })
                        .enumerate()
                        .map(|(ci, claim)| MatrixRow {
                            claim: self.claim_ref(ci, lang, url),
                            cells: (0..self.site.sources.len())
                                .map(|si| {
                                    claim.citations.iter().find(|c| c.source.index() == si).map(
                                        |c| MatrixCell {
                                            stance: c.stance,
                                            label: t.get(&format!("stance_{}", c.stance.as_str())),
                                            symbol: c.stance.symbol(),
                                        },
                                    )
                                })
                                .collect(),
                        })
                        .collect();
                ctx.insert("sources", &sources);
                ctx.insert("matrix_rows", &rows);
                ctx.insert("stance_legend", &stance_legend(t));
            }
            model::TIMELINE_KEY => {
                let events: Vec<TimelineEvent> = self
                    .site
                    .events
                    .iter()
                    .map(|e| TimelineEvent {
                        id: &e.id,
                        anchor: links::event_anchor(&e.id),
                        date: self.date_view(&e.date, lang),
                        planned: e.planned,
                        title: pick(&e.title, lang, self.default_lang()).unwrap_or(Localized {
                            text: &e.id,
                            lang,
                            fallback: false,
                        }),
                        claims: e
                            .claims
                            .iter()
                            .map(|&c| self.claim_ref(c.index(), lang, url))
                            .collect(),
                    })
                    .collect();
                ctx.insert("events", &events);
            }
            _ => {}
        }
    }

    fn section_pages(&self, section: &Page, lang: &'a str, from: &str) -> Vec<PageRef<'a>> {
        self.site
            .section_children(&section.key, lang)
            .into_iter()
            .map(|p| self.page_ref(p, lang, from))
            .collect()
    }

    fn topic_ref(&self, id: &'a str, lang: &'a str) -> TopicRef<'a> {
        let label = self
            .site
            .config
            .topics
            .get(id)
            .and_then(|labels| pick(labels, lang, self.default_lang()))
            .unwrap_or(Localized {
                text: id,
                lang,
                fallback: false,
            });
        TopicRef { id, label }
    }

    fn claims_by_topic(&self, lang: &'a str, url: &str) -> Vec<TopicGroup<'a>> {
        let mut topics: Vec<&'a str> = self
            .site
            .claims
            .iter()
            .flat_map(|c| c.topics.iter().map(String::as_str))
            .collect();
        topics.sort_unstable();
        topics.dedup();
        // Topics in site.yaml order first, then the rest alphabetically.
        let order: Vec<&str> = self.site.config.topics.keys().map(String::as_str).collect();
        topics.sort_by_key(|t| (order.iter().position(|o| o == t).unwrap_or(usize::MAX), *t));
        let mut members_of: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, c) in self.site.claims.iter().enumerate() {
            for t in &c.topics {
                let m = members_of.entry(t.as_str()).or_default();
                if m.last() != Some(&i) {
                    m.push(i);
                }
            }
        }
        let mut groups: Vec<TopicGroup> = topics
            .into_iter()
            .map(|topic| {
                let members = members_of.remove(topic).unwrap_or_default();
                TopicGroup {
                    topic: self.topic_ref(topic, lang),
                    statuses: self.status_groups(members, lang, url),
                }
            })
            .collect();
        let untagged: Vec<usize> = (0..self.site.claims.len())
            .filter(|&i| self.site.claims[i].topics.is_empty())
            .collect();
        if !untagged.is_empty() {
            let label = Localized {
                text: self.t(lang).get("topic_other"),
                lang,
                fallback: false,
            };
            groups.push(TopicGroup {
                topic: TopicRef { id: "other", label },
                statuses: self.status_groups(untagged, lang, url),
            });
        }
        groups
    }

    fn status_groups(&self, members: Vec<usize>, lang: &'a str, url: &str) -> Vec<StatusGroup<'a>> {
        let t = self.t(lang);
        Status::ALL
            .iter()
            .filter_map(|&status| {
                let claims: Vec<ClaimRef> = members
                    .iter()
                    .filter(|&&i| self.site.claims[i].status == status)
                    .map(|&i| self.claim_ref(i, lang, url))
                    .collect();
                (!claims.is_empty()).then(|| StatusGroup {
                    status,
                    label: t.get(&format!("status_{}", status.as_str())),
                    description: t.get(&format!("status_{}_desc", status.as_str())),
                    claims,
                })
            })
            .collect()
    }

    pub(super) fn render_claim(&self, i: usize, reader: Lang) -> Result<OutputFile, Diagnostic> {
        let lang = self.site.config.code(reader);
        let claim = &self.site.claims[i];
        let url = format!("{lang}/claims/{}/", claim.id);
        let translated = |code: &str| claim.statement.contains_key(code);
        let statement =
            pick(&claim.statement, lang, self.default_lang()).expect("statement is never empty");
        let site = self.site_view(
            reader,
            &url,
            &translated,
            Robots::unless_fallback(statement.fallback),
        );
        let t = self.t(lang);
        let refs = |ids: &mut dyn Iterator<Item = usize>| {
            ids.map(|c| self.claim_ref(c, lang, &url))
                .collect::<Vec<_>>()
        };
        let view = ClaimView {
            id: &claim.id,
            url: relative(&url, &url),
            statement,
            status: claim.status,
            status_label: t.get(&format!("status_{}", claim.status.as_str())),
            status_description: t.get(&format!("status_{}_desc", claim.status.as_str())),
            topics: claim
                .topics
                .iter()
                .map(|topic| self.topic_ref(topic, lang))
                .collect(),
            attributed_to: pick(&claim.attributed_to, lang, self.default_lang()),
            date: claim.date.as_ref().map(|d| self.date_view(d, lang)),
            sources: self.citation_views(claim, lang, &url),
            related: refs(&mut claim.related.iter().map(|c| c.index())),
            superseded_by: claim
                .superseded_by
                .map(|s| self.claim_ref(s.index(), lang, &url)),
            supersedes: refs(&mut self.analysis.supersedes[i].iter().copied()),
            cited_by_pages: self.analysis.claim_pages[reader][i]
                .iter()
                .filter_map(|key| self.site.page(key))
                .map(|p| self.page_ref(p, lang, &url))
                .collect(),
            cited_by_claims: refs(&mut self.analysis.claim_claims[i].iter().copied()),
            events: self.analysis.claim_events[i]
                .iter()
                .map(|&e| {
                    let ev = &self.site.events[e];
                    EventRef {
                        id: &ev.id,
                        url: relative(
                            &url,
                            &format!(
                                "{}#{}",
                                page_url(lang, model::TIMELINE_KEY),
                                links::event_anchor(&ev.id)
                            ),
                        ),
                        title: pick(&ev.title, lang, self.default_lang()).unwrap_or(Localized {
                            text: &ev.id,
                            lang,
                            fallback: false,
                        }),
                        date: self.date_view(&ev.date, lang),
                        planned: ev.planned,
                    }
                })
                .collect(),
            fallback: statement.fallback,
            json_ld: crate::render::formats::data_exports::claim_review(
                self.site, self.ui, lang, i,
            ),
        };
        let mut ctx = self.base_context(&site, statement.text, Some(statement.text));
        ctx.insert("claim", &view);
        ctx.insert("status_legend", &status_legend(t));
        self.finish("claim.html", ctx, url.clone(), &claim.rel)
    }

    /// A claim's citations as its page shows them.
    fn citation_views(&self, claim: &'a Claim, lang: &'a str, url: &str) -> Vec<CitationView<'a>> {
        let t = self.t(lang);
        claim
            .citations
            .iter()
            .map(|c| {
                let s = &self.site.sources[c.source];
                CitationView {
                    source_id: &s.id,
                    source_url: relative(url, &format!("{lang}/sources/{}/", s.id)),
                    source_title: pick(&s.title, lang, self.default_lang()).unwrap_or(Localized {
                        text: &s.id,
                        lang,
                        fallback: false,
                    }),
                    source_language: &s.language,
                    source_language_name: t.language_name(&s.language),
                    outlet: s.outlet.as_deref(),
                    stance: c.stance,
                    stance_label: t.get(&format!("stance_{}", c.stance.as_str())),
                    stance_symbol: c.stance.symbol(),
                    note: c
                        .note
                        .as_ref()
                        .and_then(|n| pick(n, lang, self.default_lang())),
                }
            })
            .collect()
    }

    fn source_view(
        &self,
        i: usize,
        lang: &'a str,
        from: &str,
        claims: CitingClaims,
    ) -> SourceView<'a> {
        let with_claims = claims == CitingClaims::Listed;
        let s = &self.site.sources[i];
        let t = self.t(lang);
        let title = pick(&s.title, lang, self.default_lang()).unwrap_or(Localized {
            text: &s.id,
            lang,
            fallback: false,
        });
        SourceView {
            id: &s.id,
            url: relative(from, &format!("{lang}/sources/{}/", s.id)),
            title,
            original_title: s.original_title.as_deref(),
            language: &s.language,
            language_name: t.language_name(&s.language),
            outlet: s.outlet.as_deref(),
            author: s.author.as_deref(),
            published: s.published.as_ref().map(|d| self.date_view(d, lang)),
            link: s.url.as_deref(),
            cites: &s.cites,
            summary: s
                .summary
                .as_ref()
                .and_then(|m| pick(m, lang, self.default_lang())),
            claims: if with_claims {
                self.analysis.source_claims[i]
                    .iter()
                    .map(|&c| {
                        let stance = self.site.claims[c]
                            .citations
                            .iter()
                            .find(|x| x.source.index() == i)
                            .map_or(Stance::Mentions, |x| x.stance);
                        ClaimStance {
                            claim: self.claim_ref(c, lang, from),
                            stance,
                            stance_label: t.get(&format!("stance_{}", stance.as_str())),
                            stance_symbol: stance.symbol(),
                        }
                    })
                    .collect()
            } else {
                Vec::new()
            },
            fallback: title.fallback,
        }
    }

    pub(super) fn render_source(&self, i: usize, reader: Lang) -> Result<OutputFile, Diagnostic> {
        let lang = self.site.config.code(reader);
        let s = &self.site.sources[i];
        let url = format!("{lang}/sources/{}/", s.id);
        let translated = |code: &str| s.title.contains_key(code);
        let view = self.source_view(i, lang, &url, CitingClaims::Listed);
        let site = self.site_view(
            reader,
            &url,
            &translated,
            Robots::unless_fallback(view.fallback),
        );
        let mut ctx = self.base_context(&site, view.title.text, view.summary.map(|s| s.text));
        ctx.insert("source", &view);
        ctx.insert("stance_legend", &stance_legend(self.t(lang)));
        self.finish("source.html", ctx, url.clone(), "content/sources.yaml")
    }
}
