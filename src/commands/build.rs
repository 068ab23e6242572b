//! `dossier build`: run the pipeline and report per language.
//!
//! On a terminal a progress bar is drawn on stderr while the site is read,
//! rendered and written, then cleared. Off a terminal, or with `--quiet`,
//! nothing is drawn. `--quiet` prints only the one-line summary (and errors).

use crate::cli::BuildArgs;
use crate::diagnostics::{Diagnostic, Kind};
use crate::output::{Foreign, Previous};
use crate::pipeline::{self, BuildOptions, BuildReport, Prepared, Search};
use crate::term::{Bar, Palette, Stream};
use std::path::Path;

pub fn run(args: BuildArgs) -> u8 {
    let output = args.output.unwrap_or_else(|| args.root.join("public"));
    let options = BuildOptions {
        root: args.root,
        output: output.clone(),
        cwd: std::env::current_dir().unwrap_or_default(),
        strict: args.strict,
        foreign: if args.force {
            Foreign::MoveAside
        } else {
            Foreign::Refuse
        },
        search: if args.no_search {
            Search::Skip
        } else {
            Search::Index
        },
    };
    let err_colour = Palette::for_stream(Stream::Stderr);
    let out_colour = Palette::for_stream(Stream::Stdout);
    let bar = Bar::new(Bar::wanted(args.quiet));
    let result = pipeline::build_with_progress(&options, &super::settings(), &bar);
    bar.finish();
    match result {
        Ok(report) => {
            if !args.quiet {
                for w in &report.prepared.warnings {
                    eprintln!("{}", err_colour.diagnostic(w));
                }
                println!(
                    "Built {} in {}:",
                    report.prepared.languages.join(", "),
                    output.display()
                );
                for line in summary_lines(&report.prepared) {
                    println!("{line}");
                }
                if let Previous::MovedTo(p) = &report.previous {
                    println!(
                        "The folder that was at {} is now at {}.",
                        output.display(),
                        p.display()
                    );
                }
            }
            println!("{}", summary_line(&report, &output, args.quiet, out_colour));
            super::exit::SUCCESS
        }
        Err(errors) => failed(&errors, err_colour),
    }
}

/// Every error, then (for errors in the site) how many: the exit status is
/// the gravest class among them (an I/O error over a content error).
fn failed(errors: &[Diagnostic], colour: Palette) -> u8 {
    for d in errors {
        eprintln!("{}", colour.diagnostic(d));
    }
    let about_site = |d: &&Diagnostic| !matches!(d.kind, Kind::Output | Kind::Io);
    let n = errors
        .iter()
        .filter(about_site)
        .filter(|d| d.is_error())
        .count();
    if errors.iter().all(|d| about_site(&d)) {
        eprintln!(
            "{} {n} error{}; nothing was written",
            colour.error("build failed:"),
            if n == 1 { "" } else { "s" }
        );
    }
    errors
        .iter()
        .map(|d| d.exit_class().code())
        .max()
        .unwrap_or(super::exit::CONTENT)
}

/// The build in one line. Under `--quiet` it also carries what the omitted
/// lines would have said: languages not fully translated, how many
/// warnings there were, and where a foreign output folder went.
pub(crate) fn summary_line(
    report: &BuildReport,
    output: &Path,
    quiet: bool,
    colour: Palette,
) -> String {
    let p = &report.prepared;
    let pages: usize = p.languages.iter().map(|l| p.pages_in(l)).sum();
    let langs = p.languages.len();
    let mut line = format!(
        "{} {pages} page{} in {langs} language{} ({} files) into {} in {} ms.",
        colour.success("Done:"),
        if pages == 1 { "" } else { "s" },
        if langs == 1 { "" } else { "s" },
        p.paths().count(),
        output.display(),
        report.elapsed.as_millis()
    );
    if quiet {
        let partial: Vec<String> = p
            .coverage
            .iter()
            .filter(|c| c.percent() < 100.0)
            .map(|c| format!("{} {:.1}%", c.lang, c.percent()))
            .collect();
        if !partial.is_empty() {
            line.push_str(&format!(" Translated: {}.", partial.join(", ")));
        }
        let n = p.warnings.len();
        if n > 0 {
            line.push_str(&format!(
                " {n} warning{} (run without --quiet to see them).",
                if n == 1 { "" } else { "s" }
            ));
        }
        if let Previous::MovedTo(moved) = &report.previous {
            line.push_str(&format!(
                " The folder that was there is now at {}.",
                moved.display()
            ));
        }
    }
    line
}

/// One line per language: pages written and translation coverage.
fn summary_lines(p: &Prepared) -> Vec<String> {
    p.coverage
        .iter()
        .map(|c| {
            let mut line = format!(
                "  {:<6} {:>5} pages   {:>5.1}% translated",
                c.lang,
                p.pages_in(&c.lang),
                c.percent()
            );
            let gaps = c.missing.len() + c.missing_ui;
            if gaps > 0 {
                line.push_str(&format!(
                    " ({} missing: {} page{}, {} other field{}; --strict lists them)",
                    gaps,
                    c.missing_pages,
                    if c.missing_pages == 1 { "" } else { "s" },
                    gaps - c.missing_pages,
                    if gaps - c.missing_pages == 1 { "" } else { "s" }
                ));
            }
            line
        })
        .collect()
}
