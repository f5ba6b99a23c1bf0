//! A pseudo-terminal harness for end-to-end tests: runs the built `recoupe` binary (or any
//! program) in a PTY of a given size and environment, feeds it keys, keeps every raw byte it
//! writes, and mirrors the screen in a vt100 parser.
//!
//! Synchronisation is by condition, never by sleeping: [`Pty::wait_for`] blocks on a condition
//! variable that the reader thread signals after each chunk of output, and gives up with the
//! screen dumped after a timeout.

#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::os::fd::{AsRawFd, FromRawFd};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Default time allowed for a condition.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// The `recoupe` binary under test.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_recoupe"))
}

/// The crate's root (where `seeds/` is).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What the reader thread has collected.
struct Output {
    raw: Vec<u8>,
    parser: vt100::Parser,
    eof: bool,
}

/// A program running in a pseudo-terminal.
pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    shared: Arc<(Mutex<Output>, Condvar)>,
    /// Tells the reader thread to close its copy of the master and stop.
    stop: Option<(UnixStream, std::thread::JoinHandle<()>)>,
    /// When the program was started.
    pub started: Instant,
}

/// How to start a program.
#[derive(Debug, Clone)]
pub struct Spawn {
    /// The program (default: the `recoupe` binary).
    pub program: PathBuf,
    /// Its arguments.
    pub args: Vec<String>,
    /// Its whole environment (nothing is inherited), see [`Spawn::new`].
    pub env: Vec<(String, String)>,
    /// Terminal rows.
    pub rows: u16,
    /// Terminal columns.
    pub cols: u16,
}

impl Spawn {
    /// `recoupe ARGS` at 80×24 with TERM=xterm-256color, HOME and XDG dirs in a fresh temp dir
    /// (so that no user config is read), run from the crate root.
    pub fn new(args: &[&str]) -> Spawn {
        let home = tempfile::tempdir().expect("temp home").keep();
        let h = home.display().to_string();
        Spawn {
            program: bin(),
            args: args.iter().map(|s| s.to_string()).collect(),
            env: vec![
                ("PATH".into(), std::env::var("PATH").unwrap_or_default()),
                ("HOME".into(), h.clone()),
                ("XDG_CONFIG_HOME".into(), format!("{h}/config")),
                ("XDG_STATE_HOME".into(), format!("{h}/state")),
                ("XDG_CACHE_HOME".into(), format!("{h}/cache")),
                ("TERM".into(), "xterm-256color".into()),
                ("LANG".into(), "C.UTF-8".into()),
            ],
            rows: 24,
            cols: 80,
        }
    }

    /// Sets (or replaces) an environment variable.
    pub fn env(mut self, key: &str, value: &str) -> Spawn {
        self.env.retain(|(k, _)| k != key);
        self.env.push((key.into(), value.into()));
        self
    }

    /// The value of an environment variable as set.
    pub fn get_env(&self, key: &str) -> Option<&str> {
        self.env
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Sets the terminal size.
    pub fn size(mut self, cols: u16, rows: u16) -> Spawn {
        self.cols = cols;
        self.rows = rows;
        self
    }

    /// Runs another program instead of `recoupe`.
    pub fn program(mut self, program: impl Into<PathBuf>, args: &[&str]) -> Spawn {
        self.program = program.into();
        self.args = args.iter().map(|s| s.to_string()).collect();
        self
    }

    /// Starts it.
    pub fn start(self) -> Pty {
        Pty::spawn(self)
    }
}

fn nz(v: u16) -> NonZeroU16 {
    NonZeroU16::new(v.max(1)).expect("non-zero")
}

impl Pty {
    /// Starts a program as described.
    pub fn spawn(spec: Spawn) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: spec.rows,
                cols: spec.cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(&spec.program);
        cmd.args(&spec.args);
        cmd.env_clear();
        for (k, v) in &spec.env {
            cmd.env(k, v);
        }
        cmd.cwd(root());
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("spawn in pty");
        drop(pair.slave);
        let master_fd = pair.master.as_raw_fd().expect("pty master fd");
        // SAFETY: dup of a live fd; the File owns the copy.
        let mut reader = unsafe { std::fs::File::from_raw_fd(libc::dup(master_fd)) };
        let writer = pair.master.take_writer().expect("pty writer");
        let shared = Arc::new((
            Mutex::new(Output {
                raw: Vec::new(),
                parser: vt100::Parser::new(nz(spec.rows), nz(spec.cols), 0),
                eof: false,
            }),
            Condvar::new(),
        ));
        let thread_shared = Arc::clone(&shared);
        let (stop_tx, stop_rx) = UnixStream::pair().expect("stop pipe");
        let thread = std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            loop {
                let mut fds = [
                    libc::pollfd {
                        fd: reader.as_raw_fd(),
                        events: libc::POLLIN,
                        revents: 0,
                    },
                    libc::pollfd {
                        fd: stop_rx.as_raw_fd(),
                        events: libc::POLLIN,
                        revents: 0,
                    },
                ];
                // SAFETY: two valid pollfd.
                unsafe { libc::poll(fds.as_mut_ptr(), 2, -1) };
                let (lock, cvar) = &*thread_shared;
                let n = if fds[1].revents != 0 {
                    0
                } else if fds[0].revents != 0 {
                    reader.read(&mut buf).unwrap_or(0)
                } else {
                    continue;
                };
                let mut out = lock.lock().expect("output lock");
                if n == 0 {
                    out.eof = true;
                    cvar.notify_all();
                    return;
                }
                out.raw.extend_from_slice(&buf[..n]);
                out.parser.process(&buf[..n]);
                cvar.notify_all();
            }
        });
        Pty {
            child,
            master: Some(pair.master),
            writer: Some(writer),
            shared,
            stop: Some((stop_tx, thread)),
            started,
        }
    }

    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Types bytes.
    pub fn send(&mut self, bytes: impl AsRef<[u8]>) {
        let w = self.writer.as_mut().expect("pty writer open");
        w.write_all(bytes.as_ref()).expect("write to pty");
        w.flush().expect("flush pty");
    }

    /// Sends a signal to the child.
    pub fn signal(&self, sig: i32) {
        // SAFETY: kill(2) with a pid we own.
        let rc = unsafe { libc::kill(self.pid() as i32, sig) };
        assert_eq!(rc, 0, "kill({sig})");
    }

    /// Resizes the terminal (the child gets SIGWINCH) and the mirrored screen.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let (lock, _) = &*self.shared;
        lock.lock()
            .expect("output lock")
            .parser
            .screen_mut()
            .set_size(nz(rows), nz(cols));
        self.master
            .as_ref()
            .expect("pty open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize pty");
    }

    /// Closes our end of the terminal: the child sees a hang-up.
    pub fn hang_up(&mut self) {
        if let Some((tx, thread)) = self.stop.take() {
            let _ = (&tx).write_all(b"x");
            let _ = thread.join();
        }
        self.writer = None;
        self.master = None;
    }

    /// Every byte the program has written so far.
    pub fn raw(&self) -> Vec<u8> {
        self.shared.0.lock().expect("output lock").raw.clone()
    }

    /// How many bytes the program has written so far.
    pub fn raw_len(&self) -> usize {
        self.shared.0.lock().expect("output lock").raw.len()
    }

    /// The screen as text, one line per row.
    pub fn text(&self) -> String {
        self.shared
            .0
            .lock()
            .expect("output lock")
            .parser
            .screen()
            .contents()
    }

    /// Runs `f` on the current screen.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.shared.0.lock().expect("output lock").parser.screen())
    }

    /// Waits until `cond` holds on the screen (checked after every chunk of output, and never
    /// in the middle of a synchronized frame), or panics after `TIMEOUT` with the screen shown.
    pub fn wait_for(&self, what: &str, cond: impl Fn(&vt100::Screen) -> bool) {
        self.wait_until(what, TIMEOUT, |out| {
            !in_frame(&out.raw) && cond(out.parser.screen())
        });
    }

    /// Waits until `cond` holds on the raw bytes written so far.
    pub fn wait_raw(&self, what: &str, cond: impl Fn(&[u8]) -> bool) {
        self.wait_until(what, TIMEOUT, |out| cond(&out.raw));
    }

    /// Waits until the screen shows `text`.
    pub fn wait_text(&self, text: &str) {
        self.wait_for(&format!("screen shows {text:?}"), |s| {
            s.contents().contains(text)
        });
    }

    /// Waits until the output has `n` frames (end of synchronized update), returns the time.
    pub fn wait_frames(&self, n: usize) -> Instant {
        self.wait_raw(&format!("{n} frames"), |raw| count(raw, END_SYNC) >= n);
        Instant::now()
    }

    fn wait_until(&self, what: &str, timeout: Duration, cond: impl Fn(&Output) -> bool) {
        let (lock, cvar) = &*self.shared;
        let deadline = Instant::now() + timeout;
        let mut out = lock.lock().expect("output lock");
        loop {
            if cond(&out) {
                return;
            }
            let now = Instant::now();
            if now >= deadline || out.eof {
                if cond(&out) {
                    return;
                }
                let screen = out.parser.screen().contents();
                let tail = String::from_utf8_lossy(&out.raw[out.raw.len().saturating_sub(400)..])
                    .into_owned();
                panic!(
                    "timed out waiting for {what} (eof: {})\n--- screen ---\n{screen}\n--- last raw bytes ---\n{tail:?}",
                    out.eof
                );
            }
            out = cvar
                .wait_timeout(out, deadline - now)
                .expect("output lock")
                .0;
        }
    }

    /// Waits until the reader's background analysis has arrived: claims, facts and annotations
    /// are on screen and their keys work (the status line no longer says "analysing").
    pub fn wait_analysed(&self) {
        self.wait_frames(1);
        self.wait_for("the analysis to arrive", |s| {
            !s.contents().contains("analysing")
        });
    }

    /// Waits for the output to end (the program closed the terminal or exited).
    pub fn wait_eof(&self) {
        self.wait_until("end of output", TIMEOUT, |out| out.eof);
    }

    /// Waits for the child to exit; returns its exit code (signals count as failure).
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<u32> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return Some(status.exit_code());
            }
            if Instant::now() >= deadline {
                return None;
            }
            // Exit is not observable by a blocking call with a timeout here; poll /proc state.
            wait_proc_change(self.pid(), deadline);
        }
    }
}

/// Blocks until the process's state changes or it is gone, at most until `deadline`, by waiting
/// on pidfd readiness.
fn wait_proc_change(pid: u32, deadline: Instant) {
    // SAFETY: pidfd_open takes a pid and flags and returns a new fd or -1.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid as libc::c_int, 0) } as i32;
    if fd < 0 {
        return;
    }
    let left = deadline.saturating_duration_since(Instant::now());
    let mut pfd = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd; then close the fd we opened.
    unsafe {
        libc::poll(&mut pfd, 1, left.as_millis().min(i32::MAX as u128) as i32);
        libc::close(fd);
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Begin synchronized update.
pub const BEGIN_SYNC: &[u8] = b"\x1b[?2026h";
/// End synchronized update: one per frame.
pub const END_SYNC: &[u8] = b"\x1b[?2026l";

/// True when the output stops inside a synchronized frame (a frame's bytes may arrive in
/// several reads; the screen is only looked at between frames).
fn in_frame(raw: &[u8]) -> bool {
    let last = |needle: &[u8]| raw.windows(needle.len()).rposition(|w| w == needle);
    match (last(BEGIN_SYNC), last(END_SYNC)) {
        (Some(b), Some(e)) => b > e,
        (Some(_), None) => true,
        _ => false,
    }
}

/// Occurrences of `needle` in `hay`.
pub fn count(hay: &[u8], needle: &[u8]) -> usize {
    if needle.is_empty() || hay.len() < needle.len() {
        return 0;
    }
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

/// True if `needle` occurs in `hay`.
pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    count(hay, needle) > 0
}

/// The process state letter from /proc/PID/stat (R, S, T…).
pub fn proc_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = stat.rsplit_once(')')?.1;
    after.trim_start().chars().next()
}

/// User + system CPU time of a process, from /proc/PID/stat, in clock ticks.
pub fn proc_cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}
