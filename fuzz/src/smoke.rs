//! The fuzz targets without libFuzzer, for CI: replay every file of the
//! corpus folders given, then mutate them at random (byte flips, cuts,
//! copies, splices, dictionary words) for a few seconds. Blind, not
//! coverage-guided: a smoke test that the targets build and run; the real
//! fuzzing is `cargo fuzz run` (see SECURITY.md).
//!
//! Usage: `TARGET [--seconds N] [--seed N] [--crashes DIR] CORPUS_DIR...`

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Words that reach deeper paths than random bytes do.
const DICTIONARY: &[&[u8]] = &[
    b"---\n",
    b"title: ",
    b"\n",
    b"{en: ",
    b"}",
    b"[",
    b"]",
    b"&a ",
    b"*a",
    b"page:",
    b"claim:",
    b"source:",
    b"event:",
    b"#",
    b"```rust\n",
    b"```\n",
    b"## ",
    b"{#id}",
    b"- ",
    b"> ",
    b"<script>",
    b"\r\n",
    b"\xef\xbb\xbf",
    b"\xff",
    b"2025-02-29",
    b"2025-08-20T10:00+03:00",
    b"../",
    b"\\",
    b"\n====\n",
    b"content/en/",
    b"content/claims/",
    b"status: ",
    b"sources: ",
    b"id: ",
];

/// xorshift64*: deterministic for a given seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(v.len() + 1);
        match rng.below(6) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 if !v.is_empty() => {
                let end = (at + 1 + rng.below(16)).min(v.len());
                v.drain(at.min(end)..end);
            }
            2 => {
                let w = DICTIONARY[rng.below(DICTIONARY.len())];
                v.splice(at..at, w.iter().copied());
            }
            3 if !v.is_empty() => {
                let start = rng.below(v.len());
                let end = (start + 1 + rng.below(64)).min(v.len());
                let chunk = v[start..end].to_vec();
                v.splice(at..at, chunk);
            }
            4 if !other.is_empty() => {
                let cut = rng.below(other.len());
                v.truncate(at);
                v.extend_from_slice(&other[cut..]);
            }
            _ => v.insert(at, rng.next() as u8),
        }
    }
    v.truncate(64 << 10);
    v
}

fn run_one(target: &str, run: fn(&[u8]), input: &[u8], crashes: &Path) -> bool {
    if std::panic::catch_unwind(|| run(input)).is_ok() {
        return true;
    }
    let _ = std::fs::create_dir_all(crashes);
    let path = crashes.join(format!("crash-{target}-{:016x}", fnv(input)));
    let _ = std::fs::write(&path, input);
    eprintln!("{target}: crash, input written to {}", path.display());
    false
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

pub fn main(target: &str, run: fn(&[u8])) {
    let mut args = std::env::args().skip(1);
    let (mut seconds, mut seed, mut crashes) = (5u64, 1u64, PathBuf::from("fuzz/artifacts"));
    let mut dirs = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seconds" => seconds = args.next().and_then(|s| s.parse().ok()).unwrap_or(5),
            "--seed" => seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(1),
            "--crashes" => crashes = args.next().map(PathBuf::from).unwrap_or(crashes),
            _ => dirs.push(PathBuf::from(a)),
        }
    }
    let mut corpus: Vec<Vec<u8>> = Vec::new();
    for d in &dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(d)
            .map(|e| e.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        corpus.extend(files.iter().filter_map(|f| std::fs::read(f).ok()));
    }
    if corpus.is_empty() {
        corpus.push(Vec::new());
    }
    // Panics are expected to be caught here; keep their messages short.
    std::panic::set_hook(Box::new(|info| eprintln!("panic: {info}")));
    let mut ok = corpus.iter().all(|c| run_one(target, run, c, &crashes));
    let replayed = corpus.len();
    let (mut rng, deadline, mut runs) = (
        Rng(seed.max(1)),
        Instant::now() + Duration::from_secs(seconds),
        0u64,
    );
    while ok && Instant::now() < deadline {
        let a = &corpus[rng.below(corpus.len())];
        let b = &corpus[rng.below(corpus.len())];
        let input = mutate(&mut rng, a, b);
        ok = run_one(target, run, &input, &crashes);
        runs += 1;
    }
    println!(
        "{target}: replayed {replayed} corpus files, ran {runs} mutated inputs in {seconds} s: {}",
        if ok { "no crash" } else { "CRASH" }
    );
    if !ok {
        std::process::exit(1);
    }
}
