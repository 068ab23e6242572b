//! No id, slug, language code, template or theme name, file name or output
//! path makes the build read or write outside the site and its output
//! folder. Each case is a clear error naming the file.

use crate::common::*;
use crate::{build_err, sandboxed_site, write_site};
use std::path::Path;

const SITE_YAML: &str =
    "title: {en: M}\ndefault_language: en\nlanguages: [{code: en, name: English}]\n";

/// Builds `site` expecting failure; returns stderr. Nothing may be written,
/// and nothing may appear outside the site.
fn refused(site: &Path) -> String {
    let outside_before = list(site.parent().unwrap());
    let (code, err) = build_err(site);
    assert_eq!(code, Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        !site.join("public").exists(),
        "a refused build wrote output"
    );
    assert_eq!(
        list(site.parent().unwrap()),
        outside_before,
        "the build wrote beside the site"
    );
    err
}

fn list(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_nul_in_a_yaml_id_is_refused_shown_escaped() {
    let (_tmp, site) = sandboxed_site();
    write_site(
        site.as_path(),
        &[(
            "content/sources.yaml",
            "- {id: ok, language: en, title: {en: A}}\n- {id: \"a\\0b\", language: en, title: {en: E}}\n",
        )],
    );
    let err = refused(site.as_path());
    assert!(
        err.contains("content/sources.yaml:2:8: the text holds a NUL character (`\\0`)"),
        "{err}"
    );
}

#[test]
fn ids_that_could_escape_or_break_a_folder_are_refused() {
    // `..`, `/` and `\` cannot be file names, so ids that come from names
    // are tried as sources and events (ids in YAML); claim file names are
    // tried with what a file name can hold.
    let (_tmp, site) = sandboxed_site();
    write_site(
        site.as_path(),
        &[
            (
                "content/sources.yaml",
                "- {id: '..', language: en, title: {en: A}}\n- {id: '../../etc', language: en, title: {en: B}}\n- {id: '/abs', language: en, title: {en: C}}\n- {id: 'a\\b', language: en, title: {en: D}}\n- {id: ok, language: en, title: {en: E}}\n- {id: con, language: en, title: {en: F}}\n- {id: Nul, language: en, title: {en: G}}\n",
            ),
            (
                "content/timeline.yaml",
                "- {id: '../x', date: 2025, title: {en: A}}\n- {id: aux, date: 2025, title: {en: B}}\n",
            ),
            ("content/claims/Upper.yaml", "x: 1\n"),
            ("content/claims/a b.yaml", "x: 1\n"),
            ("content/claims/é.yaml", "x: 1\n"),
        ],
    );
    let err = refused(site.as_path());
    for (line, id) in [
        (1, ".."),
        (2, "../../etc"),
        (3, "/abs"),
        (4, "a\\b"),
        (6, "con"),
        (7, "Nul"),
    ] {
        assert!(
            err.contains(&format!(
                "content/sources.yaml:{line}: source id `{id}` is not a safe id"
            )),
            "{id}:\n{err}"
        );
    }
    // A NUL (only possible as the escape `\0`) is refused before the ids
    // are read (issue 16): see `a_nul_in_a_yaml_id_is_refused_shown_escaped`.
    assert!(
        err.contains("content/timeline.yaml:1: event id `../x` is not a safe id"),
        "{err}"
    );
    assert!(
        err.contains("content/timeline.yaml:2: event id `aux` is not a safe id"),
        "{err}"
    );
    for id in ["Upper", "a b", "é"] {
        assert!(
            err.contains(&format!(
                "content/claims/{id}.yaml: claim id `{id}` (the file name) is not a safe id"
            )),
            "{id}:\n{err}"
        );
    }
    assert!(
        err.contains("`con`, `prn`, `aux`, `nul`"),
        "the help names the reserved ids:\n{err}"
    );
}

#[test]
fn page_paths_language_codes_and_theme_names_are_checked() {
    let (_tmp, site) = sandboxed_site();
    write_site(
        site.as_path(),
        &[
            ("content/en/Bad Name.md", "---\ntitle: A\n---\n"),
            (
                "content/en/ok.md",
                "---\ntitle: A\ntemplate: ../../../etc/passwd\n---\n",
            ),
            (
                "content/en/ok2.md",
                "---\ntitle: A\ntemplate: /etc/passwd.html\n---\n",
            ),
            (
                "content/en/ok3.md",
                "---\ntitle: A\ntemplate: 'a\\b.html'\n---\n",
            ),
        ],
    );
    let err = refused(site.as_path());
    assert!(
        err.contains("content/en/Bad Name.md: `Bad Name` cannot be part of a page's path"),
        "{err}"
    );

    for (file, name) in [
        ("ok", "../../../etc/passwd"),
        ("ok2", "/etc/passwd.html"),
        ("ok3", "a\\b.html"),
    ] {
        assert!(
            err.contains(&format!(
                "content/en/{file}.md:3: template `{name}` is not a template name"
            )),
            "{file}:\n{err}"
        );
    }

    for (languages, wanted) in [
        ("[{code: ../en, name: E}]", "`../en` is not a language code"),
        ("[{code: /tmp, name: E}]", "`/tmp` is not a language code"),
        (
            "[{code: 'en\\x', name: E}]",
            "`en\\x` is not a language code",
        ),
        (
            "[{code: con, name: E}]",
            "language code `con` would name a folder that Windows reserves",
        ),
    ] {
        let (_tmp, site) = sandboxed_site();
        write_site(
            site.as_path(),
            &[(
                "site.yaml",
                &format!("title: {{en: M}}\ndefault_language: en\nlanguages: {languages}\n"),
            )],
        );
        let err = refused(site.as_path());
        assert!(err.contains(wanted), "{languages}:\n{err}");
    }

    for theme in ["../../etc", "/etc", "a\\b", "nul"] {
        let (_tmp, site) = sandboxed_site();
        write_site(
            site.as_path(),
            &[("site.yaml", &format!("{SITE_YAML}theme: '{theme}'\n"))],
        );
        let err = refused(site.as_path());
        assert!(
            err.contains(&format!(
                "site.yaml:4: theme name `{theme}` is not a safe folder name"
            )),
            "{theme}:\n{err}"
        );
    }
}

#[test]
fn symlinks_leading_out_of_the_site_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    write_site(
        outside.path(),
        &[
            ("secret.md", "---\ntitle: Secret\n---\nsecret\n"),
            ("content/en/_index.md", "---\ntitle: Stolen\n---\n"),
            ("site.yaml", SITE_YAML),
            ("theme/templates/page.html", "{{ 1 }}"),
        ],
    );
    let link = |site: &Path, rel: &str, to: &Path| {
        let p = site.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        if p.is_dir() {
            std::fs::remove_dir_all(&p).unwrap();
        } else if p.exists() {
            std::fs::remove_file(&p).unwrap();
        }
        std::os::unix::fs::symlink(to, p).unwrap();
    };
    // A page, a folder of pages, the content folder, a theme, the themes
    // folder and site.yaml: each a link out of the site.
    let cases: Vec<(&str, std::path::PathBuf, &str)> = vec![
        (
            "content/en/secret.md",
            outside.path().join("secret.md"),
            "content/en/secret.md: is a symbolic link",
        ),
        (
            "content/en/more",
            outside.path().join("content/en"),
            "content/en/more: is a symbolic link",
        ),
        (
            "content",
            outside.path().join("content"),
            "content: is a symbolic link",
        ),
        (
            "themes/default",
            outside.path().join("theme"),
            "themes/default: is a symbolic link",
        ),
        (
            "themes",
            outside.path().to_path_buf(),
            "themes: is a symbolic link",
        ),
        (
            "site.yaml",
            outside.path().join("site.yaml"),
            "site.yaml: is a symbolic link",
        ),
    ];
    for (rel, to, wanted) in cases {
        let (_tmp, site) = sandboxed_site();
        link(site.as_path(), rel, &to);
        let err = refused(site.as_path());
        assert!(err.contains(wanted), "{rel}:\n{err}");
        assert!(!err.contains("Stolen") && !err.contains("secret\n"));
    }
}

#[test]
fn odd_file_names_are_refused_before_they_reach_the_output() {
    let (_tmp, site) = sandboxed_site();
    write_site(
        site.as_path(),
        &[
            ("content/en/img/a:b.png", "x"),
            ("content/en/img/q?.png", "x"),
            ("content/en/img/tab\there.png", "x"),
            ("content/en/img/dot.", "x"),
            ("content/en/img/aux.png", "x"),
            ("content/en/img/fine-name_1.png", "x"),
            ("content/en/con/_index.md", "---\ntitle: A\n---\n"),
            ("content/en/a\\b.md", "---\ntitle: A\n---\n"),
            ("content/claims/COM1.yaml", "x: 1\n"),
            ("content/claims/lpt1.yaml", "x: 1\n"),
        ],
    );
    let err = refused(site.as_path());
    for (file, why) in [
        ("a:b.png", "holds `:`"),
        ("q?.png", "holds `?`"),
        ("tab\\there.png", "holds the control character U+0009"),
        ("dot.", "ends in a dot or a space"),
        ("aux.png", "is a name Windows reserves"),
        ("con", "is a name Windows reserves"),
        (
            "a\\\\b.md",
            "holds `\\`, which Windows does not allow in names (it separates folders there)",
        ),
        ("COM1.yaml", "is a name Windows reserves"),
        ("lpt1.yaml", "is a name Windows reserves"),
    ] {
        assert!(
            err.contains(&format!("the name `{file}` {why}")),
            "{file}:\n{err}"
        );
    }
    assert!(!err.contains("fine-name_1.png"), "{err}");
}

#[test]
fn the_output_cannot_be_the_site_or_its_sources() {
    let (_tmp, site) = sandboxed_site();
    std::fs::create_dir_all(site.as_path().join("themes")).unwrap();
    std::os::unix::fs::symlink(site.as_path().join("content"), site.as_path().join("alias"))
        .unwrap();
    let root = site.as_path().to_str().unwrap();
    for (output, wanted) in [
        (
            root.to_string(),
            "it is the site folder or one of its parents",
        ),
        (
            format!("{root}/.."),
            "it is the site folder or one of its parents",
        ),
        (
            "/".to_string(),
            "it is the site folder or one of its parents",
        ),
        (
            format!("{root}/content/out"),
            "it lies inside the site's own sources",
        ),
        (
            format!("{root}/public/../themes/x"),
            "it lies inside the site's own sources",
        ),
        // Through a link into content/.
        (
            format!("{root}/alias/out"),
            "it lies inside the site's own sources",
        ),
        (format!("{root}/site.yaml"), "it exists and is not a folder"),
    ] {
        let before = snapshot(site.as_path());
        let out = build(site.as_path(), &["--output", &output]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{output}: {err}");
        assert!(err.contains(wanted), "{output}:\n{err}");
        assert_eq!(
            snapshot(site.as_path()),
            before,
            "{output}: the site changed"
        );
    }
}

#[test]
fn output_paths_are_checked_before_anything_is_written() {
    use dossier::output::{unsafe_output_path, write_site};
    use dossier::site_file::OutputFile;
    for bad in [
        "../x",
        "/etc/passwd",
        "a/../../b",
        "a//b",
        "",
        "a\\..\\b",
        "a\0b",
        "./a",
    ] {
        assert!(unsafe_output_path(bad).is_some(), "{bad:?}");
    }
    assert!(unsafe_output_path("en/claims/x/index.html").is_none());
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let files = vec![
        OutputFile {
            path: "index.html".into(),
            bytes: b"ok".to_vec().into(),
        },
        OutputFile {
            path: "../escaped.txt".into(),
            bytes: b"no".to_vec().into(),
        },
    ];
    let e = write_site(&out, &files, false).unwrap_err().to_string();
    assert!(
        e.contains("an output path may not hold empty, `.` or `..` parts"),
        "{e}"
    );
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        0,
        "something was written"
    );
}

#[test]
fn a_copied_file_cannot_take_the_place_of_a_generated_one() {
    let (_tmp, site) = sandboxed_site();
    write_site(
        &site,
        &[
            ("content/en/about.md", "---\ntitle: About\n---\n"),
            // Beside a page, in place of its index.html; and in place of a feed.
            ("content/en/about/index.html", "<p>not the page</p>"),
            ("content/en/atom.xml", "<feed/>"),
            ("themes/default/static/en/index.html", "<p>not home</p>"),
        ],
    );
    let err = refused(&site);
    for (origin, path) in [
        ("content/en/about/index.html", "en/about/index.html"),
        ("content/en/atom.xml", "en/atom.xml"),
        ("themes/default/static/en/index.html", "en/index.html"),
    ] {
        assert!(
            err.contains(&format!(
                "{origin}: would be copied to `{path}`, where dossier writes a file of its own"
            )),
            "{origin}:\n{err}"
        );
    }
}

/// SECURITY.md: "The output may not be ... inside `content/` ... also when
/// reached through a symbolic link" — and `..` after a link goes up from
/// where the link led, as the kernel takes it: `lnk/../x` with `lnk` a
/// link to `content/en` is `content/x`.
#[test]
fn an_output_through_a_link_and_dot_dot_is_judged_where_it_leads() {
    let (_tmp, site) = sandboxed_site();
    let site = site.canonicalize().unwrap();
    std::os::unix::fs::symlink("content/en", site.join("lnk")).unwrap();
    std::fs::create_dir_all(site.join("content/en/deeper")).unwrap();
    std::os::unix::fs::symlink(site.join("content/en/deeper"), site.join("deep")).unwrap();
    for (output, leads_to) in [
        ("lnk/../x", "content/x"),
        ("deep/../../public", "content/public"),
        ("./lnk/../../lnk/../x", "content/x"),
    ] {
        let before = snapshot(&site);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["build", "--output", output])
            .current_dir(&site)
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{output}: {err}");
        assert!(
            err.contains(&format!(
                "error: cannot write the site to `{output}`, which leads to `{}` through a symbolic link: it lies inside the site's own sources",
                site.join(leads_to).display()
            )),
            "{output}:\n{err}"
        );
        assert_eq!(snapshot(&site), before, "{output}: the site changed");
    }
    // The same words without the link's detour are an ordinary folder.
    std::fs::remove_file(site.join("lnk")).unwrap();
    std::fs::create_dir(site.join("lnk")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "-q", "--output", "lnk/../x"])
        .current_dir(&site)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.join("x/en/index.html").is_file());
}

/// SECURITY.md: "Two output names that differ only by letter case or by
/// how an accent is composed are refused, naming both files" — on macOS,
/// Windows and many hosts one would silently replace the other.
#[test]
fn names_that_are_one_where_case_is_ignored_are_refused() {
    let (_tmp, site) = sandboxed_site();
    write_site(
        &site,
        &[
            ("content/sources.yaml", "- {id: s, language: en, title: {en: S}}\n"),
            ("content/timeline.yaml", "- {id: e, date: 2025, title: {en: E}}\n"),
            (
                "content/claims/c.yaml",
                "statement: {en: C}\nstatus: reported\nattributed_to: {en: A}\nsources: [{source: s, stance: supports}]\n",
            ),
            ("content/en/Claims.JSON", "{}"),
            ("content/en/Timeline/a.png", "a"),
            ("content/en/photo.png", "p"),
            ("content/en/Photo.PNG", "P"),
            ("content/en/caf\u{e9}.png", "nfc"),
            ("content/en/cafe\u{301}.png", "nfd"),
        ],
    );
    let err = refused(&site);
    for wanted in [
        "error: content/en/Claims.JSON: `en/Claims.JSON` (`content/en/Claims.JSON`) and `en/claims.json` (`en/claims.json`, which dossier writes) are one name where letter case is ignored",
        "error: content/en/Timeline/a.png: `en/Timeline` (the folder of `content/en/Timeline/a.png`) and `en/timeline` (the folder of `en/timeline/index.html`, which dossier writes)",
        "error: content/en/photo.png: `en/photo.png` (`content/en/photo.png`) and `en/Photo.PNG` (`content/en/Photo.PNG`)",
        "(`content/en/cafe\u{301}.png`, accents decomposed)",
    ] {
        assert!(err.contains(wanted), "{wanted}\n{err}");
    }
    assert!(err.contains("build failed: 4 errors"), "{err}");
}

/// An output through a link to nothing used to fail with only "File
/// exists (os error 17)"; an output that is itself a link, with "it
/// exists and is not a folder". Both now say what the link is.
#[test]
fn an_output_through_a_link_to_nothing_says_so() {
    let (tmp, site) = sandboxed_site();
    let gone = tmp.path().join("gone");
    std::os::unix::fs::symlink("/nonexistent/dir", &gone).unwrap();
    let out = build(&site, &["--output", gone.join("site").to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "`{}` is a symbolic link to `/nonexistent/dir`, which does not exist",
            gone.display()
        )),
        "{err}"
    );
    let real = tmp.path().join("real");
    std::fs::create_dir(&real).unwrap();
    let link = tmp.path().join("link");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = build(&site, &["--output", link.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("it is a symbolic link (to `"), "{err}");
    assert!(
        err.contains("help: pass the real folder as --output"),
        "{err}"
    );
}
