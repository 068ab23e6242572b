//! Inputs built to exhaust memory or time: each builds in bounded memory
//! and time or stops with a clear error. All are generated here; none is
//! committed.

use crate::common::*;
use crate::{build_err, minimal_site, write_site};

/// A file of `len` bytes that takes no room on disk (a sparse file): the
/// build must refuse it by its size, before reading it.
fn sparse(path: &std::path::Path, len: u64) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::File::create(path).unwrap().set_len(len).unwrap();
}

#[test]
fn a_100_mb_page_is_refused_by_its_size_before_it_is_read() {
    let site = minimal_site();
    sparse(&site.path().join("content/en/huge.md"), 100 << 20);
    sparse(&site.path().join("content/claims/huge.yaml"), 9 << 20);
    sparse(&site.path().join("content/en/video.mp4"), 300 << 20);
    let (code, err) = build_err(site.path());
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("content/en/huge.md: the file is 100.0 MB; pages, data files and templates may be at most 8.0 MB"),
        "{err}"
    );
    assert!(
        err.contains("content/claims/huge.yaml: the file is 9.0 MB"),
        "{err}"
    );
    assert!(
        err.contains("content/en/video.mp4: the file is 300.0 MB; files copied as they are may be at most 256.0 MB"),
        "{err}"
    );
    assert!(
        err.contains("help: split the page into several pages"),
        "{err}"
    );
}

#[test]
fn a_huge_site_yaml_is_refused_by_its_size() {
    let site = minimal_site();
    sparse(&site.path().join("site.yaml"), 50 << 20);
    let (code, err) = build_err(site.path());
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("site.yaml: the file is 50.0 MB; it may be at most 8.0 MB"),
        "{err}"
    );
}

#[test]
fn a_large_page_within_the_limit_builds() {
    let site = minimal_site();
    let mut body = String::from("---\ntitle: Long\n---\n");
    let mut n = 0;
    while body.len() < 2 << 20 {
        n += 1;
        body.push_str(&format!("## Part {n}\n\n"));
        for _ in 0..20 {
            body.push_str(
                "Some **bold** text, a [link home](page:/) and `code`, and more words.\n\n",
            );
        }
    }
    write_site(site.path(), &[("content/en/long.md", &body)]);
    let public = build_ok(site.path());
    let html = read(&public, "en/long/index.html");
    assert!(
        html.contains(&format!("id=\"part-{n}\"")),
        "the last heading is there"
    );
}

#[test]
fn deeply_nested_yaml_stops_with_a_clear_error() {
    let site = minimal_site();
    let deep_list = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let deep_map = format!("{}x{}", "{a: ".repeat(10_000), "}".repeat(10_000));
    write_site(
        site.path(),
        &[
            // Typed fields refuse the first level that does not fit...
            (
                "content/claims/deep.yaml",
                &format!("statement: {deep_list}\nstatus: reported\n"),
            ),
            ("content/sources.yaml", &format!("- id: {deep_map}\n")),
            (
                "content/en/deep.md",
                &format!("---\ntitle: {deep_list}\n---\n"),
            ),
            // ...and the alias check, which walks any value, stops at 128 levels.
            (
                "content/timeline.yaml",
                &format!("- id: &a e1\n  date: {deep_list}\n"),
            ),
        ],
    );
    let (code, err) = build_err(site.path());
    assert_eq!(code, Some(1), "{err}");
    for (file, what) in [
        (
            "content/claims/deep.yaml:1:",
            "statement: invalid type: sequence, expected a map",
        ),
        (
            "content/sources.yaml:1:",
            "invalid type: map, expected a string",
        ),
        (
            "content/en/deep.md:2:",
            "title: invalid type: sequence, expected a string",
        ),
        ("content/timeline.yaml:2:", "invalid type: sequence"),
    ] {
        assert!(
            err.contains(file) && err.contains(what),
            "{file} {what}:\n{err}"
        );
    }
    // Where a value may nest (the theme's UI strings), the limit holds.
    let site = minimal_site();
    write_site(
        site.path(),
        &[(
            "themes/default/i18n/en.yaml",
            &format!("months: [a, b, c, d, e, f, g, h, i, j, k, l]\nx: {deep_list}\n"),
        )],
    );
    let (code, err) = build_err(site.path());
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("themes/default/i18n/en.yaml"), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("overflow"),
        "{err}"
    );
}

#[test]
fn a_billion_laughs_alias_bomb_stops_with_a_clear_error() {
    // The classic: nine levels of nine aliases, 9^9 strings if expanded.
    let mut bomb = String::from("statement: {en: S}\nstatus: reported\nattributed_to: {en: A}\nsources: [{source: s1, stance: supports}]\ntopics: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let fields = ["related", "x1", "x2", "x3", "x4", "x5", "x6", "x7"];
    for (i, f) in fields.iter().enumerate() {
        let refs = vec![format!("*l{i}"); 9].join(", ");
        bomb.push_str(&format!("{f}: &l{} [{refs}]\n", i + 1));
    }
    let site = minimal_site();
    write_site(site.path(), &[("content/claims/bomb.yaml", &bomb)]);
    let (code, err) = build_err(site.path());
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("content/claims/bomb.yaml:"), "{err}");
    assert!(
        err.contains("repetition limit exceeded") || err.contains("aliases (`*name`) expand"),
        "{err}"
    );
}

#[test]
fn aliases_that_copy_a_long_text_many_times_are_refused() {
    // serde_yaml bounds how often aliases are followed, not what they copy:
    // 100,000 aliases of a 1 MB string would be 100 GB of topics.
    let long = "x".repeat(1 << 20);
    let refs = vec!["*s"; 100_000].join(", ");
    let claim = format!(
        "statement: {{en: &s \"{long}\"}}\nstatus: reported\nattributed_to: {{en: A}}\nsources: [{{source: s1, stance: supports}}]\ntopics: [{refs}]\n"
    );
    let site = minimal_site();
    write_site(site.path(), &[("content/claims/amp.yaml", &claim)]);
    let (code, err) = build_err(site.path());
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("content/claims/amp.yaml:")
            && err.contains(
                "the YAML's aliases (`*name`) expand to more than 8 times the size of the file"
            ),
        "{err}"
    );
    assert!(err.contains("help: write the values out"), "{err}");
}

#[test]
fn modest_use_of_aliases_still_works() {
    let site = minimal_site();
    write_site(
        site.path(),
        &[
            (
                "content/claims/c1.yaml",
                "statement: {en: &s A & B say so}\nstatus: reported\nattributed_to: {en: *s}\nsources: [{source: s1, stance: supports, note: {en: *s}}]\n",
            ),
            ("content/sources.yaml", "- {id: s1, language: en, title: {en: T}}\n"),
        ],
    );
    let public = build_ok(site.path());
    assert!(read(&public, "en/claims/c1/index.html").contains("A &amp; B say so"));
}

/// SECURITY.md: "Markdown nesting ... deeper than 100 levels is refused
/// with file, line and column before anything renders" (Pagefind took
/// minutes on such pages). Each kind, 10,000 levels deep, in its own page:
/// one error per page, at the first level past the limit.
#[test]
fn markdown_nested_past_the_limit_is_refused_where_it_passes_it() {
    let site = minimal_site();
    let pages = [
        // A list level opens two elements (the list and its item).
        ("lists", "- ".repeat(10_000) + "x", 101),
        ("quotes", "> ".repeat(10_000) + "q", 201),
        (
            "emphasis",
            "*".repeat(10_000) + "e" + &"*".repeat(10_000),
            0,
        ),
        ("html", "<div>".repeat(10_000), 1),
    ];
    for (name, body, _) in &pages {
        let text = format!("---\ntitle: Deep\n---\nIntro.\n\n{body}\n");
        write_site(site.path(), &[(&format!("content/en/{name}.md"), &text)]);
    }
    let (code, err) = crate::build_err(site.path());
    assert_eq!(code, Some(1), "{err}");
    for (name, _, column) in pages {
        let at = format!("error: content/en/{name}.md:6:");
        assert!(err.contains(&at), "{name}:\n{err}");
        assert!(
            err.contains("the text is nested more than 100 levels deep here"),
            "{err}"
        );
        if column > 0 {
            assert!(err.contains(&format!("{at}{column}: ")), "{name}:\n{err}");
        }
    }
    assert!(err.contains("build failed: 4 errors"), "{err}");
    assert!(!site.path().join("public").exists());
}

#[test]
fn markdown_nested_up_to_the_limit_builds() {
    let site = minimal_site();
    let body = format!(
        "---\ntitle: Deep\n---\n{}x\n\n{}q\n\n{}e{}\n\n{}\n",
        "- ".repeat(49),
        "> ".repeat(99),
        "*".repeat(99),
        "*".repeat(99),
        "<div>".repeat(99)
    );
    write_site(site.path(), &[("content/en/deep.md", &body)]);
    let public = build_ok(site.path());
    let html = read(&public, "en/deep/index.html");
    assert!(
        html.matches("<ul>").count() >= 49,
        "the lists are all there"
    );
    assert!(html.matches("<blockquote>").count() >= 99);
}

#[test]
fn a_long_chain_of_superseded_claims_is_checked_quickly() {
    // Checking for `superseded_by` loops was cubic in the chain's length.
    let site = minimal_site();
    let mut files = vec![(
        "content/sources.yaml".to_string(),
        "- {id: s1, language: en, title: {en: T}}\n".to_string(),
    )];
    let n = 1500;
    for i in 0..n {
        let next = if i + 1 < n {
            format!("superseded_by: c{:04}\n", i + 1)
        } else {
            "superseded_by: c0000\n".into()
        };
        files.push((
            format!("content/claims/c{i:04}.yaml"),
            format!("statement: {{en: S}}\nstatus: superseded\nattributed_to: {{en: A}}\nsources: [{{source: s1, stance: supports}}]\n{next}"),
        ));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    write_site(site.path(), &refs);
    let (code, err) = build_err(site.path());
    assert_eq!(code, Some(1), "{err}");
    // One loop through all of them, reported from each member.
    assert_eq!(
        err.matches("`superseded_by` loops: ").count(),
        n,
        "{}",
        &err[..err.len().min(2000)]
    );
    assert!(
        err.contains("content/claims/c0000.yaml: `superseded_by` loops: c0000 → c0001 → c0002"),
        "{}",
        &err[..2000.min(err.len())]
    );
}

#[test]
fn a_page_of_thirty_thousand_equal_headings_builds() {
    // Each `-n` suffix was searched from 1 again: quadratic, minutes.
    let site = minimal_site();
    write_site(
        site.path(),
        &[(
            "content/en/same.md",
            &format!("---\ntitle: Same\n---\n{}", "## a\n".repeat(30_000)),
        )],
    );
    let public = build_ok(site.path());
    let html = read(&public, "en/same/index.html");
    assert!(
        html.contains("id=\"a-29999\""),
        "every heading has its own id"
    );
}

#[test]
fn a_huge_claims_by_sources_matrix_is_left_out_with_a_warning() {
    // 260 claims × 200 sources = 52,000 cells: the matrix grows with the
    // product of two lists; past 50,000 cells it is left out.
    let site = minimal_site();
    let mut sources = String::new();
    for s in 0..200 {
        sources.push_str(&format!(
            "- {{id: s{s}, language: en, title: {{en: Source {s}}}}}\n"
        ));
    }
    write_site(site.path(), &[("content/sources.yaml", &sources)]);
    for c in 0..260 {
        write_site(
            site.path(),
            &[(
                &format!("content/claims/c{c}.yaml"),
                &format!("statement: {{en: Claim {c}}}\nstatus: reported\nattributed_to: {{en: A}}\nsources: [{{source: s{}, stance: supports}}]\n", c % 200),
            )],
        );
    }
    let out = build(site.path(), &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("warning: content/sources.yaml: 260 claims × 200 sources make 52000 cells, more than the 50000 the sources page's matrix shows; it is left out"),
        "{err}"
    );
    let page = read(&site.path().join("public"), "en/sources/index.html");
    assert!(!page.contains("class=\"matrix\""), "the matrix is left out");
    assert!(
        page.contains("Source 199"),
        "the list of sources is still there"
    );
}

#[test]
fn the_rendered_site_has_a_memory_budget() {
    let site = minimal_site();
    for i in 0..200 {
        write_site(
            site.path(),
            &[(
                &format!("content/en/p{i}.md"),
                &format!("---\ntitle: Page {i}\n---\n{}", "Text. ".repeat(2000)),
            )],
        );
    }
    // `check` holds the rendered site in memory to read its links.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["check", "--root", site.path().to_str().unwrap()])
        .env("DOSSIER_MAX_OUTPUT_MB", "1")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("the rendered pages passed 1 MB, the most a build holds in memory"),
        "{text}"
    );
    assert!(
        text.contains("set DOSSIER_MAX_OUTPUT_MB to allow more"),
        "{text}"
    );
    // `build` writes pages as they are rendered, and the search index
    // reads them back one at a time: the site is never held together, so
    // the budget does not apply, with search or without.
    for extra in [&[][..], &["--no-search"][..]] {
        let mut args = vec!["build", "--root", site.path().to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(&args)
            .env("DOSSIER_MAX_OUTPUT_MB", "1")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(site.path().join("public/en/p199/index.html").is_file());
        assert_eq!(
            site.path()
                .join("public/pagefind/pagefind-entry.json")
                .is_file(),
            extra.is_empty(),
            "{args:?}"
        );
    }
}
