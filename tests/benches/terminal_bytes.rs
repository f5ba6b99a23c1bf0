//! Terminal bytes per action, and start-up time, measured in a real pseudo-terminal.
//!
//! Runs the release `recoupe` on `seeds/` and, for comparison, `less` on the same files, at
//! 80×24 and 200×60, and reports the bytes each action writes to the terminal (a Rust port of
//! `ptybytes.py`: send one action, count what arrives until the output has been quiet for a
//! moment). Also reports process start → first complete frame (the first end of synchronized
//! update), over several starts. `cargo bench --bench terminal_bytes`.

#[path = "../support/pty.rs"]
mod pty;

use pty::{Pty, Spawn};
use std::time::{Duration, Instant};

/// Output quiet for this long means the action's output is complete.
const QUIET: Duration = Duration::from_millis(150);
/// Repetitions of each action (the table shows the median).
const REPEAT: usize = 5;
/// Starts measured for start → first frame.
const STARTS: usize = 15;

/// Waits until no byte has arrived for [`QUIET`]; returns the bytes received meanwhile.
fn settle(pty: &Pty, from: usize) -> usize {
    let mut last = pty.raw_len();
    let mut since = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(10));
        let now = pty.raw_len();
        if now != last {
            last = now;
            since = Instant::now();
        } else if since.elapsed() >= QUIET {
            return now - from;
        }
    }
}

/// Median bytes of `keys` sent `REPEAT` times, each after `before` (not counted).
fn measure(pty: &mut Pty, before: &str, keys: &str) -> usize {
    measure_cycle(pty, before, &[keys])
}

/// Like [`measure`], cycling through `keys` (e.g. there and back).
fn measure_cycle(pty: &mut Pty, before: &str, keys: &[&str]) -> usize {
    let mut costs = Vec::new();
    for i in 0..REPEAT {
        let keys = keys[i % keys.len()];
        if !before.is_empty() {
            pty.send(before);
            settle(pty, pty.raw_len());
        }
        let from = pty.raw_len();
        pty.send(keys);
        costs.push(settle(pty, from));
    }
    costs.sort_unstable();
    costs[costs.len() / 2]
}

/// One row of the table.
struct Row {
    program: &'static str,
    size: (u16, u16),
    start: usize,
    line: usize,
    page: usize,
    switch: usize,
    jump: Option<usize>,
    idle: usize,
}

fn seeds() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(pty::root().join("seeds"))
        .expect("seeds/")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    files
}

fn recoupe(cols: u16, rows: u16) -> Row {
    let mut pty = Spawn::new(&["seeds"]).size(cols, rows).start();
    pty.wait_analysed();
    let start = settle(&pty, 0);
    // Enter opens the article and focuses the reader: the second seed, the longest, so that
    // scrolling has room at 200x60 too.
    pty.send("j\r");
    settle(&pty, pty.raw_len());
    let line = measure(&mut pty, "", "j");
    let page = measure(&mut pty, "", "\x1b[6~");
    // Switch article: from the reader back to the list (not counted), next or previous row,
    // open it.
    let switch = measure_cycle(&mut pty, "\x1b[Z", &["j\r", "k\r"]);
    // `]`: in the claims pane, jump to the next article stating the selected claim's fact.
    pty.send("\t");
    settle(&pty, pty.raw_len());
    let jump = measure(&mut pty, "", "]");
    let from = pty.raw_len();
    let idle = settle(&pty, from) + {
        std::thread::sleep(Duration::from_secs(1));
        pty.raw_len() - from
    };
    pty.send("q");
    Row {
        program: "recoupe",
        size: (cols, rows),
        start,
        line,
        page,
        switch,
        jump: Some(jump),
        idle,
    }
}

fn less(cols: u16, rows: u16) -> Option<Row> {
    let files = seeds();
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    if std::process::Command::new("less")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("less is not installed: no comparison");
        return None;
    }
    let mut pty = Spawn::new(&[])
        .program("less", &args)
        .env("LESS", "")
        .size(cols, rows)
        .start();
    let start = settle(&pty, 0);
    // The second file, as for the reader.
    pty.send(":n");
    settle(&pty, pty.raw_len());
    let line = measure(&mut pty, "", "j");
    let page = measure(&mut pty, "", " ");
    let switch = measure_cycle(&mut pty, "", &[":n", ":p"]);
    let from = pty.raw_len();
    std::thread::sleep(Duration::from_secs(1));
    let idle = pty.raw_len() - from;
    pty.send("q");
    Some(Row {
        program: "less",
        size: (cols, rows),
        start,
        line,
        page,
        switch,
        jump: None,
        idle,
    })
}

/// Spawn → first complete frame, in milliseconds, over [`STARTS`] starts.
fn start_times() -> Vec<f64> {
    let mut ms = Vec::new();
    for _ in 0..STARTS {
        let mut pty = Spawn::new(&["seeds"]).size(120, 40).start();
        let at = pty.wait_frames(1);
        ms.push((at - pty.started).as_secs_f64() * 1e3);
        pty.send("q");
        let _ = pty.wait_exit(Duration::from_secs(5));
    }
    ms.sort_by(f64::total_cmp);
    ms
}

fn main() {
    // `cargo test --benches` runs bench targets with no `--bench` flag: stay quick there.
    if !std::env::args().any(|a| a == "--bench") {
        println!("terminal_bytes: run with `cargo bench --bench terminal_bytes`");
        return;
    }
    if cfg!(debug_assertions) {
        eprintln!("note: debug build; figures are for the release binary under `cargo bench`");
    }
    println!(
        "{:<8} {:>7} {:>7} {:>7} {:>9} {:>9} {:>7} {:>6}",
        "program", "size", "start", "line j", "page dn", "switch", "jump ]", "idle"
    );
    for (cols, rows) in [(80, 24), (200, 60)] {
        let mut rows_out = vec![recoupe(cols, rows)];
        rows_out.extend(less(cols, rows));
        for r in rows_out {
            println!(
                "{:<8} {:>7} {:>7} {:>7} {:>9} {:>9} {:>7} {:>6}",
                r.program,
                format!("{}x{}", r.size.0, r.size.1),
                r.start,
                r.line,
                r.page,
                r.switch,
                r.jump.map_or("-".to_string(), |j| j.to_string()),
                r.idle
            );
        }
    }
    let ms = start_times();
    println!(
        "start → first frame (seeds, 120x40, {} starts): median {:.1} ms, min {:.1} ms, max {:.1} ms",
        ms.len(),
        ms[ms.len() / 2],
        ms[0],
        ms[ms.len() - 1]
    );
}
