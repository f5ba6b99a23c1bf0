//! End-to-end: the reader opens at once on a generated archive and analyses it in the
//! background — the first frame lists the articles with a progress bar in the claims panel,
//! keys that need claims say the analysis is running, the selection survives the analysis's
//! arrival, and the claims panel and fact list fill in. Also: `recoupe export` draws its
//! progress bar on a terminal's stderr and nothing on a pipe.

mod support;

#[path = "support/corpus_gen.rs"]
mod corpus_gen;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;
use support::pty::{Spawn, bin, contains, root};

/// Articles generated: enough that the analysis outlasts the first keys in a debug build.
const ARTICLES: usize = 120;

fn corpus(dir: &Path) {
    let g = corpus_gen::Generator::from_dir(&root().join("seeds")).expect("seeds");
    g.write_corpus(dir, ARTICLES, 7).expect("corpus written");
}

#[test]
fn the_reader_opens_at_once_and_fills_in_the_claims() {
    let d = tempfile::tempdir().unwrap();
    corpus(d.path());
    let mut pty = Spawn::new(&[d.path().to_str().unwrap()])
        .size(120, 40)
        .start();
    pty.wait_frames(1);
    pty.with_screen(|s| {
        let text = s.contents();
        assert!(text.contains("analysing…"), "first frame:\n{text}");
        assert!(text.contains(&format!("Articles 1/{ARTICLES}")), "{text}");
        assert!(
            !text.contains("no claims"),
            "claims are not counted yet:\n{text}"
        );
    });
    // Keys that need claims say why they do nothing yet.
    pty.send("F");
    pty.wait_text("analysis in progress");
    // The list works meanwhile; the selection is kept when the analysis arrives.
    pty.send("jj");
    pty.wait_text(&format!("Articles 3/{ARTICLES}"));
    // Progress was drawn: files counted (from the bytes sent, so no frame can be missed).
    pty.wait_raw("files counted in the claims panel", |raw| {
        contains(raw, b" files")
    });
    pty.wait_analysed();
    pty.wait_for("claims panel filled in, selection kept", |s| {
        let text = s.contents();
        text.contains("Claims 1/")
            && text.contains(" claims")
            && text.contains(&format!("Articles 3/{ARTICLES}"))
    });
    pty.send("F");
    pty.wait_text("Enter jumps");
    pty.send("\x1b");
    pty.wait_for("fact list closed", |s| {
        !s.contents().contains("Enter jumps")
    });
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(10)), Some(0));
}

#[test]
fn export_shows_progress_on_a_terminal_and_nothing_on_a_pipe() {
    let d = tempfile::tempdir().unwrap();
    corpus(d.path());
    let dir = d.path().to_str().unwrap();

    let out = Command::new(bin())
        .args(["export", dir])
        .env("XDG_CACHE_HOME", d.path().join("cache"))
        .env("XDG_STATE_HOME", d.path().join("state"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("export runs");
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"{"), "a JSON document on stdout");
    assert!(
        !contains(&out.stderr, b"articles") && !contains(&out.stderr, b"\x1b["),
        "no bar on a pipe: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut pty = Spawn::new(&[]).program(bin(), &["export", dir]).start();
    pty.wait_raw("a progress bar on the terminal", |raw| {
        contains(raw, b"articles \xc2\xb7") && contains(raw, b"claims")
    });
    assert_eq!(pty.wait_exit(Duration::from_secs(60)), Some(0));
}
