//! The last phase, and the only one besides `input` that touches the disk:
//! write the finished site into a staging folder beside the output, then
//! swap it in. A failed or killed build leaves the previous output as it
//! was; a folder dossier did not create is never deleted.

pub(crate) mod collide;
pub(crate) mod guard;
pub mod outpath;
pub mod search;

use crate::diagnostics::{Diagnostic, Kind};
use crate::site_file::OutputFile;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Marks a folder as written by dossier, so a later build may replace it.
pub(crate) const MARKER: &str = ".dossier-output";
const MARKER_TEXT: &str = "This folder is written by dossier. Each build replaces it whole; do not keep your own files here.\n";

/// The output folder holds files dossier did not write.
fn foreign_folder(p: &Path) -> Diagnostic {
    Diagnostic::unlocated(
        Kind::Output,
        format!(
            "output folder `{}` holds files that dossier did not write (it has no {MARKER} marker)",
            p.display()
        ),
    )
    .help("choose another --output, empty the folder, or pass --force to move it aside (it is renamed, not deleted)")
}

/// The output would overwrite the site itself, or leave the output folder.
fn unsafe_output(p: PathBuf, why: &str) -> Diagnostic {
    Diagnostic::unlocated(
        Kind::Output,
        format!("cannot write the site to `{}`: {why}", p.display()),
    )
    .help("choose an output folder of its own, such as `public`")
}

/// The output path goes through a symbolic link that cannot be written
/// through (a dangling link, a link to a file).
fn link_output(p: &Path, why: String) -> Diagnostic {
    Diagnostic::unlocated(
        Kind::Output,
        format!("cannot write the site to `{}`: {why}", p.display()),
    )
    .help("pass the real folder as --output, or remove the link")
}

/// As [`unsafe_output`], for an output path that leads elsewhere than it
/// reads (through a symbolic link): the path given, where it leads, why.
fn leads_into(p: &Path, real: &Path, why: &str) -> Diagnostic {
    Diagnostic::unlocated(
        Kind::Output,
        format!(
            "cannot write the site to `{}`, which leads to `{}` through a symbolic link: {why}",
            p.display(),
            real.display()
        ),
    )
    .help("choose an output folder of its own, such as `public`")
}

/// The new site is in place, but the previous output, moved to `p`,
/// could not be removed.
fn old_kept(p: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::unlocated(
        Kind::Io,
        format!(
            "the new site is in place, but the previous output, moved to `{}`, could not be removed: {e}",
            p.display()
        ),
    )
    .help("remove that folder by hand (the next build tries again)")
}

/// What a build does with an output folder holding files it did not write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Foreign {
    /// Stop, with an error (the default).
    Refuse,
    /// Rename it aside, never delete it (`--force`).
    MoveAside,
}

/// What the swap did with the previous output.
#[derive(Debug, PartialEq, Eq)]
pub enum Previous {
    None,
    Replaced,
    /// A foreign folder, moved aside under `--force`.
    MovedTo(PathBuf),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Diagnostic + '_ {
    move |e| {
        Diagnostic::unlocated(
            Kind::Io,
            format!("failed to write `{}`: {e}", path.display()),
        )
    }
}

/// Refuses output folders that are, or contain, the site's own files,
/// judged where the kernel will really write (see [`outpath`]).
pub fn check_output_location(cwd: &Path, root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let resolve = |p: &Path| {
        outpath::resolve(p, cwd).map_err(|why| {
            unsafe_output(
                output.to_path_buf(),
                if why.contains("symbolic links") {
                    "it leads through a loop of symbolic links"
                } else {
                    "its symbolic links cannot be read"
                },
            )
        })
    };
    if let Some(why) = outpath::link_problem(output) {
        return Err(link_output(output, why));
    }
    let (root, out) = (resolve(root)?, resolve(output)?);
    let refuse = |why| {
        if outpath::fold_dots(&cwd.join(output)) != out {
            leads_into(output, &out, why)
        } else {
            unsafe_output(output.to_path_buf(), why)
        }
    };
    if root.starts_with(&out) {
        return Err(refuse("it is the site folder or one of its parents"));
    }
    for inner in ["content", "static", "themes", "src", ".git"] {
        if out.starts_with(root.join(inner)) {
            return Err(refuse("it lies inside the site's own sources"));
        }
    }
    Ok(())
}

/// Writes a whole site held in memory, through a staging folder as a build
/// does (the tests' way to exercise the writer alone). `force`: move a
/// folder dossier did not write aside instead of refusing it.
pub fn write_site(
    output: &Path,
    files: &[OutputFile],
    force: bool,
) -> Result<Previous, Diagnostic> {
    for f in files {
        if let Some(why) = unsafe_output_path(&f.path) {
            return Err(unsafe_output(output.join(&f.path), why));
        }
    }
    let foreign = if force {
        Foreign::MoveAside
    } else {
        Foreign::Refuse
    };
    let staging = Staging::begin(output, foreign)?;
    staging.write_all(files, &crate::progress::NoProgress)?;
    staging.finish()
}

/// The folder a build writes into beside the output, swapped in by
/// [`Staging::finish`]. Dropped unfinished (the build failed), it is
/// removed, and the output stays as it was.
pub(crate) struct Staging {
    output: PathBuf,
    dir: PathBuf,
    /// The output holds files dossier did not write (allowed by `--force`).
    foreign: bool,
    /// Held on the staging folder's marker while the build runs.
    _lock: MarkerLock,
}

impl Staging {
    /// Checks the output folder and creates an empty, marked staging
    /// folder beside it.
    pub(crate) fn begin(output: &Path, foreign_files: Foreign) -> Result<Staging, Diagnostic> {
        let foreign = match std::fs::symlink_metadata(output) {
            Ok(m) if m.is_dir() => {
                !output.join(MARKER).is_file()
                    && std::fs::read_dir(output)
                        .map_err(io(output))?
                        .next()
                        .is_some()
            }
            Ok(_) => {
                return Err(unsafe_output(
                    output.to_path_buf(),
                    "it exists and is not a folder",
                ))
            }
            Err(_) => false,
        };
        if foreign && foreign_files == Foreign::Refuse {
            return Err(foreign_folder(output));
        }
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(io(&parent))?;
        let name = output
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        remove_stale_staging(&parent, &name);
        let dir = parent.join(format!(".{name}.dossier-staging-{}", std::process::id()));
        if std::fs::symlink_metadata(&dir).is_ok() {
            if !is_ours(&dir) {
                return Err(unsafe_output(
                    dir,
                    "a folder of that name, which dossier did not create, is in the way",
                ));
            }
            remove_ours(&dir).map_err(io(&dir))?;
        }
        std::fs::create_dir(&dir).map_err(io(&dir))?;
        let marked = std::fs::write(dir.join(MARKER), MARKER_TEXT).map_err(io(&dir));
        let staging = Staging {
            output: output.to_path_buf(),
            _lock: MarkerLock::take(&dir),
            dir,
            foreign,
        };
        marked.map(|()| staging)
    }

    /// Writes one file, creating its folders; callable from many threads.
    pub(crate) fn write(&self, file: &OutputFile) -> Result<(), Diagnostic> {
        if let Some(why) = unsafe_output_path(&file.path) {
            return Err(unsafe_output(self.output.join(&file.path), why));
        }
        let p = self.dir.join(&file.path);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&p, &file.bytes).map_err(io(&p))
    }

    /// Writes `files` in parallel, their folders first.
    pub(crate) fn write_all(
        &self,
        files: &[OutputFile],
        progress: &dyn crate::progress::Progress,
    ) -> Result<(), Diagnostic> {
        let dirs: BTreeSet<&str> = files
            .iter()
            .filter_map(|f| f.path.rsplit_once('/').map(|(d, _)| d))
            .collect();
        for d in dirs {
            let p = self.dir.join(d);
            std::fs::create_dir_all(&p).map_err(io(&p))?;
        }
        files.par_iter().try_for_each(|f| {
            if let Some(why) = unsafe_output_path(&f.path) {
                return Err(unsafe_output(self.output.join(&f.path), why));
            }
            let p = self.dir.join(&f.path);
            std::fs::write(&p, &f.bytes).map_err(io(&p))?;
            progress.advance(1);
            Ok(())
        })
    }

    /// A file written so far, read back (the search index reads the pages
    /// from here rather than keeping them in memory).
    pub(crate) fn read(&self, path: &str) -> Result<Vec<u8>, Diagnostic> {
        let p = self.dir.join(path);
        std::fs::read(&p).map_err(io(&p))
    }

    /// Puts the staging folder in the output's place.
    pub(crate) fn finish(self) -> Result<Previous, Diagnostic> {
        // `self` is dropped after the swap: on success its folder is gone
        // (renamed or removed), on failure it is removed.
        swap(&self.dir, &self.output, self.foreign)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if is_ours(&self.dir) {
            let _ = remove_ours(&self.dir);
        }
    }
}

/// Why a path of the finished site could land outside the output folder
/// (or be unwritable on some systems), if it could. Every path is built
/// from checked ids; this is the last guard before the disk.
pub fn unsafe_output_path(path: &str) -> Option<&'static str> {
    if path.is_empty() || path.starts_with('/') {
        return Some("an output path must be relative");
    }
    for seg in path.split('/') {
        if seg.is_empty() || seg == "." || seg == ".." {
            return Some("an output path may not hold empty, `.` or `..` parts");
        }
        if seg.contains(['\\', '\0']) {
            return Some("an output path may not hold `\\` or NUL");
        }
    }
    None
}

/// A folder dossier wrote: a real folder (not a link) holding the marker.
fn is_ours(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir())
        && std::fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
}

/// Removes a folder dossier wrote, its marker last: a removal cut short
/// leaves a folder that is still recognisably ours, and the next build
/// finishes the job.
fn remove_ours(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == MARKER {
            continue;
        }
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())?;
        } else {
            std::fs::remove_file(entry.path())?;
        }
    }
    std::fs::remove_file(dir.join(MARKER))?;
    std::fs::remove_dir(dir)
}

/// Holds an exclusive lock on a folder's marker file while it lives, so
/// that another build (in this container or another one sharing the
/// folder) sees the folder as in use rather than left behind.
struct MarkerLock {
    _file: Option<std::fs::File>,
}

impl MarkerLock {
    /// Locks the marker of `dir`; without a marker, or where locks are not
    /// supported, holds nothing (the lock is a safeguard, not a condition).
    fn take(dir: &Path) -> MarkerLock {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .open(dir.join(MARKER))
            .ok();
        MarkerLock {
            _file: file.filter(try_lock),
        }
    }
}

/// Takes the exclusive lock on `file` if no one holds it.
#[cfg(unix)]
fn try_lock(file: &std::fs::File) -> bool {
    use rustix::fs::{flock, FlockOperation};
    flock(file, FlockOperation::NonBlockingLockExclusive).is_ok()
}

#[cfg(not(unix))]
fn try_lock(_: &std::fs::File) -> bool {
    true
}

/// Whether a folder a build left beside the output may still be in use:
/// its marker is locked by a live build, or, with no marker yet (killed,
/// or still starting, between creating the folder and marking it), the
/// process id in its name is alive. The lock holds across containers
/// sharing the folder, where process ids do not.
fn may_be_in_use(dir: &Path, pid: &str) -> bool {
    match std::fs::OpenOptions::new()
        .read(true)
        .open(dir.join(MARKER))
    {
        // The lock is released when `file` is dropped right away.
        Ok(file) => !try_lock(&file),
        Err(_) => process_alive(pid),
    }
}

/// Whether the process with id `pid` (not this one) may still be running.
fn process_alive(pid: &str) -> bool {
    let Some(pid) = pid.parse::<i32>().ok().filter(|&p| p > 0) else {
        return false;
    };
    if pid == std::process::id() as i32 {
        return false;
    }
    #[cfg(unix)]
    {
        use rustix::process::{test_kill_process, Pid};
        Pid::from_raw(pid).is_some_and(
            |pid| !matches!(test_kill_process(pid), Err(e) if e == rustix::io::Errno::SRCH),
        )
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// Removes what killed builds left beside the output: their staging and
/// old folders (only ones that carry the marker, or are empty), unless the
/// build that made them is still running.
fn remove_stale_staging(parent: &Path, name: &str) {
    let prefixes = [
        format!(".{name}.dossier-staging-"),
        format!(".{name}.dossier-old-"),
    ];
    if let Ok(entries) = std::fs::read_dir(parent) {
        for e in entries.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            let Some(pid) = prefixes.iter().find_map(|p| n.strip_prefix(p.as_str())) else {
                continue;
            };
            if may_be_in_use(&e.path(), pid) {
                continue;
            }
            if is_ours(&e.path()) {
                let _ = remove_ours(&e.path());
            } else if e.file_type().is_ok_and(|t| t.is_dir()) {
                // Killed between creating the folder and marking it.
                let _ = std::fs::remove_dir(e.path());
            }
        }
    }
}

fn swap(staging: &Path, output: &Path, foreign: bool) -> Result<Previous, Diagnostic> {
    if std::fs::symlink_metadata(output).is_err() {
        std::fs::rename(staging, output).map_err(io(output))?;
        return Ok(Previous::None);
    }
    if !foreign && !is_ours(output) {
        // An empty folder nobody marked: nothing in it to lose.
        std::fs::remove_dir(output).map_err(io(output))?;
        std::fs::rename(staging, output).map_err(io(output))?;
        return Ok(Previous::None);
    }
    if foreign {
        let aside = aside_name(output);
        std::fs::rename(output, &aside).map_err(io(output))?;
        std::fs::rename(staging, output).map_err(io(output))?;
        return Ok(Previous::MovedTo(aside));
    }
    // Ours: locked while it is swapped out and removed, so that no other
    // build takes the folder it becomes for one left behind.
    let _lock = MarkerLock::take(output);
    if exchange(staging, output).is_ok() {
        // `staging` now holds the previous output, which we wrote.
        remove_ours(staging).map_err(|e| old_kept(staging, e))?;
        return Ok(Previous::Replaced);
    }
    // No atomic exchange here: two renames, with the old folder kept until
    // the new one is in place.
    let parent = output.parent().unwrap_or(Path::new("."));
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let old = parent.join(format!(".{name}.dossier-old-{}", std::process::id()));
    std::fs::rename(output, &old).map_err(io(output))?;
    if let Err(e) = std::fs::rename(staging, output) {
        let _ = std::fs::rename(&old, output);
        return Err(io(output)(e));
    }
    remove_ours(&old).map_err(|e| old_kept(&old, e))?;
    Ok(Previous::Replaced)
}

fn aside_name(output: &Path) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let mut n = 1;
    loop {
        let candidate = output.with_file_name(format!("{name}.before-dossier-{n}"));
        if !candidate.exists() {
            return candidate;
        }
        n += 1;
    }
}

/// Atomically exchanges two paths (Linux `renameat2(RENAME_EXCHANGE)`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "no atomic exchange",
    ))
}
