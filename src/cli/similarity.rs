//! `recoupe similarity`: same-fact similarity of sentence pairs read on stdin.
//!
//! Each line is `sentence1<TAB>sentence2`; each printed line is the score, in [0, 1] with four
//! decimals, that the aligner would give the two sentences as claims
//! ([`crate::facts::similarity`]). A bad line is reported on stderr by number and skipped; the
//! exit status is then 1 so that scripts notice.

use std::io::{BufRead, Write};
use std::process::ExitCode;

/// Scores every line of `input`, writing scores to `out` and problems to `err`; returns the
/// number of bad lines.
pub fn score_lines(
    input: impl BufRead,
    out: &mut impl Write,
    err: &mut impl Write,
) -> std::io::Result<usize> {
    let mut bad = 0;
    for (n, line) in input.split(b'\n').enumerate() {
        let line = line?;
        let number = n + 1;
        let Ok(text) = std::str::from_utf8(&line) else {
            writeln!(
                err,
                "recoupe similarity: line {number}: not valid UTF-8, skipped"
            )?;
            bad += 1;
            continue;
        };
        let text = text.strip_suffix('\r').unwrap_or(text);
        match text.split_once('\t') {
            Some((a, b)) if !b.contains('\t') && !a.trim().is_empty() && !b.trim().is_empty() => {
                writeln!(out, "{:.4}", crate::facts::similarity(a, b))?;
            }
            _ => {
                writeln!(
                    err,
                    "recoupe similarity: line {number}: expected two non-empty sentences \
                     separated by one tab, skipped"
                )?;
                bad += 1;
            }
        }
    }
    Ok(bad)
}

/// Runs the subcommand.
pub fn run() -> ExitCode {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut err = std::io::stderr();
    match score_lines(stdin.lock(), &mut out, &mut err) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("recoupe similarity: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_good_lines_and_names_bad_ones() {
        let input = "Netflix a eu accès aux messages privés.\tNetflix avait accès aux DMs.\n\
                     no tab here\n\
                     Le ciel est bleu.\tNetflix a payé 150 millions de dollars.\n";
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let bad = score_lines(input.as_bytes(), &mut out, &mut err).unwrap();
        assert_eq!(bad, 1);
        let out = String::from_utf8(out).unwrap();
        let scores: Vec<f32> = out.lines().map(|l| l.parse().unwrap()).collect();
        assert_eq!(scores.len(), 2);
        assert!(out.lines().all(|l| l.len() == 6), "{out}");
        assert!(scores[0] > 0.5 && scores[1] < 0.1, "{scores:?}");
        assert!(String::from_utf8(err).unwrap().contains("line 2"));
    }
}
