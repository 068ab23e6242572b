//! Fuzz target `data_yaml`: see `dossier_fuzz::data_yaml` for what it feeds and checks.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| dossier_fuzz::data_yaml(data));
