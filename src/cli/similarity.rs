//! `recoupe similarity`: same-fact similarity of sentence pairs read on stdin.
//!
//! Each line is `sentence1<TAB>sentence2`; each printed line is the score, in [0, 1] with four
//! decimals, that the aligner would give the two sentences as claims
//! ([`crate::facts::similarity`]), the one value it decides both link kinds on: it links two
//! claims as one fact when that score reaches `Params::link` and both have the same polarity,
//! and as a contradiction when it reaches `Params::contradict` and one denies what the other
//! asserts (polarity picks the kind of link, not the score). A link also needs the two to
//! share something stated, not only names and dates; such a pair is printed with its graded
//! score all the same, though the aligner would never link it. With `--idf` each word
//! weighs by its rarity across all the pairs read, as the aligner weighs claims across a corpus
//! ([`crate::facts::similarities`]); the whole input is then read before anything is printed. A
//! bad line is reported on stderr by number and skipped; the exit status is then 1 so that
//! scripts notice.

use std::io::{BufRead, Write};
use std::process::ExitCode;

/// The two sentences of line `number`, or the problem to report.
fn pair(line: &[u8], number: usize) -> Result<(&str, &str), String> {
    let Ok(text) = std::str::from_utf8(line) else {
        return Err(format!(
            "recoupe similarity: line {number}: not valid UTF-8, skipped"
        ));
    };
    let text = text.strip_suffix('\r').unwrap_or(text);
    match text.split_once('\t') {
        Some((a, b)) if !b.contains('\t') && !a.trim().is_empty() && !b.trim().is_empty() => {
            Ok((a, b))
        }
        _ => Err(format!(
            "recoupe similarity: line {number}: expected two non-empty sentences separated by \
             one tab, skipped"
        )),
    }
}

/// Scores every line of `input`, writing scores to `out` and problems to `err`; returns the
/// number of bad lines. With `idf`, words weigh by their rarity across all the lines, which are
/// all read first.
pub fn score_lines(
    input: impl BufRead,
    out: &mut impl Write,
    err: &mut impl Write,
    idf: bool,
) -> std::io::Result<usize> {
    let mut bad = 0;
    let mut lines = Vec::new();
    for (n, line) in input.split(b'\n').enumerate() {
        let line = line?;
        if idf {
            lines.push(line);
            continue;
        }
        match pair(&line, n + 1) {
            Ok((a, b)) => writeln!(out, "{:.4}", crate::facts::similarity(a, b))?,
            Err(problem) => {
                writeln!(err, "{problem}")?;
                bad += 1;
            }
        }
    }
    let mut pairs = Vec::with_capacity(lines.len());
    for (n, line) in lines.iter().enumerate() {
        match pair(line, n + 1) {
            Ok(p) => pairs.push(p),
            Err(problem) => {
                writeln!(err, "{problem}")?;
                bad += 1;
            }
        }
    }
    for score in crate::facts::similarities(&pairs) {
        writeln!(out, "{score:.4}")?;
    }
    Ok(bad)
}

/// Runs the subcommand; `idf` weighs words by their rarity across the whole input.
pub fn run(idf: bool) -> ExitCode {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut err = std::io::stderr();
    match score_lines(stdin.lock(), &mut out, &mut err, idf).and_then(|bad| {
        out.flush()?;
        Ok(bad)
    }) {
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
        let bad = score_lines(input.as_bytes(), &mut out, &mut err, false).unwrap();
        assert_eq!(bad, 1);
        let out = String::from_utf8(out).unwrap();
        let scores: Vec<f32> = out.lines().map(|l| l.parse().unwrap()).collect();
        assert_eq!(scores.len(), 2);
        assert!(out.lines().all(|l| l.len() == 6), "{out}");
        assert!(scores[0] > 0.5 && scores[1] < 0.1, "{scores:?}");
        assert!(String::from_utf8(err).unwrap().contains("line 2"));
    }

    #[test]
    fn idf_weighs_words_by_rarity_across_the_lines() {
        // Every line has "homme" and most have "marche": with --idf the pair sharing the rare
        // "guitare" outscores the pair sharing those two, which wins without it.
        let mut input = String::from("Un homme marche vite.\tUn homme marche lentement.\n");
        input.push_str("Une guitare sonne.\tUne guitare casse.\n");
        input.push_str("pas de tabulation\n");
        for _ in 0..14 {
            input.push_str("Un homme marche.\tUn homme dort.\n");
        }
        let run = |idf| {
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let bad = score_lines(input.as_bytes(), &mut out, &mut err, idf).unwrap();
            assert_eq!(bad, 1);
            assert!(String::from_utf8(err).unwrap().contains("line 3"));
            String::from_utf8(out)
                .unwrap()
                .lines()
                .map(|l| l.parse().unwrap())
                .collect::<Vec<f32>>()
        };
        let (flat, idf) = (run(false), run(true));
        assert_eq!((flat.len(), idf.len()), (16, 16));
        assert!(flat[0] > flat[1] && idf[1] > idf[0], "{flat:?} {idf:?}");
    }
}
