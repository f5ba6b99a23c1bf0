//! End-to-end: signals and faults — hang-up, SIGTERM, `Ctrl-z` and `fg`, a panic, and a storm of
//! resizes — each in a real pseudo-terminal.

mod support;

use std::time::{Duration, Instant};
use support::pty::{BEGIN_SYNC, Spawn, contains, count, proc_cpu_ticks, proc_state};

/// Leaving the alternate screen, then showing the cursor: how a restored terminal's output ends.
const RESTORED: &[u8] = b"\x1b[?1049l\x1b[?25h";

#[test]
fn hang_up_exits_within_a_second_without_spinning() {
    let mut pty = Spawn::new(&[]).start();
    pty.wait_frames(1);
    let t = Instant::now();
    pty.hang_up();
    let code = pty.wait_exit(Duration::from_secs(5));
    let took = t.elapsed();
    eprintln!(
        "SIGHUP (pty closed) → exit in {:.1} ms",
        took.as_secs_f64() * 1e3
    );
    assert!(code.is_some(), "still running 5 s after the hang-up");
    assert!(took < Duration::from_secs(1), "took {took:?}");
    // Exited on its own (status 129), not killed.
    assert_eq!(code, Some(129));
}

#[test]
fn hang_up_signal_while_idle_costs_no_cpu() {
    let mut pty = Spawn::new(&[]).start();
    pty.wait_frames(1);
    let pid = pty.pid();
    // Idle for a moment: an idle reader sleeps in poll(2).
    let before = proc_cpu_ticks(pid).expect("cpu time");
    let t = Instant::now();
    pty.signal(libc::SIGHUP);
    // Poll the process state until it is gone or a zombie, reading its CPU time last seen.
    let mut last = before;
    while let Some(state) = proc_state(pid) {
        if let Some(c) = proc_cpu_ticks(pid) {
            last = c;
        }
        if state == 'Z' || t.elapsed() > Duration::from_secs(2) {
            break;
        }
        std::thread::yield_now();
    }
    let took = t.elapsed();
    eprintln!(
        "kill -HUP → exit in {:.1} ms, CPU {} ticks",
        took.as_secs_f64() * 1e3,
        last - before
    );
    assert!(took < Duration::from_secs(1), "took {took:?}");
    assert!(
        last - before <= 5,
        "CPU ticks after SIGHUP: {}",
        last - before
    );
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), Some(129));
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut pty = Spawn::new(&["--mouse"]).start();
    pty.wait_frames(1);
    pty.signal(libc::SIGTERM);
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), Some(128 + 15));
    pty.wait_eof();
    let raw = pty.raw();
    assert!(raw.ends_with(RESTORED), "{:?}", tail(&raw));
    assert!(contains(&raw, b"\x1b[?1000l"), "mouse capture released");
}

#[test]
fn a_panic_restores_the_terminal_and_says_where_the_report_is() {
    let spawn = Spawn::new(&[]).env("RECOUPE_TEST_PANIC", "1");
    let state = spawn.get_env("XDG_STATE_HOME").unwrap().to_string();
    let mut pty = spawn.start();
    let code = pty.wait_exit(Duration::from_secs(10));
    pty.wait_eof();
    assert_eq!(code, Some(101));
    let raw = pty.raw();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let restored_at = text
        .find("\x1b[?1049l\x1b[?25h")
        .expect("terminal restored");
    let said = text
        .find("crash report was written to")
        .expect("report path printed");
    assert!(restored_at < said, "restored before the message: {text:?}");
    let path = text[said..]
        .trim_start_matches("crash report was written to ")
        .lines()
        .next()
        .unwrap()
        .trim()
        .to_string();
    assert!(path.starts_with(&state), "{path} under {state}");
    let report = std::fs::read_to_string(&path).expect("report file");
    assert!(report.contains("RECOUPE_TEST_PANIC"), "{report}");
    assert!(report.contains("backtrace"));
}

#[test]
fn ctrl_z_suspends_and_fg_redraws() {
    let bash = Spawn::new(&[])
        .program("bash", &["--norc", "--noprofile", "-i"])
        .env("PS1", "PROMPT$ ");
    let mut pty = bash.start();
    pty.wait_text("PROMPT$");
    pty.send(format!("{} seeds\r", support::pty::bin().display()));
    pty.wait_frames(1);
    let reader = child_of(pty.pid()).expect("the reader runs under bash");
    let frames = count(&pty.raw(), BEGIN_SYNC);
    pty.send("\x1a");
    pty.wait_text("Stopped");
    assert_eq!(proc_state(reader), Some('T'), "stopped");
    assert!(
        pty.raw().ends_with(b"PROMPT$ ") || pty.text().contains("PROMPT$"),
        "back at the shell"
    );
    pty.send("fg\r");
    pty.wait_raw("a frame after fg", |raw| count(raw, BEGIN_SYNC) > frames);
    assert_ne!(proc_state(reader), Some('T'));
    pty.with_screen(|s| assert!(s.alternate_screen(), "back on the alternate screen"));
    pty.send("q");
    pty.wait_raw("restored twice (suspend, quit)", |raw| {
        count(raw, RESTORED) >= 2
    });
    pty.wait_raw("the prompt again", |raw| {
        let last = raw.len()
            - raw
                .windows(RESTORED.len())
                .rev()
                .position(|w| w == RESTORED)
                .unwrap_or(0);
        contains(&raw[last..], b"PROMPT$")
    });
    pty.send("exit\r");
    assert_eq!(pty.wait_exit(Duration::from_secs(10)), Some(0));
}

#[test]
fn a_storm_of_resizes_does_not_break_it() {
    let mut pty = Spawn::new(&[]).size(80, 24).start();
    pty.wait_frames(1);
    let sizes = [(80u16, 24u16), (120, 40), (60, 20), (200, 60), (100, 30)];
    let start = Instant::now();
    let mut i = 0;
    // 100 resizes a second for two seconds: the pacing sleep is the test's input rate, not a
    // synchronisation.
    while start.elapsed() < Duration::from_secs(2) {
        let (c, r) = sizes[i % sizes.len()];
        pty.resize(c, r);
        i += 1;
        std::thread::sleep(Duration::from_millis(10));
    }
    pty.resize(97, 31);
    assert_eq!(proc_state(pty.pid()).map(|s| s != 'Z'), Some(true), "alive");
    // The final layout fills 97×31 exactly: top-right corner in the last column, the bottom
    // border on the row above the status line.
    pty.wait_for("layout at 97x31", |s| {
        let corner = |r, c| {
            s.cell(r, c)
                .is_some_and(|cell| matches!(cell.contents(), "┐" | "┓"))
        };
        let bottom = |r, c| {
            s.cell(r, c)
                .is_some_and(|cell| matches!(cell.contents(), "┘" | "┛"))
        };
        corner(0, 96) && bottom(29, 96) && !s.contents().lines().any(|l| l.chars().count() > 97)
    });
    let frames = count(&pty.raw(), BEGIN_SYNC);
    eprintln!("{i} resizes → {frames} frames");
    pty.send("q");
    assert_eq!(
        pty.wait_exit(Duration::from_secs(10)),
        Some(0),
        "clean exit"
    );
}

/// The first child of `pid`.
fn child_of(pid: u32) -> Option<u32> {
    let children = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).ok()?;
    children.split_whitespace().next()?.parse().ok()
}

fn tail(raw: &[u8]) -> String {
    String::from_utf8_lossy(&raw[raw.len().saturating_sub(80)..]).into_owned()
}
