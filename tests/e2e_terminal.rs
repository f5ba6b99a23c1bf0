//! End-to-end: the reader in a real pseudo-terminal — start, frames, restore, refusal without
//! a terminal, every common TERM, NO_COLOR, and the terminal bytes of idle and no-op input.

mod support;

use std::process::{Command, Stdio};
use std::time::Duration;
use support::pty::{END_SYNC, Spawn, contains, count};

/// Leaving the alternate screen, then showing the cursor: how a restored terminal's output ends.
const RESTORED: &[u8] = b"\x1b[?1049l\x1b[?25h";

#[test]
fn starts_draws_and_quits_restoring_the_terminal() {
    let mut pty = Spawn::new(&[]).start();
    pty.wait_frames(1);
    let raw = pty.raw();
    assert!(
        contains(&raw, b"\x1b[?1049h"),
        "enters the alternate screen"
    );
    assert!(
        contains(&raw, b"\x1b[?2026h"),
        "frames use synchronized output"
    );
    assert!(
        !contains(&raw, b"\x1b[?1000h"),
        "no mouse capture without --mouse"
    );
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(10)), Some(0));
    pty.wait_eof();
    assert!(pty.raw().ends_with(RESTORED), "{:?}", tail(&pty.raw()));
}

#[test]
fn mouse_capture_only_with_the_flag_and_released_on_quit() {
    let mut pty = Spawn::new(&["--mouse"]).start();
    pty.wait_frames(1);
    assert!(contains(&pty.raw(), b"\x1b[?1000h"));
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(10)), Some(0));
    pty.wait_eof();
    let raw = pty.raw();
    assert!(contains(&raw, b"\x1b[?1000l"));
    assert!(raw.ends_with(RESTORED));
}

#[test]
fn without_a_terminal_it_points_to_the_subcommands() {
    let out = Command::new(support::pty::bin())
        .current_dir(support::pty::root())
        .stdin(Stdio::null())
        .output()
        .expect("run recoupe");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("recoupe claims") && err.contains("recoupe export"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "nothing drawn on a pipe");
}

#[test]
fn term_dumb_is_refused_with_status_2() {
    let mut pty = Spawn::new(&[]).env("TERM", "dumb").start();
    assert_eq!(pty.wait_exit(Duration::from_secs(10)), Some(2));
    pty.wait_eof();
    let text = String::from_utf8_lossy(&pty.raw()).into_owned();
    assert!(
        text.contains("TERM=dumb") && text.contains("recoupe claims"),
        "{text}"
    );
    assert!(!contains(&pty.raw(), b"\x1b[?1049h"));
}

#[test]
fn every_common_term_starts_and_restores() {
    for term in [
        "xterm-256color",
        "xterm",
        "screen-256color",
        "tmux-256color",
        "vt100",
        "linux",
    ] {
        let mut pty = Spawn::new(&[]).env("TERM", term).start();
        pty.wait_frames(1);
        pty.send("q");
        assert_eq!(pty.wait_exit(Duration::from_secs(10)), Some(0), "{term}");
        pty.wait_eof();
        let raw = pty.raw();
        assert!(raw.ends_with(RESTORED), "{term}: {:?}", tail(&raw));
        if term == "vt100" {
            assert_no_colour(&raw, term);
        }
    }
}

#[test]
fn idle_sends_nothing_and_unbound_keys_send_no_frame() {
    let mut pty = Spawn::new(&[]).start();
    // The reader opens before the background analysis is done; under load its progress and
    // then the claims it fills in are further frames. Those are real changes, so count from
    // the analysed screen.
    pty.wait_analysed();
    let before = pty.raw_len();
    let frames = count(&pty.raw(), END_SYNC);
    // An unbound key, then a key that quits: the quit's restore is the first output after the
    // analysed frame, so nothing was sent for the unbound key nor while idle.
    pty.send("\x07");
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(10)), Some(0));
    pty.wait_eof();
    let raw = pty.raw();
    assert_eq!(
        count(&raw, END_SYNC),
        frames,
        "no frame after the analysed one"
    );
    let after = &raw[before..];
    assert!(!contains(after, b"\x1b[?2026h"), "{after:?}");
}

/// Fails if any colour sequence (SGR 30–49, 38;…, 48;…) is in `raw`.
pub fn assert_no_colour(raw: &[u8], what: &str) {
    for params in sgr_params(raw) {
        for param in params.split([';', ':']) {
            let colour = matches!(
                param.parse::<u32>(),
                Ok(30..=49 | 58 | 59 | 90..=97 | 100..=107)
            );
            assert!(!colour, "{what}: colour SGR {params:?}");
        }
    }
}

fn tail(raw: &[u8]) -> String {
    String::from_utf8_lossy(&raw[raw.len().saturating_sub(80)..]).into_owned()
}

#[test]
fn no_color_sends_no_colour_but_keeps_reverse_and_bold() {
    let mut pty = Spawn::new(&[])
        .env("NO_COLOR", "1")
        .env("COLORTERM", "truecolor")
        .size(120, 40)
        .start();
    pty.wait_frames(1);
    // Move the selection, open an article, change focus: selection and focus styles are drawn.
    pty.send("j");
    pty.wait_frames(2);
    pty.send("\r");
    pty.wait_frames(3);
    pty.send("\t");
    pty.wait_frames(4);
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(10)), Some(0));
    pty.wait_eof();
    let raw = pty.raw();
    assert_no_colour(&raw, "NO_COLOR");
    assert!(contains(&raw, b"\x1b[7m"), "selection in reverse video");
    assert!(contains(&raw, b"\x1b[1m"), "focus in bold");
}

#[test]
fn colour_depth_follows_the_terminal() {
    let classic = |p: &str| {
        p.split(';')
            .any(|f| matches!(f.parse::<u32>(), Ok(30..=37 | 90..=97)))
    };
    for (colorterm, term) in [
        ("truecolor", "xterm-256color"),
        ("", "xterm-256color"),
        ("", "xterm"),
    ] {
        let mut pty = Spawn::new(&[])
            .env("COLORTERM", colorterm)
            .env("TERM", term)
            .size(120, 40)
            .start();
        pty.wait_frames(1);
        pty.send("\r");
        pty.wait_frames(2);
        pty.send("q");
        assert_eq!(pty.wait_exit(Duration::from_secs(10)), Some(0));
        pty.wait_eof();
        let sgr = sgr_params(&pty.raw());
        let any = |f: &dyn Fn(&str) -> bool| sgr.iter().any(|p| f(p));
        let what = format!("{term} {colorterm:?}: {sgr:?}");
        match (colorterm, term) {
            ("truecolor", _) => assert!(any(&|p| p.contains("38;2;")), "{what}"),
            (_, "xterm-256color") => {
                assert!(any(&|p| p.contains("38;5;")), "{what}");
                assert!(!any(&|p| p.contains("38;2;")), "{what}");
            }
            _ => {
                assert!(any(&classic), "{what}");
                assert!(!any(&|p| p.contains("38;")), "{what}");
            }
        }
        assert!(
            !any(&|p| p.starts_with("48;") || p.contains(";48;")),
            "never a background: {what}"
        );
    }
}

/// The parameters of every SGR sequence (`ESC [ params m`) in `raw`.
fn sgr_params(raw: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    let mut out = Vec::new();
    let mut rest = &*text;
    while let Some(i) = rest.find("\x1b[") {
        rest = &rest[i + 2..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ';' || c == ':'))
            .unwrap_or(rest.len());
        if rest[end..].starts_with('m') {
            out.push(rest[..end].to_string());
        }
    }
    out
}

#[test]
fn user_config_rebinds_keys_and_overrides_the_theme() {
    let spawn = Spawn::new(&[]).env("COLORTERM", "truecolor");
    let config = format!("{}/recoupe", spawn.get_env("XDG_CONFIG_HOME").unwrap());
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        format!("{config}/config.toml"),
        "[keys.global]\nquit = [\"x\"]\n\n[theme.border]\nfg = \"#123456\"\n",
    )
    .unwrap();
    let mut pty = spawn.start();
    pty.wait_frames(1);
    assert!(
        contains(&pty.raw(), b"38;2;18;52;86"),
        "theme override drawn"
    );
    pty.send("q");
    pty.send("x");
    assert_eq!(
        pty.wait_exit(Duration::from_secs(10)),
        Some(0),
        "x quits, q no longer"
    );
}

#[test]
fn a_bad_config_shows_a_popup_naming_the_line_and_defaults_apply() {
    let spawn = Spawn::new(&[]);
    let config = format!("{}/recoupe", spawn.get_env("XDG_CONFIG_HOME").unwrap());
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        format!("{config}/config.toml"),
        "# my config\n[keys.global]\nquit = [\"no-such-key\"]\n",
    )
    .unwrap();
    let mut pty = spawn.start();
    pty.wait_for("popup naming the line", |s| {
        let c = s.contents();
        c.contains("config.toml") && c.contains("line 3")
    });
    pty.send("\x1b");
    pty.wait_for("popup closed", |s| !s.contents().contains("line 3"));
    pty.send("q");
    assert_eq!(
        pty.wait_exit(Duration::from_secs(10)),
        Some(0),
        "default q quits"
    );
}

#[test]
fn a_burst_of_100_keys_costs_a_handful_of_frames() {
    let mut pty = Spawn::new(&[]).size(120, 40).start();
    pty.wait_frames(1);
    // Enter opens the article and focuses the reader.
    pty.send("\r");
    pty.wait_for("reader focused", |s| s.contents().contains("▶ Reader"));
    let frames = count(&pty.raw(), END_SYNC);
    pty.send("j".repeat(100));
    // The reader scrolled to the end of the article (it is shorter than 100 lines).
    pty.wait_for("scrolled to the end", |s| s.contents().contains("· 100%"));
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(10)), Some(0));
    pty.wait_eof();
    let burst = count(&pty.raw(), END_SYNC) - frames;
    eprintln!("100 queued keys → {burst} frames");
    assert!(burst <= 5, "{burst} frames for one burst");
}
