//! Fuzz target `site`: see `dossier_fuzz::site` for what it feeds and checks.
#![cfg_attr(feature = "libfuzzer", no_main)]

#[cfg(feature = "libfuzzer")]
libfuzzer_sys::fuzz_target!(|data: &[u8]| dossier_fuzz::site(data));

#[cfg(not(feature = "libfuzzer"))]
fn main() {
    dossier_fuzz::smoke::main("site", dossier_fuzz::site)
}
