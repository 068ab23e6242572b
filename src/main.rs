//! The `dossier` binary: parse arguments, dispatch, exit.

use clap::FromArgMatches;
use dossier::cli::{self, Cli, Command};
use dossier::commands::{self, exit};
use std::process::ExitCode;

fn main() -> ExitCode {
    let parsed = cli::command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::USAGE
            } else {
                exit::SUCCESS
            });
        }
    };
    ExitCode::from(match cli.command {
        Command::Build(args) => commands::build::run(args),
        Command::Serve(args) => commands::serve::run(args),
        Command::Check(args) => commands::check::run(args),
        Command::Stamp(args) => commands::stamp::run(args),
        Command::New(args) => commands::new::run(args),
        Command::Completions(args) => commands::completions::run(args),
        Command::Man => commands::man::run(),
    })
}
