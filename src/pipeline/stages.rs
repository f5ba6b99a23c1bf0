//! Wall time and peak memory of each stage of the pipeline, for `recoupe stats` and the scale
//! benchmark.
//!
//! Peak memory per stage uses Linux's resettable high-water mark: writing `5` to
//! `/proc/self/clear_refs` resets `VmHWM` to the current resident size, and reading `VmHWM` from
//! `/proc/self/status` after the stage gives the most the stage held at once. Elsewhere (or when
//! `/proc` refuses) the peak is unknown and reported as such, never guessed.

use crate::progress::Phase;
use serde::Serialize;
use std::time::{Duration, Instant};

/// What one stage cost.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct StageReport {
    /// Which stage.
    pub phase: Phase,
    /// Wall-clock time.
    #[serde(serialize_with = "secs")]
    pub wall: Duration,
    /// Peak resident memory of the process during the stage, in bytes, when known.
    pub peak_bytes: Option<u64>,
}

fn secs<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

/// Runs `f` as stage `phase`, measuring it.
pub fn measure<T>(phase: Phase, f: impl FnOnce() -> T) -> (T, StageReport) {
    let resettable = reset_peak();
    let start = Instant::now();
    let value = f();
    let wall = start.elapsed();
    let peak_bytes = if resettable { peak_rss() } else { None };
    (
        value,
        StageReport {
            phase,
            wall,
            peak_bytes,
        },
    )
}

/// Resets the process's peak resident size to its current size. False when not possible.
pub fn reset_peak() -> bool {
    cfg!(target_os = "linux") && std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// The process's peak resident size since start or the last [`reset_peak`], in bytes.
pub fn peak_rss() -> Option<u64> {
    status_kb("VmHWM:")
}

/// The process's resident size now, in bytes: what a step leaves behind, where the peak is
/// what it needed on the way.
pub fn rss_now() -> Option<u64> {
    status_kb("VmRSS:")
}

/// A `kB` field of `/proc/self/status`, in bytes.
fn status_kb(field: &str) -> Option<u64> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line
        .trim_start_matches(field)
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

/// The aligner's sub-steps on stderr, with wall time, CPU time and peak memory, when
/// `RECOUPE_ALIGN_TRACE` is set (for profiling by hand; `recoupe stats` reports the stage as a
/// whole). CPU time is printed next to wall time: on a shared machine it is the steadier of
/// the two.
pub struct AlignTrace {
    start: Instant,
    cpu: f64,
}

impl AlignTrace {
    /// A trace starting now, when `RECOUPE_ALIGN_TRACE` asks for one.
    pub fn from_env() -> Option<AlignTrace> {
        std::env::var_os("RECOUPE_ALIGN_TRACE").map(|_| {
            eprintln!(
                "align start        {} MB resident",
                rss_now().unwrap_or(0) >> 20
            );
            AlignTrace {
                start: Instant::now(),
                cpu: cpu_secs(),
            }
        })
    }
}

impl crate::facts::Observer for AlignTrace {
    fn step(&mut self, name: &str) {
        let (peak, rss) = (peak_rss().unwrap_or(0) >> 20, rss_now().unwrap_or(0) >> 20);
        let now = cpu_secs();
        eprintln!(
            "align {name:<12} {:>7.3} s wall {:>7.2} s cpu  peak {peak} MB, {rss} MB after",
            self.start.elapsed().as_secs_f64(),
            now - self.cpu
        );
        self.start = Instant::now();
        self.cpu = now;
    }

    fn count(&mut self, name: &str, n: usize) {
        eprintln!("align {name:<12} {n:>10}");
    }
}

/// CPU time of the process so far (user + system), in seconds, when `/proc` tells (else 0).
pub fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces): utime and stime are 14th and
    // 15th of the line, 12th and 13th after the closing parenthesis.
    let rest = stat.rsplit_once(')').map_or("", |r| r.1);
    let ticks: f64 = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|t| t.parse::<f64>().ok())
        .sum();
    ticks / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_a_stage_that_allocates() {
        // Touch 64 MiB so that it is resident, not just reserved, and keep it until the peak
        // is read: other tests reset the process-wide peak in parallel, and a reset only ever
        // lowers it to the current resident size, which still holds this block.
        let (v, r) = measure(Phase::Extract, || vec![1u8; 64 << 20]);
        assert_eq!(v.iter().map(|&b| b as usize).sum::<usize>(), 64 << 20);
        assert_eq!(r.phase, Phase::Extract);
        if reset_peak() {
            let peak = r.peak_bytes.expect("VmHWM readable where clear_refs is");
            assert!(peak >= 64 << 20, "{peak}");
        }
    }
}
