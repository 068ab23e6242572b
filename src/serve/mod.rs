//! `dossier serve`: build into memory, serve it on localhost, rebuild
//! incrementally when the site's files change, and tell open browser tabs
//! to reload (or to show the build error) over Server-Sent Events.
//! Nothing is written to disk; `public/` is never touched.

mod http;
mod live;
pub(crate) mod patch;
pub mod session;
mod watch;

use crate::diagnostics::{Diagnostic, ExitClass};
use crate::pipeline::{Search, Settings};
use crate::serve::session::{RebuildKind, Session, SiteFiles};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Instant;

pub(crate) use live::LIVE_SCRIPT_URL;

/// The site as last built successfully, and the current build error if any.
pub(crate) struct Snapshot {
    pub files: SiteFiles,
    pub error: Option<String>,
}

pub(crate) struct ServeOptions {
    pub root: PathBuf,
    /// Reads the environment's settings (the command's).
    pub settings: fn() -> Settings,
    pub port: u16,
    pub bind: IpAddr,
    pub open: bool,
}

/// Shared between the HTTP threads and the rebuild loop.
pub(crate) struct State {
    pub snapshot: RwLock<Arc<Snapshot>>,
    pub clients: live::Clients,
}

/// The exit status of a preview stopped by the reader (Ctrl-C).
const SUCCESS: u8 = 0;

pub(crate) fn run(options: ServeOptions) -> u8 {
    let started = Instant::now();
    let (mut session, first) = match Session::start(
        &options.root,
        options.settings,
        Some(LIVE_SCRIPT_URL),
        Search::Index,
    ) {
        Ok(s) => s,
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            eprintln!("serve: the site does not build yet; fix the errors above and run it again");
            return ExitClass::Content.code();
        }
    };
    for w in &first.warnings {
        eprintln!("{w}");
    }
    println!(
        "Built {} pages in {} ms.",
        first.rendered_pages.len(),
        started.elapsed().as_millis()
    );
    let languages = first.languages.clone();
    drop(first);
    let state = Arc::new(State {
        snapshot: RwLock::new(Arc::new(Snapshot {
            files: session.files(),
            error: None,
        })),
        clients: live::Clients::default(),
    });
    let (server, addr) = match http::bind(options.bind, options.port) {
        Ok(x) => x,
        Err(e) => {
            eprintln!(
                "error: cannot listen on {}:{}: {e}",
                options.bind, options.port
            );
            return ExitClass::Io.code();
        }
    };
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: serving on {}, which is not a loopback address: anyone who can reach this machine can read the preview",
            options.bind
        );
    }
    // Watch before announcing the address: an edit made as soon as the URL
    // is printed must not be missed.
    let watcher = match watch::start(&options.root) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch {}: {e}", options.root.display());
            return ExitClass::Io.code();
        }
    };
    let base = format!("http://{}/", display_addr(addr));
    println!("Serving {} at {base}", options.root.display());
    for lang in &languages {
        println!("  {lang}: {base}{lang}/");
    }
    println!("Watching content/, themes/ and site.yaml. Press Ctrl-C to stop.");
    if options.open {
        let _ = std::process::Command::new("xdg-open").arg(&base).spawn();
    }
    let _ = ctrlc::set_handler(|| {
        println!("Stopped.");
        std::process::exit(0);
    });
    let http_state = Arc::clone(&state);
    std::thread::spawn(move || http::serve_forever(server, http_state));
    watcher
        .run(|changed| rebuild(&mut session, &state, changed))
        .map_or_else(
            |e| {
                eprintln!("error: cannot watch {}: {e}", options.root.display());
                ExitClass::Io.code()
            },
            |()| SUCCESS,
        )
}

fn display_addr(addr: SocketAddr) -> String {
    match addr {
        SocketAddr::V6(a) => format!("[{}]:{}", a.ip(), a.port()),
        SocketAddr::V4(a) => a.to_string(),
    }
}

/// One rebuild after a burst of changes; `changed` is empty when the
/// watcher cannot say what changed.
fn rebuild(session: &mut Session, state: &State, changed: &[PathBuf]) {
    let started = Instant::now();
    let names: Vec<String> = changed.iter().map(|p| p.display().to_string()).collect();
    match session.rebuild(changed) {
        Ok(rebuilt) => {
            *state.snapshot.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(Snapshot {
                files: session.files(),
                error: None,
            });
            state.clients.broadcast(&live::reload_event());
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            println!(
                "rebuilt in {ms:.1} ms: {} page(s) rendered, {} reused (changed: {}{})",
                rebuilt.rendered.len(),
                rebuilt.reused,
                if names.is_empty() {
                    "unknown, everything read again".to_string()
                } else {
                    names.join(", ")
                },
                match (rebuilt.kind, &rebuilt.why_full) {
                    (RebuildKind::TextEdit, _) => "; text only".to_string(),
                    (RebuildKind::Full, Some(why)) => format!("; whole site checked: {why}"),
                    (RebuildKind::Full, None) => String::new(),
                }
            );
        }
        Err(errors) => {
            let text = report(&errors);
            eprintln!("rebuild failed; still serving the last good build:\n{text}");
            let mut snapshot = state.snapshot.write().unwrap_or_else(|e| e.into_inner());
            *snapshot = Arc::new(Snapshot {
                files: snapshot.files.clone(),
                error: Some(text.clone()),
            });
            drop(snapshot);
            state.clients.broadcast(&live::error_event(&text));
        }
    }
}

fn report(errors: &[Diagnostic]) -> String {
    errors
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}
