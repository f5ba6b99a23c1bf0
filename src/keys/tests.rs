use super::*;

#[test]
fn defaults_parse_and_bind_every_required_key() {
    let k = Keymap::from_toml(DEFAULT_KEYMAP).expect("default keymap parses");
    let g = |s: &str| k.lookup(Section::Global, KeySpec::parse(s).unwrap());
    assert_eq!(g("q"), Some(Action::Quit));
    assert_eq!(g("ctrl-c"), Some(Action::Quit));
    assert_eq!(g("tab"), Some(Action::FocusNext));
    assert_eq!(g("backtab"), Some(Action::FocusPrev));
    assert_eq!(g("j"), Some(Action::Down));
    assert_eq!(g("down"), Some(Action::Down));
    assert_eq!(g("G"), Some(Action::Bottom));
    assert_eq!(g("ctrl-d"), Some(Action::HalfPageDown));
    assert_eq!(g("pagedown"), Some(Action::PageDown));
    assert_eq!(g("/"), Some(Action::Search));
    assert_eq!(g("N"), Some(Action::SearchPrev));
    assert_eq!(g("]"), Some(Action::NextFact));
    assert_eq!(g("F"), Some(Action::FactList));
    assert_eq!(
        k.lookup(Section::Facts, KeySpec::parse("c").unwrap()),
        Some(Action::FilterConflicts)
    );
    // Every bindable action has a default key somewhere.
    for b in key_list::BINDABLE {
        assert!(
            k.bindings
                .iter()
                .any(|x| x.action.name == b.name && !x.keys.is_empty()),
            "{} unbound",
            b.name
        );
    }
}

#[test]
fn no_default_needs_keys_terminals_cannot_send() {
    let k = Keymap::defaults();
    for b in &k.bindings {
        for key in &b.keys {
            let bad = (key.ctrl && matches!(key.code, KeyCode::Char('s' | 'q' | 'i')))
                || (key.code == KeyCode::Enter && (key.ctrl || key.alt));
            assert!(!bad, "{} bound to {key}", b.action.name);
        }
    }
}

#[test]
fn errors_name_the_line() {
    let e = Keymap::from_toml("[global]\nquit = [\"q\"]\nfly = [\"x\"]\n").unwrap_err();
    assert_eq!(e.line, 3);
    assert!(e.message.contains("fly"), "{e}");
    let e = Keymap::from_toml("[global]\n\nquit = [\"hyper-q\"]\n").unwrap_err();
    assert_eq!(e.line, 3);
    let e = Keymap::from_toml("[nowhere]\nquit = [\"q\"]\n").unwrap_err();
    assert_eq!(e.line, 1);
    let e = Keymap::from_toml("[global]\nquit = [\"q\"\n").unwrap_err();
    assert!(e.line >= 2, "{e}");
    let e = Keymap::from_toml("[global]\nquit = 3\n").unwrap_err();
    assert_eq!(e.line, 2);
}

#[test]
fn merge_overrides_one_action_and_steals_its_keys() {
    let mut k = Keymap::defaults();
    k.merge_toml("[keys.global]\nquit = [\"x\"]\ndown = \"q\"\n")
        .unwrap();
    let g = |k: &Keymap, s: &str| k.lookup(Section::Global, KeySpec::parse(s).unwrap());
    assert_eq!(g(&k, "x"), Some(Action::Quit));
    assert_eq!(g(&k, "q"), Some(Action::Down));
    assert_eq!(g(&k, "j"), None);
    assert_eq!(g(&k, "k"), Some(Action::Up));
    // A bad override changes nothing.
    let before = k.bindings.clone();
    assert!(
        k.merge_toml("[global]\nup = [\"u\"]\nbogus = [\"b\"]")
            .is_err()
    );
    assert_eq!(k.bindings, before);
}

#[test]
fn prompt_keys_are_text() {
    use crate::app::{App, AppOptions, Prompt};
    let mut app = App::new(Default::default(), AppOptions::default());
    app.prompt = Some(Prompt {
        pane: Pane::List,
        query: String::new(),
    });
    let k = Keymap::defaults();
    let ev = |c| KeyEvent::new(c, KeyModifiers::NONE);
    assert_eq!(
        k.action(&app, ev(KeyCode::Char('q'))),
        Some(Action::Input('q'))
    );
    assert_eq!(k.action(&app, ev(KeyCode::Enter)), Some(Action::Submit));
    assert_eq!(k.action(&app, ev(KeyCode::Esc)), Some(Action::Cancel));
    app.prompt = None;
    assert_eq!(k.action(&app, ev(KeyCode::Char('q'))), Some(Action::Quit));
    let mut release = ev(KeyCode::Char('q'));
    release.kind = KeyEventKind::Release;
    assert_eq!(k.action(&app, release), None);
}
