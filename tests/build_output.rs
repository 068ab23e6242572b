//! The output rules of `dossier build`, checked on small fixture sites built
//! into temporary folders: what a reader and a static host get.

mod common;
use common::*;

#[test]
fn cross_links_are_rewritten_per_language() {
    let site = fixture("basic");
    let public = build_ok(site.path());
    let en_home = read(&public, "en/index.html");
    assert!(
        en_home.contains("href=\"claims/opening-date/\""),
        "{en_home}"
    );
    assert!(en_home.contains("href=\"chips/#ascend-910b\""));
    assert!(en_home.contains("href=\"timeline/#event-announced\""));
    assert!(en_home.contains("href=\"sources/daily/\""));
    let tr_home = read(&public, "tr/index.html");
    assert!(tr_home.contains("href=\"claims/opening-date/\""));
    assert!(tr_home.contains("href=\"chips/#ascend-910b\""));
    let en_chips = read(&public, "en/chips/index.html");
    assert!(en_chips.contains("href=\"../claims/cost/\""), "{en_chips}");
    assert!(en_chips.contains("href=\"../\""), "page:/ goes home");
    // A claim link shows its status in the reader's language.
    assert!(en_chips.contains("data-status=\"reported\""));
    assert!(en_chips.contains("status-tag status-reported"));
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let site = fixture("basic");
    let public = build_ok(site.path());
    let broken = broken_links(&public);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    // And the walk really looked at links: the chips page alone has many.
    assert!(attr_values(&read(&public, "en/chips/index.html"), "href").len() > 10);
}

#[test]
fn pretty_urls_for_pages_claims_sources_and_indexes() {
    let site = fixture("basic");
    let public = build_ok(site.path());
    for lang in ["en", "tr"] {
        for p in [
            "",
            "chips/",
            "guide/",
            "guide/a/",
            "guide/b/",
            "timeline/",
            "claims/",
            "claims/cost/",
            "claims/opening-date/",
            "sources/",
            "sources/daily/",
            "sources/weekly/",
        ] {
            assert!(
                public.join(format!("{lang}/{p}index.html")).is_file(),
                "{lang}/{p}index.html missing"
            );
        }
    }
    for f in [
        "index.html",
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "style.css",
        ".dossier-output",
    ] {
        assert!(public.join(f).is_file(), "{f} missing");
    }
}

#[test]
fn hreflang_and_switcher_point_to_the_same_page() {
    let site = fixture("basic");
    let public = build_ok(site.path());
    let chips = read(&public, "en/chips/index.html");
    assert!(chips.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(
        chips.contains(
            "<link rel=\"alternate\" hreflang=\"tr\" href=\"https://example.org/fx/tr/chips/\">"
        ),
        "{chips}"
    );
    assert!(chips.contains(
        "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/fx/en/chips/\">"
    ));
    assert!(chips.contains("<link rel=\"canonical\" href=\"https://example.org/fx/en/chips/\">"));
    assert!(
        chips.contains("<a href=\"../../tr/chips/\" lang=\"tr\" hreflang=\"tr\">Türkçe</a>"),
        "{chips}"
    );
    assert!(chips.contains("og:locale:alternate"));
}

#[test]
fn without_base_url_there_are_no_hreflang_links_but_the_switcher_works() {
    let site = fixture("basic");
    without_base_url(site.path());
    // A site template that shows what the view carries.
    let templates = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("page.html"),
        "{% extends \"base.html\" %}{% block main %}<p class=\"alternates\">[{% for a in site.alternates %}{{ a.hreflang }} {{ a.href }};{% endfor %}]</p>{% endblock main %}",
    )
    .unwrap();
    let public = build_ok(site.path());
    let chips = read(&public, "en/chips/index.html");
    assert!(chips.contains("<p class=\"alternates\">[]</p>"), "{chips}");
    assert!(
        !chips.contains("<link rel=\"alternate\" hreflang"),
        "{chips}"
    );
    assert!(!chips.contains("rel=\"canonical\""), "{chips}");
    assert!(
        chips.contains("<a href=\"../../tr/chips/\" lang=\"tr\" hreflang=\"tr\">Türkçe</a>"),
        "{chips}"
    );
    assert!(chips.contains("og:locale:alternate"), "{chips}");
}

#[test]
fn a_missing_translation_falls_back_with_a_notice_and_is_not_advertised() {
    let site = fixture("basic");
    let public = build_ok(site.path());
    let tr_a = read(&public, "tr/guide/a/index.html");
    assert!(tr_a.contains("<html lang=\"tr\""));
    assert!(
        tr_a.contains("<article class=\"page page-page\" lang=\"en\" dir=\"ltr\">"),
        "{tr_a}"
    );
    assert!(tr_a.contains("class=\"notice\""), "fallback notice missing");
    assert!(tr_a.contains("First page, only in English."));
    assert!(tr_a.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(
        !tr_a.contains("hreflang=\"tr\" href=\"https://"),
        "a fallback is not an alternate"
    );
    let en_a = read(&public, "en/guide/a/index.html");
    assert!(
        !en_a.contains("<link rel=\"alternate\" hreflang=\"tr\""),
        "en must not advertise the tr fallback:\n{en_a}"
    );
    let sitemap = read(&public, "sitemap.xml");
    assert!(!sitemap.contains("tr/guide/a/"), "sitemap lists a fallback");
    assert!(sitemap.contains("<loc>https://example.org/fx/en/guide/a/</loc>"));
    assert!(sitemap.contains(
        "<xhtml:link rel=\"alternate\" hreflang=\"tr\" href=\"https://example.org/fx/tr/chips/\"/>"
    ));
}

#[test]
fn strict_makes_a_missing_translation_an_error() {
    let site = fixture("basic");
    let out = build(site.path(), &["--strict"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "content/tr/guide/a.md: missing translation: page `guide/a` is not translated"
        ),
        "{err}"
    );
    assert!(!site.path().join("public").exists());
    // Without --strict the same site builds and says what is missing.
    let out = build(site.path(), &[]);
    assert!(out.status.success());
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(
        summary.contains("tr") && summary.contains("missing: 3 pages"),
        "{summary}"
    );
}

#[test]
fn dates_keep_their_precision_in_each_language() {
    let site = fixture("basic");
    let public = build_ok(site.path());
    let en = read(&public, "en/timeline/index.html");
    assert!(
        en.contains("<time datetime=\"2026-03-02\" data-precision=\"day\">2 March 2026</time>"),
        "{en}"
    );
    assert!(en.contains("<time datetime=\"2026-06\" data-precision=\"month\">June 2026</time>"));
    assert!(en.contains("<time datetime=\"2025\" data-precision=\"year\">2025</time>"));
    // Date order, and the planned event marked as planned.
    let (budget, announced, opening) = (
        en.find("Budget year").unwrap(),
        en.find("The line is announced").unwrap(),
        en.find("Planned opening").unwrap(),
    );
    assert!(budget < announced && announced < opening);
    assert!(en.contains("class=\"event event-planned\""));
    let claim = read(&public, "en/claims/opening-date/index.html");
    assert!(
        claim.contains(">March 2026</time>"),
        "claim date at month precision"
    );
}

#[test]
fn backlinks_connect_pages_claims_and_sources() {
    let site = fixture("basic");
    let public = build_ok(site.path());
    let claim = read(&public, "en/claims/opening-date/index.html");
    // Pages that cite it: home and guide/b.
    assert!(
        claim.contains("href=\"../../\">Fixture home</a>"),
        "{claim}"
    );
    assert!(claim.contains("href=\"../../guide/b/\">Bravo</a>"));
    // Claims that refer to it: cost (superseded_by).
    assert!(claim.contains("href=\"../cost/\""));
    assert!(claim.contains("Supersedes"));
    // Its sources, with stance and language.
    assert!(claim.contains("<strong class=\"stance-label\">Contradicts</strong>"));
    assert!(claim.contains("(Turkish)"));
    let source = read(&public, "en/sources/weekly/index.html");
    assert!(
        source.contains("href=\"../../claims/opening-date/\""),
        "{source}"
    );
    assert!(source.contains("href=\"../../claims/cost/\""));
    let page = read(&public, "en/chips/index.html");
    assert!(page.contains("Claims cited on this page"));
}

#[test]
fn sources_index_has_the_claims_by_sources_matrix() {
    let site = fixture("basic");
    let public = build_ok(site.path());
    let html = read(&public, "en/sources/index.html");
    assert!(html.contains("<table class=\"matrix\""));
    assert_eq!(
        html.matches("<th scope=\"col\">").count(),
        4,
        "a claim column, one per source and the tally"
    );
    assert_eq!(
        html.matches("<th scope=\"row\">").count(),
        3,
        "one row per claim and the totals per source"
    );
    let row = &html[html.find("The line opens in June 2026.").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(
        row.contains(">✓</b><span class=\"vh\">Supports</span>"),
        "{row}"
    );
    assert!(row.contains(">✗</b><span class=\"vh\">Contradicts</span>"));
}

#[test]
fn claims_index_groups_by_topic_and_status() {
    let site = fixture("basic");
    let public = build_ok(site.path());
    let html = read(&public, "tr/claims/index.html");
    assert!(html.contains("id=\"topic-schedule\""));
    assert!(html.contains(">Takvim</h2>"), "topic label in Turkish");
    assert!(html.contains("id=\"status-disputed\"") && html.contains("id=\"status-reported\""));
}

#[test]
fn section_lists_its_pages_by_weight() {
    let site = fixture("basic");
    let public = build_ok(site.path());
    let html = read(&public, "en/guide/index.html");
    let (a, b) = (
        html.find(">Alpha</a>").unwrap(),
        html.find(">Bravo</a>").unwrap(),
    );
    assert!(a < b);
}

#[test]
fn headings_get_ids_and_long_pages_a_toc() {
    let site = fixture("basic");
    let public = build_ok(site.path());
    let en = read(&public, "en/chips/index.html");
    assert!(en.contains("<h2 id=\"ascend-910b\">Ascend 910B</h2>"));
    assert!(en.contains("<h2 id=\"training-and-inference\">"));
    assert!(en.contains("class=\"toc\""));
    let tr = read(&public, "tr/chips/index.html");
    assert!(
        tr.contains("<h2 id=\"çip-i̇hracatı\">") || tr.contains("<h2 id=\"çip-ihracatı\">"),
        "{tr}"
    );
}

#[test]
fn code_is_highlighted_with_classes_and_unknown_languages_are_plain() {
    let site = fixture("basic");
    let public = build_ok(site.path());
    let html = read(&public, "en/chips/index.html");
    assert!(html.contains("<pre class=\"code\" data-lang=\"rust\"><code class=\"language-rust\"><span class=\"hl-source hl-rust\">"), "{html}");
    assert!(!html.contains("style=\""), "no inline styles");
    assert!(html.contains("&lt;plain &amp; simple&gt;"));
}

#[test]
fn root_chooser_works_without_javascript() {
    let site = fixture("basic");
    let public = build_ok(site.path());
    let html = read(&public, "index.html");
    assert!(
        html.contains("<a href=\"en/\" lang=\"en\" hreflang=\"en\" dir=\"ltr\">English</a>"),
        "{html}"
    );
    assert!(html.contains("<a href=\"tr/\" lang=\"tr\" hreflang=\"tr\" dir=\"ltr\">Türkçe</a>"));
    assert!(!html.contains("<script"));
    let robots = read(&public, "robots.txt");
    assert!(robots.contains("Sitemap: https://example.org/fx/sitemap.xml"));
    let not_found = read(&public, "404.html");
    assert!(
        not_found.contains("href=\"https://example.org/fx/style.css\""),
        "404 links absolutely: {not_found}"
    );
}

/// Takes `base_url` out of the basic fixture's `site.yaml`.
fn without_base_url(root: &std::path::Path) {
    let config = read(root, "site.yaml").replace("base_url: https://example.org/fx/\n", "");
    assert!(!config.contains("base_url"));
    std::fs::write(root.join("site.yaml"), config).unwrap();
}

/// Every link of `404.html` but the skip link, search form target included.
fn links_of_404(public: &std::path::Path) -> Vec<String> {
    let html = read(public, "404.html");
    ["href", "src", "data-search-url"]
        .into_iter()
        .flat_map(|attr| attr_values(&html, attr))
        .filter(|url| !url.starts_with('#'))
        .collect()
}

#[test]
fn the_404_page_links_from_base_url_else_from_the_domain_root() {
    // A host serves 404.html at any depth: relative links would break.
    let site = fixture("basic");
    let public = build_ok(site.path());
    let links = links_of_404(&public);
    assert!(links.len() > 10, "{links:?}");
    for url in &links {
        assert!(url.starts_with("https://example.org/fx/"), "{url}");
    }
    for url in ["style.css", "en/", "tr/", "en/claims/", "en/search/"] {
        let url = format!("https://example.org/fx/{url}");
        assert!(links.contains(&url), "{url} not in {links:?}");
    }

    without_base_url(site.path());
    let public = build_ok(site.path());
    let links = links_of_404(&public);
    for url in &links {
        assert!(url.starts_with('/') && !url.starts_with("//"), "{url}");
    }
    for url in ["/style.css", "/en/", "/tr/", "/en/claims/", "/en/search/"] {
        assert!(links.iter().any(|l| l == url), "{url} not in {links:?}");
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let site = fixture("basic");
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for out in [a.path().join("out"), b.path().join("out")] {
        let o = build(site.path(), &["--output", out.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let (sa, sb) = (
        snapshot(&a.path().join("out")),
        snapshot(&b.path().join("out")),
    );
    assert!(sa.len() >= 30, "{}", sa.len());
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    for (k, v) in &sa {
        assert!(v == &sb[k], "{k} differs between builds");
    }
}

/// Pages are written as they are rendered, and with search on the index
/// reads them back from the staging folder: the pages are the same either
/// way, and the index is the one a build held in memory (`serve`) makes.
#[test]
fn with_search_or_without_the_pages_are_the_same_and_so_is_the_index() {
    let site = fixture("basic");
    let tmp = tempfile::tempdir().unwrap();
    let (streamed, kept) = (tmp.path().join("streamed"), tmp.path().join("kept"));
    let o = build(
        site.path(),
        &["--no-search", "--output", streamed.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = build(site.path(), &["--output", kept.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (s, k) = (snapshot(&streamed), snapshot(&kept));
    assert!(s.len() >= 30, "{}", s.len());
    for (path, bytes) in &s {
        assert!(k.get(path) == Some(bytes), "{path} differs");
    }
    let extra: Vec<&String> = k.keys().filter(|p| !s.contains_key(*p)).collect();
    assert!(
        extra.iter().all(|p| p.starts_with("pagefind/")),
        "only the search index is extra: {extra:?}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    std::env::set_var("SOURCE_DATE_EPOCH", "1755129600");
    let in_memory = dossier::pipeline::prepare(
        site.path(),
        &dossier::commands::settings(),
        dossier::pipeline::Mode::Preview {
            live_reload: None,
            previous: None,
            search: dossier::pipeline::Search::Index,
        },
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let index: Vec<(&str, &[u8])> = in_memory
        .files
        .iter()
        .filter(|f| f.path.starts_with("pagefind/"))
        .map(|f| (f.path.as_str(), &f.bytes[..]))
        .collect();
    assert!(index.len() >= 5, "{index:?}");
    assert_eq!(
        index.iter().map(|(p, _)| *p).collect::<Vec<_>>(),
        extra.iter().map(|p| p.as_str()).collect::<Vec<_>>()
    );
    for (path, bytes) in index {
        assert!(
            &k[path][..] == bytes,
            "{path} differs from the in-memory index"
        );
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = fixture("basic");
    let public = build_ok(site.path());
    let before = snapshot(&public);
    std::fs::write(
        site.path().join("content/en/chips.md"),
        "---\ntitle: Chips\n---\n\n[bad](claim:nope)\n",
    )
    .unwrap();
    let out = build(site.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("unknown claim `nope`"));
    assert_eq!(snapshot(&public), before, "the previous output changed");
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("dossier-staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_rebuild_replaces_the_output_and_drops_stale_files() {
    let site = fixture("basic");
    let public = build_ok(site.path());
    std::fs::remove_file(site.path().join("content/en/guide/a.md")).unwrap();
    let public2 = build_ok(site.path());
    assert_eq!(public, public2);
    assert!(!public.join("en/guide/a/index.html").exists());
}

#[test]
fn a_folder_dossier_did_not_create_is_never_deleted() {
    let site = fixture("plain");
    let public = site.path().join("public");
    std::fs::create_dir(&public).unwrap();
    std::fs::write(public.join("mine.txt"), "keep me").unwrap();
    let out = build(site.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("holds files that dossier did not write"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(public.join("mine.txt")).unwrap(),
        "keep me"
    );
    let out = build(site.path(), &["--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let moved = site.path().join("public.before-dossier-1/mine.txt");
    assert_eq!(
        std::fs::read_to_string(moved).unwrap(),
        "keep me",
        "--force moves it aside"
    );
    assert!(public.join("en/index.html").is_file());
}

#[test]
fn the_output_cannot_be_the_site_itself() {
    let site = fixture("plain");
    for bad in [".", "content/out"] {
        let out = build(
            site.path(),
            &["--output", site.path().join(bad).to_str().unwrap()],
        );
        assert_eq!(out.status.code(), Some(1), "{bad}");
        assert!(
            stderr(&out).contains("cannot write the site to"),
            "{}",
            stderr(&out)
        );
    }
    assert!(site.path().join("content/en/about.md").is_file());
}

#[test]
fn a_site_without_claims_builds() {
    let site = fixture("plain");
    let public = build_ok(site.path());
    assert!(read(&public, "en/about/index.html").contains("About this site."));
    assert!(!public.join("en/claims").exists());
    assert!(
        !public.join("sitemap.xml").exists(),
        "no base_url, no sitemap"
    );
    assert!(broken_links(&public).is_empty());
}

#[test]
fn right_to_left_languages_get_dir_rtl() {
    let site = fixture("rtl");
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = site.path().join("public");
    let ar = read(&public, "ar/index.html");
    assert!(ar.contains("<html lang=\"ar\" dir=\"rtl\">"), "{ar}");
    let en = read(&public, "en/index.html");
    assert!(
        en.contains("lang=\"ar\" hreflang=\"ar\" dir=\"rtl\""),
        "switcher marks the rtl autonym"
    );
    let fallback = read(&public, "ar/about/index.html");
    assert!(
        fallback.contains("lang=\"en\" dir=\"ltr\""),
        "fallback text keeps its own direction"
    );
}

#[test]
fn a_site_theme_overrides_the_built_in_one_file_by_file() {
    let site = fixture("plain");
    let templates = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("page.html"),
        "{% extends \"base.html\" %}{% block main %}<p class=\"custom\">{{ page.title }} / {{ link(to=\"page:/\", lang=site.lang, from=site.current_url) }}</p>\
         <ul>{% for p in section_pages(section=\"\", lang=site.lang, from=site.current_url) %}<li><a href=\"{{ p.url }}\">{{ p.title }}</a></li>{% endfor %}</ul>{% endblock main %}",
    )
    .unwrap();
    let public = build_ok(site.path());
    let about = read(&public, "en/about/index.html");
    assert!(
        about.contains("<p class=\"custom\">About / ../</p>"),
        "{about}"
    );
    assert!(
        about.contains("<link rel=\"stylesheet\""),
        "base.html still comes from the built-in theme"
    );
}

#[test]
fn help_explains_every_flag() {
    let out = dossier(&["build", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in ["--root", "--output", "--strict", "--force"] {
        assert!(help.contains(flag), "{flag} missing from help:\n{help}");
    }
    let out = dossier(&["--help"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("build"));
    assert_eq!(dossier(&["build", "--no-such-flag"]).status.code(), Some(2));
}

#[test]
fn build_prints_a_line_per_language_and_the_time() {
    let site = fixture("basic");
    let out = build(site.path(), &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines().any(|l| l.trim_start().starts_with("en ")
            && l.contains("pages")
            && l.contains("100.0% translated")),
        "{text}"
    );
    assert!(
        text.lines().any(|l| l.trim_start().starts_with("tr ")),
        "{text}"
    );
    assert!(text.contains(" ms."), "{text}");
}

#[test]
fn claim_pages_carry_claimreview_json_ld() {
    let site = fixture("basic");
    let public = build_ok(site.path());
    let html = read(&public, "tr/claims/opening-date/index.html");
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("JSON-LD")
        + 35;
    let json: serde_json::Value =
        serde_json::from_str(&html[start..start + html[start..].find("</script>").unwrap()])
            .unwrap();
    assert_eq!(json["@type"], "ClaimReview");
    assert_eq!(json["claimReviewed"], "Hat Haziran 2026'da açılıyor.");
    assert_eq!(json["reviewRating"]["name"], "disputed");
    assert_eq!(json["itemReviewed"]["@type"], "Claim");
    assert_eq!(
        json["itemReviewed"]["author"]["name"],
        "Belediye ulaşım müdürlüğü"
    );
    assert_eq!(
        json["itemReviewed"]["appearance"].as_array().unwrap().len(),
        2
    );
    assert_eq!(
        json["url"],
        "https://example.org/fx/tr/claims/opening-date/"
    );
}

#[test]
fn claims_are_exported_as_json_and_csv_per_language() {
    let site = fixture("basic");
    let public = build_ok(site.path());
    let json: serde_json::Value = serde_json::from_str(&read(&public, "tr/claims.json")).unwrap();
    let claims = json["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 2);
    let opening = claims.iter().find(|c| c["id"] == "opening-date").unwrap();
    assert_eq!(opening["statement"], "Hat Haziran 2026'da açılıyor.");
    assert_eq!(opening["date"], "2026-03");
    assert_eq!(opening["sources"][1]["stance"], "contradicts");
    let csv = read(&public, "en/claims.csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "id,status,date,topics,attributed_to,statement,sources,url"
    );
    assert_eq!(lines.len(), 3);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("opening-date,disputed,2026-03,schedule,")),
        "{csv}"
    );
}

#[test]
fn timeline_json_is_timelinejs_shaped() {
    let site = fixture("basic");
    let public = build_ok(site.path());
    let json: serde_json::Value = serde_json::from_str(&read(&public, "en/timeline.json")).unwrap();
    let events = json["events"].as_array().unwrap();
    assert_eq!(events.len(), 3);
    assert_eq!(
        events[0]["start_date"],
        serde_json::json!({"year": "2025"}),
        "year precision kept"
    );
    assert_eq!(
        events[2]["start_date"],
        serde_json::json!({"year": "2026", "month": "6"})
    );
    assert_eq!(events[2]["group"], "Planned");
    assert!(events[1]["text"]["text"]
        .as_str()
        .unwrap()
        .contains("../claims/opening-date/"));
}

#[test]
fn each_language_has_an_atom_feed() {
    let site = fixture("basic");
    let public = build_ok(site.path());
    let feed = read(&public, "en/atom.xml");
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">"));
    assert!(
        feed.contains("<link rel=\"alternate\" href=\"https://example.org/fx/en/chips/\"/>"),
        "{feed}"
    );
    assert!(feed.contains("<updated>2025-08-20T00:00:00Z</updated>"));
    assert!(feed.contains("https://example.org/fx/en/claims/opening-date/"));
    let home = read(&public, "en/index.html");
    assert!(home.contains("type=\"application/atom+xml\""));
}

#[test]
fn search_index_is_built_per_language_and_skips_fallbacks() {
    let site = fixture("basic");
    let public = build_ok(site.path());
    let entry: serde_json::Value =
        serde_json::from_str(&read(&public, "pagefind/pagefind-entry.json")).unwrap();
    // en: home, chips, timeline, guide, a, b, claims and sources indexes,
    // 2 claims, 2 sources. The search page itself is not content.
    assert_eq!(entry["languages"]["en"]["page_count"], 12, "{entry}");
    // tr lacks guide, a and b: their English fallbacks are not indexed as Turkish.
    assert_eq!(entry["languages"]["tr"]["page_count"], 9, "{entry}");
    assert!(public.join("pagefind/pagefind.js").is_file());
    assert!(!read(&public, "tr/guide/a/index.html").contains("data-pagefind-body"));
    assert!(read(&public, "tr/chips/index.html").contains("<main id=\"main\" data-pagefind-body>"));
    let claim = read(&public, "en/claims/cost/index.html");
    assert!(
        claim.contains(
            "data-pagefind-filter=\"status\" data-pagefind-meta=\"status\">Reported</span>"
        ),
        "{claim}"
    );
}

#[test]
fn search_box_degrades_to_a_link_and_the_search_page_exists() {
    let site = fixture("basic");
    let public = build_ok(site.path());
    let chips = read(&public, "tr/chips/index.html");
    assert!(
        chips.contains(
            "<a class=\"search-link\" href=\"../claims/\" data-search-url=\"../search/\""
        ),
        "{chips}"
    );
    assert!(chips.contains("<script src=\"../../search.js\" defer></script>"));
    let search = read(&public, "tr/search/index.html");
    assert!(search.contains("<form class=\"search-form\" id=\"search-form\" role=\"search\""));
    assert!(search.contains("<noscript>"));
    assert!(
        !read(&public, "sitemap.xml").contains("/search/"),
        "the search page is not content"
    );
}

#[test]
fn no_search_skips_the_index() {
    let site = fixture("plain");
    let out = build(site.path(), &["--no-search"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = site.path().join("public");
    assert!(!public.join("pagefind").exists());
    assert!(public.join("en/search/index.html").is_file());
}

/// The basic fixture with Chinese as a third language, and a page whose
/// paragraphs are broken over two source lines in English and Chinese.
fn with_chinese() -> tempfile::TempDir {
    let site = fixture("basic");
    let config = read(site.path(), "site.yaml").replace(
        "    name: Türkçe\n",
        "    name: Türkçe\n  - code: zh\n    name: 中文\n",
    );
    assert!(config.contains("code: zh"), "{config}");
    std::fs::write(site.path().join("site.yaml"), config).unwrap();
    let content = site.path().join("content");
    std::fs::write(
        content.join("en/lines.md"),
        "---\ntitle: Lines\n---\n\none\ntwo\n",
    )
    .unwrap();
    std::fs::create_dir_all(content.join("zh")).unwrap();
    std::fs::write(
        content.join("zh/lines.md"),
        "---\ntitle: 分行\n---\n\n第一行\n第二行\n",
    )
    .unwrap();
    site
}

#[test]
fn a_line_break_between_chinese_characters_is_not_a_space() {
    let site = with_chinese();
    let public = build_ok(site.path());
    let zh = read(&public, "zh/lines/index.html");
    assert!(zh.contains("<p>第一行第二行</p>"), "{zh}");
    let en = read(&public, "en/lines/index.html");
    assert!(en.contains("<p>one\ntwo</p>"), "{en}");
}

#[test]
fn a_label_is_joined_to_its_value_with_the_languages_colon() {
    let site = with_chinese();
    let public = build_ok(site.path());
    let zh = read(&public, "zh/claims/opening-date/index.html");
    assert!(
        zh.contains("<strong class=\"stance-label\">支持</strong>：<a href="),
        "{zh}"
    );
    assert!(!zh.contains("</strong>:"), "{zh}");
    let zh_source = read(&public, "zh/sources/weekly/index.html");
    assert!(
        zh_source.contains("<strong class=\"stance-label\">相悖</strong>：<a href="),
        "{zh_source}"
    );
    let zh_cost = read(&public, "zh/claims/cost/index.html");
    assert!(zh_cost.contains("后续说法：<a href="), "{zh_cost}");
    let en = read(&public, "en/claims/opening-date/index.html");
    assert!(
        en.contains("<strong class=\"stance-label\">Supports</strong>: <a href="),
        "{en}"
    );
    let en_cost = read(&public, "en/claims/cost/index.html");
    assert!(en_cost.contains("Superseded by: <a href="), "{en_cost}");
}

#[test]
fn a_short_list_is_joined_with_the_languages_separator() {
    let site = with_chinese();
    let claim = site.path().join("content/claims/cost.yaml");
    let text = read(site.path(), "content/claims/cost.yaml");
    std::fs::write(
        &claim,
        text.replace("topics: [schedule]", "topics: [schedule, money]"),
    )
    .unwrap();
    let config = read(site.path(), "site.yaml").replace(
        "  schedule: {en: Schedule, tr: Takvim}",
        "  schedule: {en: Schedule, tr: Takvim, zh: 时间表}\n  money: {en: Money, tr: Para, zh: 费用}",
    );
    std::fs::write(site.path().join("site.yaml"), config).unwrap();
    let public = build_ok(site.path());
    let zh = read(&public, "zh/claims/cost/index.html");
    assert!(zh.contains(">时间表</a>、<a"), "{zh}");
    let en = read(&public, "en/claims/cost/index.html");
    assert!(en.contains(">Schedule</a>, <a"), "{en}");
}

#[test]
fn a_theme_file_that_is_not_used_gets_a_warning() {
    let site = fixture("basic");
    let theme = site.path().join("themes/default");
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    std::fs::write(theme.join("notes.txt"), "my notes").unwrap();
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "themes/default/notes.txt: not used: a theme holds templates/, static/ and i18n/<lang>.yaml"
        ),
        "{}",
        stderr(&out)
    );
}

/// README, "The Markdown": strikethrough takes two tildes; one is text
/// (an explainer's "~5% to ~6%~" lost its tildes and was struck out).
#[test]
fn a_single_tilde_is_text_and_two_strike_through() {
    let site = fixture("plain");
    std::fs::write(
        site.path().join("content/en/about.md"),
        "---\ntitle: About\n---\n\nGrowth from ~5% to ~6%~ a year, ~~not 9%~~.\n",
    )
    .unwrap();
    let public = build_ok(site.path());
    let html = read(&public, "en/about/index.html");
    assert!(
        html.contains("Growth from ~5% to ~6%~ a year, <del>not 9%</del>."),
        "{html}"
    );
}

/// SECURITY.md: "files a user puts inside the output folder are replaced
/// on rebuild"; what a host wants at the output's root (a `CNAME`) goes
/// in the site's `static/` folder, which is copied there as it is.
#[test]
fn static_files_at_the_site_root_land_in_the_output_root() {
    let site = fixture("plain");
    let public = build_ok(site.path());
    std::fs::write(public.join("CNAME"), "by-hand.example.org\n").unwrap();
    std::fs::create_dir_all(site.path().join("static/.well-known")).unwrap();
    std::fs::write(site.path().join("static/CNAME"), "ferry.example.org\n").unwrap();
    std::fs::write(
        site.path().join("static/.well-known/security.txt"),
        "Contact: x\n",
    )
    .unwrap();
    let public = build_ok(site.path());
    assert_eq!(read(&public, "CNAME"), "ferry.example.org\n");
    assert_eq!(read(&public, ".well-known/security.txt"), "Contact: x\n");
    // A hand-added file in the output is gone after a rebuild.
    std::fs::remove_file(site.path().join("static/CNAME")).unwrap();
    std::fs::write(public.join("CNAME"), "by-hand.example.org\n").unwrap();
    let public = build_ok(site.path());
    assert!(!public.join("CNAME").exists());
}

/// A file in `static/` is checked like every other copied file: it may not
/// take the place of a generated one, nor differ from one only by case.
#[test]
fn a_static_file_may_not_take_a_generated_file_s_place() {
    let site = fixture("plain");
    std::fs::create_dir_all(site.path().join("static/en")).unwrap();
    std::fs::write(site.path().join("static/404.html"), "mine").unwrap();
    std::fs::write(site.path().join("static/Robots.TXT"), "mine").unwrap();
    let out = build(site.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: static/404.html: would be copied to `404.html`, where dossier writes a file of its own"),
        "{err}"
    );
    assert!(
        err.contains("error: static/Robots.TXT: `Robots.TXT` (`static/Robots.TXT`) and `robots.txt` (`robots.txt`, which dossier writes) are one name"),
        "{err}"
    );
}
