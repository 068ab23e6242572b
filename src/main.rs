//! The `dossier` command line: arguments in, exit code out.

use clap::{Parser, Subcommand};
use dossier::build::{self, BuildOptions};
use dossier::output::Previous;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "dossier", version, about = "Build multilingual explainer sites from Markdown pages and YAML claim data", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default).
    ///
    /// The site is written to a staging folder and swapped in only when the
    /// whole build succeeded: a failed build leaves the previous output as it was.
    Build {
        /// The site's folder, holding site.yaml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Treat every missing translation (page, claim field, UI string) as an error.
        #[arg(long)]
        strict: bool,
        /// Replace an output folder that dossier did not create (it is moved aside, not deleted).
        #[arg(long)]
        force: bool,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Build {
            root,
            output,
            strict,
            force,
        } => {
            let output = output.unwrap_or_else(|| root.join("public"));
            let options = BuildOptions {
                root,
                output: output.clone(),
                strict,
                force,
            };
            match build::build(&options) {
                Ok(report) => {
                    for w in &report.prepared.warnings {
                        eprintln!("{w}");
                    }
                    println!(
                        "Built {} in {}:",
                        report.prepared.languages.join(", "),
                        output.display()
                    );
                    for line in report.prepared.summary_lines() {
                        println!("{line}");
                    }
                    if let Previous::MovedTo(p) = &report.previous {
                        println!(
                            "The folder that was at {} is now at {}.",
                            output.display(),
                            p.display()
                        );
                    }
                    println!(
                        "Done: {} files in {} ms.",
                        report.prepared.files.len(),
                        report.elapsed.as_millis()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::from(e.exit_code() as u8)
                }
            }
        }
    }
}
