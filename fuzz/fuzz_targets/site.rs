//! Fuzz target `site`: see `dossier_fuzz::site` for what it feeds and checks.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| dossier_fuzz::site(data));
