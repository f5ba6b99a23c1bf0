//! The terminal loop: loads the corpus, takes the terminal and draws the articles at once,
//! analyses them in a [`background`] thread, and turns terminal events and the analysis's
//! progress into [`Action`]s and draws — only after input, a resize, a `SIGCONT` or news from
//! the analysis, never on a timer.
//!
//! Every pending event is drained before drawing (a burst of queued keys costs one frame, and a
//! burst of resizes is merged into the last size). Frames are sent only when they change
//! something (see [`terminal::Screen::draw`]). The loop sleeps in [`signals::Signals::wait`],
//! so an idle reader uses no CPU and sends no bytes.

mod background;
mod clipboard;
pub mod config;
mod crash;
mod mouse;
mod signals;
mod terminal;

pub use clipboard::{base64, osc52};

use crate::app::{Action, App, AppOptions, Effect};
use crate::cli::{AnnotationArgs, EXIT_USAGE, ReaderArgs};
use crate::keys::Keymap;
use crate::ui::Theme;
use crate::ui::theme::{ColorDepth, term_wants_ascii};
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::io::{self, IsTerminal, Read};
use std::os::fd::{AsRawFd, RawFd};
use std::process::ExitCode;
use std::time::Duration;

/// Environment variable (a test hook): when `1`, the reader panics right after its first frame,
/// so that tests can check the terminal is restored and a crash report written.
pub const TEST_PANIC_VAR: &str = "RECOUPE_TEST_PANIC";

/// Opens the reader.
pub fn run(args: ReaderArgs) -> ExitCode {
    let term = std::env::var("TERM").ok();
    let tty = match open_tty(term.as_deref()) {
        Ok(tty) => tty,
        Err(why) => {
            eprintln!(
                "recoupe: the reader needs an interactive terminal ({why}).\n\
                 For scripts and pipes use `recoupe claims` (a table of the claims) or \
                 `recoupe export` (JSON, W3C, CSV or Markdown); see `recoupe --help`."
            );
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let corpus = match crate::cli::load_corpus(&args.corpus) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let mut config = config::Config::load();
    let ascii = args.ascii || term_wants_ascii(term.as_deref());
    let (theme, theme_errors) = Theme::build(ColorDepth::from_env(), ascii, &config.theme);
    config.add_theme_errors(&theme_errors);
    let mut keymap = Keymap::defaults();
    config.apply_keys(&mut keymap);
    let options = AppOptions {
        ascii,
        mouse: args.mouse,
        config_errors: config.errors,
    };
    // Claims, facts and the journal come from the background analysis, after the first frame.
    let app = App::pending(corpus, options);

    let signals = match signals::Signals::install() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("recoupe: cannot install signal handlers: {e}");
            return ExitCode::FAILURE;
        }
    };
    crash::install();
    let mut reader = Reader {
        app,
        keymap,
        theme,
        tty: tty.fd(),
        in_tmux: std::env::var_os("TMUX").is_some_and(|v| !v.is_empty()),
        annotation: args.annotation.clone(),
        background: None,
    };
    let result = terminal::Screen::enter(args.mouse, &reader.theme)
        .and_then(|mut screen| reader.run(&mut screen, &signals));
    terminal::restore();
    drop(tty);
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("recoupe: terminal error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Where the reader reads keys: standard input if it is a terminal, else `/dev/tty`.
enum Tty {
    Stdin,
    Dev(std::fs::File),
}

impl Tty {
    fn fd(&self) -> RawFd {
        match self {
            Tty::Stdin => 0,
            Tty::Dev(f) => f.as_raw_fd(),
        }
    }
}

/// Finds the terminal, or says why there is none.
fn open_tty(term: Option<&str>) -> Result<Tty, String> {
    if !io::stdout().is_terminal() {
        return Err("standard output is not a terminal".into());
    }
    match term {
        None | Some("") => return Err("TERM is not set".into()),
        Some("dumb") => return Err("TERM=dumb cannot draw a full-screen display".into()),
        Some(_) => {}
    }
    if io::stdin().is_terminal() {
        return Ok(Tty::Stdin);
    }
    std::fs::File::open("/dev/tty")
        .map(Tty::Dev)
        .map_err(|e| format!("standard input is not a terminal and /dev/tty cannot be opened: {e}"))
}

/// The loop's state.
struct Reader {
    app: App,
    keymap: Keymap,
    theme: Theme,
    tty: RawFd,
    in_tmux: bool,
    /// Where the journal is, for the analysis thread to open it.
    annotation: AnnotationArgs,
    /// The analysis, while it runs.
    background: Option<background::Background>,
}

impl Reader {
    /// Runs until the app quits or a signal ends it; returns the exit status.
    fn run(
        &mut self,
        screen: &mut terminal::Screen,
        signals: &signals::Signals,
    ) -> io::Result<ExitCode> {
        let (w, h) = crossterm::terminal::size()?;
        self.app.update(Action::Resize(w, h));
        screen.draw(&self.app, &self.theme, true)?;
        if std::env::var(TEST_PANIC_VAR).is_ok_and(|v| v == "1") {
            panic!("{TEST_PANIC_VAR}=1: deliberate panic after the first frame");
        }
        // Only now: the corpus copy the analysis works on costs nothing to the first frame.
        self.background = Some(background::Background::start(
            self.app.analysis.corpus.clone(),
            self.annotation.clone(),
            signals.waker()?,
        )?);
        loop {
            let wake = signals.wait(self.tty)?;
            if wake.hangup {
                // The terminal is gone: nothing may be written to it.
                signal_hook::low_level::exit(signals::HANGUP_STATUS);
            }
            if let Some(sig) = signals.terminate() {
                terminal::restore();
                return Ok(ExitCode::from((128 + sig) as u8));
            }
            let mut force = false;
            if signals.take_continued() {
                screen.reenter()?;
                force = true;
            }
            let mut dirty = self.poll_analysis()?;
            let (keys, events, suspend) = self.drain()?;
            dirty |= keys;
            if suspend {
                screen.suspend()?;
                force = true;
            }
            for effect in self.app.take_effects() {
                match effect {
                    Effect::Copy(text) => screen.send(&osc52(&text, self.in_tmux))?,
                }
            }
            if self.app.quit {
                return Ok(ExitCode::SUCCESS);
            }
            if wake.input && events == 0 {
                self.discard_stuck_input();
            }
            if dirty || force {
                screen.draw(&self.app, &self.theme, force)?;
            }
        }
    }

    /// Applies the analysis's progress, or the analysis once it has arrived.
    fn poll_analysis(&mut self) -> io::Result<bool> {
        let Some(bg) = &self.background else {
            return Ok(false);
        };
        let action = bg.poll()?;
        if matches!(action, Action::AnalysisReady(_)) {
            self.background = None;
        }
        Ok(self.app.update(action))
    }

    /// Applies every pending event. Returns (something changed, events read, `Ctrl-z` seen).
    fn drain(&mut self) -> io::Result<(bool, usize, bool)> {
        let mut dirty = false;
        let mut events = 0;
        let mut resize = None;
        while !self.app.quit && event::poll(Duration::ZERO)? {
            events += 1;
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    if is_suspend(&key) {
                        // Apply what came before; what follows waits for the resume.
                        if let Some((w, h)) = resize.take() {
                            dirty |= self.app.update(Action::Resize(w, h));
                        }
                        return Ok((dirty, events, true));
                    }
                    if let Some(action) = self.keymap.action(&self.app, key) {
                        dirty |= self.app.update(action);
                    }
                }
                Event::Mouse(m) if self.app.options.mouse => {
                    dirty |= mouse::apply(&mut self.app, m)
                }
                Event::Resize(w, h) => resize = Some((w, h)),
                _ => {}
            }
        }
        if let Some((w, h)) = resize {
            dirty |= self.app.update(Action::Resize(w, h));
        }
        Ok((dirty, events, false))
    }

    /// Input that crossterm's edge-triggered reader will not pick up until more arrives (it
    /// reads at most 1 KiB per wake-up) would make the level-triggered wait spin: drop it.
    fn discard_stuck_input(&self) {
        let pending = signals::Signals::pending_bytes(self.tty);
        if pending == 0 {
            return;
        }
        let mut sink = vec![0u8; pending.min(64 * 1024)];
        // SAFETY: `tty` stays open for the reader's lifetime; the read goes to `sink`.
        let mut file = std::mem::ManuallyDrop::new(unsafe {
            <std::fs::File as std::os::fd::FromRawFd>::from_raw_fd(self.tty)
        });
        let _ = file.read(&mut sink);
    }
}

/// `Ctrl-z`: in raw mode the terminal sends it as a key instead of stopping us.
fn is_suspend(key: &KeyEvent) -> bool {
    key.code == KeyCode::Char('z') && key.modifiers.contains(KeyModifiers::CONTROL)
}
