//! End-to-end under tmux: the default keys work in tmux's legacy key encoding, and wide
//! characters keep the borders in place in a real terminal emulator's grid. Skipped (with the
//! reason printed) when tmux is not installed; `.ci/run` installs it.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A tmux server of our own (private socket, no user config) running one session.
struct Tmux {
    socket: PathBuf,
    /// Where the pane's shell writes the command's exit status when it ends.
    status: PathBuf,
    _dir: tempfile::TempDir,
}

impl Tmux {
    /// Starts `command` in a detached session of `cols`×`rows`, or `None` without tmux.
    fn start(cols: u16, rows: u16, command: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("SKIPPED: tmux is not installed");
            return None;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let socket = dir.path().join("sock");
        let status = dir.path().join("status");
        let home = dir.path().display().to_string();
        let t = Tmux {
            socket,
            status,
            _dir: dir,
        };
        // The environment is given to the command itself: a tmux server keeps its own. The
        // shell records the exit status: tmux 3.3a sometimes never reaps a pane's process
        // (it stays a zombie, `#{pane_dead_status}` stays empty), so its own report of the
        // status cannot be waited on.
        let cmd = format!(
            "env -i PATH=\"$PATH\" HOME={home} XDG_CONFIG_HOME={home}/config LANG=C.UTF-8 \
             TERM=tmux-256color TMUX=\"$TMUX\" {command}; echo $? > {home}/status.tmp \
             && mv {home}/status.tmp {home}/status"
        );
        t.tmux(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            &cols.to_string(),
            "-y",
            &rows.to_string(),
            &cmd,
        ]);
        t.tmux(&["set-option", "-t", "t", "remain-on-exit", "on"]);
        Some(t)
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .current_dir(support::pty::root())
            .output()
            .expect("run tmux");
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "t"])
    }

    /// Polls the pane until `cond` holds (tmux offers no change notification to block on).
    fn wait_for(&self, what: &str, cond: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        let mut backoff = Duration::from_millis(5);
        loop {
            let s = self.screen();
            if cond(&s) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}:\n{s}"
            );
            std::thread::sleep(backoff);
            backoff = (backoff * 2).min(Duration::from_millis(100));
        }
    }

    /// The pane's program's exit status, once it has exited.
    fn exit_status(&self) -> Option<i32> {
        std::fs::read_to_string(&self.status)
            .ok()
            .and_then(|s| s.trim().parse().ok())
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

fn reader(args: &str) -> String {
    format!("{} {args}", support::pty::bin().display())
}

/// The title line of the focused pane (thick border and ▶).
fn focused(screen: &str) -> &str {
    if screen.contains("▶ Articles") {
        "Articles"
    } else if screen.contains("▶ Reader") {
        "Reader"
    } else if screen.contains("▶ Claims") {
        "Claims"
    } else {
        "none"
    }
}

/// The reader's first shown line number (`l.N/M`).
fn reader_line(screen: &str) -> Option<usize> {
    let i = screen.find(" l.")?;
    screen[i + 3..].split('/').next()?.parse().ok()
}

#[test]
fn default_keys_work_in_tmux_legacy_encoding() {
    let Some(t) = Tmux::start(120, 40, &reader("seeds")) else {
        return;
    };
    let s = t.wait_for("the reader", |s| s.contains("Articles"));
    assert_eq!(focused(&s), "Articles", "{s}");
    t.keys(&["Tab"]);
    t.wait_for("Tab → reader", |s| focused(s) == "Reader");
    t.keys(&["BTab"]);
    t.wait_for("BackTab → list", |s| focused(s) == "Articles");
    // Enter opens the selected article: the second one.
    t.keys(&["j", "Enter"]);
    t.wait_for("Enter opens article 2", |s| s.contains("article 2/"));
    // Ctrl-d scrolls the reader half a page (opening may already have focused the reader).
    if focused(&t.screen()) != "Reader" {
        t.keys(&["Tab"]);
        t.wait_for("reader focused", |s| focused(s) == "Reader");
    }
    let before = reader_line(&t.screen()).expect("line number shown");
    t.keys(&["C-d"]);
    t.wait_for("Ctrl-d scrolls", |s| {
        reader_line(s).is_some_and(|l| l > before)
    });
    // `/` opens the search prompt, typed text shows, Esc cancels.
    t.keys(&["/"]);
    t.wait_for("search prompt", |s| s.contains(": /"));
    t.keys(&["-l", "Netflix"]);
    t.wait_for("typed query", |s| s.contains("/Netflix"));
    t.keys(&["Enter"]);
    t.wait_for("prompt closed", |s| !s.contains("/Netflix▏"));
    t.keys(&["q"]);
    t.wait_for("exit", |_| t.exit_status().is_some());
    assert_eq!(t.exit_status(), Some(0));
}

#[test]
fn wide_characters_keep_borders_in_place_in_tmux() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Wide chars, emoji sequences, and controls the reader must neutralise (C1 CSI, ESC, BEL,
    // bidi override), in the reader and in the claims panel (the sentence states an amount).
    let text = "Un titre\n\nFamille 👩\u{200d}👩\u{200d}👧\u{200d}👦 et 👍🏽, drapeau 🇫🇷, \
                漢字テスト全角文字、café (e\u{301}) ❤\u{fe0f} fin.\n\n\
                La société a versé 12 millions d'euros \u{9b}2J \x1b[5m\x07 \u{202e}le 3 mars 2021.\n\n"
        .repeat(15);
    std::fs::write(dir.path().join("wide.txt"), text).expect("write");
    let Some(t) = Tmux::start(120, 40, &reader(&dir.path().display().to_string())) else {
        return;
    };
    // A whole frame: tmux may be captured while it is still parsing one, and the bottom row
    // (the status line) is the last one written.
    let s = t.wait_for("the article's whole frame", |s| {
        s.contains("Famille") && s.lines().nth(39).is_some_and(|l| !l.trim().is_empty())
    });
    // Columns as tmux lays them out (capture-pane pads wide chars to their cell count).
    let columns_of = |line: &str, set: &[char]| -> Vec<usize> {
        let mut col = 0;
        let mut out = Vec::new();
        for c in line.chars() {
            if set.contains(&c) {
                out.push(col);
            }
            col += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        }
        out
    };
    let lines: Vec<&str> = s.lines().collect();
    // The pane corners on the top row fix the border columns; every row below has a vertical
    // border in each of them.
    let corners = columns_of(lines[0], &['┌', '┐', '┏', '┓']);
    assert!(corners.len() >= 4, "{s}");
    for (i, line) in lines.iter().enumerate().take(38).skip(1) {
        let bars = columns_of(line, &['│', '┃']);
        for c in &corners {
            assert!(
                bars.contains(c),
                "row {i}, column {c} lost its border: {line:?}\n{s}"
            );
        }
    }
    let _ = Path::new(&t.socket);
}
