//! Fuzz target `front_matter`: see `dossier_fuzz::front_matter` for what it feeds and checks.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| dossier_fuzz::front_matter(data));
