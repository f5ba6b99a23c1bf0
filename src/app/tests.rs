use super::*;
use crate::corpus::{Article, Corpus};
use std::path::PathBuf;

fn app_at(w: u16, h: u16) -> App {
    let mut app = App::new(fixture::analysis(), AppOptions::default());
    app.update(Action::Resize(w, h));
    app
}

fn search(app: &mut App, q: &str) {
    app.update(Action::Search);
    for c in q.chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Submit);
}

#[test]
fn list_search_is_accent_and_case_insensitive() {
    let mut app = app_at(120, 40);
    search(&mut app, "societe");
    assert_eq!(app.list.sel, 2);
    let s = app.search.as_ref().unwrap();
    assert_eq!(s.hits, Hits::Articles(vec![2]));
    assert!(app.message.as_deref().unwrap().contains("1/1"));
    search(&mut app, "netflix");
    assert_eq!(app.search.as_ref().unwrap().hits.len(), 3);
    app.update(Action::SearchNext);
    let after = app.list.sel;
    app.update(Action::SearchPrev);
    assert_ne!(after, app.list.sel);
    app.update(Action::Cancel);
    assert!(app.search.is_none());
}

#[test]
fn reader_search_jumps_and_wraps_around() {
    let mut app = app_at(120, 40);
    app.update(Action::Down);
    app.update(Action::Open);
    assert_eq!(app.open, Some(1));
    assert_eq!(app.focus, Pane::Reader);
    search(&mut app, "TITAN api");
    let Some(Search {
        hits: Hits::Text { spans, .. },
        current,
        ..
    }) = app.search.clone()
    else {
        panic!("no text hits");
    };
    assert_eq!(spans.len(), 1);
    assert_eq!(current, 0);
    let text = &app.analysis.corpus.articles[1].text;
    assert_eq!(crate::text::slice_chars(text, spans[0]), "Titan API");
    // The claim holding the match is selected.
    assert_eq!(app.selection().unwrap().claim, 4);
    app.update(Action::SearchNext);
    assert_eq!(app.search.as_ref().unwrap().current, 0);
    search(&mut app, "société");
    assert_eq!(app.search.as_ref().unwrap().hits.len(), 1);
    search(&mut app, "zzz");
    assert!(app.message.as_deref().unwrap().contains("no match"));
}

#[test]
fn typing_a_query_and_cancelling_it() {
    let mut app = app_at(120, 40);
    app.update(Action::Search);
    app.update(Action::Input('x'));
    assert_eq!(app.prompt.as_ref().unwrap().query, "x");
    app.update(Action::Backspace);
    app.update(Action::Backspace);
    assert!(app.prompt.is_none());
    app.update(Action::Search);
    app.update(Action::Input('y'));
    app.update(Action::Cancel);
    assert!(app.prompt.is_none() && app.search.is_none());
}

#[test]
fn claims_search_selects_the_claim_and_reveals_it() {
    let mut app = app_at(120, 40);
    app.update(Action::FocusNext);
    app.update(Action::FocusNext);
    assert_eq!(app.focus, Pane::Claims);
    search(&mut app, "plaintiffs");
    assert_eq!(app.selection().unwrap().claim, 2);
}

#[test]
fn fact_jumps_cycle_through_the_articles() {
    let mut app = app_at(120, 40);
    app.focus = Pane::Claims;
    assert_eq!(app.selection().unwrap().claim, 0);
    // Strongest link first: claim 5 (0.9), then claim 4 (0.7), then back home.
    app.update(Action::NextFact);
    assert_eq!(app.open, Some(2));
    assert_eq!(app.list.sel, 2);
    assert_eq!(app.selection().unwrap().claim, 5);
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with("fact 2/3 · Netflix"),
        "{:?}",
        app.message
    );
    app.update(Action::NextFact);
    assert_eq!(app.selection().unwrap().claim, 4);
    assert!(app.message.as_deref().unwrap().starts_with("fact 3/3"));
    app.update(Action::NextFact);
    assert_eq!(app.selection().unwrap().claim, 0);
    app.update(Action::PrevFact);
    assert_eq!(app.selection().unwrap().claim, 4);
    // A tour from elsewhere ranks from there.
    assert_eq!(app.fact_tour(0, 5), vec![5, 0, 4]);
    assert_eq!(app.fact_tour(0, 4), vec![4, 0, 5]);
    // A claim in no fact says so.
    app.jump_to_claim(2);
    app.update(Action::NextFact);
    assert!(app.message.as_deref().unwrap().contains("no other article"));
    // A fact stated by one article only: nowhere to go.
    app.jump_to_claim(3);
    app.update(Action::NextFact);
    assert_eq!(app.open, Some(1));
}

#[test]
fn fact_view_and_fact_list_jump() {
    let mut app = app_at(120, 40);
    app.update(Action::FactView);
    assert!(matches!(app.popup, Some(Popup::Fact { fact: 0, .. })));
    app.update(Action::Down);
    app.update(Action::Open);
    assert!(app.popup.is_none());
    assert_eq!(app.selection().unwrap().claim, 4);
    app.update(Action::FactList);
    app.update(Action::FilterShared);
    assert_eq!(
        app.listed_facts(FactFilter {
            conflicts: false,
            shared: true
        }),
        vec![0]
    );
    app.update(Action::Bottom);
    app.update(Action::Open);
    assert_eq!(app.selection().unwrap().claim, 0);
    app.update(Action::FactList);
    app.update(Action::Down);
    app.update(Action::Open);
    assert_eq!(app.selection().unwrap().claim, 3);
    app.update(Action::FactList);
    app.update(Action::FilterConflicts);
    assert_eq!(
        app.listed_facts(FactFilter {
            conflicts: true,
            shared: false
        })
        .len(),
        1
    );
    app.update(Action::Cancel);
    assert!(app.popup.is_none());
}

#[test]
fn copy_cites_title_path_and_quote() {
    let mut app = app_at(120, 40);
    app.update(Action::Copy);
    let fx = app.take_effects();
    let [Effect::Copy(text)] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert!(text.contains("Titan API in August 2013"));
    assert!(text.contains("Netflix read private messages"));
    assert!(text.contains("fixture/a0.txt"));
    assert!(app.take_effects().is_empty());
}

fn long_article() -> Analysis {
    let para = "Les documents judiciaires, rendus publics le 23 mars, révèlent une relation apparemment privilégiée entre le géant du streaming et la plateforme.";
    let text = format!("Titre\n\n{}", vec![para; 200].join("\n\n"));
    let a = Article::from_text("long".into(), PathBuf::from("long.txt"), text, "0".into());
    Analysis {
        corpus: Corpus {
            articles: vec![a],
            notices: vec![],
            root: None,
        },
        sentences: vec![vec![]],
        claims: vec![],
        claims_by_article: vec![std::ops::Range { start: 0, end: 0 }],
        facts: Default::default(),
    }
}

#[test]
fn resize_keeps_the_reading_position() {
    let mut app = App::new(long_article(), AppOptions::default());
    app.update(Action::Resize(120, 40));
    app.focus = Pane::Reader;
    for _ in 0..37 {
        app.update(Action::Down);
    }
    let w = app.wrapped().unwrap();
    let before = app.pos_now();
    assert_eq!(before.row, 37);
    let anchor = w.rows[before.row].start;
    for (cols, rows) in [(80, 24), (200, 50), (45, 12), (120, 40)] {
        app.update(Action::Resize(cols, rows));
        let w = app.wrapped().unwrap();
        let pos = app.pos_now();
        let r = w.rows[pos.row];
        assert!(
            r.start <= anchor && (anchor < r.end || r.blank || anchor <= r.end),
            "{cols}x{rows}: {r:?} vs {anchor}"
        );
    }
    // Back at the first width the row is the same.
    assert_eq!(app.pos_now().row, 37);
    app.update(Action::Bottom);
    let last = app.pos_now().row;
    app.update(Action::PageDown);
    assert_eq!(app.pos_now().row, last);
    app.update(Action::Top);
    assert_eq!(app.pos_now().row, 0);
    app.update(Action::HalfPageDown);
    assert_eq!(
        app.pos_now().row,
        usize::from(app.reader_text_rect().unwrap().height / 2)
    );
}

#[test]
fn scrolling_the_reader_selects_the_claim_in_view() {
    let mut app = app_at(120, 12);
    app.focus = Pane::Reader;
    assert_eq!(app.claims.sel, 0);
    for _ in 0..20 {
        app.update(Action::Down);
    }
    let sel = app.selection().unwrap().claim;
    assert!(sel > 0, "selection should follow the scroll");
    // Selecting a claim in the panel scrolls the reader to it.
    app.focus = Pane::Claims;
    app.update(Action::Top);
    assert_eq!(app.pos_now().row, 0);
}

#[test]
fn focus_cycles_through_visible_panes_only() {
    let mut app = app_at(100, 30);
    assert_eq!(app.focus, Pane::List);
    app.update(Action::FocusNext);
    assert_eq!(app.focus, Pane::Reader);
    app.update(Action::FocusNext);
    assert_eq!(app.focus, Pane::List);
    app.update(Action::ToggleClaims);
    assert!(app.layout().claims.is_some() && app.layout().list.is_none());
    assert_eq!(app.focus, Pane::Claims);
    app.update(Action::FocusPrev);
    assert_eq!(app.focus, Pane::Reader);
    app.update(Action::ToggleClaims);
    assert!(app.layout().list.is_some());
    // Narrow: one pane at a time, Tab reaches all three.
    app.update(Action::Resize(60, 20));
    let mut seen = vec![];
    for _ in 0..3 {
        app.update(Action::FocusNext);
        seen.push(app.focus);
        let l = app.layout();
        assert_eq!(
            Pane::ALL.iter().filter(|p| l.rect(**p).is_some()).count(),
            1
        );
    }
    seen.sort_by_key(|p| *p as u8);
    assert_eq!(seen, Pane::ALL.to_vec());
    // Wide: `c` says the panel is always there.
    app.update(Action::Resize(150, 40));
    app.update(Action::ToggleClaims);
    assert!(app.message.is_some());
}

#[test]
fn every_action_survives_a_zero_size_terminal() {
    let mut app = app_at(0, 0);
    let all: Vec<Action> = crate::keys::key_list::BINDABLE
        .iter()
        .map(|b| (b.action)())
        .filter(|a| *a != Action::Quit)
        .collect();
    for size in [(0, 0), (1, 1), (19, 5), (20, 6)] {
        app.update(Action::Resize(size.0, size.1));
        for a in &all {
            app.update(a.clone());
            app.update(Action::Down);
            app.update(Action::Cancel);
        }
    }
    app.update(Action::Quit);
    assert!(app.quit);
}

#[test]
fn empty_corpus_is_harmless() {
    let mut app = App::new(Analysis::default(), AppOptions::default());
    app.update(Action::Resize(120, 40));
    for b in crate::keys::key_list::BINDABLE {
        app.update((b.action)());
    }
    assert!(app.selection().is_none());
}

#[test]
fn config_errors_open_the_log() {
    let opts = AppOptions {
        config_errors: vec!["line 3: unknown action “fly”".into()],
        ..Default::default()
    };
    let app = App::new(fixture::analysis(), opts);
    assert_eq!(app.popup, Some(Popup::Log { scroll: 0 }));
    assert_eq!(app.notice_count(), 2);
}

#[test]
fn mouse_clicks_select_and_wheel_scrolls() {
    let mut app = app_at(120, 30);
    let l = app.layout();
    let list = l.list.unwrap();
    // Second article: rows 3–4 of the list (border, then two rows per article).
    app.update(Action::Click(list.x + 3, list.y + 3));
    assert_eq!((app.list.sel, app.open), (1, Some(1)));
    let claims = l.claims.unwrap();
    app.update(Action::Click(claims.x + 3, claims.y + 3));
    assert_eq!(app.focus, Pane::Claims);
    assert_eq!(app.selection().unwrap().claim, 4);
    let reader = l.reader.unwrap();
    app.update(Action::Wheel(reader.x + 3, reader.y + 3, 1));
    assert_eq!(app.focus, Pane::Claims);
    assert!(!app.update(Action::Click(500, 500)));
}
