//! The preview's HTTP side: only files of the built site are served, with
//! their content types; anything else is the site's 404 page.

use super::{live, State};
use std::io::{Cursor, Write};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use tiny_http::{Header, Request, Response, Server, StatusCode};

/// Listens on `port`, or the next free one when it is taken (`0` lets the
/// system choose).
pub(super) fn bind(ip: IpAddr, port: u16) -> Result<(Server, SocketAddr), String> {
    let tries: Vec<u16> = if port == 0 {
        vec![0]
    } else {
        (port..port.saturating_add(20)).collect()
    };
    let mut last = String::new();
    for p in tries {
        match Server::http(SocketAddr::new(ip, p)) {
            Ok(server) => {
                let addr = server
                    .server_addr()
                    .to_ip()
                    .unwrap_or(SocketAddr::new(ip, p));
                return Ok((server, addr));
            }
            Err(e) => last = e.to_string(),
        }
    }
    Err(last)
}

pub(super) fn serve_forever(server: Server, state: Arc<State>) {
    for request in server.incoming_requests() {
        let state = Arc::clone(&state);
        std::thread::spawn(move || handle(request, &state));
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("static header names and values are valid")
}

fn handle(request: Request, state: &State) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path == live::EVENTS_URL {
        let rx = state.clients.subscribe();
        let current_error = state
            .snapshot
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .error
            .clone();
        let mut events = live::EventStream::new(rx, current_error.map(|e| live::error_event(&e)));
        // tiny_http buffers chunked bodies; taking over the connection lets
        // each event go out as soon as it happens.
        let head = Response::empty(200)
            .with_header(header("Content-Type", "text/event-stream; charset=utf-8"))
            .with_header(header("Cache-Control", "no-cache"));
        let mut stream = request.upgrade("dossier-events", head);
        while let Some(event) = events.next_event() {
            if stream
                .write_all(event.as_bytes())
                .and_then(|()| stream.flush())
                .is_err()
            {
                break; // the tab was closed
            }
        }
        return;
    }
    if path == live::LIVE_SCRIPT_URL {
        let _ = request.respond(text(
            200,
            live::LIVE_SCRIPT.as_bytes().to_vec(),
            "text/javascript; charset=utf-8",
        ));
        return;
    }
    let snapshot = Arc::clone(&state.snapshot.read().unwrap_or_else(|e| e.into_inner()));
    let response = match site_path(path) {
        Some(rel) => {
            if let Some(bytes) = snapshot.files.get(&rel) {
                text(200, bytes.to_vec(), content_type(&rel))
            } else if snapshot.files.contains_key(&format!("{rel}/index.html")) {
                // `/en/chips` → `/en/chips/`, so relative links resolve.
                let mut r = text(301, Vec::new(), "text/plain; charset=utf-8");
                r.add_header(header("Location", &format!("/{rel}/")));
                r
            } else {
                not_found(&snapshot)
            }
        }
        None => not_found(&snapshot),
    };
    let _ = request.respond(response);
}

fn not_found(snapshot: &super::Snapshot) -> Response<Cursor<Vec<u8>>> {
    let body = snapshot
        .files
        .get("404.html")
        .map(|b| b.to_vec())
        .unwrap_or_else(|| b"Not found".to_vec());
    text(404, body, "text/html; charset=utf-8")
}

fn text(status: u16, body: Vec<u8>, content_type: &str) -> Response<Cursor<Vec<u8>>> {
    Response::from_data(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
}

/// The site file a URL path names, or `None` for anything that could leave
/// the site: `..` (also percent-encoded), backslashes, NUL, empty segments.
pub(super) fn site_path(url_path: &str) -> Option<String> {
    let decoded = percent_decode(url_path)?;
    let trimmed = decoded.strip_prefix('/')?;
    let mut segments = Vec::new();
    for seg in trimmed.split('/') {
        if seg == ".." || seg == "." || seg.contains(['\\', '\0']) {
            return None;
        }
        segments.push(seg);
    }
    // Empty segments only at the end (a folder URL).
    if segments.iter().rev().skip(1).any(|s| s.is_empty()) {
        return None;
    }
    let mut rel = segments.join("/");
    if rel.is_empty() || rel.ends_with('/') {
        rel.push_str("index.html");
    }
    Some(rel)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

pub(super) fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_site() {
        assert_eq!(site_path("/"), Some("index.html".into()));
        assert_eq!(site_path("/en/chips/"), Some("en/chips/index.html".into()));
        assert_eq!(site_path("/style.css"), Some("style.css".into()));
        for bad in [
            "/../site.yaml",
            "/%2e%2e/site.yaml",
            "/%2E%2E/x",
            "/en/../../x",
            "/a%00b",
            "/a%5c..%5cb",
            "//etc/passwd",
            "relative",
            "/%zz",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn text_types_carry_a_charset() {
        for p in ["a.html", "a.css", "a.js", "a.json", "a.xml", "a.svg"] {
            assert!(content_type(p).ends_with("charset=utf-8"), "{p}");
        }
        assert_eq!(content_type("f.woff2"), "font/woff2");
    }
}
