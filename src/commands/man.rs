//! `dossier man`: the man page, generated from the CLI definition
//! (`clap_mangen`), with each subcommand's options and the exit codes.

use clap_mangen::roff::{bold, italic, roman, Roff};
use clap_mangen::Man;

pub fn run() -> u8 {
    match render() {
        Ok(page) => super::write_stdout(&page),
        Err(e) => {
            eprintln!("error: cannot render the man page: {e}");
            super::exit::IO
        }
    }
}

/// The whole page, in roff: clap_mangen's sections for the top-level
/// command, then one section per subcommand, then EXIT STATUS.
pub(crate) fn render() -> std::io::Result<Vec<u8>> {
    let mut cmd = crate::cli::command();
    cmd.build();
    let man = Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    // Each subcommand gets a section of its own below, in this page:
    // clap_mangen's SUBCOMMANDS section would point to separate pages.

    let mut roff = Roff::new();
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        roff.control(
            "SH",
            [format!("DOSSIER {}", sub.get_name().to_uppercase()).as_str()],
        );
        let mut usage = vec![bold(format!("dossier {}", sub.get_name()))];
        for arg in sub.get_arguments().filter(|a| !is_builtin(a)) {
            usage.push(roman(" "));
            usage.push(roman(if arg.is_required_set() {
                arg_usage(arg)
            } else {
                format!("[{}]", arg_usage(arg))
            }));
        }
        roff.text(usage);
        if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
            for para in about.to_string().split("\n\n") {
                roff.control("PP", []);
                roff.text([roman(para.replace('\n', " "))]);
            }
        }
        for arg in sub.get_arguments().filter(|a| !is_builtin(a)) {
            roff.control("TP", []);
            roff.text([bold(arg_usage(arg))]);
            let mut help = arg
                .get_long_help()
                .or_else(|| arg.get_help())
                .map(|h| h.to_string())
                .unwrap_or_default();
            if !help.is_empty() && !help.ends_with('.') && !help.ends_with(']') {
                help.push('.');
            }
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            if !values.is_empty() && arg.get_long().is_none() {
                help.push_str(&format!(" One of: {}.", values.join(", ")));
            }
            let defaults: Vec<String> = arg
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            if !defaults.is_empty() && takes_value(arg) {
                help.push_str(&format!(" [default: {}]", defaults.join(",")));
            }
            roff.text([roman(help)]);
        }
    }
    roff.control("SH", ["EXIT STATUS"]);
    for (code, what) in [
        ("0", "Success."),
        (
            "1",
            "Content errors: the site's files are wrong. Each message names the file, the line, what is wrong and what would be valid.",
        ),
        (
            "2",
            "Usage errors: an unknown option or a bad argument, or dossier new into a folder that is not empty.",
        ),
        ("3", "I/O errors: a file or folder could not be read or written."),
    ] {
        roff.control("TP", []);
        roff.text([bold(code)]);
        roff.text([roman(what)]);
    }
    roff.control("SH", ["ENVIRONMENT"]);
    roff.control("TP", []);
    roff.text([bold("NO_COLOR")]);
    roff.text([roman(
        "When set to a non-empty value, no colours are used. Colours are only ever used on a terminal.",
    )]);
    roff.control("TP", []);
    roff.text([bold("SOURCE_DATE_EPOCH")]);
    roff.text([
        roman("Fixes the build date shown in the footer, for reproducible builds ("),
        italic("seconds since 1970"),
        roman(")."),
    ]);
    roff.to_writer(&mut out)?;
    man.render_version_section(&mut out)?;
    Ok(out)
}

fn is_builtin(arg: &clap::Arg) -> bool {
    matches!(arg.get_id().as_str(), "help" | "version")
}

/// `--root <ROOT>`, `-q, --quiet`, `<DIR>`.
fn arg_usage(arg: &clap::Arg) -> String {
    let value = arg
        .get_value_names()
        .and_then(|v| v.first())
        .map(|v| v.to_string())
        .unwrap_or_else(|| arg.get_id().as_str().to_uppercase());
    let takes_value = takes_value(arg);
    match (arg.get_short(), arg.get_long()) {
        (None, None) => format!("<{value}>"),
        (short, Some(long)) => {
            let mut s = short.map_or(String::new(), |c| format!("-{c}, "));
            s.push_str(&format!("--{long}"));
            if takes_value {
                s.push_str(&format!(" <{value}>"));
            }
            s
        }
        (Some(c), None) => format!("-{c}"),
    }
}

fn takes_value(arg: &clap::Arg) -> bool {
    arg.get_num_args().is_some_and(|n| n.takes_values())
}
