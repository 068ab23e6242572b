//! One build works under a subpath, as on a GitHub Pages project site: the
//! output is served at `/some/sub/path/` by a small HTTP server in this
//! test (loopback only, bounded), and every page and every internal
//! `href`/`src` is fetched over HTTP and must answer 200, with its
//! `#fragment` present.

mod common;
use common::*;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const PREFIX: &str = "/some/sub/path/";
const MAX_REQUESTS: usize = 5000;

/// A static file server for `root` under `PREFIX`, strict as a real host:
/// a folder URL must end in `/` (then it serves `index.html`), anything
/// missing gets `404.html` with status 404.
struct Server {
    port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    fn start(listener: TcpListener, root: PathBuf) -> Server {
        let port = listener.local_addr().unwrap().port();
        listener.set_nonblocking(true).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(300);
            while !flag.load(Ordering::Relaxed) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => serve(stream, &root),
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(2));
                    }
                    Err(_) => break,
                }
            }
        });
        Server {
            port,
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(mut stream: TcpStream, root: &Path) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head);
    let mut parts = head.lines().next().unwrap_or("").split(' ');
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let (status, body, kind) = if method != "GET" {
        (405, b"method not allowed".to_vec(), "text/plain")
    } else {
        match resolve(root, target) {
            Some(file) => (200, std::fs::read(&file).unwrap(), content_type(&file)),
            None => (
                404,
                std::fs::read(root.join("404.html")).unwrap_or_default(),
                "text/html; charset=utf-8",
            ),
        }
    };
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(&body);
}

/// The file a request path names under `PREFIX`, if any.
fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next()?;
    let rest = path.strip_prefix(PREFIX)?;
    let rest = percent_decode(rest)?;
    let mut file = root.to_path_buf();
    for seg in rest.split('/').filter(|s| !s.is_empty()) {
        if seg == ".." || seg == "." || seg.contains('\\') {
            return None;
        }
        file.push(seg);
    }
    if rest.is_empty() || rest.ends_with('/') {
        file.push("index.html");
    }
    file.is_file().then_some(file)
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

fn content_type(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("xml") => "application/xml",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `GET path` on the loopback server: status and body.
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, body.to_string())
}

/// `base` (a URL path) joined with a relative reference, `.` and `..` folded.
fn join(base: &str, rel: &str) -> String {
    let dir = &base[..=base.rfind('/').unwrap()];
    let mut segs: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let trailing = rel.is_empty() || rel.ends_with('/') || rel.ends_with("/.");
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    let mut out = format!("/{}", segs.join("/"));
    if trailing && !out.ends_with('/') {
        out.push('/');
    }
    out
}

#[test]
#[allow(clippy::too_many_lines)] // one scenario, step by step
fn the_output_works_under_a_subpath_over_http() {
    let site = fixture("basic");
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let origin = format!("http://127.0.0.1:{port}");
    // base_url names the subpath, as a project site's would: canonical
    // links, the sitemap and 404.html's links use it.
    let config = read(site.path(), "site.yaml").replace(
        "base_url: https://example.org/fx/",
        &format!("base_url: {origin}{PREFIX}"),
    );
    assert!(config.contains(&origin));
    std::fs::write(site.path().join("site.yaml"), config).unwrap();
    let public = build_ok(site.path());
    let server = Server::start(listener, public.clone());
    assert_eq!(server.port, port);

    // Every page, at its URL under the prefix.
    let mut queue: VecDeque<String> = snapshot(&public)
        .keys()
        .filter(|rel| rel.ends_with(".html"))
        .map(|rel| format!("{PREFIX}{}", rel.strip_suffix("index.html").unwrap_or(rel)))
        .collect();
    let pages = queue.len();
    assert!(pages > 20, "only {pages} pages");

    let mut fetched: BTreeMap<String, (u16, String)> = BTreeMap::new();
    let mut fetch = |url: &str| -> (u16, String) {
        assert!(fetched.len() < MAX_REQUESTS, "too many URLs");
        fetched
            .entry(url.to_string())
            .or_insert_with(|| get(port, url))
            .clone()
    };
    let mut crawled = BTreeSet::new();
    let mut failures = BTreeSet::new();
    let mut fragments = 0;
    let mut external = BTreeSet::new();
    while let Some(url) = queue.pop_front() {
        if !crawled.insert(url.clone()) {
            continue;
        }
        let (status, body) = fetch(&url);
        if status != 200 {
            failures.insert(format!("{url}: HTTP {status}"));
            continue;
        }
        if !(url.ends_with('/') || url.ends_with(".html")) {
            continue;
        }
        for link in attr_values(&body, "href")
            .into_iter()
            .chain(attr_values(&body, "src"))
        {
            if link.starts_with("mailto:") {
                continue;
            }
            let link = match link.strip_prefix(&origin) {
                Some(path) => path.to_string(),
                None if link.contains("://") => {
                    external.insert(link);
                    continue;
                }
                None => link,
            };
            let (path, frag) = link.split_once('#').unwrap_or((&link, ""));
            let target = if path.starts_with('/') {
                path.to_string()
            } else if path.is_empty() {
                url.clone()
            } else {
                join(&url, path)
            };
            if !target.starts_with(PREFIX) {
                failures.insert(format!("{url}: {link} leaves {PREFIX}"));
                continue;
            }
            let (status, page) = fetch(&target);
            if status != 200 {
                failures.insert(format!("{url}: {link} -> {target}: HTTP {status}"));
                continue;
            }
            if !frag.is_empty() {
                fragments += 1;
                if !page.contains(&format!("id=\"{frag}\"")) {
                    failures.insert(format!("{url}: {link}: no id `{frag}` in {target}"));
                }
            }
            queue.push_back(target);
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(fragments > 0, "the fixture links to anchors");
    assert!(
        fetched.keys().any(|u| u.ends_with("style.css")),
        "the stylesheet was fetched"
    );
    assert!(external.is_empty(), "links off the site: {external:?}");

    // The sitemap's URLs all answer.
    let (status, sitemap) = get(server.port, &format!("{PREFIX}sitemap.xml"));
    assert_eq!(status, 200);
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .collect();
    assert!(!locs.is_empty());
    for loc in locs {
        let path = loc.strip_prefix(&origin).expect(loc);
        assert_eq!(get(server.port, path).0, 200, "{loc}");
    }

    // A missing page gets 404.html, whose links work at any depth.
    let missing = format!("{PREFIX}en/no/such/page/");
    let (status, body) = get(server.port, &missing);
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "{body}");
    let links: Vec<String> = ["href", "src", "data-search-url"]
        .into_iter()
        .flat_map(|attr| attr_values(&body, attr))
        .filter(|link| !link.starts_with('#'))
        .collect();
    assert!(links.len() > 10, "{links:?}");
    for link in links {
        let path = match link.strip_prefix(&origin) {
            Some(path) => path.to_string(),
            None if link.starts_with('/') => link.clone(),
            None => join(&missing, &link),
        };
        assert_eq!(get(server.port, &path).0, 200, "404.html links {link}");
    }
    // And nothing is served outside the prefix.
    assert_eq!(get(server.port, "/en/").0, 404);
}
