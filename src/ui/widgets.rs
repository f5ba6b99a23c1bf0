//! Small drawing helpers shared by the panes and popups: pane blocks that mark focus without
//! colour, width-aware truncation, centred popup rectangles.

use super::Theme;
use crate::text::display::sanitize_line;
use ratatui::layout::Rect;
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// ASCII borders for the focused pane or a popup.
const ASCII_BOLD: border::Set = border::Set {
    top_left: "#",
    top_right: "#",
    bottom_left: "#",
    bottom_right: "#",
    vertical_left: "#",
    vertical_right: "#",
    horizontal_top: "=",
    horizontal_bottom: "=",
};

/// How a block is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// A pane without focus: plain lines.
    Pane,
    /// The focused pane: thick lines and a "▶" before the title.
    Focused,
    /// A popup: double lines.
    Popup,
}

/// A bordered block titled `title`, its focus shown by the border shape and a marker.
pub fn block<'a>(title: &str, kind: Look, ascii: bool, theme: &Theme) -> Block<'a> {
    let set = match (kind, ascii) {
        (Look::Pane, false) => border::PLAIN,
        (Look::Focused, false) => border::THICK,
        (Look::Popup, false) => border::DOUBLE,
        (Look::Pane, true) => super::theme::ASCII_BORDER,
        (_, true) => ASCII_BOLD,
    };
    let marker = match (kind, ascii) {
        (Look::Focused, false) => "▶ ",
        (Look::Focused, true) => "> ",
        _ => "",
    };
    let style = if kind == Look::Pane {
        theme.border
    } else {
        theme.border_focused
    };
    Block::default()
        .borders(Borders::ALL)
        .border_set(set)
        .border_style(style)
        .title(Line::from(Span::styled(
            format!(" {marker}{title} "),
            style,
        )))
}

/// `s` made safe and cut to `width` columns, with "…" when cut.
pub fn trunc(s: &str, width: usize) -> String {
    let s = sanitize_line(s);
    if s.width() <= width {
        return s;
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// `left` and `right` on one line of `width` columns, `left` cut to make room.
pub fn spread(left: &str, right: &str, width: usize) -> String {
    let rw = right.width();
    if rw + 1 >= width {
        return trunc(left, width);
    }
    let l = trunc(left, width - rw - 1);
    let pad = width - rw - l.width();
    format!("{l}{}{right}", " ".repeat(pad))
}

/// A rectangle of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Wraps plain text (already one paragraph) to `width` columns.
pub fn wrap_plain(s: &str, width: usize) -> Vec<String> {
    let s = sanitize_line(s);
    textwrap::wrap(
        &s,
        textwrap::Options::new(width.max(1)).word_separator(textwrap::WordSeparator::AsciiSpace),
    )
    .into_iter()
    .map(|c| c.into_owned())
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_respects_display_width() {
        assert_eq!(trunc("Société", 10), "Société");
        assert_eq!(trunc("Société générale", 8), "Société…");
        assert_eq!(trunc("日本語日本語", 5), "日本…");
        assert_eq!(trunc("a\u{1b}b", 5), "a␛b");
        assert_eq!(trunc("abc", 0), "");
        assert_eq!(spread("left side", "12", 8), "left… 12");
    }
}
