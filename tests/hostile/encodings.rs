//! Encodings and scripts: a BOM, CRLF or CR line endings, bytes that are
//! not UTF-8, mixed scripts, right-to-left text, combining characters and
//! emoji are handled, or reported with their file and line.

use crate::common::*;
use crate::{build_err, minimal_site, write_site};

#[test]
fn bom_crlf_and_lone_cr_work_in_every_kind_of_file() {
    let site = tempfile::tempdir().unwrap();
    let bom = "\u{feff}";
    write_site(
        site.path(),
        &[
            ("site.yaml", &format!("{bom}title: {{en: Windows}}\r\ndefault_language: en\r\nlanguages: [{{code: en, name: English}}]\r\n")),
            ("content/en/_index.md", &format!("{bom}---\r\ntitle: Home\r\n---\r\n\r\n## Part {{#part}}\r\n\r\nSee [it](claim:c1).\r\n")),
            // A lone CR ends lines too (old Mac files).
            ("content/en/mac.md", "---\rtitle: Mac\r---\r\rSee [home](page:/#part).\r"),
            ("content/claims/c1.yaml", &format!("{bom}statement: {{en: S}}\r\nstatus: reported\r\nattributed_to: {{en: A}}\r\nsources: [{{source: s1, stance: supports}}]\r\n")),
            ("content/sources.yaml", &format!("{bom}- id: s1\r\n  language: en\r\n  title: {{en: T}}\r\n")),
            ("content/timeline.yaml", &format!("{bom}- id: e1\r\n  date: 2025-05\r\n  title: {{en: E}}\r\n")),
        ],
    );
    let public = build_ok(site.path());
    assert!(read(&public, "en/mac/index.html").contains("<h1>Mac</h1>"));
    assert!(read(&public, "en/claims/c1/index.html").contains(">S</q></h1>"));
    // Line numbers stay right after CRLF: an error on line 3 says line 3.
    std::fs::write(
        site.path().join("content/en/mac.md"),
        "---\r\ntitle: Mac\r\n---\r\n[x](page:nope)\r\n",
    )
    .unwrap();
    let (code, err) = build_err(site.path());
    assert_eq!(code, Some(1));
    assert!(
        err.contains("content/en/mac.md:4:1: broken link `page:nope`"),
        "{err}"
    );
}

#[test]
fn bytes_that_are_not_utf8_are_reported_per_file_with_their_line() {
    let site = minimal_site();
    std::fs::write(
        site.path().join("content/sources.yaml"),
        b"- id: s1\n  language: en\n  title: {en: \xc3\x28}\n",
    )
    .unwrap();
    std::fs::create_dir_all(site.path().join("content/claims")).unwrap();
    std::fs::write(
        site.path().join("content/claims/c1.yaml"),
        b"statement: {en: \xff\xfe}\n",
    )
    .unwrap();
    std::fs::write(
        site.path().join("content/en/latin1.md"),
        b"---\ntitle: Caf\xe9\n---\n",
    )
    .unwrap();
    let (code, err) = build_err(site.path());
    assert_eq!(code, Some(1), "{err}");
    for at in [
        "content/sources.yaml:3:",
        "content/claims/c1.yaml:1:",
        "content/en/latin1.md:2:",
    ] {
        assert!(err.contains(at), "{at} missing:\n{err}");
    }
    assert_eq!(err.matches("not valid UTF-8").count(), 3, "{err}");
    assert!(err.contains("help: save the file as UTF-8"));

    let site = minimal_site();
    std::fs::write(site.path().join("site.yaml"), b"title: {en: \x80}\n").unwrap();
    let (code, err) = build_err(site.path());
    assert_eq!(code, Some(1));
    assert!(
        err.contains("site.yaml:1:") && err.contains("not valid UTF-8"),
        "{err}"
    );
}

#[test]
fn mixed_scripts_rtl_combining_marks_and_emoji_in_text_are_kept() {
    let site = tempfile::tempdir().unwrap();
    write_site(
        site.path(),
        &[
            ("site.yaml", "title: {en: Ferry ⛴️ question, ar: مسألة العبّارة}\ndefault_language: en\nlanguages: [{code: en, name: English}, {code: ar, name: العربية, dir: rtl}]\n"),
            ("content/en/_index.md", "---\ntitle: Home 🏠\n---\n\n[Hindi](page:scripts#हिन्दी-भाषा), [café](page:scripts#cafe\u{301}-au-lait), [rocket](page:scripts#rocket-launch).\n"),
            ("content/ar/_index.md", "---\ntitle: الصفحة الرئيسية\n---\n\nنص عربي مع English و 123.\n"),
            ("content/en/scripts.md", "---\ntitle: Scripts Ελληνικά Русский 中文 עברית\n---\n\n## हिन्दी भाषा\n\n## Cafe\u{301} au lait\n\n## Rocket 🚀 launch\n\n## 👩‍👩‍👧\n\n## \u{202e}txt.exe\n"),
        ],
    );
    let public = build_ok(site.path());
    let page = read(&public, "en/scripts/index.html");
    assert!(page.contains("Scripts Ελληνικά Русский 中文 עברית"));
    for id in [
        "हिन्दी-भाषा",
        "cafe\u{301}-au-lait",
        "rocket-launch",
        "section",
        "txt-exe",
    ] {
        assert!(page.contains(&format!("id=\"{id}\"")), "{id}:\n{page}");
    }
    let home = read(&public, "en/index.html");
    assert!(home.contains("Home 🏠"));
    // Percent-encoded in the href, as browsers decode it to find the id.
    assert!(
        home.contains("scripts/#%E0%A4%B9%E0%A4%BF%E0%A4%A8"),
        "{home}"
    );
    let ar = read(&public, "ar/index.html");
    assert!(
        ar.contains("dir=\"rtl\"") && ar.contains("مسألة العبّارة"),
        "{ar}"
    );
    assert!(
        broken_links(&public).is_empty(),
        "{:?}",
        broken_links(&public)
    );
}

#[test]
fn non_ascii_ids_and_names_are_refused_clearly() {
    let site = minimal_site();
    write_site(
        site.path(),
        &[
            ("content/claims/🦀.yaml", "x: 1\n"),
            ("content/claims/cafe\u{301}.yaml", "x: 1\n"),
            ("content/sources.yaml", "- {id: كلام, language: ar, title: {en: T}}\n- {id: \"a\u{200f}b\", language: en, title: {en: U}}\n"),
            ("content/timeline.yaml", "- {id: שלום, date: 2025, title: {en: E}}\n"),
            ("content/en/ελληνικά.md", "---\ntitle: G\n---\n"),
        ],
    );
    let (code, err) = build_err(site.path());
    assert_eq!(code, Some(1), "{err}");
    for wanted in [
        "content/claims/🦀.yaml: claim id `🦀` (the file name) is not a safe id",
        "content/claims/cafe\u{301}.yaml: claim id `cafe\u{301}` (the file name) is not a safe id",
        "content/sources.yaml:1: source id `كلام` is not a safe id",
        "source id `a\u{200f}b` is not a safe id",
        "content/timeline.yaml:1: event id `שלום` is not a safe id",
        "content/en/ελληνικά.md: `ελληνικά` cannot be part of a page's path",
    ] {
        assert!(err.contains(wanted), "{wanted}:\n{err}");
    }
    assert!(
        err.contains("lowercase letters a-z, digits"),
        "the help says what is valid"
    );
}

#[test]
fn bidirectional_controls_in_file_names_are_refused() {
    // U+202E turns `gpj.exe` into what reads as `exe.jpg`.
    let site = minimal_site();
    write_site(site.path(), &[("content/en/img/photo\u{202e}gpj.exe", "x")]);
    let (code, err) = build_err(site.path());
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("holds the invisible bidirectional control U+202E"),
        "{err}"
    );
}

/// SECURITY.md: "A file or folder name that is not UTF-8 is refused,
/// named by its bytes" — two such names used to read alike (`x�.png`)
/// and one file was silently lost.
#[test]
fn file_names_that_are_not_utf8_are_refused_by_their_bytes() {
    use std::os::unix::ffi::OsStrExt;
    let site = crate::minimal_site();
    let en = site.path().join("content/en");
    let name = |b: &[u8]| en.join(std::ffi::OsStr::from_bytes(b));
    std::fs::write(name(b"x\xff.png"), "one").unwrap();
    std::fs::write(name(b"x\xfe.png"), "two").unwrap();
    std::fs::create_dir(name(b"d\xff")).unwrap();
    std::fs::write(name(b"d\xff").join("inside.png"), "three").unwrap();
    let (code, err) = crate::build_err(site.path());
    assert_eq!(code, Some(1), "{err}");
    for rel in [
        "content/en/x\\xFF.png",
        "content/en/x\\xFE.png",
        "content/en/d\\xFF",
    ] {
        assert!(
            err.contains(&format!(
                "error: {rel}: the name is not UTF-8 text (each `\\xNN` is a byte that is not)"
            )),
            "{rel}:\n{err}"
        );
    }
    assert!(
        err.contains("build failed: 3 errors"),
        "one error per name:\n{err}"
    );
    assert!(!site.path().join("public").exists());
}
