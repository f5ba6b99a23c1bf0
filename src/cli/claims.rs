//! `recoupe claims`: the claims of each article as a table — article, claim id, modality
//! badge, score, and a short form (key entities, values, source).
//!
//! Article text is untrusted: everything printed passes through
//! [`crate::text::display::sanitize_line`].

use super::CorpusArgs;
use crate::claims::Claim;
use crate::text::display::sanitize_line;
use std::io::Write;
use std::process::ExitCode;

/// Entities shown in the short form.
const MAX_ENTITIES: usize = 3;

/// The short form of a claim: key entities, then quantities and dates as written, then the
/// source.
pub fn short_form(c: &Claim) -> String {
    let mut names: Vec<&str> = Vec::new();
    for e in &c.entities {
        if !names.contains(&e.canonical.as_str()) && names.len() < MAX_ENTITIES {
            names.push(&e.canonical);
        }
    }
    let mut parts = Vec::new();
    if !names.is_empty() {
        parts.push(names.join(", "));
    }
    parts.extend(c.quantities.iter().map(|q| q.text.to_string()));
    parts.extend(c.dates.iter().map(|d| d.text.to_string()));
    if let Some(a) = &c.attribution {
        parts.push(format!("← {}", a.source));
    }
    if parts.is_empty() {
        parts.push(c.text.chars().take(60).collect());
    }
    sanitize_line(&parts.join(" · "))
}

/// The table for all claims, one line each, with a header.
pub fn table(analysis: &crate::pipeline::Analysis) -> String {
    let rows: Vec<[String; 5]> = analysis
        .claims
        .iter()
        .map(|c| {
            let article = analysis
                .corpus
                .articles
                .get(c.article)
                .map_or("", |a| a.id.as_str());
            [
                sanitize_line(article),
                sanitize_line(&c.id),
                c.modality.badge().to_string(),
                format!("{:.2}", c.score),
                short_form(c),
            ]
        })
        .collect();
    let header = ["ARTICLE", "CLAIM", "M", "SCORE", "SUMMARY"].map(String::from);
    let width = |k: usize| {
        rows.iter()
            .chain(std::iter::once(&header))
            .map(|r| unicode_width::UnicodeWidthStr::width(r[k].as_str()))
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1), 1, 5];
    let mut out = String::new();
    for r in std::iter::once(&header).chain(&rows) {
        for (k, w) in widths.iter().enumerate() {
            let cell = &r[k];
            let pad = w.saturating_sub(unicode_width::UnicodeWidthStr::width(cell.as_str()));
            out.push_str(cell);
            out.push_str(&" ".repeat(pad + 2));
        }
        out.push_str(&r[4]);
        out.push('\n');
    }
    out
}

/// Runs the subcommand.
pub fn run(corpus: &CorpusArgs) -> ExitCode {
    let corpus = match super::load_corpus(corpus) {
        Ok(c) => c,
        Err(code) => return code,
    };
    for n in &corpus.notices {
        eprintln!("recoupe: {n}");
    }
    let analysis = crate::pipeline::analyze(corpus);
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = out.write_all(table(&analysis).as_bytes());
    ExitCode::SUCCESS
}
