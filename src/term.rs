//! The terminal side of the CLI, kept apart from the pipeline: whether a
//! stream is a terminal, colours (only on a terminal, never under
//! `NO_COLOR`), and the build's progress bar. Off a terminal nothing here
//! writes an escape code.

use crate::diagnostics::{Diagnostic, Label, Severity};
use crate::progress::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// A standard output stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stream {
    Stdout,
    Stderr,
}

impl Stream {
    pub(crate) fn is_terminal(self) -> bool {
        match self {
            Stream::Stdout => std::io::stdout().is_terminal(),
            Stream::Stderr => std::io::stderr().is_terminal(),
        }
    }
}

/// `NO_COLOR` set to anything but the empty string (see no-color.org).
pub(crate) fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Colours for one stream: on only when it is a terminal and `NO_COLOR` is unset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Palette {
    pub enabled: bool,
}

impl Palette {
    pub(crate) fn for_stream(stream: Stream) -> Palette {
        Palette {
            enabled: stream.is_terminal() && !no_color(),
        }
    }

    fn paint(self, sgr: &str, text: &str) -> String {
        if self.enabled {
            format!("\x1b[{sgr}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub(crate) fn error(self, text: &str) -> String {
        self.paint("1;31", text)
    }

    pub(crate) fn warning(self, text: &str) -> String {
        self.paint("1;33", text)
    }

    pub(crate) fn help(self, text: &str) -> String {
        self.paint("36", text)
    }

    pub(crate) fn success(self, text: &str) -> String {
        self.paint("1;32", text)
    }

    /// A diagnostic as the terminal shows it, its labels coloured.
    pub(crate) fn diagnostic(self, d: &Diagnostic) -> String {
        d.render(&|label, text| match label {
            Label::Severity(Severity::Error) => self.error(text),
            Label::Severity(Severity::Warning) => self.warning(text),
            Label::Severity(Severity::Note) => self.help(text),
            Label::Help => self.help(text),
        })
    }
}

/// The spinner's frames: plain ASCII, so any terminal font shows them.
const TICKS: &str = "|/-\\ ";

/// The build's progress on stderr: a spinner for the phases that cannot be
/// counted (reading, checking links), a bar for rendering and writing.
/// Drawn only when `enabled`; cleared when done, so the summary stands alone.
pub(crate) struct Bar {
    bar: ProgressBar,
}

impl Bar {
    /// Progress on stderr, or a bar that draws nothing at all.
    pub(crate) fn new(enabled: bool) -> Bar {
        let bar = if enabled {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg}") {
                bar.set_style(style.tick_chars(TICKS));
            }
            bar.set_message("Starting");
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        } else {
            ProgressBar::hidden()
        };
        Bar { bar }
    }

    /// Whether a bar is shown: stdout and stderr are terminals (so nothing
    /// is drawn into a log or a pipe) and `--quiet` was not given.
    pub(crate) fn wanted(quiet: bool) -> bool {
        !quiet && Stream::Stdout.is_terminal() && Stream::Stderr.is_terminal()
    }

    /// Removes the bar from the screen.
    pub(crate) fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for Bar {
    fn phase(&self, label: &'static str, total: Option<u64>) {
        let template = match total {
            Some(_) => "{spinner} {msg:<18} [{bar:30}] {pos}/{len}",
            None => "{spinner} {msg}",
        };
        self.bar.set_message(label);
        self.bar.set_position(0);
        match total {
            Some(n) => self.bar.set_length(n),
            None => self.bar.unset_length(),
        }
        if let Ok(style) = ProgressStyle::with_template(template) {
            self.bar
                .set_style(style.progress_chars("=> ").tick_chars(TICKS));
        }
        self.bar.tick();
    }

    fn advance(&self, n: u64) {
        self.bar.inc(n);
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.finish();
    }
}
