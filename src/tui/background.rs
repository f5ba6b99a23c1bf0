//! The analysis thread: the reader draws its first frame on the loaded articles, then
//! segments, extracts, aligns (and writes the cache) here, off the terminal loop.
//!
//! The thread bumps [`Progress`] counters; their waker and the thread's last act both write to
//! the loop's wake pipe ([`super::signals::Waker`]), so the loop sleeps until there is news —
//! at most about ten progress wake-ups a second ([`crate::progress::WAKE_EVERY`]) — and polls
//! [`Background::poll`] for what to apply: an [`Action::Progress`] or, once, the finished
//! analysis as an [`Action::AnalysisReady`]. The annotation journal is opened here too, for the
//! analysed corpus, so that nothing but loading the files stands before the first frame.

use super::signals::Waker;
use crate::app::{Action, Analysed, Delivery};
use crate::cli::AnnotationArgs;
use crate::corpus::Corpus;
use crate::pipeline::{Options, analyze_with, cache::Cache};
use crate::progress::Progress;
use std::io;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};

/// A running analysis.
pub struct Background {
    progress: Arc<Progress>,
    done: Receiver<Delivery>,
}

impl Background {
    /// Starts analysing `corpus` (with the user's cache) and opening its journal.
    pub fn start(corpus: Corpus, annotation: AnnotationArgs, waker: Waker) -> io::Result<Self> {
        let waker = Arc::new(waker);
        let wakes = Arc::clone(&waker);
        let progress = Progress::with_waker(move || wakes.wake());
        let counters = Arc::clone(&progress);
        let (send, done) = mpsc::channel();
        std::thread::Builder::new()
            .name("recoupe-analysis".into())
            .spawn(move || {
                let options = Options {
                    cache: Cache::user(),
                    progress: Some(counters),
                };
                let analysis = analyze_with(corpus, &options).0;
                let store = crate::app::annotate::open(&annotation, &analysis.corpus);
                let done = Analysed {
                    analysis,
                    store: Some(store),
                };
                // The loop may have quit meanwhile: nobody to tell.
                let _ = send.send(Delivery::new(done));
                waker.wake();
            })?;
        Ok(Background { progress, done })
    }

    /// What the app should apply now: the finished analysis when it has arrived, else the
    /// progress so far. An error when the thread ended without a result (it panicked).
    pub fn poll(&self) -> io::Result<Action> {
        match self.done.try_recv() {
            Ok(d) => Ok(Action::AnalysisReady(d)),
            Err(TryRecvError::Empty) => Ok(Action::Progress(self.progress.snapshot())),
            Err(TryRecvError::Disconnected) => Err(io::Error::other(
                "the background analysis stopped without a result",
            )),
        }
    }
}
