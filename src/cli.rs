//! The command-line interface as clap sees it: raw arguments only. Each
//! subcommand's behaviour lives in `commands::<name>`.

use clap::{Args, CommandFactory, Parser, Subcommand};
use std::path::PathBuf;
use std::sync::LazyLock;

/// The exit codes, as `--help` and the man page list them (README.md too).
pub(crate) const EXIT_CODES_HELP: &str = "Exit codes:
  0  success
  1  content errors: the site's files are wrong (located messages say where and why)
  2  usage errors: unknown option, bad argument, `dossier new` into a non-empty folder
  3  I/O errors: a file or folder could not be read or written";

/// `dossier 0.1.0 (theme default 0.1.0)`: the binary's and the embedded theme's version.
pub(crate) static VERSION: LazyLock<String> = LazyLock::new(|| {
    format!(
        "{} (theme default {})",
        env!("CARGO_PKG_VERSION"),
        crate::theme::DEFAULT_THEME_VERSION
    )
});

/// The full CLI definition: what `main` parses, and what completions and
/// the man page are generated from.
pub fn command() -> clap::Command {
    Cli::command().version(VERSION.as_str())
}

#[derive(Parser, Debug)]
#[command(
    name = "dossier",
    version,
    about = "Build multilingual explainer sites from Markdown pages and YAML claim data",
    after_help = EXIT_CODES_HELP
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    ///
    /// The site is written to a staging folder and swapped in only when the
    /// whole build succeeded: a failed build leaves the previous output as it was.
    Build(BuildArgs),
    /// Preview the site locally, rebuilding and reloading the browser on every change.
    ///
    /// The site is built into memory (public/ is not touched) and served on
    /// 127.0.0.1; open tabs reload after each edit, and show the error when
    /// an edit breaks the build.
    Serve(ServeArgs),
    /// Check the site without writing anything: links (also those the
    /// templates write), translation coverage, outdated translations, data
    /// integrity and the syntax of external URLs.
    ///
    /// Exit status: 0 when clean, 1 with errors (or, with --strict, warnings),
    /// 2 for a bad command line. Notes never fail the check.
    Check(CheckArgs),
    /// Record in translated pages the default-language text they follow.
    ///
    /// Sets `translated_from` in each file's front matter to the fingerprint
    /// of its default-language page's current text; `dossier check` reports
    /// the translation as outdated once that text changes. Only that line
    /// of each file is written.
    Stamp(StampArgs),
    /// Start a new site in DIR: site.yaml, a home page and an example page per
    /// language, an example claim, source and timeline event.
    ///
    /// DIR must not exist or be empty. The first language is the default.
    /// The new site builds with `dossier build --strict` as it is.
    New(NewArgs),
    /// Print a shell completion script to stdout.
    ///
    /// For example: `dossier completions bash > ~/.local/share/bash-completion/completions/dossier`,
    /// `dossier completions zsh > ~/.zfunc/_dossier`,
    /// `dossier completions fish > ~/.config/fish/completions/dossier.fish`.
    Completions(CompletionsArgs),
    /// Print the man page (roff) to stdout.
    ///
    /// For example: `dossier man > ~/.local/share/man/man1/dossier.1`, then `man dossier`.
    Man,
}

#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// The site's folder, holding site.yaml and content/.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Port to listen on; the next free one is used if it is taken (0: any free port).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on. Anything but a loopback address exposes the preview to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
}

#[derive(Args, Debug, Clone)]
pub struct BuildArgs {
    /// The site's folder, holding site.yaml and content/.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: ROOT/public].
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Treat every missing translation (page, claim field, UI string) as an error.
    #[arg(long)]
    pub strict: bool,
    /// Replace an output folder that dossier did not create (it is moved aside, not deleted).
    #[arg(long)]
    pub force: bool,
    /// Skip building the search index (quicker drafts; the search page then finds nothing).
    #[arg(long)]
    pub no_search: bool,
    /// Print only the one-line summary and errors: no progress bar, no warnings, no per-language lines.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Args, Debug, Clone)]
pub struct CheckArgs {
    /// The site's folder, holding site.yaml and content/.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Fail on warnings too (missing translations, outdated translations, unused data, …).
    #[arg(long)]
    pub strict: bool,
    /// Print every external URL on standard output, one per line, with where it appears.
    #[arg(long)]
    pub list_external: bool,
}

#[derive(Args, Debug, Clone)]
pub struct StampArgs {
    /// The site's folder, holding site.yaml and content/.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Translated pages to stamp (`content/tr/chips.md`), as paths from here or from ROOT.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[derive(Args, Debug, Clone)]
pub struct NewArgs {
    /// The folder to create (or an empty one to fill).
    pub dir: PathBuf,
    /// Language codes, comma-separated; the first is the default language.
    #[arg(
        long,
        value_name = "CODES",
        value_delimiter = ',',
        default_value = "en"
    )]
    pub languages: Vec<String>,
}

#[derive(Args, Debug, Clone)]
pub struct CompletionsArgs {
    /// The shell to write completions for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
