//! End-to-end: the acceptance path of the reader on the seeds, in a real pseudo-terminal —
//! the five titles, opening the fourth article, a search highlighted on screen, and quitting
//! back to a restored terminal.

mod support;

use std::time::Duration;
use support::pty::{Spawn, contains};

/// The screen cell where `needle` starts, if it is on screen.
fn find(screen: &vt100::Screen, needle: &str) -> Option<(u16, u16)> {
    let (rows, cols) = screen.size();
    let (rows, cols): (u16, u16) = (rows.into(), cols.into());
    (0..rows).find_map(|r| {
        let line: String = (0..cols)
            .map(|c| {
                screen
                    .cell(r, c)
                    .map_or(" ".into(), |x| x.contents().to_string())
            })
            .map(|s| if s.is_empty() { " ".to_string() } else { s })
            .collect();
        line.find(needle)
            .map(|b| (r, line[..b].chars().count() as u16))
    })
}

/// True when the cell is drawn differently from plain text (the match highlight).
fn highlighted(screen: &vt100::Screen, (r, c): (u16, u16)) -> bool {
    screen.cell(r, c).is_some_and(|x| {
        x.underline() || x.bold() || x.inverse() || x.bgcolor() != vt100::Color::Default
    })
}

#[test]
fn titles_open_search_highlight_and_quit() {
    let mut pty = Spawn::new(&[]).size(120, 40).start();
    pty.wait_frames(1);
    for title in [
        "Facebook et Netflix e",
        "Ce n’est plus une thé",
        "Dévoilés lors du proc",
        "Selon des documents j",
        "Quand Facebook partag",
    ] {
        pty.wait_text(title);
    }
    // The fourth article, opened: its text (not in the first one) is on screen.
    pty.send("jjj\r");
    pty.wait_text("Maximilian Klein");
    pty.wait_text("Articles 4/5");
    // Search the reader for "Titan": the match is on screen and drawn highlighted.
    pty.send("/Titan\r");
    pty.wait_for("“Titan API” on screen, highlighted", |s| {
        find(s, "Titan API").is_some_and(|at| highlighted(s, at))
    });
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(10)), Some(0));
    pty.wait_eof();
    let raw = pty.raw();
    assert!(
        raw.ends_with(b"\x1b[?1049l\x1b[?25h"),
        "leaves the alternate screen and shows the cursor"
    );
    assert!(contains(&raw, b"\x1b[?1049h"));
}
