//! Progress of a running analysis, shared between the thread doing the work and whoever shows
//! it.
//!
//! The pipeline only bumps atomic counters ([`Progress`]); it never draws. Two readers poll
//! them: [`Bar`], an indicatif progress bar on stderr for `stats` and `export` (drawn only when
//! stderr is a terminal, so scripts and pipes see nothing), and the reader's loop, which shows a
//! progress line while the analysis runs in a background thread. Polling atomics keeps the
//! pipeline free of callbacks and of any knowledge of who is watching.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

/// The stages of the pipeline, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// Reading and decoding files.
    Load,
    /// Splitting articles into sentences.
    Segment,
    /// Extracting claims.
    Extract,
    /// Aligning claims into facts.
    Align,
    /// Writing new cache entries.
    Store,
    /// Finished.
    Done,
}

impl Phase {
    const ALL: [Phase; 6] = [
        Phase::Load,
        Phase::Segment,
        Phase::Extract,
        Phase::Align,
        Phase::Store,
        Phase::Done,
    ];

    /// Lower-case name, as printed by `stats`.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Load => "load",
            Phase::Segment => "segment",
            Phase::Extract => "extract",
            Phase::Align => "align",
            Phase::Store => "store",
            Phase::Done => "done",
        }
    }
}

/// Counters of a running analysis. Cheap to bump from many threads; read with
/// [`Progress::snapshot`].
#[derive(Debug)]
pub struct Progress {
    phase: AtomicU8,
    articles_total: AtomicUsize,
    articles_done: AtomicUsize,
    claims: AtomicUsize,
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            phase: AtomicU8::new(Phase::Load as u8),
            articles_total: AtomicUsize::new(0),
            articles_done: AtomicUsize::new(0),
            claims: AtomicUsize::new(0),
        }
    }
}

/// What [`Progress`] said at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Snapshot {
    /// The stage running.
    pub phase: Phase,
    /// Articles in the corpus (0 until loaded).
    pub articles_total: usize,
    /// Articles whose current stage is finished.
    pub articles_done: usize,
    /// Claims extracted so far.
    pub claims: usize,
}

impl Snapshot {
    /// One human line: "extract 4,210/10,000 articles · 38,112 claims".
    pub fn line(&self) -> String {
        match self.phase {
            Phase::Load => "loading articles…".to_owned(),
            Phase::Done => format!("{} articles · {} claims", self.articles_total, self.claims),
            Phase::Align => format!("aligning {} claims…", self.claims),
            p => format!(
                "{} {}/{} articles · {} claims",
                p.name(),
                self.articles_done,
                self.articles_total,
                self.claims
            ),
        }
    }
}

impl Progress {
    /// Fresh counters, phase [`Phase::Load`].
    pub fn new() -> Arc<Progress> {
        Arc::new(Progress::default())
    }

    /// Starts `phase` over `total` articles (resets the per-stage counter).
    pub fn start(&self, phase: Phase, total: usize) {
        self.articles_total.store(total, Ordering::Relaxed);
        self.articles_done.store(0, Ordering::Relaxed);
        self.phase.store(phase as u8, Ordering::Release);
    }

    /// One more article finished the current stage, with `claims` new claims.
    pub fn article_done(&self, claims: usize) {
        self.articles_done.fetch_add(1, Ordering::Relaxed);
        if claims > 0 {
            self.claims.fetch_add(claims, Ordering::Relaxed);
        }
    }

    /// Sets the number of claims (when a stage knows the total at once).
    pub fn set_claims(&self, claims: usize) {
        self.claims.store(claims, Ordering::Relaxed);
    }

    /// Marks the analysis finished.
    pub fn finish(&self) {
        self.articles_done.store(
            self.articles_total.load(Ordering::Relaxed),
            Ordering::Relaxed,
        );
        self.phase.store(Phase::Done as u8, Ordering::Release);
    }

    /// The counters now.
    pub fn snapshot(&self) -> Snapshot {
        let phase = self.phase.load(Ordering::Acquire);
        Snapshot {
            phase: Phase::ALL
                .get(phase as usize)
                .copied()
                .unwrap_or(Phase::Done),
            articles_total: self.articles_total.load(Ordering::Relaxed),
            articles_done: self.articles_done.load(Ordering::Relaxed),
            claims: self.claims.load(Ordering::Relaxed),
        }
    }
}

/// How often [`Bar`] redraws.
const REFRESH: Duration = Duration::from_millis(100);

/// A progress bar on stderr that follows a [`Progress`] until dropped. Draws nothing when
/// stderr is not a terminal.
pub struct Bar {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Bar {
    /// Starts following `progress` (only when stderr is a terminal).
    pub fn start(progress: Arc<Progress>) -> Bar {
        if !std::io::stderr().is_terminal() {
            return Bar {
                stop: None,
                thread: None,
            };
        }
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || follow(&progress, &stopped));
        Bar {
            stop: Some(stop),
            thread: Some(thread),
        }
    }
}

/// The bar's thread: redraws every [`REFRESH`] until told to stop.
fn follow(progress: &Progress, stopped: &mpsc::Receiver<()>) {
    let bar = indicatif::ProgressBar::new(0);
    let style = indicatif::ProgressStyle::with_template(
        "{prefix:>8} [{bar:30}] {pos}/{len} articles · {msg} claims · {elapsed}",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
    .progress_chars("=> ");
    bar.set_style(style);
    loop {
        let s = progress.snapshot();
        bar.set_prefix(s.phase.name());
        bar.set_length(s.articles_total as u64);
        bar.set_position(s.articles_done as u64);
        bar.set_message(s.claims.to_string());
        match stopped.recv_timeout(REFRESH) {
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            _ => break,
        }
    }
    bar.finish_and_clear();
}

impl Drop for Bar {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_follow_the_stages() {
        let p = Progress::new();
        assert_eq!(p.snapshot().phase, Phase::Load);
        p.start(Phase::Extract, 3);
        p.article_done(2);
        p.article_done(0);
        let s = p.snapshot();
        assert_eq!(
            (s.phase, s.articles_done, s.articles_total),
            (Phase::Extract, 2, 3)
        );
        assert_eq!(s.claims, 2);
        assert_eq!(s.line(), "extract 2/3 articles · 2 claims");
        p.start(Phase::Align, 3);
        assert_eq!(p.snapshot().articles_done, 0);
        p.finish();
        let s = p.snapshot();
        assert_eq!((s.phase, s.articles_done), (Phase::Done, 3));
    }

    #[test]
    fn bar_is_silent_and_stops_without_a_terminal() {
        // Under `cargo test` stderr is captured or piped: the bar must start no thread.
        if std::io::stderr().is_terminal() {
            return;
        }
        let bar = Bar::start(Progress::new());
        assert!(bar.thread.is_none());
    }
}
