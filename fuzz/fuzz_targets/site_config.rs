//! Fuzz target `site_config`: see `dossier_fuzz::site_config` for what it feeds and checks.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| dossier_fuzz::site_config(data));
