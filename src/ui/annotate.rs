//! Drawing annotations: verdict badges beside claims, the annotations section of the details
//! popup, and the annotation overlays (note editor, tag prompt, orphans list).
//!
//! The overlays name their save and cancel keys in their border (`Ctrl-x` and `Esc`: keys
//! that reach the program over SSH and inside tmux, unlike `Ctrl-s` or `Shift-Enter`).

use super::Theme;
use super::widgets::{Look, block, centered, trunc, wrap_plain};
use crate::annotations::Verdict;
use crate::app::App;
use crate::app::annotate::Overlay;
use crate::text::display::sanitize_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

/// The verdict badge of claim `ci` followed by a space, or nothing when it has none.
pub fn verdict_badge(app: &App, ci: usize) -> String {
    match verdict_glyph(app, ci) {
        "" => String::new(),
        b => format!("{b} "),
    }
}

/// The one-column verdict glyph of claim `ci` (ASCII under `--ascii`), or `""` without one.
pub fn verdict_glyph(app: &App, ci: usize) -> &'static str {
    let v = app.verdict_of(ci);
    if v == Verdict::None {
        ""
    } else if app.options.ascii {
        v.ascii_badge()
    } else {
        v.badge()
    }
}

/// The "Annotations" section of the details popup; empty when the reader has no journal.
pub fn detail_lines(app: &App, ci: usize, w: usize) -> Vec<Line<'static>> {
    if app.annotations.store.is_none() {
        return Vec::new();
    }
    let anns = app.annotations_on(ci);
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut out = vec![Line::styled("Annotations", bold)];
    if anns.is_empty() {
        out.push(Line::raw("  none (1–4 verdict · n note · # tag · l link)"));
        return out;
    }
    for a in anns {
        let mut head = format!("  {} · {}", a.annotator, a.verdict);
        for t in &a.tags {
            head.push_str(&format!(" #{t}"));
        }
        if a.unlink {
            head.push_str(" · unlinked from its facts");
        }
        if !a.links.is_empty() {
            head.push_str(&format!(" · linked to {}", a.links.join(", ")));
        }
        head.push_str(&format!(" · {}", a.updated));
        for l in wrap_plain(&sanitize_line(&head), w) {
            out.push(Line::raw(l));
        }
        for para in a.note.lines() {
            for l in wrap_plain(&sanitize_line(para), w.saturating_sub(4)) {
                out.push(Line::raw(format!("    {l}")));
            }
        }
    }
    out
}

/// The notes and tags on claim `ci`, compact, for the fact view: one line per annotation that
/// has either (annotator, tags, then the note's first lines), indented under the claim.
pub fn fact_view_lines(app: &App, ci: usize, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let pen = if app.options.ascii { "*" } else { "✎" };
    for a in app.annotations_on(ci) {
        if a.note.trim().is_empty() && a.tags.is_empty() {
            continue;
        }
        let mut head = format!("{pen} {}", a.annotator);
        for t in &a.tags {
            head.push_str(&format!(" #{t}"));
        }
        let note: Vec<&str> = a.note.lines().filter(|l| !l.trim().is_empty()).collect();
        if let Some(first) = note.first() {
            head.push_str(&format!(": {first}"));
        }
        let mut rows = wrap_plain(&sanitize_line(&head), w.saturating_sub(4));
        for para in note.iter().skip(1) {
            rows.extend(
                wrap_plain(&sanitize_line(para), w.saturating_sub(6))
                    .into_iter()
                    .map(|l| format!("  {l}")),
            );
        }
        // A long note stays readable in the popup: three rows, then the details popup has it all.
        let cut = rows.len() > 3;
        rows.truncate(3);
        if let Some(last) = rows.last_mut().filter(|_| cut) {
            *last = trunc(&format!("{last} …"), w.saturating_sub(4));
        }
        out.extend(
            rows.into_iter()
                .map(|l| Line::styled(format!("    {l}"), theme.badge)),
        );
    }
    out
}

/// Draws the open annotation overlay, if any, over everything else.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(overlay) = &app.annotations.overlay else {
        return;
    };
    let main = Rect::new(area.x, area.y, area.width, area.height.saturating_sub(1));
    let ascii = app.options.ascii;
    match overlay {
        Overlay::Note { claim, text, error } => {
            let r = centered(
                main,
                main.width.saturating_sub(4).min(80),
                main.height.saturating_sub(2).min(14),
            );
            let title = match error {
                Some(_) => "Note — not saved: Ctrl-x retries · Esc cancels",
                None => "Note — Ctrl-x saves · Esc cancels · Enter new line",
            };
            let inner_w = r.width.saturating_sub(2) as usize;
            let mut lines = claim_line(app, *claim, inner_w, theme);
            if let Some(e) = error {
                lines.push(Line::styled(trunc(e, inner_w), theme.error));
            }
            let mut body: Vec<String> = Vec::new();
            for para in text.split('\n') {
                let wrapped = wrap_plain(&sanitize_line(para), inner_w.saturating_sub(1));
                if wrapped.is_empty() {
                    body.push(String::new());
                } else {
                    body.extend(wrapped);
                }
            }
            if let Some(last) = body.last_mut() {
                last.push_str(if ascii { "_" } else { "▏" });
            }
            let room = (r.height.saturating_sub(2) as usize).saturating_sub(lines.len());
            let skip = body.len().saturating_sub(room);
            lines.extend(body.into_iter().skip(skip).map(Line::raw));
            render(frame, r, title, lines, ascii, theme);
        }
        Overlay::Tag { claim, text, error } => {
            let r = centered(main, main.width.saturating_sub(4).min(60), 6);
            let inner_w = r.width.saturating_sub(2) as usize;
            let mut lines = claim_line(app, *claim, inner_w, theme);
            let cursor = if ascii { "_" } else { "▏" };
            lines.push(Line::raw(trunc(
                &format!("#{}{cursor}", sanitize_line(text)),
                inner_w,
            )));
            let tags = app
                .annotations
                .store
                .as_ref()
                .map(|s| s.state().tags())
                .unwrap_or_default();
            let matching: Vec<String> = tags
                .iter()
                .filter(|t| t.starts_with(text.as_str()))
                .map(|t| format!("#{t}"))
                .collect();
            match error {
                Some(e) => lines.push(Line::styled(trunc(e, inner_w), theme.error)),
                None => lines.push(Line::styled(trunc(&matching.join(" "), inner_w), theme.dim)),
            }
            render(
                frame,
                r,
                "Tag — Enter adds · Tab completes · Esc cancels",
                lines,
                ascii,
                theme,
            );
        }
        Overlay::Orphans { cursor } => {
            let r = centered(
                main,
                main.width.saturating_sub(4).min(100),
                main.height.saturating_sub(2),
            );
            let inner_w = r.width.saturating_sub(2) as usize;
            let orphans = &app.annotations.resolved.orphans;
            let mut lines = Vec::new();
            if orphans.is_empty() {
                lines.push(Line::raw("every annotation sits on a claim"));
            }
            let per_page = (r.height.saturating_sub(2) as usize / 2).max(1);
            let first = cursor.window(orphans.len(), per_page);
            for (i, o) in orphans.iter().enumerate().skip(first).take(per_page) {
                let a = &o.annotation;
                let style = if i == cursor.sel {
                    theme.selection
                } else {
                    Style::new()
                };
                let head = format!(
                    "{} · {} · {} · “{}”",
                    a.article,
                    a.annotator,
                    a.verdict,
                    sanitize_line(&a.selector.exact)
                );
                lines.push(Line::styled(trunc(&head, inner_w), style));
                lines.push(Line::styled(
                    trunc(&format!("  {}", o.reason), inner_w),
                    theme.dim,
                ));
            }
            let title = format!("Orphaned annotations ({}) — Esc closes", orphans.len());
            render(frame, r, &title, lines, ascii, theme);
        }
    }
}

fn claim_line(app: &App, ci: usize, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let text = app.analysis.claims.get(ci).map_or("", |c| c.text.trim());
    vec![Line::styled(trunc(&sanitize_line(text), w), theme.dim)]
}

fn render(
    frame: &mut Frame,
    r: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    ascii: bool,
    theme: &Theme,
) {
    if r.width < 3 || r.height < 3 {
        return;
    }
    frame.render_widget(Clear, r);
    frame.render_widget(
        Paragraph::new(lines).block(block(title, Look::Popup, ascii, theme)),
        r,
    );
}
