//! Signals, and the one place the loop blocks: [`Signals::wait`] sleeps in `poll(2)` until the
//! terminal has input, hangs up, or a signal arrives — no timer, so an idle reader uses no CPU
//! and writes nothing.
//!
//! * `SIGHUP` (the terminal went away, e.g. the SSH connection dropped): the handler exits at
//!   once with status 129, writing nothing, because the tty is dead and crossterm's reader would
//!   spin on its `EIO`. A hang-up without the signal (`nohup`) is seen as `POLLHUP` by `wait`.
//! * `SIGTERM`, `SIGINT`, `SIGQUIT`: recorded; the loop restores the terminal and exits.
//! * `SIGCONT`: recorded; the loop re-enters raw mode and redraws everything (after an outside
//!   `SIGSTOP`, or `fg` after `Ctrl-z`).
//! * `SIGWINCH`: only wakes the loop; crossterm reports the new size as an event.
//!
//! The same pipe wakes the loop for the background analysis ([`Signals::waker`]): its progress
//! and its result are polled by the loop after any wake-up.

use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGWINCH};
use std::io::{self, Read};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Exit status after a hang-up (128 + SIGHUP), as a shell reports it.
pub const HANGUP_STATUS: i32 = 128 + SIGHUP;

/// What woke [`Signals::wait`] (several may be true at once).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Wake {
    /// The terminal has bytes to read.
    pub input: bool,
    /// The terminal hung up or errored: exit without writing to it.
    pub hangup: bool,
    /// A signal arrived (see [`Signals::terminate`] and [`Signals::take_continued`]).
    pub signal: bool,
}

/// Wakes the loop from another thread (see [`Signals::waker`]).
#[derive(Debug)]
pub struct Waker(UnixStream);

impl Waker {
    /// Makes the loop's [`Signals::wait`] return. Never blocks: when the pipe is full the loop
    /// has a wake-up pending already.
    pub fn wake(&self) {
        // SAFETY: sends one byte from a live buffer on a socket this value owns.
        unsafe {
            libc::send(
                self.0.as_raw_fd(),
                b"w".as_ptr().cast(),
                1,
                libc::MSG_DONTWAIT,
            )
        };
    }
}

/// The signal handlers the reader installs, and the pipe that wakes the loop.
pub struct Signals {
    wake: UnixStream,
    sender: UnixStream,
    terminate: Arc<AtomicUsize>,
    continued: Arc<AtomicBool>,
}

impl Signals {
    /// Installs the handlers.
    pub fn install() -> io::Result<Signals> {
        // SAFETY: the action only calls `_exit`, which is async-signal-safe.
        unsafe {
            signal_hook::low_level::register(SIGHUP, || {
                signal_hook::low_level::exit(HANGUP_STATUS)
            })?;
        }
        let (wake, sender) = UnixStream::pair()?;
        wake.set_nonblocking(true)?;
        let terminate = Arc::new(AtomicUsize::new(0));
        let continued = Arc::new(AtomicBool::new(false));
        for sig in [SIGTERM, SIGINT, SIGQUIT] {
            signal_hook::flag::register_usize(sig, Arc::clone(&terminate), sig as usize)?;
        }
        signal_hook::flag::register(SIGCONT, Arc::clone(&continued))?;
        for sig in [SIGTERM, SIGINT, SIGQUIT, SIGCONT, SIGWINCH] {
            signal_hook::low_level::pipe::register(sig, sender.try_clone()?)?;
        }
        Ok(Signals {
            wake,
            sender,
            terminate,
            continued,
        })
    }

    /// A handle another thread can use to wake [`Signals::wait`].
    pub fn waker(&self) -> io::Result<Waker> {
        Ok(Waker(self.sender.try_clone()?))
    }

    /// The terminating signal received, if any.
    pub fn terminate(&self) -> Option<i32> {
        match self.terminate.load(Ordering::SeqCst) {
            0 => None,
            sig => Some(sig as i32),
        }
    }

    /// True once after each `SIGCONT`.
    pub fn take_continued(&self) -> bool {
        self.continued.swap(false, Ordering::SeqCst)
    }

    /// Blocks until `tty` is readable or hung up, or a signal arrives.
    pub fn wait(&self, tty: RawFd) -> io::Result<Wake> {
        let mut fds = [
            libc::pollfd {
                fd: tty,
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: self.wake.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        loop {
            // SAFETY: `fds` is a valid array of two pollfd for the duration of the call.
            let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, -1) };
            if n >= 0 {
                break;
            }
            let err = io::Error::last_os_error();
            if err.kind() != io::ErrorKind::Interrupted {
                return Err(err);
            }
        }
        let signal = fds[1].revents & libc::POLLIN != 0;
        if signal {
            let mut sink = [0u8; 64];
            while matches!((&self.wake).read(&mut sink), Ok(n) if n > 0) {}
        }
        Ok(Wake {
            input: fds[0].revents & libc::POLLIN != 0,
            hangup: fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0,
            signal,
        })
    }

    /// How many bytes wait unread on `tty` (to spot input crossterm's reader left behind).
    pub fn pending_bytes(tty: RawFd) -> usize {
        let mut n: libc::c_int = 0;
        // SAFETY: FIONREAD writes one c_int to the pointer.
        let rc = unsafe { libc::ioctl(tty, libc::FIONREAD, &mut n) };
        if rc < 0 { 0 } else { n as usize }
    }
}
