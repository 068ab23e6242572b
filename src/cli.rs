//! The command-line interface as clap sees it: raw arguments only. Each
//! subcommand's behaviour lives in `commands::<name>`.

use clap::{Args, CommandFactory, Parser, Subcommand};
use std::path::PathBuf;
use std::sync::LazyLock;

/// The exit codes, as `--help` and the man page list them (README.md too).
pub const EXIT_CODES_HELP: &str = "Exit codes:
  0  success
  1  content errors: the site's files are wrong (located messages say where and why)
  2  usage errors: unknown option, bad argument, `dossier new` into a non-empty folder
  3  I/O errors: a file or folder could not be read or written";

/// `dossier 0.1.0 (theme default 0.1.0)`: the binary's and the embedded theme's version.
pub static VERSION: LazyLock<String> = LazyLock::new(|| {
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
    /// Print only the one-line summary and errors: no progress bar, no warnings, no per-language lines.
    #[arg(long, short)]
    pub quiet: bool,
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
