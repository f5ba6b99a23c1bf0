//! The fact popups: one fact across its articles (`f`), and all facts of the corpus (`F`).

use super::widgets::{Look, block, spread, trunc, wrap_plain};
use super::{Theme, badge};
use crate::app::{App, Cursor, FactFilter};
use crate::claims::Claim;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// "1 claim", "3 claims".
pub(super) fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The values a claim states, side by side: quantities then dates.
fn values(c: &Claim) -> String {
    let v: Vec<&str> = c
        .quantities
        .iter()
        .map(|q| q.text.as_str())
        .chain(c.dates.iter().map(|d| d.text.as_str()))
        .collect();
    if v.is_empty() {
        "—".to_owned()
    } else {
        v.join(" · ")
    }
}

pub(super) fn draw_fact(
    frame: &mut Frame,
    r: Rect,
    app: &App,
    theme: &Theme,
    fi: usize,
    cursor: &Cursor,
) {
    let Some(fact) = app.analysis.facts.facts.get(fi) else {
        return;
    };
    let w = r.width.saturating_sub(2) as usize;
    if w < 8 || r.height < 3 {
        return;
    }
    let claims = &app.analysis.claims;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut selected_line = 0;
    for l in wrap_plain(&fact.label, w) {
        lines.push(Line::styled(l, theme.title));
    }
    let mut last_article = None;
    for (k, &ci) in fact.claims.iter().enumerate() {
        let Some(c) = claims.get(ci) else { continue };
        if last_article != Some(c.article) {
            last_article = Some(c.article);
            let a = &app.analysis.corpus.articles[c.article];
            let mut meta = Vec::new();
            if let Some(d) = a.date {
                meta.push(d.to_string());
            }
            if let Some(s) = &a.source {
                meta.push(s.clone());
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                spread(&a.title, &meta.join(" · "), w),
                theme.title,
            ));
        }
        let sel = k == cursor.sel;
        if sel {
            selected_line = lines.len();
        }
        let base = if sel { theme.selection } else { Style::new() };
        let marker = if sel {
            if app.options.ascii { ">" } else { "▸" }
        } else {
            " "
        };
        let who = c.attribution.as_ref().map_or_else(
            || "the article's own voice".to_owned(),
            |a| a.source.to_string(),
        );
        let head = format!(
            "{marker}{} {}{} · {who}",
            badge(app, c.modality),
            super::annotate::verdict_badge(app, ci),
            c.modality.name()
        );
        lines.push(Line::from(vec![Span::styled(
            spread(&head, &values(c), w),
            base,
        )]));
        for l in wrap_plain(c.text.trim(), w.saturating_sub(4))
            .into_iter()
            .take(3)
        {
            lines.push(Line::styled(format!("    {l}"), theme.dim));
        }
        lines.extend(super::annotate::fact_view_lines(app, ci, w, theme));
    }
    if !fact.conflicts.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            if app.options.ascii {
                "! Conflicts"
            } else {
                "⚠ Conflicts"
            },
            theme.title.patch(theme.conflict),
        ));
        for cf in &fact.conflicts {
            lines.push(Line::raw(trunc(
                &format!("  {}: {}", cf.kind, cf.values.join("  ≠  ")),
                w,
            )));
        }
    }
    if !fact.contradicts.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Contradicted by", theme.title));
        for &o in &fact.contradicts {
            if let Some(of) = app.analysis.facts.facts.get(o) {
                lines.push(Line::raw(trunc(
                    &format!("  {} ({})", of.label, plural(of.articles.len(), "article")),
                    w,
                )));
            }
        }
    }
    if !fact.why.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Why these are linked", theme.title));
        for l in &fact.why {
            let art = |ci: usize| claims.get(ci).map_or(0, |c| c.article + 1);
            let kind = format!("{:?}", l.kind).to_lowercase();
            let text = format!(
                "  art.{} ↔ art.{}  {kind} {:.2}  {}",
                art(l.a),
                art(l.b),
                l.score,
                l.anchors.join(", ")
            );
            lines.push(Line::styled(trunc(&text, w), theme.dim));
        }
    }
    let title = format!(
        "Fact · {} · {} — Enter jumps, Esc closes",
        plural(fact.articles.len(), "article"),
        plural(fact.claims.len(), "claim")
    );
    let want = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let r = Rect::new(
        r.x,
        r.y + r.height.saturating_sub(want) / 2,
        r.width,
        r.height.min(want),
    );
    frame.render_widget(Clear, r);
    let b = block(&title, Look::Popup, app.options.ascii, theme);
    let inner = b.inner(r);
    frame.render_widget(b, r);
    let h = inner.height as usize;
    let top = if selected_line + 2 < h {
        0
    } else {
        (selected_line + 4)
            .saturating_sub(h)
            .min(lines.len().saturating_sub(h))
    };
    let visible: Vec<Line> = lines.into_iter().skip(top).take(h).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

pub(super) fn draw_list(
    frame: &mut Frame,
    r: Rect,
    app: &App,
    theme: &Theme,
    cursor: &Cursor,
    filter: FactFilter,
) {
    frame.render_widget(Clear, r);
    let listed = app.listed_facts(filter);
    let check = |on: bool| if on { "[x]" } else { "[ ]" };
    let title = format!(
        "Facts {} · c {} conflicts · 2 {} 2+ articles — Enter jumps",
        listed.len(),
        check(filter.conflicts),
        check(filter.shared)
    );
    let b = block(&title, Look::Popup, app.options.ascii, theme);
    let inner = b.inner(r);
    frame.render_widget(b, r);
    let w = inner.width as usize;
    if w < 8 || inner.height == 0 {
        return;
    }
    if listed.is_empty() {
        let msg = if app.analysis.facts.facts.is_empty() {
            "No fact links claims across articles in this corpus."
        } else {
            "No fact matches the filters (c, 2 toggle them)."
        };
        frame.render_widget(Paragraph::new(Line::styled(msg, theme.dim)), inner);
        return;
    }
    let h = inner.height as usize;
    let first = cursor.window(listed.len(), h);
    let mut lines = Vec::new();
    for (k, &fi) in listed.iter().enumerate().skip(first).take(h) {
        let f = &app.analysis.facts.facts[fi];
        let sel = k == cursor.sel;
        let base = if sel { theme.selection } else { Style::new() };
        let marker = if sel {
            if app.options.ascii { ">" } else { "▸" }
        } else {
            " "
        };
        let mark = if f.conflicts.is_empty() {
            " "
        } else if app.options.ascii {
            "!"
        } else {
            "⚠"
        };
        let left = format!("{marker}{mark} {:>2} art · {}", f.articles.len(), f.label);
        let right = plural(f.claims.len(), "claim");
        lines.push(Line::styled(spread(&left, &right, w), base));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
