//! One module per subcommand: each turns resolved arguments into work on
//! the shared pipeline and returns the process exit code.

pub mod build;
pub mod check;
pub mod completions;
pub mod man;
pub mod new;
pub mod serve;
pub mod stamp;

use crate::parse::date::PartialDate;
use crate::pipeline::Settings;

/// Exit codes, documented in `dossier --help` and README.md.
/// The failures are [`crate::diagnostics::ExitClass`]'s.
pub mod exit {
    use crate::diagnostics::ExitClass;
    pub const SUCCESS: u8 = 0;
    pub(crate) const CONTENT: u8 = ExitClass::Content as u8;
    pub const USAGE: u8 = ExitClass::Usage as u8;
    pub(crate) const IO: u8 = ExitClass::Io as u8;
}

/// The environment's part in a run, read here and nowhere else:
/// `SOURCE_DATE_EPOCH` (the build date, for reproducible builds; else
/// today, UTC) and `DOSSIER_MAX_OUTPUT_MB` (the most rendered output held
/// in memory; 1 GiB by default).
pub fn settings() -> Settings {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    let (year, month, day) = crate::parse::date::civil_from_unix(secs);
    let max_output_bytes = std::env::var("DOSSIER_MAX_OUTPUT_MB")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or(1 << 30, |mb| mb.saturating_mul(1 << 20));
    Settings {
        build_date: PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        },
        max_output_bytes,
    }
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
