//! `dossier build`: run the pipeline and report per language.

use crate::build::{self, BuildOptions};
use crate::cli::BuildArgs;
use crate::output::Previous;

pub fn run(args: BuildArgs) -> u8 {
    let output = args.output.unwrap_or_else(|| args.root.join("public"));
    let options = BuildOptions {
        root: args.root,
        output: output.clone(),
        strict: args.strict,
        force: args.force,
        search: !args.no_search,
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
            super::exit::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            e.exit_code() as u8
        }
    }
}
