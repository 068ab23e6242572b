//! A build killed at any moment leaves either the old output or the new
//! one, never a mix, and never deletes a folder it did not create; what a
//! killed build left behind is cleaned by the next one.

use crate::common::*;
use crate::write_site;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Enough pages that writing them takes a while (1,000 pages, 1,006 files).
const PAGES: usize = 1000;

fn config(title: &str) -> String {
    format!(
        "title: {{en: {title}}}\ndefault_language: en\nlanguages: [{{code: en, name: English}}]\n"
    )
}

/// A site of `PAGES` pages; the title (on every page) tells the builds apart.
fn big_site(root: &Path) {
    write_site(
        root,
        &[
            ("site.yaml", &config("Version A")),
            ("content/en/_index.md", "---\ntitle: Home\n---\nHome.\n"),
        ],
    );
    for i in 0..PAGES {
        let text = format!(
            "---\ntitle: Page {i}\n---\n\n## Part one\n\nText of page {i}, with *emphasis* and [a link home](page:/).\n\n## Part two\n\nMore text.\n"
        );
        std::fs::write(root.join(format!("content/en/p{i}.md")), text).unwrap();
    }
}

/// A fingerprint of every file below `dir` (path and bytes).
fn fingerprint(dir: &Path) -> u64 {
    let mut h = DefaultHasher::new();
    for (path, bytes) in snapshot(dir) {
        path.hash(&mut h);
        bytes.hash(&mut h);
    }
    h.finish()
}

fn leftovers(root: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.dossier-"))
        .collect();
    v.sort();
    v
}

/// Starts a build, waits until it is writing its staging folder (or, with
/// `early`, only for that long), waits `extra` more, and kills it.
fn kill_during_build(root: &Path, early: Option<Duration>, extra: Duration) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--root", root.to_str().unwrap()])
        .env("SOURCE_DATE_EPOCH", "1755129600")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let staging = root.join(format!(".public.dossier-staging-{}", child.id()));
    match early {
        Some(d) => std::thread::sleep(d),
        None => {
            // Bounded wait: a build that ends first is simply not killed mid-write.
            let start = Instant::now();
            while !staging.exists() && start.elapsed() < Duration::from_secs(120) {
                if child.try_wait().unwrap().is_some() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(1));
            }
        }
    }
    std::thread::sleep(extra);
    let _ = child.kill(); // SIGKILL
    child.wait().unwrap();
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_or_the_new_output() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    big_site(root);
    // Folders that are not dossier's: beside the output, and one named like
    // a staging folder (but without the marker) that no build may remove.
    write_site(
        root,
        &[
            ("keep/notes.txt", "mine"),
            (".public.dossier-staging-999999999/mine.txt", "mine too"),
        ],
    );

    let public = root.join("public");
    build_ok(root);
    let a = fingerprint(&public);
    std::fs::write(root.join("site.yaml"), config("Version B")).unwrap();
    build_ok(root);
    let b = fingerprint(&public);
    assert_ne!(a, b);
    assert!(read(&public, "en/p7/index.html").contains("Version B"));

    // Kill while rendering, then at several moments of writing and swapping.
    let moments: Vec<(Option<Duration>, Duration)> = vec![
        (Some(Duration::from_millis(50)), Duration::ZERO),
        (None, Duration::ZERO),
        (None, Duration::from_millis(5)),
        (None, Duration::from_millis(40)),
        (None, Duration::from_millis(150)),
        (None, Duration::from_millis(600)),
    ];
    let mut current = b;
    for (i, (early, extra)) in moments.into_iter().enumerate() {
        // Build the version that is not in public/ now.
        let next = if current == a {
            "Version B"
        } else {
            "Version A"
        };
        std::fs::write(root.join("site.yaml"), config(next)).unwrap();
        kill_during_build(root, early, extra);
        let now = fingerprint(&public);
        assert!(
            now == a || now == b,
            "kill {i} ({early:?} + {extra:?}) left a mix in public/"
        );
        current = now;
    }

    // The next build completes and cleans what the killed ones left.
    build_ok(root);
    assert_eq!(
        leftovers(root),
        [".public.dossier-staging-999999999"],
        "stale staging folders remain"
    );
    assert_eq!(
        read(root, ".public.dossier-staging-999999999/mine.txt"),
        "mine too"
    );
    assert_eq!(read(root, "keep/notes.txt"), "mine");
    let f = fingerprint(&public);
    assert!(f == a || f == b);
}

#[test]
fn a_staging_folder_dossier_did_not_make_is_never_removed() {
    use dossier::output::write_site as write_output;
    use dossier::site_file::OutputFile;
    let tmp = tempfile::tempdir().unwrap();
    // Named like this process's own staging folder, but not made by dossier.
    let squatter = tmp
        .path()
        .join(format!(".public.dossier-staging-{}", std::process::id()));
    std::fs::create_dir(&squatter).unwrap();
    std::fs::write(squatter.join("thesis.tex"), "years of work").unwrap();
    let files = vec![OutputFile {
        path: "index.html".into(),
        bytes: b"x".to_vec().into(),
    }];
    let e = write_output(&tmp.path().join("public"), &files, false).unwrap_err();
    assert!(
        e.to_string()
            .contains("which dossier did not create, is in the way"),
        "{e}"
    );
    assert_eq!(
        std::fs::read_to_string(squatter.join("thesis.tex")).unwrap(),
        "years of work"
    );
    assert!(!tmp.path().join("public").exists());
}

/// A previous output that cannot be removed after the swap was left as
/// `.public.dossier-staging-PID` while the build reported success. Now the
/// build says so (exit 3), naming the folder. An immutable file (chattr
/// +i, which even root cannot remove) stands for any such failure; where
/// the file system has no such flag the case cannot be made, and the test
/// says so and stops.
#[test]
fn a_previous_output_that_cannot_be_removed_is_reported() {
    let site = crate::minimal_site();
    let public = build_ok(site.path());
    let stuck = public.join("en/index.html");
    let made = Command::new("chattr").arg("+i").arg(&stuck).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("chattr +i is not available here: case not made");
        return;
    }
    write_site(
        site.path(),
        &[("content/en/_index.md", "---\ntitle: Home\n---\nNew.\n")],
    );
    let out = build(site.path(), &[]);
    let err = stderr(&out);
    let kept: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.dossier-staging-"))
        .collect();
    for k in &kept {
        let _ = Command::new("chattr")
            .arg("-i")
            .arg(site.path().join(k).join("en/index.html"))
            .status();
    }
    let _ = Command::new("chattr").arg("-i").arg(&stuck).status();
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(
        err.contains(&format!("error: the new site is in place, but the previous output, moved to `{}`, could not be removed", site.path().join(&kept[0]).display())),
        "{err}"
    );
    assert!(
        read(&public, "en/index.html").contains("New."),
        "the new site is in place"
    );
}

/// A staging folder whose build runs elsewhere (another container sharing
/// the folder, where its process id means nothing) holds a lock on its
/// marker: a build here leaves it alone, and removes it once the lock is
/// gone (the build that made it died).
#[cfg(unix)]
#[test]
fn a_staging_folder_whose_build_holds_its_lock_is_left_alone() {
    use std::os::fd::AsRawFd;
    let site = crate::minimal_site();
    let root = site.path();
    // Process 999999999 does not exist here: only the lock says "in use".
    let other = root.join(".public.dossier-staging-999999999");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join(".dossier-output"), "marker\n").unwrap();
    std::fs::write(other.join("page.html"), "half written").unwrap();
    let marker = std::fs::File::open(other.join(".dossier-output")).unwrap();
    // SAFETY: flock on a file descriptor this test owns and keeps open.
    let rc = unsafe { libc::flock(marker.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    assert_eq!(rc, 0);
    let build = |root: &Path| {
        Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args([
                "build",
                "-q",
                "--no-search",
                "--root",
                root.to_str().unwrap(),
            ])
            .env("SOURCE_DATE_EPOCH", "1755129600")
            .output()
            .unwrap()
    };
    assert!(build(root).status.success());
    assert_eq!(
        read(root, ".public.dossier-staging-999999999/page.html"),
        "half written"
    );
    drop(marker);
    assert!(build(root).status.success());
    assert!(!other.exists(), "{:?}", leftovers(root));
}
