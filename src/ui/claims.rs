//! The claims panel: the open article's claims in reading order, two rows each — a badge, the
//! short form and the cross-article count, then the sentence's beginning.

use super::list::highlight;
use super::widgets::{Look, block, trunc};
use super::{Theme, badge};
use crate::app::search::Hits;
use crate::app::{App, Pane};
use crate::claims::Claim;
use crate::pipeline::Analysis;
use crate::progress::{Phase, Snapshot};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// Rows each claim takes.
const ITEM_ROWS: usize = 2;

/// The key entities and values of a claim, for one row: "Netflix · Meta · 10 ans · 2013".
pub fn short_form(c: &Claim) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for e in &c.entities {
        if parts.len() >= 3 {
            break;
        }
        if !parts.contains(&e.canonical.as_str()) {
            parts.push(&e.canonical);
        }
    }
    parts.extend(c.quantities.iter().take(2).map(|q| q.text.as_str()));
    parts.extend(c.dates.iter().take(1).map(|d| d.text.as_str()));
    if parts.is_empty() {
        // Nothing normalised: say how and by whom it is stated (the sentence is on the next row).
        return match &c.attribution {
            Some(a) => format!("{} · {}", c.modality.name(), a.source),
            None => c.modality.name().to_owned(),
        };
    }
    parts.join(" · ")
}

/// Number of other articles sharing a fact with claim `ci`, and whether one of its facts has
/// conflicting values.
pub fn fact_marks(analysis: &Analysis, ci: usize) -> (usize, bool) {
    let Some(facts) = analysis.facts.by_claim.get(ci) else {
        return (0, false);
    };
    let own = analysis.claims[ci].article;
    let mut others: Vec<usize> = facts
        .iter()
        .filter_map(|&f| analysis.facts.facts.get(f))
        .flat_map(|f| f.articles.iter().copied())
        .filter(|&a| a != own)
        .collect();
    others.sort_unstable();
    others.dedup();
    let conflict = facts
        .iter()
        .filter_map(|&f| analysis.facts.facts.get(f))
        .any(|f| !f.conflicts.is_empty());
    (others.len(), conflict)
}

/// The panel while the analysis runs: "analysing… N/M files", a bar, the claims found so far.
fn analysing<'a>(s: &Snapshot, w: usize, app: &App, theme: &Theme) -> Vec<Line<'a>> {
    let files = match s.phase {
        Phase::Load => "analysing…".to_owned(),
        Phase::Segment | Phase::Extract => format!(
            "analysing… {}/{} files",
            s.articles_done.min(s.articles_total),
            s.articles_total
        ),
        _ => format!("analysing… {0}/{0} files", s.articles_total),
    };
    let stage = match s.phase {
        Phase::Load | Phase::Segment => "reading sentences".to_owned(),
        Phase::Extract => format!("{} claims found", s.claims),
        Phase::Align => format!("linking {} claims across articles", s.claims),
        Phase::Store | Phase::Done => format!("{} claims · saving", s.claims),
    };
    let pct = format!(" {:>3}%", (s.fraction() * 100.0).round() as u32);
    let bar_w = w.saturating_sub(pct.width());
    let full = ((s.fraction() * bar_w as f64).floor() as usize).min(bar_w);
    let (on, off) = if app.options.ascii {
        ("#", "-")
    } else {
        ("█", "░")
    };
    vec![
        Line::styled(trunc(&files, w), theme.dim),
        Line::from(vec![
            Span::styled(on.repeat(full), theme.badge),
            Span::styled(off.repeat(bar_w - full), theme.dim),
            Span::styled(pct, theme.dim),
        ]),
        Line::styled(trunc(&stage, w), theme.dim),
    ]
}

pub(super) fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, look: Look) {
    let claims = app.open.map_or(&[][..], |a| app.analysis.article_claims(a));
    let range_start = app
        .open
        .and_then(|a| app.analysis.claims_by_article.get(a))
        .map_or(0, |r| r.start);
    let title = if claims.is_empty() {
        "Claims".to_owned()
    } else {
        format!("Claims {}/{}", app.claims.sel + 1, claims.len())
    };
    let b = block(&title, look, app.options.ascii, theme);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let w = inner.width as usize;
    if w < 4 || inner.height == 0 {
        return;
    }
    if let Some(progress) = &app.analysing {
        frame.render_widget(Paragraph::new(analysing(progress, w, app, theme)), inner);
        return;
    }
    if claims.is_empty() {
        let msg = if app.open.is_some() {
            "No check-worthy claim found in this article."
        } else {
            "No article open."
        };
        frame.render_widget(
            Paragraph::new(
                super::wrap_plain(msg, w)
                    .into_iter()
                    .map(|l| Line::styled(l, theme.dim))
                    .collect::<Vec<_>>(),
            ),
            inner,
        );
        return;
    }
    let query = app
        .search
        .as_ref()
        .filter(|s| s.pane == Pane::Claims && matches!(s.hits, Hits::Claims { .. }))
        .map(|s| s.query.as_str());
    let per_page = (inner.height as usize / ITEM_ROWS).max(1);
    let first = app.claims.window(claims.len(), per_page);
    let mut lines = Vec::new();
    for (k, c) in claims.iter().enumerate().skip(first).take(per_page) {
        let selected = k == app.claims.sel;
        let base = if selected {
            theme.selection
        } else {
            Style::new()
        };
        let marker = match (selected, app.options.ascii) {
            (true, false) => "▸",
            (true, true) => ">",
            _ => " ",
        };
        let (others, conflict) = fact_marks(&app.analysis, range_start + k);
        let mut right = String::new();
        if others > 0 {
            right = format!("{}{others}", if app.options.ascii { "<>" } else { "⇄" });
        }
        if conflict {
            right.push_str(if app.options.ascii { "!" } else { "⚠" });
        }
        let verdict = super::annotate::verdict_badge(app, range_start + k);
        let vw = verdict.width();
        let left_w = w.saturating_sub(3 + vw + right.width() + usize::from(!right.is_empty()));
        let short = trunc(&short_form(c), left_w);
        let pad = w.saturating_sub(3 + vw + short.width() + right.width());
        let mut row = vec![
            Span::styled(marker, base),
            Span::styled(badge(app, c.modality), base.patch(theme.badge)),
            Span::styled(" ", base),
            Span::styled(verdict, base.patch(theme.badge)),
            Span::styled(short, base),
            Span::styled(" ".repeat(pad), base),
        ];
        if !right.is_empty() {
            row.push(Span::styled(
                right,
                if conflict {
                    base.patch(theme.conflict)
                } else {
                    base.patch(theme.dim)
                },
            ));
        }
        lines.push(Line::from(row));
        let sentence = trunc(c.text.trim(), w.saturating_sub(3));
        let dim = if selected {
            theme.selection.patch(theme.dim)
        } else {
            theme.dim
        };
        let mut second = vec![Span::styled("   ", base)];
        second.extend(highlight(
            &sentence,
            query,
            dim,
            dim.patch(theme.search_match),
        ));
        let pad = w.saturating_sub(3 + sentence.width());
        second.push(Span::styled(" ".repeat(pad), base));
        lines.push(Line::from(second));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
