//! The command line as a new user meets it: `dossier new`, `--version`,
//! `--quiet`, progress and colours on and off a terminal, completions, the
//! man page, and the documented exit codes.

mod common;
use common::*;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn new_site(dir: &Path, languages: &str) -> Output {
    dossier(&["new", dir.to_str().unwrap(), "--languages", languages])
}

#[test]
fn new_site_builds_strict_with_text_in_every_built_in_language() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("my-site");
    let out = new_site(&site, "en,tr,el,ru,zh");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("dossier build --strict"),
        "next steps"
    );
    for rel in [
        "site.yaml",
        "content/claims/example-claim.yaml",
        "content/sources.yaml",
        "content/timeline.yaml",
        ".gitignore",
        "README.md",
    ] {
        assert!(site.join(rel).is_file(), "{rel} missing");
    }
    assert!(read(&site, ".gitignore").contains("/public/"));
    // The built-in theme speaks these: no theme files of the site's own.
    assert!(!site.join("themes").exists());

    let out = build(&site, &["--strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "a new site builds without a warning");
    let public = site.join("public");
    let broken = broken_links(&public);
    assert!(broken.is_empty(), "{broken:#?}");
    let check = dossier(&["check", "--strict", "--root", site.to_str().unwrap()]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "a new site checks clean:\n{}",
        stderr(&check)
    );
    for (lang, text) in [
        ("en", "My explainer"),
        ("tr", "Açıklayıcı sitem"),
        ("el", "Ο επεξηγηματικός μου ιστότοπος"),
        ("ru", "Мой разъясняющий сайт"),
        ("zh", "我的解说网站"),
    ] {
        let home = read(&public, &format!("{lang}/index.html"));
        assert!(home.contains(text), "{lang} home lacks {text:?}");
        assert!(!home.contains("to translate"), "{lang} has placeholders");
        for page in [
            "example/index.html",
            "claims/example-claim/index.html",
            "sources/example-source/index.html",
            "timeline/index.html",
        ] {
            assert!(public.join(lang).join(page).is_file(), "{lang}/{page}");
        }
    }
}

#[test]
fn new_site_in_another_language_has_marked_placeholders_and_ui_strings() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let out = new_site(&site, "fr,en");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("placeholder"), "{}", stdout(&out));
    let config = read(&site, "site.yaml");
    assert!(config.contains("default_language: fr"), "{config}");
    assert!(config.contains("Français"), "{config}");
    let home = read(&site, "content/fr/_index.md");
    assert!(home.contains("[fr: to translate]"), "{home}");
    let ui = read(&site, "themes/default/i18n/fr.yaml");
    assert!(ui.contains("ENGLISH strings"), "{ui}");
    assert!(read(&site, "README.md").contains("themes/default/i18n/<code>.yaml"));

    let out = build(&site, &["--strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let public = site.join("public");
    assert!(read(&public, "fr/index.html").contains("[fr: to translate]"));
    assert!(broken_links(&public).is_empty());

    // The UI strings file is what lets --strict pass.
    std::fs::remove_file(site.join("themes/default/i18n/fr.yaml")).unwrap();
    let out = build(&site, &["--strict"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn new_fills_an_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = new_site(tmp.path(), "en");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(tmp.path().join("site.yaml").is_file());
    assert_eq!(build(tmp.path(), &["--strict"]).status.code(), Some(0));
}

#[test]
fn new_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let out = new_site(tmp.path(), "en");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("is not empty") && err.contains("`notes.txt`"),
        "{err}"
    );
    assert!(err.contains(tmp.path().to_str().unwrap()), "{err}");
    assert!(err.contains("help:"), "{err}");
    assert!(!err.contains("panicked"));
    assert!(!tmp.path().join("site.yaml").exists());
    assert_eq!(read(tmp.path(), "notes.txt"), "mine");

    let file = tmp.path().join("notes.txt");
    let out = new_site(&file, "en");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is not a folder"), "{}", stderr(&out));
}

#[test]
fn new_rejects_bad_language_codes_before_writing() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("s");
    for (langs, expect) in [
        ("EN", "`en`"),
        ("en,english", "`english` is not a language code"),
        ("en,tr,en", "lists `en` twice"),
        ("en,,tr", "empty language code"),
    ] {
        let out = new_site(&site, langs);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{langs}: {err}");
        assert!(err.contains(expect), "{langs}: {err}");
        assert!(!site.exists(), "{langs}: wrote a folder");
    }
}

#[test]
fn version_names_the_binary_and_the_embedded_theme() {
    let out = dossier(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out).trim(),
        format!(
            "dossier {} (theme default {})",
            env!("CARGO_PKG_VERSION"),
            dossier::theme::DEFAULT_THEME_VERSION
        )
    );
}

/// A site whose build succeeds with one warning: a third language, `fr`,
/// for which the theme has no UI strings.
fn site_with_a_warning() -> tempfile::TempDir {
    let site = fixture("basic");
    let config = read(site.path(), "site.yaml").replace(
        "languages:\n",
        "languages:\n  - code: fr\n    name: Français\n",
    );
    std::fs::write(site.path().join("site.yaml"), config).unwrap();
    site
}

#[test]
fn quiet_prints_only_the_summary() {
    let site = site_with_a_warning();
    let loud = build(site.path(), &[]);
    assert!(loud.status.success());
    assert!(stderr(&loud).contains("warning:"), "{}", stderr(&loud));
    assert!(stdout(&loud).lines().count() > 1);

    let out = build(site.path(), &["--quiet"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), "", "no warnings under --quiet");
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    let line = lines[0];
    assert!(line.starts_with("Done: "), "{line}");
    assert!(line.contains(" pages in 3 languages"), "{line}");
    assert!(line.contains(" ms."), "{line}");
    // What the omitted lines would have said, in short.
    assert!(line.contains("1 warning (run without --quiet"), "{line}");
    assert!(line.contains("Translated: fr 0.0%, tr "), "{line}");

    // Errors still come through.
    let bad = fixture("invalid/link-unknown-claim");
    let out = build(bad.path(), &["-q"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error:"), "{}", stderr(&out));
}

/// `dossier ARGS` with colours allowed (no NO_COLOR), output to pipes.
fn dossier_in_colour(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env_remove("NO_COLOR")
        .env("SOURCE_DATE_EPOCH", "1755129600")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn a_run_off_a_terminal_writes_no_escape_codes() {
    let site = site_with_a_warning();
    let root = site.path().to_str().unwrap();
    let ok = dossier_in_colour(&["build", "--root", root]);
    assert!(ok.status.success());
    let bad = fixture("invalid/link-unknown-claim");
    let failed = dossier_in_colour(&["build", "--root", bad.path().to_str().unwrap()]);
    assert_eq!(failed.status.code(), Some(1));
    for (what, out) in [("success", &ok), ("failure", &failed)] {
        for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            let text = String::from_utf8_lossy(bytes);
            assert!(
                !text.contains('\x1b') && !text.contains('\r'),
                "{what}, {stream}: {text:?}"
            );
        }
    }
    assert!(stdout(&ok).contains("Done: "));
    assert!(stderr(&ok).contains("warning: "));
    assert!(stderr(&failed).contains("error: "));
}

/// Runs dossier with stdout and stderr on a pseudo-terminal; returns what
/// the terminal received and the exit code.
#[cfg(target_os = "linux")]
fn dossier_on_a_terminal(args: &[&str], no_color: bool) -> (String, Option<i32>) {
    use std::io::Read;
    use std::os::fd::FromRawFd;
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 30,
        ws_col: 100,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two new descriptors into the given integers
    // and only reads `size`.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
    // SAFETY: the descriptors are fresh and owned by these files alone.
    let (mut master, slave) = unsafe {
        (
            std::fs::File::from_raw_fd(master),
            std::fs::File::from_raw_fd(slave),
        )
    };
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
    cmd.args(args)
        .env("SOURCE_DATE_EPOCH", "1755129600")
        .stdin(Stdio::null())
        .stdout(slave.try_clone().unwrap())
        .stderr(slave.try_clone().unwrap());
    if no_color {
        cmd.env("NO_COLOR", "1");
    } else {
        cmd.env_remove("NO_COLOR");
    }
    let mut child = cmd.spawn().unwrap();
    drop(cmd);
    drop(slave);
    let reader = std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        // Ends when the child's side closes (EIO on Linux), or at 8 MiB.
        while seen.len() < 8 << 20 {
            match master.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => seen.extend_from_slice(&buf[..n]),
            }
        }
        seen
    });
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        // A guard against a hung child, not a speed check.
        if started.elapsed() > std::time::Duration::from_secs(900) {
            let _ = child.kill();
            panic!("dossier did not finish within 900 s on a terminal");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let seen = reader.join().unwrap();
    (String::from_utf8_lossy(&seen).into_owned(), status.code())
}

#[cfg(target_os = "linux")]
#[test]
fn a_terminal_run_draws_progress_then_the_summary() {
    // The explainer in this repository: hundreds of pages.
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    let root = env!("CARGO_MANIFEST_DIR");
    // Without the search index: the bar is about rendering and writing, and
    // indexing in a debug build would only make the test slow.
    let args = [
        "build",
        "--no-search",
        "--root",
        root,
        "--output",
        output.to_str().unwrap(),
    ];
    let (screen, code) = dossier_on_a_terminal(&args, false);
    assert_eq!(code, Some(0), "{screen}");
    assert!(screen.contains("Rendering pages"), "{screen:?}");
    assert!(screen.contains("\x1b[2K"), "the bar is redrawn in place");
    assert!(screen.contains("\x1b[1;32mDone:\x1b[0m"), "{screen:?}");
    // The bar is cleared: the last line is the summary.
    let last = screen.trim_end().rsplit('\n').next().unwrap();
    assert!(last.contains("Done:") && last.contains(" ms."), "{last:?}");

    let (screen, code) = dossier_on_a_terminal(&[&args[..], &["--quiet"]].concat(), false);
    assert_eq!(code, Some(0));
    assert!(!screen.contains("Rendering"), "--quiet draws no bar");
    assert_eq!(screen.trim().lines().count(), 1, "{screen:?}");

    // NO_COLOR: still a bar on a terminal, but no colour.
    let (screen, _) = dossier_on_a_terminal(&args, true);
    assert!(!screen.contains("\x1b[1;32m"), "{screen:?}");
    assert!(screen.contains("Done:"));

    // An error is red on a terminal.
    let bad = fixture("invalid/link-unknown-claim");
    let (screen, code) =
        dossier_on_a_terminal(&["build", "--root", bad.path().to_str().unwrap()], false);
    assert_eq!(code, Some(1));
    assert!(screen.contains("\x1b[1;31merror:\x1b[0m"), "{screen:?}");
}

#[test]
fn completions_generate_for_bash_zsh_and_fish() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef dossier"),
        ("fish", "complete -c dossier"),
    ] {
        let out = dossier(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(script.contains(marker), "{shell}: lacks {marker:?}");
        for word in [
            "build",
            "new",
            "completions",
            "strict",
            "quiet",
            "languages",
        ] {
            assert!(script.contains(word), "{shell}: lacks {word}");
        }
    }
    // The bash script is valid bash.
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("dossier.bash");
    std::fs::write(&path, dossier(&["completions", "bash"]).stdout).unwrap();
    let check = Command::new("bash").arg("-n").arg(&path).output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));

    let out = dossier(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("possible values"), "{}", stderr(&out));
}

#[test]
fn man_page_documents_every_command_and_the_exit_codes() {
    let out = dossier(&["man"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.starts_with(".ie") || page.starts_with(".TH"), "roff");
    assert!(page.contains(".TH dossier 1"), "{page}");
    for section in [
        "DOSSIER BUILD",
        "DOSSIER NEW",
        "DOSSIER COMPLETIONS",
        "DOSSIER MAN",
        "EXIT STATUS",
        "NO_COLOR",
    ] {
        assert!(page.contains(section), "lacks {section}");
    }
    assert!(page.contains(r"\-\-quiet") && page.contains(r"\-\-languages"));
    assert!(page.contains("I/O errors"));
}

#[test]
fn help_lists_the_exit_codes() {
    let help = stdout(&dossier(&["--help"]));
    for line in [
        "0  success",
        "1  content errors",
        "2  usage errors",
        "3  I/O errors",
    ] {
        assert!(help.contains(line), "{line:?} missing:\n{help}");
    }
    let build_help = stdout(&dossier(&["build", "--help"]));
    assert!(build_help.contains("--quiet"), "{build_help}");
}

#[test]
fn each_exit_code_is_produced_by_its_case() {
    // 0: a site that builds.
    let site = fixture("basic");
    assert_eq!(build(site.path(), &[]).status.code(), Some(0));

    // 1: content errors.
    let bad = fixture("invalid/link-unknown-claim");
    let out = build(bad.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));

    // 2: usage errors, from clap and from dossier itself.
    let out = dossier(&["build", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(dossier(&["no-such-command"]).status.code(), Some(2));
    let out = dossier(&["new", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "non-empty folder");

    // 3: the output folder cannot be created: its parent is a regular file
    // (permissions would not stop root, who runs the tests).
    let file = site.path().join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    let output = file.join("public");
    let out = build(site.path(), &["--output", output.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("error: failed to write"), "{err}");
    assert!(err.contains("a-file"), "names the path: {err}");
    assert!(!err.contains("panicked"));

    // 3 for `dossier new` too, when the folder cannot be created.
    let out = dossier(&["new", file.join("site").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("cannot create folder"));
}

#[test]
fn strict_fails_on_a_missing_translation_but_not_on_a_stray_theme_file() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    assert!(new_site(&site, "en,tr").status.success());
    // A file the theme does not use is a warning, and --strict is about
    // translations only: the build still passes.
    std::fs::create_dir_all(site.join("themes/default")).unwrap();
    std::fs::write(site.join("themes/default/notes.txt"), "to do\n").unwrap();
    let out = build(&site, &["--strict"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("warning: themes/default/notes.txt: not used"),
        "{err}"
    );
    // A page with no translation fails it.
    std::fs::remove_file(site.join("content/tr/example.md")).unwrap();
    let out = build(&site, &["--strict"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/tr/example.md: missing translation"),
        "{err}"
    );
    assert!(!err.contains("error: themes/default/notes.txt"), "{err}");
}
