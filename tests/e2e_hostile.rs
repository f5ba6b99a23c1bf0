//! End-to-end: an article full of terminal escape sequences, controls, bidi overrides and wide
//! characters is shown without the terminal ever receiving one of its sequences, and wide
//! characters do not shift the pane borders.

mod support;

use std::time::Duration;
use support::pty::{Spawn, contains, count};

/// Every hostile sequence of the article, each unique enough that the reader itself never
/// sends it.
const HOSTILE: &[(&str, &[u8])] = &[
    ("OSC 0 title", b"\x1b]0;pwned"),
    ("OSC 52 clipboard", b"\x1b]52;c;cm0gLXJmIH4="),
    ("OSC 8 link", b"\x1b]8;;http://evil"),
    ("CSI clear scrollback", b"\x1b[3J"),
    ("CSI cursor up", b"\x1b[10A"),
    ("CSI device status query", b"\x1b[6n"),
    ("CSI SGR blink", b"\x1b[5m"),
    ("DCS", b"\x1bPq#0;2;0;0;0"),
    ("main screen", b"\x1b[?1049lLEFT"),
    ("BEL", b"\x07"),
    ("C1 CSI as UTF-8", "\u{9b}".as_bytes()),
    ("bidi override", "\u{202e}".as_bytes()),
    ("bare ESC", b"\x1b\\"),
];

/// Lines of wide and combining characters, emoji sequences and bidi text.
fn wide_lines() -> String {
    "Famille 👩‍👩‍👧‍👦 et drapeau 🇫🇷, visage 😀, café (e\u{301}), \
     漢字テスト全角文字の行、もっと長い行にして折り返しを確かめる。\
     Ｆｕｌｌｗｉｄｔｈ ｔｅｘｔ and זה עברית mixed \u{202e}reversed\u{202c} text.\n"
        .repeat(3)
}

fn article() -> String {
    let mut s = String::from(
        "Le titre piégé\n\nLa société Exemple a versé 12 millions d'euros le 3 mars 2021, \
         selon le rapport.\n\n",
    );
    for (name, seq) in HOSTILE {
        s.push_str(&format!("Séquence {name}: "));
        s.push_str(std::str::from_utf8(seq).expect("utf-8"));
        s.push_str(" fin.\n");
    }
    s.push_str("\u{9b}2J C1 clear, and a raw C1 CSI.\n");
    s.push_str(&wide_lines());
    s
}

#[test]
fn hostile_article_sequences_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a_hostile.txt"), article()).expect("write article");
    std::fs::write(
        dir.path().join("b_nul.txt"),
        b"Un article avec un octet nul\0 au milieu.\n",
    )
    .expect("write nul file");
    std::fs::write(
        dir.path().join("c_plain.txt"),
        "Un article ordinaire\n\nLa société Exemple a versé 12 millions d'euros.\n",
    )
    .expect("write plain");
    let d = dir.path().display().to_string();
    let mut pty = Spawn::new(&[&d]).size(120, 40).start();
    pty.wait_text("titre");
    // The first article is open: read through it in the reader pane, look at the claims, then
    // open the notices.
    pty.send("\r\t");
    for _ in 0..4 {
        pty.send("j");
    }
    pty.send(" ");
    pty.send("G");
    pty.wait_text("Famille");
    pty.send("\t");
    pty.send("j");
    pty.send("!");
    pty.wait_text("b_nul.txt");
    let screen = pty.text();
    assert!(
        screen.contains("b_nul.txt"),
        "the NUL file is named in the notices: {screen}"
    );
    // Esc and q in one read would be Alt-q: wait for the popup to close first.
    pty.send("\x1b");
    pty.wait_for("popup closed", |s| !s.contents().contains("b_nul.txt"));
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(10)), Some(0));
    pty.wait_eof();
    let raw = pty.raw();
    for (name, seq) in HOSTILE {
        assert!(!contains(&raw, seq), "{name} reached the terminal");
    }
    // 0x9B bytes occur inside UTF-8 (␛ is E2 90 9B); valid UTF-8 means none stands alone as
    // an 8-bit CSI.
    assert!(std::str::from_utf8(&raw).is_ok(), "output is valid UTF-8");
    assert!(!contains(&raw, b"\x1b]"), "no OSC at all");
    assert!(!contains(&raw, b"\x1bP"), "no DCS at all");
    assert_eq!(count(&raw, b"\x1b[?1049l"), 1, "main screen only on quit");
    assert!(!contains(&raw, b"\0"), "no NUL");
}

#[test]
fn wide_characters_do_not_shift_the_borders() {
    let dir = tempfile::tempdir().expect("temp dir");
    // The wide lines without the C1 controls: the vt100 parser drops U+FFFD (the placeholder
    // of a C1 control) instead of giving it a column, which no real terminal does; the tmux
    // test checks the whole hostile article in a real emulator.
    let text = format!(
        "Le titre piégé\n\nLa société Exemple a versé 12 millions d'euros le 3 mars 2021.\n\n{}",
        wide_lines().repeat(8)
    );
    std::fs::write(dir.path().join("a_wide.txt"), text).expect("write article");
    let d = dir.path().display().to_string();
    for (cols, rows) in [(120u16, 40u16), (80, 24), (200, 60)] {
        let mut pty = Spawn::new(&[&d]).size(cols, rows).start();
        pty.wait_text("titre");
        pty.send("\tG");
        pty.wait_text("Famille");
        // The pane corners on the top row fix the border columns; every row below must have
        // a vertical border in exactly those columns.
        let (columns, bad) = pty.with_screen(|s| {
            let is = |r: u16, c: u16, set: &[&str]| {
                s.cell(r, c)
                    .is_some_and(|cell| set.contains(&cell.contents()))
            };
            let columns: Vec<u16> = (0..cols)
                .filter(|&c| is(0, c, &["┌", "┐", "┏", "┓", "+"]))
                .collect();
            let bad: Vec<(u16, u16)> = (1..rows - 2)
                .flat_map(|r| columns.iter().map(move |&c| (r, c)))
                .filter(|&(r, c)| !is(r, c, &["│", "┃", "|"]))
                .collect();
            (columns, bad)
        });
        assert!(
            columns.len() >= 4,
            "{cols}x{rows}: pane corners: {columns:?}\n{}",
            pty.text()
        );
        if let Some(&(r, c)) = bad.first() {
            let line = pty.with_screen(|s| s.rows(0, cols).nth(usize::from(r)).unwrap_or_default());
            panic!("{cols}x{rows}: row {r}, column {c} lost its border: {line:?}");
        }
        pty.send("q");
        assert_eq!(pty.wait_exit(Duration::from_secs(10)), Some(0));
    }
}
