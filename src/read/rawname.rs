//! File names that are not UTF-8. Shown with `to_string_lossy`, two such
//! names (`x\xFF.png`, `x\xFE.png`) both read `x�.png`: one output file,
//! and one of them silently lost. dossier refuses them, and names each by
//! its bytes, so the person can find the one meant.

use std::ffi::OsStr;

/// `name` as text when it is UTF-8; `Err` with the bytes that are not
/// written as `\xFF` (the rest as it is) when it is not.
pub(crate) fn utf8_name(name: &OsStr) -> Result<&str, String> {
    name.to_str().ok_or_else(|| escaped(name))
}

#[cfg(unix)]
fn escaped(name: &OsStr) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in name.as_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

#[cfg(not(unix))]
fn escaped(name: &OsStr) -> String {
    // Elsewhere names are UTF-16; an unpaired surrogate is what is not text.
    name.to_string_lossy().replace('\u{FFFD}', "\\u{FFFD}")
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn names_that_are_not_utf8_are_shown_by_their_bytes() {
        fn n(b: &[u8]) -> Result<&str, String> {
            utf8_name(OsStr::from_bytes(b))
        }
        assert_eq!(n(b"x\xff.png"), Err("x\\xFF.png".to_string()));
        assert_eq!(n(b"x\xfe.png"), Err("x\\xFE.png".to_string()));
        assert_eq!(n(b"caf\xc3\xa9\xc3"), Err("café\\xC3".to_string()));
        assert_eq!(n("café.png".as_bytes()), Ok("café.png"));
    }
}
