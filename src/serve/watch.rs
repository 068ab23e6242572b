//! Watching the site's sources, with bursts of changes (an editor's
//! save-rename-write) folded into one notification. Reads are not changes:
//! the rebuild itself opens every file, and must not trigger another one.

use notify_debouncer_mini::notify::{self, EventKind, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, RecvTimeoutError};
use std::time::Duration;

/// Changes closer together than this are one edit.
const QUIET: Duration = Duration::from_millis(80);

/// A watcher that is already registered: changes made after `start`
/// returns are seen, even before `run` is called.
pub(super) struct Watch {
    _watcher: notify::RecommendedWatcher,
    rx: std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
}

/// Starts watching content/, themes/, static/ and the root folder (for site.yaml).
pub(super) fn start(root: &Path) -> Result<Watch, String> {
    let (tx, rx) = channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx).map_err(|e| e.to_string())?;
    for dir in ["content", "themes", "static"] {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    // site.yaml is often replaced by rename, so watch its folder, not the file.
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("{}: {e}", root.display()))?;
    Ok(Watch {
        _watcher: watcher,
        rx,
        root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
    })
}

impl Watch {
    /// Calls `on_change` with the changed paths after each burst, or with
    /// none when events were lost (the system's queue overflowed) and what
    /// changed is unknown; runs until the watcher stops.
    pub(super) fn run(self, mut on_change: impl FnMut(&[PathBuf])) -> Result<(), String> {
        let Watch { rx, root, .. } = self;
        let mut changed: Vec<PathBuf> = Vec::new();
        let mut lost = false;
        loop {
            let next = if changed.is_empty() && !lost {
                rx.recv().map_err(|_| RecvTimeoutError::Disconnected)
            } else {
                rx.recv_timeout(QUIET)
            };
            match next {
                Ok(Ok(event)) => {
                    if event.need_rescan() {
                        lost = true;
                    } else if !matches!(event.kind, EventKind::Access(_)) {
                        changed.extend(event.paths.into_iter().filter(|p| relevant(&root, p)));
                    }
                }
                Ok(Err(_)) => {}
                Err(RecvTimeoutError::Timeout) => {
                    changed.sort();
                    changed.dedup();
                    // Editors' and sed's temporary files come and go within the
                    // burst; name only what is there now, or a removed source file.
                    changed.retain(|p| p.exists() || p.extension().is_some());
                    let rel: Vec<PathBuf> = changed
                        .iter()
                        .map(|p| p.strip_prefix(&root).unwrap_or(p).to_path_buf())
                        .collect();
                    if lost {
                        on_change(&[]);
                    } else if !rel.is_empty() {
                        on_change(&rel);
                    }
                    changed.clear();
                    lost = false;
                }
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            }
        }
    }
}

/// Content, themes, static/ and site.yaml; not editor swap files or the output.
fn relevant(root: &Path, path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
    {
        return false;
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
    let first = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    first == "content" || first == "themes" || first == "static" || rel == Path::new("site.yaml")
}
