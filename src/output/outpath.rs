//! Where an output path really leads. `--output lnk/../x`, with `lnk` a
//! link to `content/en`, is `content/x` to the kernel, which follows `lnk`
//! before it takes `..`; folding `..` as text first would call it `x` and
//! let the build write into the site's sources. [`resolve`] walks the path
//! one part at a time as the kernel does, so the output check judges the
//! folder that will really be written.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

/// How many links one path may pass through, as Linux allows (`ELOOP`).
const MAX_LINKS: usize = 40;

/// `path` made absolute (from `cwd` when relative) and resolved as the
/// kernel will when the build creates and writes it: each existing link
/// is followed where it stands, `..` then goes up from where the link led,
/// and the parts that do not exist yet are taken as the folders the build
/// will create. `Err` for a loop of links (or more than 40 on the way).
pub fn resolve(path: &Path, cwd: &Path) -> Result<PathBuf, String> {
    let mut todo: VecDeque<OsString> = VecDeque::new();
    let mut real = PathBuf::from("/");
    let start = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    push_parts(&mut todo, &start, &mut real, true);
    let mut links = 0;
    while let Some(part) = todo.pop_front() {
        if part == ".." {
            real.pop();
            continue;
        }
        let next = real.join(&part);
        match std::fs::symlink_metadata(&next) {
            Ok(m) if m.file_type().is_symlink() => {
                links += 1;
                if links > MAX_LINKS {
                    return Err(format!(
                        "more than {MAX_LINKS} symbolic links on the way (a loop?) at `{}`",
                        next.display()
                    ));
                }
                let target = std::fs::read_link(&next).map_err(|e| e.to_string())?;
                // The link's target takes its place, before what follows.
                let mut parts = VecDeque::new();
                push_parts(&mut parts, &target, &mut real, target.is_absolute());
                parts.extend(todo);
                todo = parts;
            }
            _ => real.push(part),
        }
    }
    Ok(real)
}

/// Why the build cannot write through `output`'s links, if it cannot: the
/// output is itself a link (the build swaps its folder in whole, and a
/// link is not a folder), or a folder on the way is a link to nothing
/// (the kernel's answer to creating it is only "File exists").
pub fn link_problem(output: &Path) -> Option<String> {
    let mut on_the_way = PathBuf::new();
    let parts: Vec<Component> = output.components().collect();
    for (i, c) in parts.iter().enumerate() {
        on_the_way.push(c);
        let Ok(m) = std::fs::symlink_metadata(&on_the_way) else {
            return None;
        };
        if !m.file_type().is_symlink() {
            continue;
        }
        let target = std::fs::read_link(&on_the_way).unwrap_or_default();
        let last = i + 1 == parts.len();
        if std::fs::metadata(&on_the_way).is_err() {
            return Some(format!(
                "`{}` is a symbolic link to `{}`, which does not exist",
                on_the_way.display(),
                target.display()
            ));
        }
        if last {
            return Some(format!(
                "it is a symbolic link (to `{}`); dossier swaps its output folder in whole and does not write through a link",
                target.display()
            ));
        }
    }
    None
}

/// `path` with `.` and `..` folded as text, as it reads to a person (not
/// where it leads): to say so when the two differ.
pub fn fold_dots(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Queues the parts of `path`; an absolute one restarts from the root.
fn push_parts(todo: &mut VecDeque<OsString>, path: &Path, real: &mut PathBuf, absolute: bool) {
    if absolute {
        *real = PathBuf::from("/");
    }
    for c in path.components() {
        match c {
            Component::Normal(n) => todo.push_back(n.to_os_string()),
            Component::ParentDir => todo.push_back("..".into()),
            Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn sandbox() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().canonicalize().unwrap().join("site");
        std::fs::create_dir_all(site.join("content/en")).unwrap();
        std::fs::create_dir_all(site.join("deep/er")).unwrap();
        symlink("content/en", site.join("lnk")).unwrap();
        symlink(site.join("content"), site.join("abs")).unwrap();
        symlink("loop", site.join("loop")).unwrap();
        (tmp, site)
    }

    #[test]
    fn dot_dot_after_a_link_goes_up_from_where_the_link_led() {
        let (_tmp, site) = sandbox();
        let r = |p: &str| resolve(Path::new(p), &site).unwrap();
        assert_eq!(r("lnk/../x"), site.join("content/x"));
        assert_eq!(r("lnk/.."), site.join("content"));
        assert_eq!(r("abs/en/../../public"), site.join("public"));
        assert_eq!(r("deep/er/../../public"), site.join("public"));
        assert_eq!(r("./new/../lnk/../x"), site.join("content/x"));
        assert_eq!(r("public"), site.join("public"));
        assert_eq!(
            r(site.join("lnk/../x").to_str().unwrap()),
            site.join("content/x")
        );
    }

    #[test]
    fn an_existing_path_resolves_as_canonicalize_does() {
        let (_tmp, site) = sandbox();
        for p in ["lnk/..", "abs/en", "deep/er/../../lnk", "lnk/../../deep"] {
            let want = site.join(p).canonicalize().unwrap();
            assert_eq!(resolve(Path::new(p), &site).unwrap(), want, "{p}");
        }
    }

    #[test]
    fn a_link_to_nothing_or_an_output_that_is_a_link_is_named() {
        let (_tmp, site) = sandbox();
        symlink("/nonexistent/dir", site.join("gone")).unwrap();
        let p = link_problem(&site.join("gone/site")).unwrap();
        assert!(
            p.ends_with("gone` is a symbolic link to `/nonexistent/dir`, which does not exist"),
            "{p}"
        );
        assert!(link_problem(&site.join("gone"))
            .unwrap()
            .contains("does not exist"));
        let p = link_problem(&site.join("lnk")).unwrap();
        assert!(
            p.starts_with("it is a symbolic link (to `content/en`)"),
            "{p}"
        );
        assert_eq!(link_problem(&site.join("lnk/x")), None);
        assert_eq!(link_problem(&site.join("public")), None);
    }

    #[test]
    fn a_loop_of_links_is_an_error() {
        let (_tmp, site) = sandbox();
        let e = resolve(Path::new("loop/x"), &site).unwrap_err();
        assert!(e.contains("more than 40 symbolic links"), "{e}");
    }
}
