//! End-to-end: annotating by keys in the real reader (in a pseudo-terminal), quitting,
//! reopening, and seeing the verdict and the note again.

mod support;

use recoupe::annotations::{Store, Verdict};
use std::time::Duration;
use support::pty::{Spawn, root};

fn copy_seeds(to: &std::path::Path) {
    for e in std::fs::read_dir(root().join("seeds")).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
        }
    }
}

fn reader(dir: &std::path::Path) -> support::pty::Pty {
    let pty = Spawn::new(&[dir.to_str().unwrap()])
        .env("USER", "tester")
        .size(120, 40)
        .start();
    pty.wait_analysed();
    pty
}

#[test]
fn verdict_and_note_by_keys_survive_a_restart() {
    let d = tempfile::tempdir().unwrap();
    copy_seeds(d.path());
    let mut pty = reader(d.path());
    // Open the first article, focus the claims panel, mark the selected claim false.
    pty.send("\r");
    pty.send("\t");
    pty.send("2");
    pty.wait_text("verdict: false (saved)");
    pty.wait_text("✘");
    // A two-line note: Enter is a new line, Ctrl-x saves.
    pty.send("n");
    pty.wait_text("Ctrl-x saves");
    pty.send("vu dans\rla plainte");
    pty.send("\x18");
    pty.wait_text("note saved");
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(10)), Some(0));

    let journal = d.path().join(".recoupe/annotations.jsonl");
    let store = Store::open(&journal, "x").unwrap();
    let a: Vec<_> = store.state().iter().collect();
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].verdict, Verdict::False);
    assert_eq!(a[0].note, "vu dans\nla plainte");
    assert_eq!(a[0].annotator, "tester");

    let mut pty = reader(d.path());
    pty.send("\r");
    pty.send("\t");
    pty.wait_text("✘");
    pty.send("\r"); // the details popup
    pty.wait_text("tester · false");
    pty.wait_text("la plainte");
    pty.send("\x1b");
    pty.wait_for("details closed", |s| {
        !s.contents().contains("tester · false")
    });
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(10)), Some(0));
}
