//! Annotation exports: the `"annotations"` array of the JSON document, CSV (RFC 4180) and a
//! Markdown fact-check report. W3C JSON-LD lives in [`super::w3c`].

use super::model::{Annotation, Verdict};
use super::replay::State;
use super::resolve::{Resolved, resolve};
use crate::analysis::Analysis;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt::Write;

/// The current annotations, sorted by creation then id, as the JSON export's array.
pub fn json_array(state: &State) -> Value {
    Value::Array(
        sorted(state)
            .into_iter()
            .map(|a| serde_json::to_value(a).unwrap_or(Value::Null))
            .collect(),
    )
}

fn sorted(state: &State) -> Vec<&Annotation> {
    let mut v: Vec<&Annotation> = state.iter().collect();
    v.sort_by(|a, b| (&a.created, &a.id).cmp(&(&b.created, &b.id)));
    v
}

/// One CSV field, quoted when it must be (RFC 4180: comma, quote, CR or LF inside).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// Column names of [`csv`].
pub const CSV_HEADER: [&str; 15] = [
    "id",
    "claim",
    "article",
    "annotator",
    "verdict",
    "note",
    "tags",
    "links",
    "unlink",
    "user_claim",
    "created",
    "updated",
    "start",
    "end",
    "exact",
];

/// One row per annotation (tags and links joined with `;`), CRLF line ends as RFC 4180 says.
pub fn csv(state: &State) -> String {
    let mut out = CSV_HEADER.join(",");
    out.push_str("\r\n");
    for a in sorted(state) {
        let row = [
            a.id.clone(),
            a.claim.clone(),
            a.article.clone(),
            a.annotator.clone(),
            a.verdict.name().to_owned(),
            a.note.clone(),
            a.tags.join(";"),
            a.links.join(";"),
            a.unlink.to_string(),
            a.user_claim.to_string(),
            a.created.clone(),
            a.updated.clone(),
            a.selector.start.to_string(),
            a.selector.end.to_string(),
            a.selector.exact.clone(),
        ];
        let cells: Vec<String> = row.iter().map(|c| field(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Text for a Markdown table cell: one line, pipes escaped.
fn cell(s: &str) -> String {
    s.trim()
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace(['\n', '\r'], "<br>")
}

/// "alice: false, bob: true" — every verdict given on a claim.
fn verdict_list(anns: &[&Annotation]) -> String {
    let v: Vec<String> = anns
        .iter()
        .filter(|a| a.verdict != Verdict::None)
        .map(|a| format!("{}: **{}**", a.annotator, a.verdict))
        .collect();
    v.join(", ")
}

/// A Markdown fact-check report: each fact with its coverage per article, the verdicts, notes
/// and tags given on its claims, value conflicts and verdict disagreements; then annotated
/// claims outside any fact, then orphans.
pub fn markdown(analysis: &Analysis, state: &State) -> String {
    let r = resolve(analysis, state);
    let mut out = String::from("# Fact-check report\n\n");
    let n_ann = state.len();
    let _ = writeln!(
        out,
        "{} articles, {} claims, {} facts, {} annotations ({} orphaned).\n",
        analysis.corpus.articles.len(),
        analysis.claims.len(),
        analysis.facts.facts.len(),
        n_ann,
        r.orphans.len()
    );
    let mut in_fact = BTreeSet::new();
    for f in &analysis.facts.facts {
        let _ = writeln!(out, "## {} (`{}`)\n", cell(&f.label), f.id);
        let _ = writeln!(
            out,
            "Covered by {} of {} articles.\n",
            f.articles.len(),
            analysis.corpus.articles.len()
        );
        out.push_str("| Article | Claim | Verdicts | Notes |\n|---|---|---|---|\n");
        let mut verdicts = BTreeSet::new();
        for &c in &f.claims {
            in_fact.insert(c);
            let anns = on(&r, state, c);
            verdicts.extend(
                anns.iter()
                    .map(|a| a.verdict)
                    .filter(|v| *v != Verdict::None),
            );
            row(&mut out, analysis, c, &anns);
        }
        out.push('\n');
        for k in &f.conflicts {
            let _ = writeln!(
                out,
                "- Conflict on {}: {}",
                k.kind,
                cell(&k.values.join(" / "))
            );
        }
        if verdicts.len() > 1 {
            let names: Vec<&str> = verdicts.iter().map(|v| v.name()).collect();
            let _ = writeln!(out, "- Verdicts disagree: {}", names.join(" / "));
        }
        if !f.conflicts.is_empty() || verdicts.len() > 1 {
            out.push('\n');
        }
    }
    let loose: Vec<usize> = (0..analysis.claims.len())
        .filter(|c| !in_fact.contains(c) && !r.by_claim[*c].is_empty())
        .collect();
    if !loose.is_empty() {
        out.push_str("## Annotated claims outside any fact\n\n");
        out.push_str("| Article | Claim | Verdicts | Notes |\n|---|---|---|---|\n");
        for c in loose {
            row(&mut out, analysis, c, &on(&r, state, c));
        }
        out.push('\n');
    }
    if !r.orphans.is_empty() {
        out.push_str("## Orphaned annotations\n\n");
        for o in &r.orphans {
            let a = &o.annotation;
            let _ = writeln!(
                out,
                "- `{}` by {} on “{}”: {} ({})",
                a.id,
                a.annotator,
                cell(&a.selector.exact),
                a.verdict,
                o.reason
            );
        }
        out.push('\n');
    }
    out
}

fn on<'a>(r: &Resolved, state: &'a State, claim: usize) -> Vec<&'a Annotation> {
    r.by_claim[claim]
        .iter()
        .filter_map(|id| state.get(id))
        .collect()
}

fn row(out: &mut String, analysis: &Analysis, c: usize, anns: &[&Annotation]) {
    let claim = &analysis.claims[c];
    let title = analysis
        .corpus
        .articles
        .get(claim.article)
        .map_or("", |a| a.title.as_str());
    let mut notes: Vec<String> = anns
        .iter()
        .filter(|a| !a.note.is_empty())
        .map(|a| format!("{}: {}", a.annotator, a.note))
        .collect();
    let tags: BTreeSet<&String> = anns.iter().flat_map(|a| &a.tags).collect();
    if !tags.is_empty() {
        let t: Vec<String> = tags.iter().map(|t| format!("#{t}")).collect();
        notes.push(t.join(" "));
    }
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |",
        cell(title),
        cell(&claim.text),
        verdict_list(anns),
        cell(&notes.join("\n"))
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_as_rfc_4180_says() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("il a dit \"non\""), "\"il a dit \"\"non\"\"\"");
        assert_eq!(field("deux\nlignes"), "\"deux\nlignes\"");
    }

    #[test]
    fn markdown_cells_stay_on_one_line() {
        assert_eq!(cell("a|b\nc"), "a\\|b<br>c");
    }
}
