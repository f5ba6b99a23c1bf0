//! Tests of annotating from the reader.

use super::*;
use crate::app::{AppOptions, Pane, fixture};

fn app_with(journal: &std::path::Path) -> App {
    let mut app = App::new(fixture::analysis(), AppOptions::default());
    app.update(Action::Resize(120, 40));
    app.attach_store(Store::open(journal, "tester").map_err(|e| e.to_string()));
    app.focus = Pane::Claims;
    app
}

fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        app.update(Action::Input(c));
    }
}

#[test]
fn verdict_keys_save_and_survive_a_reopen() {
    let d = tempfile::tempdir().unwrap();
    let j = d.path().join("j.jsonl");
    let mut app = app_with(&j);
    let ci = app.selection().unwrap().claim;
    app.update(Action::VerdictFalse);
    assert_eq!(app.verdict_of(ci), Verdict::False);
    assert!(app.message.as_deref().unwrap().contains("saved"));
    app.update(Action::VerdictMisleading);
    app.update(Action::Undo);
    assert_eq!(app.verdict_of(ci), Verdict::False);
    app.update(Action::Redo);
    assert_eq!(app.verdict_of(ci), Verdict::Misleading);
    let again = app_with(&j);
    assert_eq!(again.verdict_of(ci), Verdict::Misleading);
    // Verdicts do not change the analysis: no copy of it is kept aside.
    assert!(app.annotations.base.is_none() && again.annotations.base.is_none());
}

#[test]
fn note_editor_takes_lines_and_saves_with_submit() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_with(&d.path().join("j.jsonl"));
    let ci = app.selection().unwrap().claim;
    app.update(Action::Note);
    type_text(&mut app, "ligne 1\nligne 2x");
    app.update(Action::Backspace);
    app.update(Action::Submit);
    assert!(app.annotations.overlay.is_none());
    assert_eq!(app.annotations_on(ci)[0].note, "ligne 1\nligne 2");
    // Reopening the editor starts from the saved note; Esc leaves it unchanged.
    app.update(Action::Note);
    type_text(&mut app, " ajout");
    app.update(Action::Cancel);
    assert_eq!(app.annotations_on(ci)[0].note, "ligne 1\nligne 2");
}

#[test]
fn tags_complete_from_those_in_use() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_with(&d.path().join("j.jsonl"));
    app.update(Action::Tag);
    type_text(&mut app, "chiffre-clé");
    app.update(Action::Submit);
    app.update(Action::Down);
    let ci = app.selection().unwrap().claim;
    app.update(Action::Tag);
    type_text(&mut app, "chi\t");
    app.update(Action::Submit);
    assert_eq!(
        app.annotations_on(ci)[0].tags,
        vec!["chiffre-clé".to_owned()]
    );
}

#[test]
fn save_error_keeps_the_note_open_to_retry() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("file"), b"x").unwrap();
    let mut app = app_with(&d.path().join("file/j.jsonl"));
    app.update(Action::Note);
    type_text(&mut app, "important");
    app.update(Action::Submit);
    match &app.annotations.overlay {
        Some(Overlay::Note { text, error, .. }) => {
            assert_eq!(text, "important");
            assert!(error.as_deref().unwrap().starts_with("not saved"));
        }
        other => panic!("editor closed: {other:?}"),
    }
    assert!(app.message.as_deref().unwrap().starts_with("not saved"));
}

#[test]
fn link_on_two_claims_makes_them_one_fact() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_with(&d.path().join("j.jsonl"));
    let first = app.selection().unwrap().claim;
    app.update(Action::Link);
    app.open_article(1);
    let second = app.selection().unwrap().claim;
    let base = fixture::analysis().facts;
    let was = base.by_claim[first]
        .iter()
        .any(|f| base.by_claim[second].contains(f));
    assert!(!was, "pick two claims the aligner did not put together");
    assert!(app.annotations.base.is_none());
    app.update(Action::Link);
    assert!(app.annotations.base.is_some());
    let facts = &app.analysis.facts;
    let shared = facts.by_claim[first]
        .iter()
        .any(|f| facts.by_claim[second].contains(f));
    assert!(shared, "{:?}", app.message);
    app.update(Action::Undo);
    let facts = &app.analysis.facts;
    let before = fixture::analysis().facts;
    assert_eq!(facts.by_claim[first], before.by_claim[first]);
}

#[test]
fn reader_selection_becomes_a_user_claim_kept_on_reopen() {
    let d = tempfile::tempdir().unwrap();
    let j = d.path().join("j.jsonl");
    let mut app = app_with(&j);
    app.focus = Pane::Reader;
    let before = app.analysis.article_claims(0).len();
    app.update(Action::SelectText);
    app.update(Action::Down);
    let span = app.text_selection().unwrap();
    app.update(Action::Open);
    assert_eq!(app.message.as_deref(), Some("marked as a claim"));
    assert!(app.annotations.selecting.is_none());
    assert_eq!(app.analysis.article_claims(0).len(), before + 1);
    let sel = app.selection().unwrap().claim;
    let c = &app.analysis.claims[sel];
    assert_eq!(c.origin, crate::claims::Origin::User);
    assert_eq!(c.span, span);
    assert_eq!(
        c.text,
        crate::text::slice_chars(&app.analysis.corpus.articles[0].text, span)
    );
    let again = app_with(&j);
    assert_eq!(again.analysis.article_claims(0).len(), before + 1);
}

#[test]
fn esc_cancels_link_mode() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_with(&d.path().join("j.jsonl"));
    app.update(Action::Link);
    assert!(app.annotations.link_from.is_some());
    app.update(Action::Cancel);
    assert!(app.annotations.link_from.is_none());
    assert_eq!(app.message.as_deref(), Some("link cancelled"));
    // The next `l` starts a new link instead of completing the cancelled one.
    app.update(Action::Link);
    assert!(app.message.as_deref().unwrap().starts_with("link: select"));
    assert!(app.annotations.store.as_ref().unwrap().state().is_empty());
}
