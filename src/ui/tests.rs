use super::*;
use crate::app::{Action, AppOptions, fixture};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app_at(w: u16, h: u16) -> App {
    let mut app = App::new(fixture::analysis(), AppOptions::default());
    app.update(Action::Resize(w, h));
    app
}

fn render(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| draw(f, app, &Theme::no_color())).unwrap();
    // (The test backend cannot print a zero-width buffer; drawing it is what is tested.)
    if w == 0 {
        return String::new();
    }
    t.backend().to_string()
}

#[test]
fn any_size_draws_without_panicking() {
    for popup in [
        None,
        Some(Action::Help),
        Some(Action::FactView),
        Some(Action::FactList),
        Some(Action::Log),
        Some(Action::Open),
    ] {
        let mut app = app_at(0, 0);
        app.focus = Pane::Claims;
        if let Some(p) = popup {
            app.update(p);
        }
        for w in [
            0u16, 1, 2, 5, 19, 20, 21, 39, 40, 79, 80, 81, 119, 120, 121, 250,
        ] {
            for h in [0u16, 1, 2, 5, 6, 7, 8, 9, 12, 24, 40] {
                app.update(Action::Resize(w, h));
                render(&app, w, h);
            }
        }
    }
}

#[test]
fn too_small_says_so() {
    let app = app_at(19, 6);
    assert!(render(&app, 19, 6).contains("terminal too"));
    let app = app_at(0, 0);
    assert_eq!(render(&app, 0, 0), "");
}

#[test]
fn focus_is_marked_without_colour() {
    let mut app = app_at(120, 30);
    let s = render(&app, 120, 30);
    assert!(s.contains("┏ ▶ Articles"), "{s}");
    assert!(s.contains("┌ Reader"));
    app.update(Action::FocusNext);
    let s = render(&app, 120, 30);
    assert!(s.contains("┏ ▶ Reader"));
    assert!(s.contains("┌ Articles"));
    app.options.ascii = true;
    let s = render(&app, 120, 30);
    assert!(s.contains("# > Reader"), "{s}");
    assert!(s.is_ascii_text_frame(), "{s}");
}

trait AsciiFrame {
    fn is_ascii_text_frame(&self) -> bool;
}

impl AsciiFrame for String {
    /// No box-drawing chars left once ASCII is on.
    fn is_ascii_text_frame(&self) -> bool {
        !self.chars().any(|c| ('\u{2500}'..='\u{257f}').contains(&c))
    }
}

#[test]
fn claims_panel_and_reader_highlight() {
    let mut app = app_at(120, 30);
    app.update(Action::FocusPrev);
    app.update(Action::Down);
    insta::assert_snapshot!("fixture_claims_120x30", render(&app, 120, 30));
}

#[test]
fn claims_panel_at_80_columns() {
    let mut app = app_at(80, 24);
    app.update(Action::ToggleClaims);
    insta::assert_snapshot!("fixture_claims_80x24", render(&app, 80, 24));
}

#[test]
fn details_popup() {
    let mut app = app_at(100, 32);
    app.focus = Pane::Reader;
    app.update(Action::Open);
    insta::assert_snapshot!("fixture_details_100x32", render(&app, 100, 32));
}

#[test]
fn fact_view_and_list() {
    let mut app = app_at(100, 30);
    app.update(Action::FactView);
    insta::assert_snapshot!("fixture_fact_view_100x30", render(&app, 100, 30));
    app.update(Action::Cancel);
    app.update(Action::FactList);
    insta::assert_snapshot!("fixture_fact_list_100x30", render(&app, 100, 30));
}

#[test]
fn jump_says_where_it_went() {
    let mut app = app_at(120, 30);
    app.focus = Pane::Claims;
    app.update(Action::NextFact);
    let s = render(&app, 120, 30);
    assert!(s.contains("fact 2/3 · Netflix · accès · Titan API"), "{s}");
    assert!(s.contains("Titan API » en août 2013"), "{s}");
}

#[test]
fn search_prompt_and_matches_show() {
    let mut app = app_at(120, 30);
    app.focus = Pane::Reader;
    app.update(Action::Search);
    for c in "titan".chars() {
        app.update(Action::Input(c));
    }
    assert!(render(&app, 120, 30).contains("search text: /titan"));
    app.update(Action::Submit);
    assert!(render(&app, 120, 30).contains("match 1/1"));
}

#[test]
fn log_lists_notices() {
    let mut app = app_at(100, 20);
    app.update(Action::Log);
    let s = render(&app, 100, 20);
    assert!(s.contains("latin.txt"), "{s}");
    assert!(s.contains("! 1 notice"));
}

/// The acceptance path, on the fixture: open an article, go to the claims panel, search a
/// claim, jump to the next article stating its fact — the sentence is on screen.
#[test]
fn search_a_claim_then_jump_to_the_same_fact_elsewhere() {
    use crate::keys::Keymap;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = app_at(120, 30);
    let km = Keymap::defaults();
    let press = |app: &mut App, code: KeyCode| {
        if let Some(a) = km.action(app, KeyEvent::new(code, KeyModifiers::NONE)) {
            app.update(a);
        }
    };
    for c in "jj".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.open, Some(2));
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Pane::Claims);
    for c in "/Titan".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.selection().unwrap().claim, 5);
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(app.open, Some(0));
    assert_eq!(app.list.sel, 0);
    let s = render(&app, 120, 30);
    assert!(s.contains("fact 2/3 · Netflix · accès · Titan API"), "{s}");
    assert!(s.contains("access to the Titan API in August 2013"), "{s}");
    assert!(s.contains("▸◐ Netflix · Meta · Titan API"), "{s}");
}

#[test]
fn help_at_40_columns_keeps_descriptions_readable() {
    let mut app = app_at(40, 12);
    app.update(Action::Help);
    insta::assert_snapshot!("fixture_help_40x12", render(&app, 40, 12));
    app.update(Action::PageDown);
    let s = render(&app, 40, 12);
    assert!(s.contains("page down"), "{s}");
}

#[test]
fn verdicts_show_in_the_reader_and_notes_in_the_fact_view() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_at(120, 34);
    let store = crate::annotations::Store::open(&d.path().join("j.jsonl"), "tester");
    app.attach_store(store.map_err(|e| e.to_string()));
    app.focus = Pane::Claims;
    app.update(Action::VerdictFalse);
    app.update(Action::Note);
    for c in "chiffre contesté par Meta\nvoir le communiqué".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Submit);
    app.update(Action::Tag);
    for c in "à-vérifier".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Submit);
    insta::assert_snapshot!("fixture_verdict_in_reader_120x34", render(&app, 120, 34));
    app.update(Action::FactView);
    let s = render(&app, 120, 34);
    assert!(
        s.contains("✎ tester #à-vérifier: chiffre contesté par Meta"),
        "{s}"
    );
    assert!(s.contains("voir le communiqué"), "{s}");
    insta::assert_snapshot!("fixture_fact_view_annotated_120x34", s);
}

#[test]
fn analysis_in_progress_shows_a_bar_in_the_claims_panel_and_the_status_line() {
    let corpus = fixture::analysis().corpus;
    let mut app = App::pending(corpus, AppOptions::default());
    app.update(Action::Resize(120, 24));
    app.update(Action::Progress(crate::progress::Snapshot {
        phase: crate::progress::Phase::Extract,
        articles_total: 4,
        articles_done: 2,
        claims: 7,
    }));
    let screen = render(&app, 120, 24);
    assert!(screen.contains("analysing… 2/4 files"), "{screen}");
    assert!(screen.contains("7 claims found"), "{screen}");
    assert!(screen.contains("█░") && screen.contains(" 45%"), "{screen}");
    assert!(screen.contains("analysing 45% · article 1/"), "{screen}");
    assert!(!screen.contains("no claims"), "{screen}");
    // Every size still draws.
    for (w, h) in [(0, 0), (20, 6), (79, 24), (80, 24), (250, 40)] {
        app.update(Action::Resize(w, h));
        render(&app, w, h);
    }
}
