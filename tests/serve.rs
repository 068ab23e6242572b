//! `dossier serve`, driven over real HTTP on loopback: content types, 404,
//! path traversal, and live reload (one rebuild per burst of edits, errors
//! shown while the last good build keeps being served).

mod common;
use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    port: u16,
    stdout: Receiver<String>,
    _site: tempfile::TempDir,
    root: std::path::PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(fixture_name: &str) -> Server {
    let site = fixture(fixture_name);
    let root = site.path().to_path_buf();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "--port", "0", "--root", root.to_str().unwrap()])
        .env("SOURCE_DATE_EPOCH", "1755129600")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = channel();
    let out = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let err = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(err).lines().map_while(Result::ok) {
            eprintln!("serve stderr: {line}");
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    let port = loop {
        let line = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("serve printed no URL");
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest.trim_end_matches('/').parse::<u16>().unwrap();
        }
    };
    Server {
        child,
        port,
        stdout: rx,
        _site: site,
        root,
    }
}

/// A raw GET (no client-side path normalisation): status, headers, body.
fn get(port: u16, path: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head.to_string(), body.to_string())
}

/// An open event stream and everything read from it so far.
struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            stream,
            "GET /__dossier/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        let mut e = Events {
            stream,
            seen: String::new(),
        };
        assert!(
            e.wait_for("retry:", Duration::from_secs(10)),
            "no stream: {}",
            e.seen
        );
        e
    }

    fn pump(&mut self) {
        let mut buf = [0u8; 4096];
        if let Ok(n) = self.stream.read(&mut buf) {
            self.seen.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    }

    /// Waits (bounded) until `needle` has arrived.
    fn wait_for(&mut self, needle: &str, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if self.seen.contains(needle) {
                return true;
            }
            self.pump();
        }
        self.seen.contains(needle)
    }
}

fn rebuild_lines(rx: &Receiver<String>, limit: Duration) -> Vec<String> {
    let deadline = Instant::now() + limit;
    let mut lines = Vec::new();
    while let Ok(line) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        if line.starts_with("rebuilt") {
            lines.push(line);
        }
    }
    lines
}

#[test]
fn serves_pages_styles_and_404_with_the_right_types() {
    let server = start("basic");
    let (status, head, body) = get(server.port, "/en/chips/");
    assert_eq!(status, 200);
    assert!(
        head.contains("Content-Type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(body.contains("<h1>The chips</h1>"));
    assert!(
        body.contains("<script src=\"/__dossier/live.js\"></script>"),
        "live reload is injected in serve mode"
    );
    let (status, head, _) = get(server.port, "/style.css");
    assert_eq!(status, 200);
    assert!(
        head.contains("Content-Type: text/css; charset=utf-8"),
        "{head}"
    );
    let (status, head, _) = get(server.port, "/en/claims.json");
    assert_eq!(status, 200);
    assert!(head.contains("application/json; charset=utf-8"));
    let (status, _, body) = get(server.port, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "serves 404.html: {body}");
    let (status, head, _) = get(server.port, "/en/chips");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /en/chips/"));
    // public/ is never written in serve mode.
    assert!(!server.root.join("public").exists());
}

#[test]
fn path_traversal_gets_404() {
    let server = start("basic");
    for path in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/en/../../site.yaml",
        "/..%5csite.yaml",
        "/content/en/chips.md",
    ] {
        let (status, _, body) = get(server.port, path);
        assert_eq!(status, 404, "{path}");
        assert!(
            !body.contains("default_language"),
            "{path} leaked site.yaml"
        );
    }
}

#[test]
fn an_edit_rebuilds_once_and_reloads_the_browser() {
    let server = start("basic");
    let mut events = Events::open(server.port);
    let page = server.root.join("content/en/chips.md");
    let text = std::fs::read_to_string(&page).unwrap();
    // An editor's burst: three writes in quick succession.
    for n in 1..=3 {
        std::fs::write(&page, text.replace("More.", &format!("More, take {n}."))).unwrap();
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(
        events.wait_for("event: reload", Duration::from_secs(20)),
        "no reload event: {}",
        events.seen
    );
    let rebuilds = rebuild_lines(&server.stdout, Duration::from_secs(2));
    assert_eq!(rebuilds.len(), 1, "one burst, one rebuild: {rebuilds:?}");
    assert!(rebuilds[0].contains("content/en/chips.md"), "{rebuilds:?}");
    // Only the text changed: patched in, not rebuilt from disk.
    assert!(
        rebuilds[0].starts_with("rebuilt in") && rebuilds[0].ends_with("; text only)"),
        "{rebuilds:?}"
    );
    assert_eq!(events.seen.matches("event: reload").count(), 1);
    let (_, _, body) = get(server.port, "/en/chips/");
    assert!(body.contains("More, take 3."));
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_and_shows_the_error() {
    let server = start("basic");
    let mut events = Events::open(server.port);
    let page = server.root.join("content/en/chips.md");
    let good = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, "---\ntitle: [broken\n---\n").unwrap();
    assert!(
        events.wait_for("event: build-error", Duration::from_secs(20)),
        "{}",
        events.seen
    );
    assert!(
        events.wait_for("content/en/chips.md:2", Duration::from_secs(5)),
        "the error names file and line: {}",
        events.seen
    );
    let (status, _, body) = get(server.port, "/en/chips/");
    assert_eq!(status, 200);
    assert!(
        body.contains("<h1>The chips</h1>"),
        "the last good page is still served"
    );
    // A tab opened now learns about the error at once.
    let mut late = Events::open(server.port);
    assert!(
        late.wait_for("event: build-error", Duration::from_secs(5)),
        "{}",
        late.seen
    );
    std::fs::write(&page, good.replace("The chips", "The fixed chips")).unwrap();
    assert!(
        events.wait_for("event: reload", Duration::from_secs(20)),
        "{}",
        events.seen
    );
    let (_, _, body) = get(server.port, "/en/chips/");
    assert!(body.contains("<h1>The fixed chips</h1>"));
    // The error is cleared: a tab opened now is not told about it.
    let mut after = Events::open(server.port);
    assert!(
        !after.wait_for("build-error", Duration::from_millis(600)),
        "{}",
        after.seen
    );
}

/// `serve` has the guards `build` has: every site that `build` refuses
/// (tests/fixtures/invalid/) is refused by `serve` with the same message,
/// before it listens; none makes it panic.
#[test]
fn serve_refuses_each_invalid_fixture_as_build_does() {
    let failures = refuses_each_invalid_fixture("serve");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
