//! A third-party library that panics on some input (Pagefind once did on
//! a long language code) must not end a build with a panic and exit 101:
//! [`contained`] runs such a call and turns a panic into a message that the
//! caller makes a located diagnostic of, naming what was being done.
//!
//! While a contained call runs, a panic on any thread (the library's own
//! worker threads included) is recorded instead of printed: the message
//! returned is the calling thread's own panic, or else the first one
//! recorded on another thread. Outside such calls the panic hook that was
//! there before behaves as it always did.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, Once};

/// How many contained calls are running.
static INSIDE: AtomicUsize = AtomicUsize::new(0);
/// The first panic recorded on another thread while [`INSIDE`] was positive.
static RECORDED: Mutex<Option<String>> = Mutex::new(None);

thread_local! {
    /// This thread is running a contained call.
    static CALLING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// This thread's own panic inside its contained call.
    static OWN: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}
static HOOK: Once = Once::new();

fn install_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if INSIDE.load(Ordering::SeqCst) == 0 {
                return previous(info);
            }
            let payload = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(no message)".into());
            let at = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            let message = format!("{payload}{at}");
            if CALLING.with(|c| c.get()) {
                OWN.with(|own| {
                    own.borrow_mut().get_or_insert(message);
                });
            } else {
                let mut recorded = RECORDED.lock().unwrap_or_else(|e| e.into_inner());
                recorded.get_or_insert(message);
            }
        }));
    });
}

/// Runs `f`; a panic in it (or on a thread it waits for) becomes `Err`
/// with the panic's message and where it was raised.
pub(crate) fn contained<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    OWN.with(|own| own.replace(None));
    let was_calling = CALLING.with(|c| c.replace(true));
    INSIDE.fetch_add(1, Ordering::SeqCst);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    let last = INSIDE.fetch_sub(1, Ordering::SeqCst) == 1;
    CALLING.with(|c| c.set(was_calling));
    let own = OWN.with(|own| own.replace(None));
    let mut recorded = RECORDED.lock().unwrap_or_else(|e| e.into_inner());
    let other = if last {
        recorded.take()
    } else {
        recorded.clone()
    };
    result.map_err(|_| {
        own.or(other)
            .unwrap_or_else(|| "a panic without a message".into())
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Held by the tests that make panics on other threads, whose messages
    /// would otherwise be recorded for one another's calls.
    pub(crate) static SERIAL: Mutex<()> = Mutex::new(());

    #[test]
    fn a_panic_becomes_its_message() {
        let r: Result<(), String> = contained(|| panic!("end byte index 41 is out of bounds"));
        let e = r.unwrap_err();
        assert!(e.contains("end byte index 41"), "{e}");
        assert!(e.contains("src/guard.rs"), "{e}");
        assert_eq!(contained(|| 2 + 2), Ok(4));
    }

    #[test]
    fn a_panic_on_a_worker_thread_is_reported_by_its_message() {
        let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        // As rayon does: the worker's panic is resumed on the caller.
        let r = contained(|| {
            std::thread::spawn(|| panic!("in a worker"))
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p))
        });
        assert!(r.unwrap_err().contains("in a worker"));
    }
}
