//! The `dossier` binary: parse arguments, dispatch, exit.

use clap::Parser;
use dossier::cli::{Cli, Command};
use dossier::commands::{self, exit};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
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
        Command::Serve(args) => dossier::serve::run(dossier::serve::ServeOptions {
            root: args.root,
            port: args.port,
            bind: args.bind,
            open: args.open,
        }),
        Command::Check(args) => commands::check::run(args),
        Command::Stamp(args) => commands::stamp::run(args),
    })
}
