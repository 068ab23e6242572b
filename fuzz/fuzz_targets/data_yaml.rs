//! Fuzz target `data_yaml`: see `dossier_fuzz::data_yaml` for what it feeds and checks.
#![cfg_attr(feature = "libfuzzer", no_main)]

#[cfg(feature = "libfuzzer")]
libfuzzer_sys::fuzz_target!(|data: &[u8]| dossier_fuzz::data_yaml(data));

#[cfg(not(feature = "libfuzzer"))]
fn main() {
    dossier_fuzz::smoke::main("data_yaml", dossier_fuzz::data_yaml)
}
