//! The user's config file, `$XDG_CONFIG_HOME/recoupe/config.toml` (usually
//! `~/.config/recoupe/config.toml`), with two sections: `[keys]` (bindings, read by
//! [`crate::keys::Keymap`]) and `[theme.ELEMENT]` (styles, as in `assets/theme.toml`).
//!
//! A bad file never stops the reader: each problem becomes a message naming the line, shown in
//! a popup at start, and the defaults apply to whatever could not be read.

use crate::ui::theme::{StyleSpec, ThemeError, ThemeSpec};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// What the config file asks for.
#[derive(Debug, Default)]
pub struct Config {
    /// The file read, if there was one.
    pub path: Option<PathBuf>,
    /// Theme overrides.
    pub theme: ThemeSpec,
    /// Where each theme override starts in the file (for error messages).
    theme_spans: BTreeMap<String, Range<usize>>,
    /// The file has a `[keys]` section (for [`Config::apply_keys`]).
    pub has_keys: bool,
    /// The file's text.
    text: String,
    /// Problems found, each naming the file and line.
    pub errors: Vec<String>,
}

/// The file as parsed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    keys: Option<toml::Table>,
    theme: Option<BTreeMap<String, toml::Spanned<StyleSpec>>>,
}

/// The config file's path: `$XDG_CONFIG_HOME/recoupe/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().ok()?;
    Some(base.config_dir().join("recoupe").join("config.toml"))
}

impl Config {
    /// Reads the config file at the default path; a missing file is no error.
    pub fn load() -> Config {
        match default_path() {
            Some(path) if path.exists() => Config::load_from(&path),
            _ => Config::default(),
        }
    }

    /// Reads the config file at `path`.
    pub fn load_from(path: &Path) -> Config {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(text, path),
            Err(e) => Config {
                path: Some(path.to_path_buf()),
                errors: vec![format!("{}: cannot read: {e}", path.display())],
                ..Config::default()
            },
        }
    }

    /// Parses config text read from `path`.
    pub fn parse(text: String, path: &Path) -> Config {
        let mut config = Config {
            path: Some(path.to_path_buf()),
            ..Config::default()
        };
        match toml::from_str::<ConfigFile>(&text) {
            Ok(file) => {
                config.has_keys = file.keys.is_some();
                for (name, spec) in file.theme.unwrap_or_default() {
                    config.theme_spans.insert(name.clone(), spec.span());
                    config.theme.insert(name, spec.into_inner());
                }
            }
            Err(e) => {
                let line = e.span().map(|s| line_of(&text, s.start));
                config.errors.push(config.message(line, e.message()));
            }
        }
        config.text = text;
        config
    }

    /// Records problems found while applying the theme overrides.
    pub fn add_theme_errors(&mut self, errors: &[ThemeError]) {
        for e in errors {
            let line = self
                .theme_spans
                .get(&e.element)
                .map(|s| line_of(&self.text, s.start));
            let message = self.message(line, &e.to_string());
            self.errors.push(message);
        }
    }

    /// Applies the `[keys]` section to `keymap`; on error the keymap is left as it was and the
    /// problem is recorded.
    pub fn apply_keys(&mut self, keymap: &mut crate::keys::Keymap) {
        if !self.has_keys {
            return;
        }
        if let Err(e) = keymap.merge_toml(&self.text) {
            let message = self.message(Some(e.line), &e.message);
            self.errors.push(message);
        }
    }

    /// `path:line: message`.
    fn message(&self, line: Option<usize>, message: &str) -> String {
        let path = self
            .path
            .as_ref()
            .map_or_else(|| "config".to_string(), |p| p.display().to_string());
        let message = message.trim();
        match line {
            Some(line) => format!("{path}, line {line}: {message}"),
            None => format!("{path}: {message}"),
        }
    }
}

/// The 1-based line of byte offset `at`.
fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Config {
        Config::parse(text.to_string(), Path::new("/c/config.toml"))
    }

    #[test]
    fn theme_and_keys_are_read() {
        let mut c = parse("[keys.global]\nquit = [\"x\"]\n\n[theme.selection]\nfg = \"red\"\n");
        assert!(c.errors.is_empty(), "{:?}", c.errors);
        assert_eq!(c.theme["selection"].fg.as_deref(), Some("red"));
        assert!(c.has_keys);
        let mut keymap = crate::keys::Keymap::defaults();
        c.apply_keys(&mut keymap);
        assert!(c.errors.is_empty(), "{:?}", c.errors);
        assert_ne!(
            format!("{keymap:?}"),
            format!("{:?}", crate::keys::Keymap::defaults())
        );
    }

    #[test]
    fn a_bad_key_section_names_its_line_and_keeps_the_defaults() {
        let mut c =
            parse("[theme.border]\nfg = \"red\"\n\n[keys.global]\nquit = [\"no-such-key\"]\n");
        let mut keymap = crate::keys::Keymap::defaults();
        c.apply_keys(&mut keymap);
        assert_eq!(c.errors.len(), 1, "{:?}", c.errors);
        assert!(c.errors[0].contains("line 5"), "{}", c.errors[0]);
        assert_eq!(
            format!("{keymap:?}"),
            format!("{:?}", crate::keys::Keymap::defaults())
        );
    }

    #[test]
    fn a_syntax_error_names_its_line_and_nothing_applies() {
        let c = parse("[theme.selection]\nfg = \"red\"\nmodifiers = [bold]\n");
        assert_eq!(c.errors.len(), 1);
        assert!(
            c.errors[0].starts_with("/c/config.toml, line 3:"),
            "{}",
            c.errors[0]
        );
        assert!(c.theme.is_empty());
    }

    #[test]
    fn an_unknown_key_names_its_line() {
        let c = parse("\n[theme.border]\ncolour = \"red\"\n");
        assert_eq!(c.errors.len(), 1);
        assert!(c.errors[0].contains("line 3"), "{}", c.errors[0]);
    }

    #[test]
    fn theme_errors_name_the_element_line() {
        let mut c = parse("[theme.border]\nfg = \"red\"\n\n[theme.nope]\nfg = \"red\"\n");
        assert!(c.errors.is_empty());
        let (_, errors) =
            crate::ui::Theme::build(crate::ui::theme::ColorDepth::Ansi16, false, &c.theme);
        c.add_theme_errors(&errors);
        assert_eq!(c.errors.len(), 1);
        assert!(c.errors[0].contains("line 4"), "{}", c.errors[0]);
        assert!(c.errors[0].contains("nope"));
    }
}
