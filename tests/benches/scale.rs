//! Scale benchmark: the whole pipeline on generated archives of 1,000 to 100,000 articles.
//!
//! For each size it writes a corpus with `tests/support/corpus_gen.rs` into a temp folder, then
//! runs the release binary `recoupe stats --json` on it as a child process, four times:
//! without cache, cold (empty cache: analyse and write it), warm (read it back), and after
//! editing one article (only that one should be re-analysed). Wall time is measured here;
//! peak memory and the per-stage breakdown are the program's own (`VmHWM` per stage, see
//! `pipeline::stages`).
//!
//! Sizes: `SCALE_SIZES=10000,20000,100000 cargo bench --bench scale` (default 1000,10000).
//! `SCALE_WRITE=DIR` only writes the corpora, to `DIR/corpus_N`, for profiling by hand.
//! Targets checked and printed: at 10,000 articles ≤ 5 s and ≤ 600 MB; 20,000 ≤ 2.4 × the
//! 10,000 time; 100,000 ≤ 60 s and ≤ 4 GB. The warm start's target (first frame ≤ 0.5 s at
//! 10,000) is timed by `--bench terminal_bytes`; the whole warm run printed here bounds it.

#[path = "../support/corpus_gen.rs"]
mod corpus_gen;

use serde_json::Value;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const SEED: u64 = 20_240_323;

struct Run {
    wall: Duration,
    json: Value,
}

impl Run {
    fn peak_mb(&self) -> f64 {
        self.json["peak_bytes"].as_f64().unwrap_or(f64::NAN) / (1024.0 * 1024.0)
    }

    fn stages(&self) -> String {
        self.json["stages"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|s| {
                        format!(
                            "{} {:.3}s/{:.0}MB",
                            s["phase"].as_str().unwrap_or("?"),
                            s["wall"].as_f64().unwrap_or(f64::NAN),
                            s["peak_bytes"].as_f64().unwrap_or(f64::NAN) / 1048576.0
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("  ")
            })
            .unwrap_or_default()
    }

    fn cache(&self, field: &str) -> u64 {
        self.json["cache"][field].as_u64().unwrap_or(0)
    }

    /// What the alignment cache did: "hit", "miss", "rejected" or "off".
    fn facts_cache(&self) -> String {
        self.json["cache"]["facts"]
            .as_str()
            .unwrap_or("off")
            .to_owned()
    }
}

fn stats(corpus: &Path, cache_home: &Path, no_cache: bool) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_recoupe"));
    cmd.arg("stats").arg("--json");
    if no_cache {
        cmd.arg("--no-cache");
    }
    cmd.arg(corpus).env("XDG_CACHE_HOME", cache_home);
    let start = Instant::now();
    let out = cmd.output().expect("run recoupe stats");
    let wall = start.elapsed();
    assert!(
        out.status.success(),
        "recoupe stats failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = serde_json::from_slice(&out.stdout).expect("stats --json prints JSON");
    Run { wall, json }
}

fn verdict(ok: bool) -> &'static str {
    if ok { "ok" } else { "MISSED" }
}

fn main() {
    let sizes: Vec<usize> = std::env::var("SCALE_SIZES")
        .unwrap_or_else(|_| "1000,10000".to_owned())
        .split(',')
        .filter_map(|s| s.trim().replace('_', "").parse().ok())
        .collect();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let generator = corpus_gen::Generator::from_dir(&seeds).expect("read seeds/");
    if let Some(out) = std::env::var_os("SCALE_WRITE") {
        for &n in &sizes {
            let corpus = Path::new(&out).join(format!("corpus_{n}"));
            let bytes = generator
                .write_corpus(&corpus, n, SEED)
                .expect("write corpus");
            println!("{}: {n} articles, {bytes} bytes", corpus.display());
        }
        return;
    }
    let mut times: Vec<(usize, f64)> = Vec::new();
    for &n in &sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        let corpus = dir.path().join("corpus");
        let cache_home = dir.path().join("cache");
        let bytes = generator
            .write_corpus(&corpus, n, SEED)
            .expect("write corpus");
        println!(
            "== {n} articles, {:.1} MB",
            bytes as f64 / (1024.0 * 1024.0)
        );
        let plain = stats(&corpus, &cache_home, true);
        println!(
            "no cache   {:>7.3} s  peak {:>7.1} MB  | {} | claims {} facts {} multi {} conflicts {}",
            plain.wall.as_secs_f64(),
            plain.peak_mb(),
            plain.stages(),
            plain.json["claims"],
            plain.json["facts"],
            plain.json["facts_multi_article"],
            plain.json["conflicts"],
        );
        let cold = stats(&corpus, &cache_home, false);
        println!(
            "cold cache {:>7.3} s  peak {:>7.1} MB  | {} | written {} facts {}",
            cold.wall.as_secs_f64(),
            cold.peak_mb(),
            cold.stages(),
            cold.cache("written"),
            cold.facts_cache()
        );
        let warm = stats(&corpus, &cache_home, false);
        println!(
            "warm cache {:>7.3} s  peak {:>7.1} MB  | {} | read {} facts {}",
            warm.wall.as_secs_f64(),
            warm.peak_mb(),
            warm.stages(),
            warm.cache("hits"),
            warm.facts_cache()
        );
        let first = std::fs::read_dir(&corpus)
            .expect("list corpus")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .min()
            .expect("an article");
        let mut text = std::fs::read_to_string(&first).expect("read article");
        text.push_str("\nUne phrase ajoutée le 3 mai 2024 change ce fichier.\n");
        std::fs::write(&first, text).expect("edit article");
        let edited = stats(&corpus, &cache_home, false);
        println!(
            "one edited {:>7.3} s  peak {:>7.1} MB  | {} | segmented {} extracted {} facts {} \
             | alignment {} scored {} reused {}",
            edited.wall.as_secs_f64(),
            edited.peak_mb(),
            edited.stages(),
            edited.cache("segmented"),
            edited.cache("extracted"),
            edited.facts_cache(),
            edited.json["cache"]["aligner"]["mode"]
                .as_str()
                .unwrap_or("-"),
            edited.json["cache"]["aligner"]["scored"],
            edited.json["cache"]["aligner"]["reused"]
        );
        let secs = plain.wall.as_secs_f64();
        times.push((n, secs));
        match n {
            10_000 => {
                // The warm-start target is the reader's first frame, drawn before the analysis
                // is read back (timed by `--bench terminal_bytes` with FIRST_FRAME_CORPUS);
                // the whole warm run here bounds it from above.
                let warm_secs = warm.wall.as_secs_f64();
                println!(
                    "target 10k: {:.2} s ≤ 5 s {}; {:.0} MB ≤ 600 MB {}; whole warm run {:.2} s \
                     (first frame ≤ 0.5 s: {})",
                    secs,
                    verdict(secs <= 5.0),
                    plain.peak_mb(),
                    verdict(plain.peak_mb() <= 600.0),
                    warm_secs,
                    if warm_secs <= 0.5 {
                        "ok"
                    } else {
                        "see terminal_bytes"
                    }
                );
            }
            100_000 => println!(
                "target 100k: {:.1} s ≤ 60 s {}; {:.0} MB ≤ 4096 MB {}",
                secs,
                verdict(secs <= 60.0),
                plain.peak_mb(),
                verdict(plain.peak_mb() <= 4096.0)
            ),
            _ => {}
        }
    }
    let at = |n: usize| times.iter().find(|t| t.0 == n).map(|t| t.1);
    if let (Some(t10), Some(t20)) = (at(10_000), at(20_000)) {
        println!(
            "target 20k/10k: {:.2} × ≤ 2.4 × {}",
            t20 / t10,
            verdict(t20 / t10 <= 2.4)
        );
    }
}
