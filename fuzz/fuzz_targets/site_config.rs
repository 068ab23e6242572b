//! Fuzz target `site_config`: see `dossier_fuzz::site_config` for what it feeds and checks.
#![cfg_attr(feature = "libfuzzer", no_main)]

#[cfg(feature = "libfuzzer")]
libfuzzer_sys::fuzz_target!(|data: &[u8]| dossier_fuzz::site_config(data));

#[cfg(not(feature = "libfuzzer"))]
fn main() {
    dossier_fuzz::smoke::main("site_config", dossier_fuzz::site_config)
}
