//! Overlays: help, notices, claim details (fact popups are in `facts`).

use super::widgets::{Look, block, centered, trunc, wrap_plain};
use super::{Theme, badge, facts};
use crate::app::{App, Popup};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

pub(super) fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(popup) = &app.popup else { return };
    let main = Rect::new(area.x, area.y, area.width, area.height.saturating_sub(1));
    let wide = centered(
        main,
        main.width.saturating_sub(4).min(100),
        main.height.saturating_sub(2),
    );
    // Help and notices read better in a narrower column.
    let narrow = centered(
        main,
        main.width.saturating_sub(4).min(76),
        main.height.saturating_sub(2),
    );
    match popup {
        Popup::Help { scroll } => {
            let r = narrow;
            let lines = help_lines(app, theme, r.width.saturating_sub(2) as usize);
            scrolled(frame, r, app, theme, "Keys — Esc closes", lines, *scroll);
        }
        Popup::Log { scroll } => {
            let r = narrow;
            let lines = log_lines(app, theme, r.width.saturating_sub(2) as usize);
            scrolled(frame, r, app, theme, "Notices — Esc closes", lines, *scroll);
        }
        Popup::Details { claim, scroll } => {
            let r = wide;
            let lines = detail_lines(app, theme, *claim, r.width.saturating_sub(2) as usize);
            scrolled(frame, r, app, theme, "Claim — Esc closes", lines, *scroll);
        }
        Popup::Fact { fact, cursor } => facts::draw_fact(frame, wide, app, theme, *fact, cursor),
        Popup::Facts { cursor, filter } => {
            facts::draw_list(frame, wide, app, theme, cursor, *filter)
        }
    }
}

/// Draws `lines` in a popup at `r`, from row `scroll` (clamped), with a position mark.
pub(super) fn scrolled(
    frame: &mut Frame,
    r: Rect,
    app: &App,
    theme: &Theme,
    title: &str,
    lines: Vec<Line<'static>>,
    scroll: usize,
) {
    // As high as the content, within the space given.
    let want = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let r = Rect::new(
        r.x,
        r.y + r.height.saturating_sub(want) / 2,
        r.width,
        r.height.min(want),
    );
    frame.render_widget(Clear, r);
    let b = block(title, Look::Popup, app.options.ascii, theme);
    let inner = b.inner(r);
    let h = inner.height as usize;
    let max = lines.len().saturating_sub(h);
    let top = scroll.min(max);
    let b = if max > 0 {
        b.title_bottom(
            Line::from(format!(
                " {}–{}/{} ",
                top + 1,
                (top + h).min(lines.len()),
                lines.len()
            ))
            .right_aligned(),
        )
    } else {
        b
    };
    frame.render_widget(b, r);
    let visible: Vec<Line> = lines.into_iter().skip(top).take(h).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

fn help_lines(app: &App, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut section = String::new();
    for h in &app.help {
        if h.section != section {
            if !out.is_empty() {
                out.push(Line::raw(""));
            }
            out.push(Line::styled(h.section.clone(), theme.title));
            section = h.section.clone();
        }
        // The key column gives way on narrow screens so that the description stays readable.
        let kw = (w / 3).clamp(6, 22);
        let keys = trunc(&h.keys, kw);
        let pad = kw.saturating_sub(UnicodeWidthStr::width(keys.as_str()));
        let desc = wrap_plain(&h.help, w.saturating_sub(kw + 3).max(1));
        for (i, d) in desc.iter().enumerate() {
            let k = if i == 0 { keys.as_str() } else { "" };
            let p = if i == 0 { pad } else { kw };
            out.push(Line::raw(format!("  {k}{} {d}", " ".repeat(p))));
        }
    }
    out.push(Line::raw(""));
    out.push(Line::styled("In a search prompt", theme.title));
    let keys = "type the query · Enter jumps to the first match · Esc cancels · Backspace deletes";
    for l in wrap_plain(keys, w.saturating_sub(2)) {
        out.push(Line::styled(format!("  {l}"), theme.dim));
    }
    out
}

fn log_lines(app: &App, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for e in &app.options.config_errors {
        for l in wrap_plain(&format!("config: {e}"), w) {
            out.push(Line::styled(l, theme.error));
        }
    }
    for n in &app.analysis.corpus.notices {
        for l in wrap_plain(&n.to_string(), w) {
            out.push(Line::raw(l));
        }
    }
    if out.is_empty() {
        out.push(Line::styled(
            "No notices: every file loaded cleanly.",
            theme.dim,
        ));
    }
    out
}

fn detail_lines(app: &App, theme: &Theme, ci: usize, w: usize) -> Vec<Line<'static>> {
    let Some(c) = app.analysis.claims.get(ci) else {
        return vec![Line::raw("(claim not found)")];
    };
    let a = &app.analysis.corpus.articles[c.article];
    let mut out = Vec::new();
    let field = |name: &str, value: String, out: &mut Vec<Line<'static>>| {
        out.push(Line::styled(name.to_owned(), theme.title));
        for l in wrap_plain(&value, w.saturating_sub(2)) {
            out.push(Line::raw(format!("  {l}")));
        }
    };
    field("Sentence", c.text.trim().to_owned(), &mut out);
    field(
        "Article",
        format!(
            "{} ({}, chars {}–{})",
            a.title,
            a.path.display(),
            c.span.start,
            c.span.end
        ),
        &mut out,
    );
    field(
        "Modality",
        format!("{} {}", badge(app, c.modality), c.modality.name()),
        &mut out,
    );
    let attribution = c.attribution.as_ref().map_or_else(
        || "none stated (the article's own voice)".to_owned(),
        |at| format!("{} (cue “{}”)", at.source, at.cue),
    );
    field("Attribution", attribution, &mut out);
    out.push(Line::styled(format!("Score {:.2}", c.score), theme.title));
    for r in &c.reasons {
        let ev = if r.evidence.is_empty() {
            String::new()
        } else {
            format!(" “{}”", r.evidence)
        };
        out.push(Line::raw(trunc(
            &format!("  {:+.2} {:?}{ev}", r.weight, r.kind),
            w,
        )));
    }
    let list = |items: Vec<String>| {
        if items.is_empty() {
            "none".to_owned()
        } else {
            items.join(" · ")
        }
    };
    let quantities =
        c.quantities
            .iter()
            .map(|q| {
                let unit = q.unit.as_deref().unwrap_or("");
                let approx = if q.approx { "≈" } else { "" };
                match q.max {
                    Some(m) => format!(
                        "{} = {approx}{}–{} {unit} ({:?})",
                        q.text, q.value, m, q.kind
                    )
                    .to_lowercase(),
                    None => format!("{} = {approx}{} {unit} ({:?})", q.text, q.value, q.kind)
                        .to_lowercase(),
                }
            })
            .collect();
    field("Quantities", list(quantities), &mut out);
    let dates = c
        .dates
        .iter()
        .map(|d| {
            let f = d.from.map_or("…".to_owned(), |x| x.to_string());
            let t = d.to.map_or("…".to_owned(), |x| x.to_string());
            let range = if d.from == d.to {
                f
            } else {
                format!("{f} → {t}")
            };
            format!(
                "{} = {range}{}",
                d.text,
                if d.relative { " (relative)" } else { "" }
            )
        })
        .collect();
    field("Dates", list(dates), &mut out);
    let entities = c
        .entities
        .iter()
        .map(|e| {
            if e.text == e.canonical {
                format!("{} ({:?})", e.text, e.kind).to_string()
            } else {
                format!("{} → {} ({:?})", e.text, e.canonical, e.kind)
            }
        })
        .collect();
    field("Entities", list(entities), &mut out);
    let facts: Vec<String> = app
        .analysis
        .facts
        .by_claim
        .get(ci)
        .into_iter()
        .flatten()
        .filter_map(|&f| app.analysis.facts.facts.get(f))
        .map(|f| {
            format!(
                "{} ({})",
                f.label,
                facts::plural(f.articles.len(), "article")
            )
        })
        .collect();
    field("Facts", list(facts), &mut out);
    out.extend(super::annotate::detail_lines(app, ci, w));
    out.push(Line::styled(
        trunc("f fact view · ] next article · y copy", w),
        theme.dim,
    ));
    out
}
