//! Live reload: the script injected into pages in serve mode, and the
//! Server-Sent Events stream that tells it to reload or show an error.

use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

pub(crate) const LIVE_SCRIPT_URL: &str = "/__dossier/live.js";
pub(super) const EVENTS_URL: &str = "/__dossier/events";

pub(super) const LIVE_SCRIPT: &str = r#"(function () {
  "use strict";
  var source = new EventSource("/__dossier/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("build-error", function (e) {
    var box = document.getElementById("dossier-build-error");
    if (!box) {
      box = document.createElement("pre");
      box.id = "dossier-build-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;margin:0;z-index:2147483647;overflow:auto;padding:2rem;" +
        "background:rgba(40,0,0,.94);color:#fff;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "dossier: the last edit does not build; this page is the last good build.\n\n" + e.data;
  });
})();
"#;

/// Open event streams.
#[derive(Default)]
pub(crate) struct Clients {
    senders: Mutex<Vec<Sender<String>>>,
}

impl Clients {
    pub(crate) fn subscribe(&self) -> Receiver<String> {
        let (tx, rx) = channel();
        self.senders
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(tx);
        rx
    }

    /// Sends to every open stream, dropping the ones that closed.
    pub(crate) fn broadcast(&self, event: &str) {
        self.senders
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|tx| tx.send(event.to_string()).is_ok());
    }
}

pub(super) fn reload_event() -> String {
    "event: reload\ndata: reload\n\n".to_string()
}

pub(super) fn error_event(text: &str) -> String {
    let mut out = String::from("event: build-error\n");
    for line in text.lines() {
        out.push_str("data: ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out
}

/// The events of one open stream: blocks until the next, and yields a
/// comment now and then so a closed connection is noticed.
pub(super) struct EventStream {
    rx: Receiver<String>,
    first: Option<String>,
}

impl EventStream {
    pub(super) fn new(rx: Receiver<String>, current_error: Option<String>) -> Self {
        EventStream {
            rx,
            first: Some(format!(
                "retry: 500\n\n{}",
                current_error.unwrap_or_default()
            )),
        }
    }

    /// The next text to send, or `None` when the server is shutting down.
    pub(super) fn next_event(&mut self) -> Option<String> {
        if let Some(first) = self.first.take() {
            return Some(first);
        }
        match self.rx.recv_timeout(Duration::from_secs(15)) {
            Ok(event) => Some(event),
            Err(RecvTimeoutError::Timeout) => Some(": keep-alive\n\n".to_string()),
            Err(RecvTimeoutError::Disconnected) => None,
        }
    }
}
