//! Fuzz target `front_matter`: see `dossier_fuzz::front_matter` for what it feeds and checks.
#![cfg_attr(feature = "libfuzzer", no_main)]

#[cfg(feature = "libfuzzer")]
libfuzzer_sys::fuzz_target!(|data: &[u8]| dossier_fuzz::front_matter(data));

#[cfg(not(feature = "libfuzzer"))]
fn main() {
    dossier_fuzz::smoke::main("front_matter", dossier_fuzz::front_matter)
}
