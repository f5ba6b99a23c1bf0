//! Every key binding, in one place: the keymap turns a key press into an [`Action`].
//!
//! The defaults are data (`assets/keymap.toml`, compiled in); [`key_list`] names what may be
//! bound; a user's config overrides single actions with [`Keymap::merge_toml`]. While a search
//! prompt is open, keys are text: printable chars are typed, `Enter` submits, `Esc` cancels,
//! `Backspace` deletes (those four are not rebindable, as in every line editor).

pub mod key_list;
mod spec;

pub use key_list::Section;
pub use spec::KeySpec;

use crate::app::{Action, App, Pane, Popup};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::fmt;
use toml::de::{DeTable, DeValue};

/// The default keymap file.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// One action's keys in one section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// Where it applies.
    pub section: Section,
    /// The bindable action.
    pub action: &'static key_list::Bindable,
    /// Its keys (empty: unbound).
    pub keys: Vec<KeySpec>,
}

impl PartialEq for key_list::Bindable {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}
impl Eq for key_list::Bindable {}

/// A keymap file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    /// 1-based line of the problem.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for KeymapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for KeymapError {}

/// The key bindings in force.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    /// All bindings, sections in [`Section::ALL`] order.
    pub bindings: Vec<Binding>,
}

impl Keymap {
    /// The default bindings (`assets/keymap.toml`).
    pub fn defaults() -> Keymap {
        // The file is part of the binary and covered by tests: it always parses.
        Keymap::from_toml(DEFAULT_KEYMAP).unwrap_or_default()
    }

    /// A keymap from a keymap file's text.
    pub fn from_toml(s: &str) -> Result<Keymap, KeymapError> {
        let mut k = Keymap::default();
        k.merge_toml(s)?;
        Ok(k)
    }

    /// Applies a user's overrides: each `action = [keys]` replaces that action's keys in its
    /// section, and the keys are taken from any other action of the section. The document may
    /// hold the sections at its top level or under a `[keys]` table (a whole config file).
    /// On error nothing is changed.
    pub fn merge_toml(&mut self, s: &str) -> Result<(), KeymapError> {
        let line_of = |at: usize| s[..at.min(s.len())].matches('\n').count() + 1;
        let doc = DeTable::parse(s).map_err(|e| KeymapError {
            line: e.span().map_or(1, |r| line_of(r.start)),
            message: e.message().trim().to_owned(),
        })?;
        let doc = doc.get_ref();
        let err = |at: usize, message: String| KeymapError {
            line: line_of(at),
            message,
        };
        let keys_table = doc.iter().find(|(k, _)| k.get_ref() == "keys");
        let top: Vec<(
            &toml::Spanned<std::borrow::Cow<str>>,
            &toml::Spanned<DeValue>,
        )> = match keys_table {
            Some((k, v)) => match v.get_ref() {
                DeValue::Table(t) => t.iter().collect(),
                _ => return Err(err(k.span().start, "“keys” must be a table".into())),
            },
            None => doc.iter().collect(),
        };
        let mut next = self.clone();
        for (name, value) in top {
            let Some(section) = Section::from_name(name.get_ref()) else {
                let known: Vec<_> = Section::ALL.iter().map(|s| s.name()).collect();
                return Err(err(
                    name.span().start,
                    format!(
                        "unknown section “{}” (known: {})",
                        name.get_ref(),
                        known.join(", ")
                    ),
                ));
            };
            let DeValue::Table(t) = value.get_ref() else {
                return Err(err(
                    name.span().start,
                    format!("“{}” must be a table", name.get_ref()),
                ));
            };
            for (action, keys) in t {
                let Some(b) = key_list::find(action.get_ref()) else {
                    return Err(err(
                        action.span().start,
                        format!("unknown action “{}”", action.get_ref()),
                    ));
                };
                let list: Vec<&toml::Spanned<DeValue>> = match keys.get_ref() {
                    DeValue::Array(a) => a.iter().collect(),
                    DeValue::String(_) => vec![keys],
                    _ => {
                        return Err(err(
                            keys.span().start,
                            format!("keys of “{}” must be a list of strings", b.name),
                        ));
                    }
                };
                let mut specs = Vec::new();
                for k in list {
                    let DeValue::String(text) = k.get_ref() else {
                        return Err(err(k.span().start, "a key must be a string".into()));
                    };
                    specs.push(KeySpec::parse(text).map_err(|m| err(k.span().start, m))?);
                }
                next.bind(section, b, specs);
            }
        }
        // Help lists actions in the order of the key list, whatever the file's order.
        let rank = |b: &Binding| {
            let i = key_list::BINDABLE
                .iter()
                .position(|x| x.name == b.action.name);
            (b.section, i)
        };
        next.bindings.sort_by_key(rank);
        *self = next;
        Ok(())
    }

    fn bind(&mut self, section: Section, action: &'static key_list::Bindable, keys: Vec<KeySpec>) {
        for b in self.bindings.iter_mut().filter(|b| b.section == section) {
            b.keys.retain(|k| !keys.contains(k));
        }
        match self
            .bindings
            .iter_mut()
            .find(|b| b.section == section && b.action == action)
        {
            Some(b) => b.keys = keys,
            None => {
                let at = self
                    .bindings
                    .iter()
                    .position(|b| b.section > section)
                    .unwrap_or(self.bindings.len());
                self.bindings.insert(
                    at,
                    Binding {
                        section,
                        action,
                        keys,
                    },
                );
            }
        }
    }

    /// The action bound to `key` in `section` alone.
    pub fn lookup(&self, section: Section, key: KeySpec) -> Option<Action> {
        self.bindings
            .iter()
            .find(|b| b.section == section && b.keys.contains(&key))
            .map(|b| (b.action.action)())
    }

    /// The keys of `action` in `section`, for hints ("? help").
    pub fn keys_of(&self, section: Section, name: &str) -> Vec<KeySpec> {
        self.bindings
            .iter()
            .find(|b| b.section == section && b.action.name == name)
            .map_or_else(Vec::new, |b| b.keys.clone())
    }

    /// The help overlay's lines: every bound action, by section, with its keys.
    pub fn help_lines(&self) -> Vec<crate::app::HelpLine> {
        self.bindings
            .iter()
            .filter(|b| !b.keys.is_empty())
            .map(|b| crate::app::HelpLine {
                section: b.section.title().to_owned(),
                keys: b
                    .keys
                    .iter()
                    .map(|k| k.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                help: b.action.help.to_owned(),
            })
            .collect()
    }

    /// The action bound to `key` in the app's current mode, if any.
    pub fn action(&self, app: &App, key: KeyEvent) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        if let Some(a) = crate::app::annotate::overlay_key(app, key) {
            return a;
        }
        let spec = KeySpec::from_event(key);
        if app.prompt.is_some() {
            let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
            return match key.code {
                KeyCode::Char('c') if ctrl => Some(Action::Quit),
                KeyCode::Char(c) if !ctrl => Some(Action::Input(c)),
                KeyCode::Enter => Some(Action::Submit),
                KeyCode::Esc => Some(Action::Cancel),
                KeyCode::Backspace => Some(Action::Backspace),
                _ => None,
            };
        }
        let specific = match &app.popup {
            Some(Popup::Facts { .. }) => vec![Section::Facts, Section::Popup],
            Some(_) => vec![Section::Popup],
            None => vec![match app.focus {
                Pane::List => Section::List,
                Pane::Reader => Section::Reader,
                Pane::Claims => Section::Claims,
            }],
        };
        specific
            .into_iter()
            .chain([Section::Global])
            .find_map(|s| self.lookup(s, spec))
    }
}

#[cfg(test)]
mod tests;
