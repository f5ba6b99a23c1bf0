//! The status line: the search being typed, else the last message, else key hints; on the
//! right the notice count and where the user is.

use super::Theme;
use super::widgets::spread;
use crate::app::{App, Pane};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub(super) fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut right = String::new();
    let n = app.notice_count();
    if n > 0 {
        right.push_str(&format!("! {n} notice{} · ", if n == 1 { "" } else { "s" }));
    }
    if let Some(s) = &app.analysing {
        right.push_str(&format!(
            "analysing {}% · ",
            (s.fraction() * 100.0).round() as u32
        ));
    }
    let total = app.analysis.corpus.articles.len();
    if let Some(a) = app.open {
        right.push_str(&format!("article {}/{total} ", a + 1));
    }
    let left = if let Some(p) = &app.prompt {
        let what = match p.pane {
            Pane::List => "titles",
            Pane::Reader => "text",
            Pane::Claims => "claims",
        };
        format!(" search {what}: /{}▏", p.query)
    } else if let Some(m) = &app.message {
        format!(" {m}")
    } else if let Some(s) = &app.search {
        format!(
            " /{} · {} match{} · n/N next/prev · Esc clears",
            s.query,
            s.hits.len(),
            if s.hits.len() == 1 { "" } else { "es" }
        )
    } else {
        let hints = [
            " ? help · / search · Tab pane · ] same fact elsewhere · f fact · F facts",
            " ? help · / search · Tab pane · ] same fact",
            " ? help · / search",
            " ? help",
        ];
        // The longest hint that leaves room for the right side.
        let room = (area.width as usize).saturating_sub(right.chars().count() + 1);
        hints
            .iter()
            .find(|h| unicode_width::UnicodeWidthStr::width(**h) <= room)
            .unwrap_or(&hints[3])
            .to_string()
    };
    let line = spread(&left, &right, area.width as usize);
    frame.render_widget(Paragraph::new(Line::styled(line, theme.status)), area);
}
