//! One module per subcommand: each turns resolved arguments into work on
//! the shared pipeline and returns the process exit code.

pub mod build;
pub mod check;
pub mod completions;
pub mod man;
pub mod new;
pub mod serve;
pub mod stamp;

/// Exit codes, documented in `dossier --help` and README.md.
pub mod exit {
    pub const SUCCESS: u8 = 0;
    pub(crate) const CONTENT: u8 = 1;
    pub const USAGE: u8 = 2;
    pub(crate) const IO: u8 = 3;
}

/// Writes generated text (completions, the man page) to stdout. A closed
/// pipe (`dossier man | head`) is not an error; any other failure is exit 3.
pub(crate) fn write_stdout(bytes: &[u8]) -> u8 {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => exit::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => exit::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            exit::IO
        }
    }
}
