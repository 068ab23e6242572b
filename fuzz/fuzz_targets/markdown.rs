//! Fuzz target `markdown`: see `dossier_fuzz::markdown` for what it feeds and checks.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| dossier_fuzz::markdown(data));
