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
    if !cfg!(target_os = "linux") {
        return None;
    }
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
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
