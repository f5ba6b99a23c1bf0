//! Snapshots of the reader drawn on a test backend: the seed corpus at three sizes, and a
//! small hand-built analysis for claims and facts whatever the extractors currently find.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use recoupe::app::{Action, App, AppOptions};
use recoupe::keys::Keymap;
use recoupe::ui::{Theme, draw};

fn seeds() -> App {
    let corpus = recoupe::corpus::load_paths(&["seeds".into()]).expect("seeds load");
    App::new(recoupe::pipeline::analyze(corpus), AppOptions::default())
}

/// Feeds `keys` (vim-ish notation: plain chars, `<Enter>`, `<Tab>`, `<Esc>`) to the app.
fn press(app: &mut App, keys: &str) {
    let km = Keymap::defaults();
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        let (code, len) = if c == '<' {
            let end = rest.find('>').expect("closed <key>");
            let code = match &rest[1..end] {
                "Enter" => KeyCode::Enter,
                "Tab" => KeyCode::Tab,
                "BackTab" => KeyCode::BackTab,
                "Esc" => KeyCode::Esc,
                "Down" => KeyCode::Down,
                "PageDown" => KeyCode::PageDown,
                other => panic!("unknown key {other}"),
            };
            (code, end + 1)
        } else {
            (KeyCode::Char(c), c.len_utf8())
        };
        rest = &rest[len..];
        let mods = match code {
            KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
            _ => KeyModifiers::NONE,
        };
        if let Some(a) = km.action(app, KeyEvent::new(code, mods)) {
            app.update(a);
        }
    }
}

fn render(app: &mut App, w: u16, h: u16) -> String {
    app.update(Action::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| draw(f, app, &Theme::no_color())).unwrap();
    t.backend().to_string()
}

#[test]
fn seeds_start_screen() {
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let mut app = seeds();
        insta::assert_snapshot!(format!("seeds_start_{w}x{h}"), render(&mut app, w, h));
    }
}

#[test]
fn seeds_opened_article() {
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let mut app = seeds();
        app.update(Action::Resize(w, h));
        press(&mut app, "jj<Enter>");
        insta::assert_snapshot!(format!("seeds_open_{w}x{h}"), render(&mut app, w, h));
    }
}

#[test]
fn seeds_help_overlay() {
    let mut app = seeds();
    app.update(Action::Resize(120, 40));
    press(&mut app, "?");
    insta::assert_snapshot!("seeds_help_120x40", render(&mut app, 120, 40));
}

#[test]
fn seeds_claims_panel_and_fact_view() {
    let mut app = seeds();
    app.update(Action::Resize(120, 40));
    press(&mut app, "jjj<Enter><Tab>j");
    insta::assert_snapshot!("seeds_claims_120x40", render(&mut app, 120, 40));
    press(&mut app, "f");
    insta::assert_snapshot!("seeds_fact_view_120x40", render(&mut app, 120, 40));
    let mut app = seeds();
    app.update(Action::Resize(80, 24));
    press(&mut app, "jjj<Enter>c");
    insta::assert_snapshot!("seeds_claims_80x24", render(&mut app, 80, 24));
}

/// The acceptance path on the seeds: fourth article, claims panel, `/Titan`, `]` — another
/// article stating the Titan API fact is open with that sentence on screen.
#[test]
fn seeds_titan_fact_jump() {
    let mut app = seeds();
    app.update(Action::Resize(120, 40));
    press(&mut app, "jjj<Enter><Tab>/Titan<Enter>");
    let sel = app.selection().expect("a claim is selected");
    assert_eq!(sel.article, 3);
    assert!(app.analysis.claims[sel.claim].text.contains("Titan"));
    press(&mut app, "]");
    let to = app.selection().expect("a claim is selected after ]");
    assert_ne!(to.article, 3, "{:?}", app.message);
    let msg = app.message.clone().unwrap_or_default();
    assert!(msg.starts_with("fact "), "{msg}");
    let screen = render(&mut app, 120, 40);
    let words: Vec<&str> = app.analysis.claims[to.claim].text.split_whitespace().take(4).collect();
    assert!(screen.contains(&words.join(" ")), "{screen}");
    insta::assert_snapshot!("seeds_titan_jump_120x40", screen);
}
