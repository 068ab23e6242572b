//! `dossier check`: run every check, print the report grouped by section
//! on standard error (the external URL list, when asked for, alone on
//! standard output) and turn it into an exit code.

use crate::check::{self, Report};
use crate::cli::CheckArgs;
use crate::diagnostics::{Diagnostic, Kind, Severity};
use std::fmt::Write as _;

pub fn run(args: CheckArgs) -> u8 {
    let stamp = if args.root == std::path::Path::new(".") {
        "dossier stamp".to_string()
    } else {
        format!("dossier stamp --root {}", args.root.display())
    };
    let report = check::run(&args.root, &super::settings(), &stamp);
    eprint!("{}", render(&report, &args));
    if args.list_external {
        let mut out = String::new();
        for u in &report.external {
            let places: Vec<String> = u.places.iter().map(|p| p.to_string()).collect();
            let _ = writeln!(out, "{}\t{}", u.url, places.join(", "));
        }
        print!("{out}");
    }
    if report.failed(args.strict) {
        super::exit::CONTENT
    } else {
        super::exit::SUCCESS
    }
}

fn render(r: &Report, args: &CheckArgs) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Checking {} ({}); nothing is written.",
        args.root.display(),
        r.languages.join(", ")
    );
    for kind in Kind::REPORTED {
        let items: Vec<&Diagnostic> = r.findings.iter().filter(|d| d.kind == kind).collect();
        let _ = writeln!(
            s,
            "\n== {}: {}",
            kind.title(),
            tally(&items, extra(r, kind))
        );
        if kind == Kind::Translation && !r.coverage.is_empty() {
            coverage_table(r, &mut s);
        }
        for d in items {
            let _ = writeln!(s, "{d}");
        }
    }
    for why in &r.skipped {
        let _ = writeln!(s, "\nnot checked: {why}");
    }
    let (e, w, n) = (
        r.count(Severity::Error),
        r.count(Severity::Warning),
        r.count(Severity::Note),
    );
    let verdict = if r.failed(args.strict) {
        "check failed"
    } else {
        "check passed"
    };
    let _ = write!(
        s,
        "\n{verdict}: {e} error{}, {w} warning{}, {n} note{}",
        plural(e),
        plural(w),
        plural(n)
    );
    if w > 0 && !args.strict {
        s.push_str(" (warnings fail the check only with --strict)");
    }
    s.push('\n');
    s
}

/// `ok`, or `2 errors, 1 warning`, with what was looked at.
fn tally(items: &[&Diagnostic], extra: String) -> String {
    let mut parts = Vec::new();
    for (severity, name) in [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Note, "note"),
    ] {
        let n = items.iter().filter(|d| d.severity == severity).count();
        if n > 0 {
            parts.push(format!("{n} {name}{}", plural(n)));
        }
    }
    let head = if parts.is_empty() {
        "ok".to_string()
    } else {
        parts.join(", ")
    };
    if extra.is_empty() {
        head
    } else {
        format!("{head} ({extra})")
    }
}

fn extra(r: &Report, kind: Kind) -> String {
    match kind {
        Kind::Link if r.rendered_files > 0 => format!(
            "{} links in {} rendered files",
            r.links_checked, r.rendered_files
        ),
        Kind::External => format!(
            "{} URL{}, syntax only; --list-external lists them",
            r.external.len(),
            plural(r.external.len())
        ),
        _ => String::new(),
    }
}

fn coverage_table(r: &Report, s: &mut String) {
    let _ = writeln!(
        s,
        "  missing:  pages  claims  sources  events  topics  UI strings   translated"
    );
    for c in &r.coverage {
        let [pages, claims, sources, events, topics, ui] = check::coverage_counts(c);
        let _ = writeln!(
            s,
            "  {:<8} {pages:>6} {claims:>7} {sources:>8} {events:>7} {topics:>7} {ui:>11} {:>11.1}%",
            c.lang,
            c.percent()
        );
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
