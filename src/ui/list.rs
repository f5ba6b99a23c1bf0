//! The article list: two rows per article (title; date, source and claim count).

use super::Theme;
use super::widgets::{Look, block, spread, trunc};
use crate::app::search::Hits;
use crate::app::{App, Pane};
use crate::text::fold::Folded;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// Rows each article takes.
const ITEM_ROWS: usize = 2;

pub(super) fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, look: Look) {
    let articles = &app.analysis.corpus.articles;
    let title = format!(
        "Articles {}/{}",
        (app.list.sel + 1).min(articles.len()),
        articles.len()
    );
    let b = block(&title, look, app.options.ascii, theme);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let w = inner.width as usize;
    if w < 3 || inner.height == 0 {
        return;
    }
    let per_page = (inner.height as usize / ITEM_ROWS).max(1);
    let first = app.list.window(articles.len(), per_page);
    let query = app
        .search
        .as_ref()
        .filter(|s| s.pane == Pane::List && matches!(s.hits, Hits::Articles(_)))
        .map(|s| s.query.as_str());
    let mut lines = Vec::new();
    for (i, a) in articles.iter().enumerate().skip(first).take(per_page) {
        let selected = i == app.list.sel;
        let marker = if selected {
            if app.options.ascii { "> " } else { "▸ " }
        } else if app.open == Some(i) {
            if app.options.ascii { "* " } else { "• " }
        } else {
            "  "
        };
        let base = if selected {
            theme.selection
        } else {
            Style::new()
        };
        let t = trunc(&a.title, w - 2);
        let mut spans = vec![Span::styled(marker, base)];
        spans.extend(highlight(&t, query, base, base.patch(theme.search_match)));
        let pad = w.saturating_sub(2 + t.width());
        spans.push(Span::styled(" ".repeat(pad), base));
        lines.push(Line::from(spans));
        let mut meta = Vec::new();
        if let Some(d) = a.date {
            meta.push(d.to_string());
        }
        if let Some(s) = &a.source {
            meta.push(s.clone());
        }
        if meta.is_empty() {
            meta.push("undated".to_owned());
        }
        let n = app.analysis.article_claims(i).len();
        let count = match n {
            // Not counted yet: the claims panel shows the analysis's progress.
            _ if app.analysing.is_some() => String::new(),
            0 => "no claims".to_owned(),
            1 => "1 claim".to_owned(),
            n => format!("{n} claims"),
        };
        let second = spread(&meta.join(" · "), &count, w - 2);
        let dim = if selected {
            theme.selection.patch(theme.dim)
        } else {
            theme.dim
        };
        lines.push(Line::from(vec![
            Span::styled("  ", base),
            Span::styled(second, dim),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `s` split into spans with the matches of `query` (accent- and case-insensitive) styled.
pub(super) fn highlight<'a>(
    s: &str,
    query: Option<&str>,
    base: Style,
    hit: Style,
) -> Vec<Span<'a>> {
    let Some(q) = query else {
        return vec![Span::styled(s.to_owned(), base)];
    };
    let spans = Folded::new(s).find_all(q);
    if spans.is_empty() {
        return vec![Span::styled(s.to_owned(), base)];
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    for m in spans {
        let (st, en) = (m.start.min(chars.len()), m.end.min(chars.len()));
        if st > at {
            out.push(Span::styled(chars[at..st].iter().collect::<String>(), base));
        }
        out.push(Span::styled(chars[st..en].iter().collect::<String>(), hit));
        at = en;
    }
    if at < chars.len() {
        out.push(Span::styled(chars[at..].iter().collect::<String>(), base));
    }
    out
}
