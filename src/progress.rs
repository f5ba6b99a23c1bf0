//! Progress of a running analysis, shared between the thread doing the work and whoever shows
//! it.
//!
//! The pipeline only bumps atomic counters ([`Progress`]); it never draws. Two readers poll
//! them: [`Bar`], an indicatif progress bar on stderr for `stats` and `export` (drawn only when
//! stderr is a terminal, so scripts and pipes see nothing), and the reader's loop, which shows a
//! progress bar while the analysis runs in a background thread. Polling atomics keeps the
//! pipeline free of callbacks and of any knowledge of who is watching; the one hook is an
//! optional *waker* ([`Progress::with_waker`]) that tells a sleeping watcher there is something
//! new to poll — at every stage change, and at most every [`WAKE_EVERY`] in between, so a
//! watcher that redraws on each wake-up redraws about ten times a second, never per article.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU8, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Shortest interval between two wake-ups for per-article progress (stage changes always
/// wake).
pub const WAKE_EVERY: Duration = Duration::from_millis(100);

/// What [`Progress`] calls to wake a watcher.
type Waker = Box<dyn Fn() + Send + Sync>;

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
pub struct Progress {
    phase: AtomicU8,
    articles_total: AtomicUsize,
    articles_done: AtomicUsize,
    claims: AtomicUsize,
    /// Called when there is news (see [`Progress::with_waker`]).
    waker: OnceLock<Waker>,
    /// When the waker was last called, in milliseconds since `epoch` (+1, so 0 means never).
    woken: AtomicU64,
    epoch: Instant,
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            phase: AtomicU8::new(Phase::Load as u8),
            articles_total: AtomicUsize::new(0),
            articles_done: AtomicUsize::new(0),
            claims: AtomicUsize::new(0),
            waker: OnceLock::new(),
            woken: AtomicU64::new(0),
            epoch: Instant::now(),
        }
    }
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Progress")
            .field("now", &self.snapshot())
            .field("waker", &self.waker.get().is_some())
            .finish()
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
    /// How far the whole analysis is, from 0 to 1. Stages are weighted by their usual share of
    /// the time on an uncached corpus (segmenting is quick, extraction the bulk); alignment and
    /// the cache write report no per-item progress, so the bar holds there until done.
    pub fn fraction(&self) -> f64 {
        let within = if self.articles_total == 0 {
            0.0
        } else {
            (self.articles_done as f64 / self.articles_total as f64).min(1.0)
        };
        match self.phase {
            Phase::Load => 0.0,
            Phase::Segment => 0.1 * within,
            Phase::Extract => 0.1 + 0.7 * within,
            Phase::Align => 0.8,
            Phase::Store => 0.95,
            Phase::Done => 1.0,
        }
    }

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

    /// Fresh counters that call `waker` when there is news: at each stage change, and at most
    /// every [`WAKE_EVERY`] while articles finish.
    pub fn with_waker(waker: impl Fn() + Send + Sync + 'static) -> Arc<Progress> {
        let p = Progress::default();
        let _ = p.waker.set(Box::new(waker));
        Arc::new(p)
    }

    /// Starts `phase` over `total` articles (resets the per-stage counter).
    pub fn start(&self, phase: Phase, total: usize) {
        self.articles_total.store(total, Ordering::Relaxed);
        self.articles_done.store(0, Ordering::Relaxed);
        self.phase.store(phase as u8, Ordering::Release);
        self.wake(true);
    }

    /// One more article finished the current stage, with `claims` new claims.
    pub fn article_done(&self, claims: usize) {
        self.articles_done.fetch_add(1, Ordering::Relaxed);
        if claims > 0 {
            self.claims.fetch_add(claims, Ordering::Relaxed);
        }
        self.wake(false);
    }

    /// Sets the number of claims (when a stage knows the total at once).
    pub fn set_claims(&self, claims: usize) {
        self.claims.store(claims, Ordering::Relaxed);
        self.wake(false);
    }

    /// Marks the analysis finished.
    pub fn finish(&self) {
        self.articles_done.store(
            self.articles_total.load(Ordering::Relaxed),
            Ordering::Relaxed,
        );
        self.phase.store(Phase::Done as u8, Ordering::Release);
        self.wake(true);
    }

    /// Calls the waker, if any: always when `now`, else only if the last call was at least
    /// [`WAKE_EVERY`] ago (one thread wins the race; the others skip).
    fn wake(&self, now: bool) {
        let Some(waker) = self.waker.get() else {
            return;
        };
        let ms = self.epoch.elapsed().as_millis() as u64 + 1;
        let last = self.woken.load(Ordering::Relaxed);
        let due = now || last == 0 || ms >= last + WAKE_EVERY.as_millis() as u64;
        if due
            && (now
                || self
                    .woken
                    .compare_exchange(last, ms, Ordering::Relaxed, Ordering::Relaxed)
                    .is_ok())
        {
            if now {
                self.woken.store(ms, Ordering::Relaxed);
            }
            waker();
        }
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
    fn waker_is_called_at_stage_changes_and_throttled_in_between() {
        let calls = Arc::new(AtomicUsize::new(0));
        let seen = Arc::clone(&calls);
        let p = Progress::with_waker(move || {
            seen.fetch_add(1, Ordering::Relaxed);
        });
        p.start(Phase::Extract, 1000);
        assert_eq!(calls.load(Ordering::Relaxed), 1);
        // A thousand articles in well under WAKE_EVERY: the stage start's wake-up covers them.
        let t = Instant::now();
        for _ in 0..1000 {
            p.article_done(1);
        }
        let during = calls.load(Ordering::Relaxed);
        if t.elapsed() < WAKE_EVERY {
            assert_eq!(during, 1);
        }
        assert!(during <= 1 + (t.elapsed().as_millis() / WAKE_EVERY.as_millis()) as usize + 1);
        p.finish();
        assert_eq!(calls.load(Ordering::Relaxed), during + 1);
    }

    #[test]
    fn fraction_grows_through_the_stages() {
        let p = Progress::new();
        let mut last = p.snapshot().fraction();
        assert_eq!(last, 0.0);
        for phase in [Phase::Segment, Phase::Extract] {
            p.start(phase, 4);
            for _ in 0..4 {
                p.article_done(0);
                let f = p.snapshot().fraction();
                assert!(f > last, "{phase:?}: {f} after {last}");
                last = f;
            }
        }
        p.start(Phase::Align, 4);
        assert!(p.snapshot().fraction() >= last);
        p.finish();
        assert_eq!(p.snapshot().fraction(), 1.0);
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
