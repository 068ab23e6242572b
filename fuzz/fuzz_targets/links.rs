//! Fuzz target `links`: see `dossier_fuzz::links` for what it feeds and checks.
#![cfg_attr(feature = "libfuzzer", no_main)]

#[cfg(feature = "libfuzzer")]
libfuzzer_sys::fuzz_target!(|data: &[u8]| dossier_fuzz::links(data));

#[cfg(not(feature = "libfuzzer"))]
fn main() {
    dossier_fuzz::smoke::main("links", dossier_fuzz::links)
}
