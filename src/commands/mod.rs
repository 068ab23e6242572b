//! One module per subcommand: each turns resolved arguments into work on
//! the shared pipeline and returns the process exit code.

pub mod build;
pub mod check;
pub mod stamp;

/// Exit codes, documented in `dossier --help` and README.md.
pub mod exit {
    pub const SUCCESS: u8 = 0;
    pub const CONTENT: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const IO: u8 = 3;
}
