//! Styles of every drawn element, with a colour theme and a colour-free one, and the glyphs
//! used for borders and marks (Unicode or ASCII).
//!
//! The default theme is data (`assets/theme.toml`); the user's config may override any element.
//! Colours are reduced to the terminal's depth (24-bit → 256 → 16, or none), foreground only:
//! the reader never paints a background, so it keeps the terminal's own. Under `NO_COLOR` or on
//! a monochrome terminal the theme keeps only modifiers, which is why every element of the
//! default theme is distinguishable by its modifiers alone.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The default theme, as shipped.
pub const DEFAULT_THEME: &str = include_str!("../../assets/theme.toml");

/// How many colours the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorDepth {
    /// 24-bit colour (`COLORTERM=truecolor`).
    TrueColor,
    /// The xterm 256-colour palette.
    Ansi256,
    /// The 16 ANSI colours.
    Ansi16,
    /// No colour at all: `NO_COLOR`, or a monochrome terminal.
    Mono,
}

impl ColorDepth {
    /// The depth for this environment: `NO_COLOR` (non-empty, as no-color.org says) wins, then
    /// `COLORTERM`, then `TERM`.
    pub fn detect(no_color: Option<&str>, colorterm: Option<&str>, term: Option<&str>) -> Self {
        if no_color.is_some_and(|v| !v.is_empty()) {
            return ColorDepth::Mono;
        }
        if matches!(colorterm, Some("truecolor" | "24bit")) {
            return ColorDepth::TrueColor;
        }
        let term = term.unwrap_or("");
        if term.ends_with("-direct") {
            ColorDepth::TrueColor
        } else if term.contains("256color") {
            ColorDepth::Ansi256
        } else if term.starts_with("vt1") || term.starts_with("vt2") || term == "dumb" {
            ColorDepth::Mono
        } else {
            ColorDepth::Ansi16
        }
    }

    /// The depth of the current process environment.
    pub fn from_env() -> Self {
        let var = |k| std::env::var(k).ok();
        Self::detect(
            var("NO_COLOR").as_deref(),
            var("COLORTERM").as_deref(),
            var("TERM").as_deref(),
        )
    }
}

/// Whether this `TERM` needs ASCII glyphs (its fonts or charsets lack box drawing).
pub fn term_wants_ascii(term: Option<&str>) -> bool {
    matches!(term, Some(t) if t == "linux" || t.starts_with("vt1") || t.starts_with("vt2"))
}

/// Glyphs for borders and marks, Unicode or ASCII.
#[derive(Debug, Clone, Copy)]
pub struct Glyphs {
    /// Pane borders.
    pub border: border::Set<'static>,
    /// Marks the selected row.
    pub pointer: &'static str,
    /// Marks a claim linked to other articles.
    pub link: &'static str,
    /// Marks a conflict between articles.
    pub conflict: &'static str,
    /// Cut text.
    pub ellipsis: &'static str,
    /// Separator in the status line.
    pub separator: &'static str,
}

/// ASCII pane borders (unfocused panes; also the theme's ASCII glyph set).
pub(crate) const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Glyphs {
    /// Box drawing and a few symbols.
    pub const UNICODE: Glyphs = Glyphs {
        border: border::PLAIN,
        pointer: "▸",
        link: "↔",
        conflict: "≠",
        ellipsis: "…",
        separator: "│",
    };
    /// Plain ASCII, for `--ascii`, `TERM=linux` and `TERM=vt100`.
    pub const ASCII: Glyphs = Glyphs {
        border: ASCII_BORDER,
        pointer: ">",
        link: "<>",
        conflict: "!=",
        ellipsis: "...",
        separator: "|",
    };
}

/// Named styles for everything the reader draws.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Border of an unfocused pane.
    pub border: Style,
    /// Border of the focused pane.
    pub border_focused: Style,
    /// Selected row in a list.
    pub selection: Style,
    /// A search match.
    pub search_match: Style,
    /// The selected claim's span in the reader.
    pub claim: Style,
    /// Other claims' spans in the reader.
    pub claim_other: Style,
    /// Site furniture in the reader.
    pub furniture: Style,
    /// Secondary text (dates, sources, counts).
    pub dim: Style,
    /// A conflict mark.
    pub conflict: Style,
    /// Claim badges (modality, verdict, link count).
    pub badge: Style,
    /// Article titles and pane titles.
    pub title: Style,
    /// The status line.
    pub status: Style,
    /// Error messages.
    pub error: Style,
    /// Border and mark glyphs.
    pub glyphs: Glyphs,
    /// True when no colour may be drawn at all (the loop strips any colour a widget sets).
    pub colorless: bool,
    /// The colour depth the theme was built for.
    pub depth: ColorDepth,
}

/// One element as written in `theme.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleSpec {
    /// Foreground colour.
    pub fg: Option<String>,
    /// Modifiers; replaces the default list when given.
    pub modifiers: Option<Vec<String>>,
}

/// A theme file: element name → style.
pub type ThemeSpec = BTreeMap<String, StyleSpec>;

/// Why a theme element could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeError {
    /// The element (`selection`, `border`…).
    pub element: String,
    /// What was wrong.
    pub message: String,
}

impl std::fmt::Display for ThemeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[theme.{}]: {}", self.element, self.message)
    }
}

impl Theme {
    /// A theme made only of modifiers (bold, reverse, underline, dim): for `NO_COLOR`.
    pub fn no_color() -> Theme {
        Theme::build(ColorDepth::Mono, false, &ThemeSpec::new()).0
    }

    /// The default theme at `depth`, with `overrides` applied (bad overrides are skipped and
    /// returned), with ASCII glyphs when `ascii`.
    pub fn build(
        depth: ColorDepth,
        ascii: bool,
        overrides: &ThemeSpec,
    ) -> (Theme, Vec<ThemeError>) {
        let defaults: ThemeSpec =
            toml::from_str(DEFAULT_THEME).expect("assets/theme.toml is a valid theme");
        let mut theme = Theme {
            border: Style::new(),
            border_focused: Style::new(),
            selection: Style::new(),
            search_match: Style::new(),
            claim: Style::new(),
            claim_other: Style::new(),
            furniture: Style::new(),
            dim: Style::new(),
            conflict: Style::new(),
            badge: Style::new(),
            title: Style::new(),
            status: Style::new(),
            error: Style::new(),
            glyphs: if ascii {
                Glyphs::ASCII
            } else {
                Glyphs::UNICODE
            },
            colorless: depth == ColorDepth::Mono,
            depth,
        };
        for (name, spec) in &defaults {
            let style = resolve(spec, depth).expect("assets/theme.toml styles are valid");
            *theme
                .slot(name)
                .expect("assets/theme.toml names known elements") = style;
        }
        let mut errors = Vec::new();
        for (name, spec) in overrides {
            let base = defaults.get(name).cloned().unwrap_or_default();
            let merged = StyleSpec {
                fg: spec.fg.clone().or(base.fg),
                modifiers: spec.modifiers.clone().or(base.modifiers),
            };
            let error = |message: String| ThemeError {
                element: name.clone(),
                message,
            };
            match (theme.slot(name), resolve(&merged, depth)) {
                (None, _) => errors.push(error(format!(
                    "unknown element (known: {})",
                    defaults.keys().cloned().collect::<Vec<_>>().join(", ")
                ))),
                (Some(_), Err(message)) => errors.push(error(message)),
                (Some(slot), Ok(style)) => *slot = style,
            }
        }
        (theme, errors)
    }

    /// The style slot for an element name.
    fn slot(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "border" => &mut self.border,
            "border_focused" => &mut self.border_focused,
            "selection" => &mut self.selection,
            "search_match" => &mut self.search_match,
            "claim" => &mut self.claim,
            "claim_other" => &mut self.claim_other,
            "furniture" => &mut self.furniture,
            "dim" => &mut self.dim,
            "conflict" => &mut self.conflict,
            "badge" => &mut self.badge,
            "title" => &mut self.title,
            "status" => &mut self.status,
            "error" => &mut self.error,
            _ => return None,
        })
    }
}

/// A style spec as a ratatui style at `depth`.
fn resolve(spec: &StyleSpec, depth: ColorDepth) -> Result<Style, String> {
    let mut style = Style::new();
    for m in spec.modifiers.iter().flatten() {
        style = style.add_modifier(parse_modifier(m)?);
    }
    if let Some(fg) = &spec.fg {
        let color = parse_color(fg)?;
        if let Some(c) = reduce(color, depth) {
            style = style.fg(c);
        }
    }
    Ok(style)
}

/// A modifier name.
fn parse_modifier(name: &str) -> Result<Modifier, String> {
    Ok(match name {
        "bold" => Modifier::BOLD,
        "dim" => Modifier::DIM,
        "italic" => Modifier::ITALIC,
        "underlined" | "underline" => Modifier::UNDERLINED,
        "reversed" | "reverse" => Modifier::REVERSED,
        "crossed-out" => Modifier::CROSSED_OUT,
        _ => {
            return Err(format!(
                "unknown modifier {name:?} (bold, dim, italic, underlined, reversed, crossed-out)"
            ));
        }
    })
}

/// The 16 named colours with the RGB values used to approximate other colours.
const NAMED: [(&str, Color, (u8, u8, u8)); 16] = [
    ("black", Color::Black, (0, 0, 0)),
    ("red", Color::Red, (205, 0, 0)),
    ("green", Color::Green, (0, 205, 0)),
    ("yellow", Color::Yellow, (205, 205, 0)),
    ("blue", Color::Blue, (0, 0, 238)),
    ("magenta", Color::Magenta, (205, 0, 205)),
    ("cyan", Color::Cyan, (0, 205, 205)),
    ("gray", Color::Gray, (229, 229, 229)),
    ("dark-gray", Color::DarkGray, (127, 127, 127)),
    ("light-red", Color::LightRed, (255, 0, 0)),
    ("light-green", Color::LightGreen, (0, 255, 0)),
    ("light-yellow", Color::LightYellow, (255, 255, 0)),
    ("light-blue", Color::LightBlue, (92, 92, 255)),
    ("light-magenta", Color::LightMagenta, (255, 0, 255)),
    ("light-cyan", Color::LightCyan, (0, 255, 255)),
    ("white", Color::White, (255, 255, 255)),
];

/// A colour as written in a theme: a name, `#rrggbb` or a palette index.
pub fn parse_color(text: &str) -> Result<Color, String> {
    if let Some((_, c, _)) = NAMED.iter().find(|(n, _, _)| *n == text) {
        return Ok(*c);
    }
    if let Some(hex) = text.strip_prefix('#')
        && hex.len() == 6
        && let Ok(v) = u32::from_str_radix(hex, 16)
    {
        return Ok(Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8));
    }
    if let Ok(i) = text.parse::<u8>() {
        return Ok(Color::Indexed(i));
    }
    Err(format!(
        "bad colour {text:?} (a name such as \"light-blue\", \"#rrggbb\" or 0-255)"
    ))
}

/// `color` as the terminal can show it, or `None` when it shows no colour.
pub fn reduce(color: Color, depth: ColorDepth) -> Option<Color> {
    match (depth, color) {
        (ColorDepth::Mono, _) => None,
        (ColorDepth::TrueColor, c) => Some(c),
        (ColorDepth::Ansi256, Color::Rgb(r, g, b)) => Some(Color::Indexed(nearest_256(r, g, b))),
        (ColorDepth::Ansi16, Color::Rgb(r, g, b)) => Some(nearest_16(r, g, b)),
        (ColorDepth::Ansi16, Color::Indexed(i)) => {
            let (r, g, b) = index_rgb(i);
            Some(nearest_16(r, g, b))
        }
        (_, c) => Some(c),
    }
}

/// Squared distance between two colours.
fn dist((r1, g1, b1): (u8, u8, u8), (r2, g2, b2): (u8, u8, u8)) -> u32 {
    let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2) as u32;
    d(r1, r2) + d(g1, g2) + d(b1, b2)
}

/// The levels of the xterm 6×6×6 colour cube.
const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// The RGB value of an xterm palette index.
fn index_rgb(i: u8) -> (u8, u8, u8) {
    match i {
        0..16 => NAMED[usize::from(i)].2,
        16..232 => {
            let i = i - 16;
            (
                CUBE[usize::from(i / 36)],
                CUBE[usize::from(i / 6 % 6)],
                CUBE[usize::from(i % 6)],
            )
        }
        _ => {
            let v = 8 + 10 * (i - 232);
            (v, v, v)
        }
    }
}

/// The nearest colour of the 256-colour cube and grey ramp (indices 16–255, which unlike 0–15
/// do not depend on the user's palette).
fn nearest_256(r: u8, g: u8, b: u8) -> u8 {
    (16..=255u8)
        .min_by_key(|&i| dist(index_rgb(i), (r, g, b)))
        .unwrap_or(16)
}

/// The nearest of the 16 named colours.
fn nearest_16(r: u8, g: u8, b: u8) -> Color {
    NAMED
        .iter()
        .min_by_key(|(_, _, rgb)| dist(*rgb, (r, g, b)))
        .map_or(Color::Reset, |(_, c, _)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_follows_no_color_then_colorterm_then_term() {
        use ColorDepth::*;
        let d = ColorDepth::detect;
        assert_eq!(
            d(Some("1"), Some("truecolor"), Some("xterm-256color")),
            Mono
        );
        assert_eq!(d(Some(""), None, Some("xterm-256color")), Ansi256);
        assert_eq!(d(None, Some("truecolor"), Some("xterm")), TrueColor);
        assert_eq!(d(None, None, Some("tmux-256color")), Ansi256);
        assert_eq!(d(None, None, Some("xterm")), Ansi16);
        assert_eq!(d(None, None, Some("linux")), Ansi16);
        assert_eq!(d(None, None, Some("vt100")), Mono);
    }

    #[test]
    fn colours_are_reduced_to_the_depth() {
        let c = Color::Rgb(0x5f, 0xaf, 0xd7);
        assert_eq!(reduce(c, ColorDepth::TrueColor), Some(c));
        assert_eq!(reduce(c, ColorDepth::Ansi256), Some(Color::Indexed(74)));
        assert_eq!(reduce(c, ColorDepth::Ansi16), Some(Color::LightBlue));
        assert_eq!(reduce(c, ColorDepth::Mono), None);
        assert_eq!(
            reduce(Color::Indexed(196), ColorDepth::Ansi16),
            Some(Color::LightRed)
        );
    }

    #[test]
    fn no_color_theme_has_no_colour_but_keeps_visible_modifiers() {
        let t = Theme::no_color();
        for s in [
            t.border,
            t.selection,
            t.claim,
            t.conflict,
            t.status,
            t.error,
        ] {
            assert_eq!(s.fg, None);
            assert_eq!(s.bg, None);
        }
        assert!(t.selection.add_modifier.contains(Modifier::REVERSED));
        assert!(t.border_focused.add_modifier.contains(Modifier::BOLD));
        assert!(t.claim.add_modifier.contains(Modifier::UNDERLINED));
        assert!(t.colorless);
    }

    #[test]
    fn no_default_element_sets_a_background() {
        let (t, errors) = Theme::build(ColorDepth::TrueColor, false, &ThemeSpec::new());
        assert!(errors.is_empty());
        assert_eq!(t.selection.bg, None);
        assert_eq!(t.border_focused.fg, Some(Color::Rgb(0x5f, 0xaf, 0xd7)));
    }

    #[test]
    fn overrides_apply_and_bad_ones_are_reported() {
        let spec: ThemeSpec = toml::from_str(
            "[selection]\nfg = \"red\"\n[nope]\nfg = \"red\"\n[claim]\nfg = \"#zzzzzz\"\n",
        )
        .unwrap();
        let (t, errors) = Theme::build(ColorDepth::Ansi16, true, &spec);
        assert_eq!(t.selection.fg, Some(Color::Red));
        assert!(t.selection.add_modifier.contains(Modifier::REVERSED));
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors.iter().any(|e| e.element == "nope"));
        assert!(errors.iter().any(|e| e.element == "claim"));
        assert_eq!(t.glyphs.border.top_left, "+");
    }

    #[test]
    fn ascii_is_automatic_for_linux_and_vt100() {
        assert!(term_wants_ascii(Some("linux")));
        assert!(term_wants_ascii(Some("vt100")));
        assert!(!term_wants_ascii(Some("xterm-256color")));
        assert!(!term_wants_ascii(None));
    }
}
