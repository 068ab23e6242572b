//! docs/DEPLOY.md and its example files, tested where they can be: the CI
//! workflows parse and publish `public/`, a file in the theme's `static/`
//! reaches the output root (how DEPLOY.md adds `_headers` or `CNAME`), and
//! the nginx example passes `nginx -t` and serves a real build (when nginx
//! is installed).

mod common;
use common::*;
use serde_yaml::Value;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn docs(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join(rel)
}

fn yaml(rel: &str) -> Value {
    let text = std::fs::read_to_string(docs(rel)).unwrap();
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{rel} is not valid YAML: {e}"))
}

fn steps_text(steps: &Value) -> String {
    serde_yaml::to_string(steps).unwrap()
}

#[test]
fn github_pages_workflow_builds_strict_and_deploys_public() {
    let wf = yaml("examples/github-pages.yml");
    assert!(wf.get("on").is_some(), "no trigger");
    let perms = &wf["permissions"];
    assert_eq!(perms["pages"].as_str(), Some("write"));
    assert_eq!(perms["id-token"].as_str(), Some("write"));
    let build = &wf["jobs"]["build"]["steps"];
    let steps = build.as_sequence().expect("build steps");
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact@"))
        })
        .expect("an upload-pages-artifact step");
    assert_eq!(upload["with"]["path"].as_str(), Some("public"));
    let text = steps_text(build);
    assert!(text.contains("cargo install --locked --git"), "{text}");
    assert!(text.contains("dossier build --strict"), "{text}");
    let deploy = steps_text(&wf["jobs"]["deploy"]["steps"]);
    assert!(deploy.contains("actions/deploy-pages@"), "{deploy}");
    assert_eq!(wf["jobs"]["deploy"]["needs"].as_str(), Some("build"));
}

#[test]
fn gitlab_pages_job_publishes_public() {
    let ci = yaml("examples/gitlab-ci.yml");
    let pages = &ci["pages"];
    assert!(
        pages.is_mapping(),
        "GitLab publishes only a job named `pages`"
    );
    let paths: Vec<&str> = pages["artifacts"]["paths"]
        .as_sequence()
        .expect("artifacts.paths")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(paths, ["public"]);
    let script = steps_text(&pages["script"]);
    assert!(script.contains("dossier build --strict"), "{script}");
    assert!(script.contains("cargo install --locked --git"), "{script}");
}

#[test]
fn deploy_guide_covers_each_host_and_its_files_exist() {
    let guide = std::fs::read_to_string(docs("DEPLOY.md")).unwrap();
    for host in [
        "## GitHub Pages",
        "## GitLab Pages",
        "## Netlify",
        "## Cloudflare Pages",
        "## An S3-style bucket",
        "## Plain nginx",
        "base_url",
    ] {
        assert!(guide.contains(host), "DEPLOY.md lacks {host:?}");
    }
    let mut rest = guide.as_str();
    let mut linked = 0;
    while let Some(i) = rest.find("](examples/") {
        rest = &rest[i + 2..];
        let end = rest.find(')').unwrap();
        assert!(docs(&rest[..end]).is_file(), "{} is missing", &rest[..end]);
        linked += 1;
    }
    assert_eq!(linked, 3, "links to the three example files");
}

#[test]
fn a_file_in_the_theme_static_folder_is_published_at_the_root() {
    // DEPLOY.md's way to add `_headers` or `CNAME` to the output.
    let site = fixture("basic");
    let statics = site.path().join("themes/default/static");
    std::fs::create_dir_all(&statics).unwrap();
    let headers = "/style.css\n  Cache-Control: public, max-age=3600\n";
    std::fs::write(statics.join("_headers"), headers).unwrap();
    std::fs::write(statics.join("CNAME"), "explainer.example.org\n").unwrap();
    let public = build_ok(site.path());
    assert_eq!(read(&public, "_headers"), headers);
    assert_eq!(read(&public, "CNAME"), "explainer.example.org\n");
}

/// `GET path` over HTTP/1.1: status, headers (lower-cased names), body.
fn get(port: u16, path: &str) -> (u16, Vec<(String, String)>, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    (status, headers, body.to_string())
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

#[test]
#[allow(clippy::too_many_lines)] // one scenario, step by step
fn nginx_example_is_valid_and_serves_a_build_under_its_subpath() {
    let example = std::fs::read_to_string(docs("examples/nginx.conf")).unwrap();
    // What DEPLOY.md promises, in the file itself.
    for needle in [
        "location /explainer/",
        "error_page 404 /explainer/404.html;",
        "Cache-Control \"no-cache\"",
        "absolute_redirect off;",
    ] {
        assert!(example.contains(needle), "nginx.conf lacks {needle:?}");
    }
    let nginx = ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.is_file());
    let Some(nginx) = nginx else {
        eprintln!("nginx is not installed: `nginx -t` and the live check were skipped");
        return;
    };

    let tmp = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let site = fixture("basic");
    let config = read(site.path(), "site.yaml").replace(
        "base_url: https://example.org/fx/",
        &format!("base_url: http://127.0.0.1:{port}/explainer/"),
    );
    std::fs::write(site.path().join("site.yaml"), config).unwrap();
    let sites = tmp.path().join("sites");
    let out = build(
        site.path(),
        &["--output", sites.join("explainer").to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));

    let t = tmp.path().display().to_string();
    let server = example
        .replace("listen 80;", &format!("listen 127.0.0.1:{port};"))
        .replace("listen [::]:80;", "")
        .replace("/var/www/sites", &sites.display().to_string());
    std::fs::write(tmp.path().join("site.conf"), server).unwrap();
    let mime = if Path::new("/etc/nginx/mime.types").is_file() {
        "include /etc/nginx/mime.types;".to_string()
    } else {
        "types { text/html html; text/css css; }".to_string()
    };
    // SAFETY: geteuid has no preconditions.
    let user = if unsafe { libc::geteuid() } == 0 {
        "user root;"
    } else {
        ""
    };
    let main = format!(
        "{user}\nworker_processes 1;\ndaemon off;\npid {t}/nginx.pid;\nerror_log {t}/error.log;\n\
         events {{ worker_connections 32; }}\n\
         http {{\n  {mime}\n  access_log off;\n  client_body_temp_path {t}/body;\n  \
         proxy_temp_path {t}/proxy;\n  fastcgi_temp_path {t}/fastcgi;\n  uwsgi_temp_path {t}/uwsgi;\n  \
         scgi_temp_path {t}/scgi;\n  include {t}/site.conf;\n}}\n"
    );
    let conf = tmp.path().join("nginx.conf");
    std::fs::write(&conf, main).unwrap();

    let check = Command::new(&nginx)
        .arg("-t")
        .arg("-p")
        .arg(tmp.path())
        .arg("-c")
        .arg(&conf)
        .output()
        .unwrap();
    assert!(check.status.success(), "nginx -t: {}", stderr(&check));

    let mut child = Command::new(&nginx)
        .arg("-p")
        .arg(tmp.path())
        .arg("-c")
        .arg(&conf)
        .spawn()
        .unwrap();
    let stop = |child: &mut std::process::Child| {
        // SIGTERM: nginx's master stops its workers, then exits.
        // SAFETY: the pid is our own child's.
        unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
        let until = Instant::now() + Duration::from_secs(10);
        while Instant::now() < until {
            if child.try_wait().ok().flatten().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = child.kill();
        let _ = child.wait();
    };
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if started.elapsed() > Duration::from_secs(10) || child.try_wait().unwrap().is_some() {
            stop(&mut child);
            panic!(
                "nginx did not start: {}",
                std::fs::read_to_string(tmp.path().join("error.log")).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }

    let results = std::panic::catch_unwind(|| {
        let (status, headers, body) = get(port, "/explainer/en/");
        assert_eq!(status, 200);
        assert!(body.contains("Fixture home"), "{body}");
        assert_eq!(header(&headers, "cache-control"), Some("no-cache"));

        let (status, headers, _) = get(port, "/explainer/style.css");
        assert_eq!(status, 200);
        assert_eq!(
            header(&headers, "cache-control"),
            Some("public, max-age=3600")
        );

        let (status, headers, body) = get(port, "/explainer/en/no-such-page/");
        assert_eq!(status, 404);
        assert!(body.contains("Page not found"), "{body}");
        assert_eq!(header(&headers, "cache-control"), Some("no-cache"));

        let (status, headers, _) = get(port, "/explainer/en");
        assert_eq!(status, 301);
        assert_eq!(header(&headers, "location"), Some("/explainer/en/"));

        assert_eq!(get(port, "/explainer/.dossier-output").0, 404);
    });
    stop(&mut child);
    if let Err(e) = results {
        std::panic::resume_unwind(e);
    }
}
