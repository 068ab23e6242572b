//! A third-party library that panics on some input (Pagefind once did on
//! a long language code) must not end a build with a panic and exit 101:
//! [`contained`] runs such a call and turns a panic into its message, which
//! the caller makes a located diagnostic of, naming what was being done.
//!
//! A panic on the calling thread is caught; one on a worker thread the
//! call waits for (rayon, a tokio task) reaches the caller when the join
//! resumes or unwraps it, with the worker's message in it. The panic hook
//! is left alone (no global state is changed): the library's panic is
//! printed as Rust prints any panic, and the diagnostic follows it.

use std::any::Any;

/// Runs `f`; a panic in it (or resumed from a thread it waits for) becomes
/// `Err` with the panic's message.
pub(crate) fn contained<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|p| message(p.as_ref()))
}

/// The text a panic was raised with (`panic!("…")`, `.expect("…")`).
fn message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        let r: Result<(), String> = contained(|| panic!("end byte index 41 is out of bounds"));
        assert_eq!(r.unwrap_err(), "end byte index 41 is out of bounds");
        assert_eq!(contained(|| 2 + 2), Ok(4));
    }

    #[test]
    fn a_panic_on_a_worker_thread_is_reported_by_its_message() {
        // As rayon does: the worker's panic is resumed on the caller.
        let r = contained(|| {
            std::thread::spawn(|| panic!("in a worker"))
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p))
        });
        assert_eq!(r.unwrap_err(), "in a worker");
    }
}
