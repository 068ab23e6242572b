//! `dossier completions SHELL`: a completion script generated from the CLI
//! definition itself, so it never lags behind the commands and flags.

use crate::cli::CompletionsArgs;

pub fn run(args: CompletionsArgs) -> u8 {
    let mut cmd = crate::cli::command();
    // Generated into memory first: clap_complete panics on a failed write,
    // and a closed pipe must end the run with a message, not a panic.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "dossier", &mut script);
    super::write_stdout(&script)
}
