//! Replays every fuzz corpus seed (fuzz/corpus/<target>/) and every input
//! that once crashed a fuzzer (fuzz/regressions/<target>/) through the
//! targets' own code, so each crash stays fixed under plain `cargo test`.

// The fuzz crate's items are `pub` for its own binaries, not for this test.
#[allow(unreachable_pub)]
#[path = "../../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod harness;

use std::path::Path;

fn replay(folder: &str) -> (usize, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(folder);
    let (mut count, mut failures) = (0, Vec::new());
    for (target, run) in harness::TARGETS {
        let dir = root.join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        files.sort();
        for file in files {
            let bytes = std::fs::read(&file).unwrap();
            count += 1;
            if std::panic::catch_unwind(|| run(&bytes)).is_err() {
                failures.push(format!("{target}: {}", file.display()));
            }
        }
    }
    (count, failures)
}

#[test]
fn every_former_fuzz_crash_is_fixed() {
    let (count, failures) = replay("regressions");
    assert!(count > 0, "no regression inputs found");
    assert!(
        failures.is_empty(),
        "still failing:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_fuzz_corpus_seed_runs_cleanly() {
    let (count, failures) = replay("corpus");
    assert!(count >= 20, "only {count} seeds");
    assert!(
        failures.is_empty(),
        "failing seeds:\n{}",
        failures.join("\n")
    );
}
