//! Fuzz target `links`: see `dossier_fuzz::links` for what it feeds and checks.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| dossier_fuzz::links(data));
