//! The reader pane: the article's header, then only the visible rows of its wrapped text, with
//! claims, furniture and search matches marked (in the margin as well as by style, so that
//! nothing depends on colour).

use super::Theme;
use super::widgets::{Look, block, trunc, wrap_plain};
use crate::app::App;
use crate::app::layout::{MARGIN, reader_header_rows};
use crate::app::reader::max_top;
use crate::app::search::Hits;
use crate::app::wrap::Row;
use crate::claims::Claim;
use crate::text::Span as TextSpan;
use crate::text::display::{Shown, TAB_WIDTH, display_char};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub(super) fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, look: Look) {
    let Some(a) = app
        .open
        .and_then(|i| app.analysis.corpus.articles.get(i).map(|a| (i, a)))
    else {
        let b = block("Reader", look, app.options.ascii, theme);
        let inner = b.inner(area);
        frame.render_widget(b, area);
        frame.render_widget(
            Paragraph::new(Line::styled("No article open.", theme.dim)),
            inner,
        );
        return;
    };
    let (index, article) = a;
    let b0 = block("Reader", look, app.options.ascii, theme);
    let inner = b0.inner(area);
    let title_rows = app.title_rows(inner.width);
    let head = reader_header_rows(inner.height, title_rows);
    let text = Rect::new(
        inner.x + MARGIN.min(inner.width),
        inner.y + head,
        inner.width.saturating_sub(MARGIN),
        inner.height - head,
    );
    let wrapped = (text.width > 0)
        .then(|| app.wrapped_at(text.width))
        .flatten();
    let h = usize::from(text.height);
    let (top, total) = match &wrapped {
        Some(w) => (app.pos_in(w, h).row, w.len()),
        None => (0, 0),
    };
    let position = if total == 0 {
        String::new()
    } else {
        let pct = match wrapped.as_ref().map(|w| max_top(w, h)) {
            Some(0) | None => 100,
            Some(m) => top * 100 / m,
        };
        format!(" l.{}/{} · {pct}% ", top + 1, total)
    };
    let b = b0.title_top(Line::from(position).right_aligned());
    frame.render_widget(b, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }

    // Header: title, then date · source · path, then a rule.
    let iw = inner.width as usize;
    let title_style = theme.title;
    let title_lines = wrap_plain(&article.title, iw);
    let shown_rows = usize::from(head.saturating_sub(2).max(1));
    let mut header: Vec<Line> = if title_lines.len() <= shown_rows {
        title_lines
            .into_iter()
            .map(|l| Line::styled(l, title_style))
            .collect()
    } else {
        // Cut: the last shown row ends with "…" and holds what fits of the rest.
        let mut rows: Vec<Line> = title_lines[..shown_rows - 1]
            .iter()
            .map(|l| Line::styled(l.clone(), title_style))
            .collect();
        let rest = title_lines[shown_rows - 1..].join(" ");
        rows.push(Line::styled(trunc(&rest, iw), title_style));
        rows
    };
    if head >= 3 {
        let mut meta = Vec::new();
        if let Some(d) = article.date {
            meta.push(d.to_string());
        }
        if let Some(s) = &article.source {
            meta.push(s.clone());
        }
        meta.push(article.path.display().to_string());
        header.push(Line::styled(trunc(&meta.join(" · "), iw), theme.dim));
        let rule = if app.options.ascii { "-" } else { "─" };
        header.push(Line::styled(rule.repeat(iw), theme.dim));
    }
    frame.render_widget(
        Paragraph::new(header),
        Rect::new(inner.x, inner.y, inner.width, head),
    );

    let Some(w) = wrapped else { return };
    if w.is_empty() {
        frame.render_widget(Paragraph::new(Line::styled("(no text)", theme.dim)), text);
        return;
    }
    let claims = app.analysis.article_claims(index);
    let selected = app
        .text_selection()
        .or_else(|| app.selection().map(|s| app.analysis.claims[s.claim].span));
    let (matches, current) = match &app.search {
        Some(s) => match &s.hits {
            Hits::Text { article: ai, spans } if *ai == index => {
                (&spans[..], spans.get(s.current).copied())
            }
            _ => (&[][..], None),
        },
        None => (&[][..], None),
    };
    let base = app
        .analysis
        .claims_by_article
        .get(index)
        .map_or(0, |r| r.start);
    let ctx = RowCtx {
        app,
        text: &article.text,
        claims,
        claim_base: base,
        selected,
        matches,
        current,
        theme,
        ascii: app.options.ascii,
    };
    let mut margin = Vec::with_capacity(h);
    let mut lines = Vec::with_capacity(h);
    for row in w.rows.iter().skip(top).take(h) {
        let (m, line) = ctx.row(row);
        margin.push(m);
        lines.push(line);
    }
    frame.render_widget(
        Paragraph::new(margin),
        Rect::new(inner.x, text.y, MARGIN.min(inner.width), text.height),
    );
    frame.render_widget(Paragraph::new(lines), text);
}

/// What drawing one row needs.
struct RowCtx<'a> {
    app: &'a App,
    text: &'a str,
    claims: &'a [Claim],
    /// Index in `analysis.claims` of `claims[0]` (verdicts are kept by global claim index).
    claim_base: usize,
    selected: Option<TextSpan>,
    matches: &'a [TextSpan],
    current: Option<TextSpan>,
    theme: &'a Theme,
    ascii: bool,
}

impl RowCtx<'_> {
    /// The margin marker and the text of one row.
    fn row(&self, row: &Row) -> (Line<'static>, Line<'static>) {
        let t = self.theme;
        if row.blank {
            return (Line::raw(""), Line::raw(""));
        }
        let span = TextSpan::new(row.start, row.end);
        // Claims and matches overlapping this row (both lists are sorted by start).
        let first = self.claims.partition_point(|c| c.span.end <= row.start);
        let claims: Vec<TextSpan> = self.claims[first..]
            .iter()
            .take_while(|c| c.span.start < row.end)
            .map(|c| c.span)
            .collect();
        let mfirst = self.matches.partition_point(|m| m.end <= row.start);
        let matches: Vec<TextSpan> = self.matches[mfirst..]
            .iter()
            .take_while(|m| m.start < row.end)
            .copied()
            .collect();
        let in_selected = self.selected.is_some_and(|s| s.overlaps(&span));
        let (mark, mstyle) = match (in_selected, row.furniture, !claims.is_empty()) {
            (true, _, _) => (if self.ascii { ">" } else { "▌" }, t.claim),
            (_, true, _) => (if self.ascii { "." } else { "·" }, t.furniture),
            (_, _, true) => (if self.ascii { ":" } else { "▏" }, t.dim),
            _ => (" ", Style::new()),
        };
        // The verdict of a claim that starts on this row sits beside the marker, so a verdict
        // is seen while reading, not only in the claims panel.
        let verdict = self.claims[first..]
            .iter()
            .enumerate()
            .take_while(|(_, c)| c.span.start < row.end)
            .filter(|(_, c)| c.span.start >= row.start)
            .map(|(k, _)| super::annotate::verdict_glyph(self.app, self.claim_base + first + k))
            .find(|g| !g.is_empty())
            .unwrap_or("");
        let margin = Line::from(vec![
            Span::styled(mark, mstyle),
            Span::styled(verdict, t.badge),
        ]);

        let base = if row.furniture {
            t.furniture
        } else {
            Style::new()
        };
        let mut spans: Vec<Span<'static>> = Vec::new();
        let mut buf = String::new();
        let mut cur = base;
        let mut col = 0usize;
        let slice = &self.text[row.byte..row.byte_end];
        let mut chars = slice.chars().peekable();
        let mut off = row.start;
        while let Some(c) = chars.next() {
            let mut style = base;
            if self.selected.is_some_and(|s| s.contains(off)) {
                style = style.patch(t.claim);
            } else if claims.iter().any(|s| s.contains(off)) {
                style = style.patch(t.claim_other);
            }
            if matches.iter().any(|m| m.contains(off)) {
                style = style.patch(if self.current.is_some_and(|m| m.contains(off)) {
                    t.selection
                } else {
                    t.search_match
                });
            }
            if style != cur && !buf.is_empty() {
                spans.push(Span::styled(std::mem::take(&mut buf), cur));
            }
            cur = style;
            match display_char(c, chars.peek().copied()) {
                Shown::Char(x) | Shown::Placeholder(x) => {
                    buf.push(x);
                    col += 1;
                }
                Shown::Tab => {
                    let n = TAB_WIDTH - col % TAB_WIDTH;
                    buf.extend(std::iter::repeat_n(' ', n));
                    col += n;
                }
                Shown::Newline | Shown::Nothing => {}
            }
            off += 1;
        }
        if !buf.is_empty() {
            spans.push(Span::styled(buf, cur));
        }
        (margin, Line::from(spans))
    }
}
