//! Terminal setup, frames and restore.
//!
//! [`Screen`] owns raw mode, the alternate screen, the hidden cursor and (with `--mouse`) mouse
//! capture. Frames are staged in memory and sent as one write wrapped in synchronized output
//! (`CSI ? 2026 h … l`), and only when the drawn buffer differs from what is on screen, so a key
//! that changes nothing costs zero bytes. [`restore`] undoes everything; it is idempotent and
//! safe to call from the panic hook, which is why it writes with `write(2)` instead of going
//! through `Stdout`'s lock.

use crate::app::App;
use crate::ui::Theme;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::style::Colored;
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::{cursor, queue};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};

/// True while the terminal is in the reader's modes (raw, alternate screen).
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// True while mouse capture is on.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// What a frame has staged, shared between the backend's writer and the [`Screen`].
#[derive(Debug, Default)]
struct Staging {
    bytes: Vec<u8>,
}

/// The backend's writer: stages a frame's bytes so that a frame is one write, or none at all.
#[derive(Debug, Default, Clone)]
struct FrameWriter(Rc<RefCell<Staging>>);

impl FrameWriter {
    /// Drops what was staged.
    fn discard(&self) {
        self.0.borrow_mut().bytes.clear();
    }
}

impl Write for FrameWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let mut staging = self.0.borrow_mut();
        if staging.bytes.is_empty() {
            return Ok(());
        }
        let result = write_fd(&staging.bytes);
        staging.bytes.clear();
        result
    }
}

/// Writes all of `bytes` to standard output with `write(2)`.
fn write_fd(mut bytes: &[u8]) -> io::Result<()> {
    while !bytes.is_empty() {
        // SAFETY: the pointer and length describe the live slice `bytes`.
        let n = unsafe { libc::write(1, bytes.as_ptr().cast(), bytes.len()) };
        if n < 0 {
            let err = io::Error::last_os_error();
            if err.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(err);
        }
        bytes = &bytes[n as usize..];
    }
    Ok(())
}

/// The terminal while the reader runs.
pub struct Screen {
    terminal: Terminal<CrosstermBackend<FrameWriter>>,
    /// The same writer as the backend's.
    writer: FrameWriter,
    mouse: bool,
    /// The size of the last frame.
    area: Rect,
    /// What is on the screen now (`None`: unknown, the next frame redraws everything).
    shown: Option<Buffer>,
    /// Frames sent so far.
    pub frames: u64,
}

impl Screen {
    /// Enters raw mode and the alternate screen, hides the cursor, captures the mouse if asked.
    pub fn enter(mouse: bool, theme: &Theme) -> io::Result<Screen> {
        // Crossterm writes an empty SGR (a full attribute reset) for colour changes when it
        // believes NO_COLOR is set; the loop strips colours itself instead (see `strip`), so
        // crossterm must agree with the theme about whether colour is off.
        Colored::set_ansi_color_disabled(theme.colorless);
        enter_modes(mouse)?;
        let writer = FrameWriter::default();
        let terminal = Terminal::new(CrosstermBackend::new(writer.clone()))?;
        Ok(Screen {
            terminal,
            writer,
            mouse,
            area: Rect::default(),
            shown: None,
            frames: 0,
        })
    }

    /// Draws the app if the result differs from the screen (or `force`). Returns whether a
    /// frame was sent.
    pub fn draw(&mut self, app: &App, theme: &Theme, force: bool) -> io::Result<bool> {
        let area: Rect = self.terminal.size()?.into();
        queue!(self.terminal.backend_mut(), BeginSynchronizedUpdate)?;
        if area != self.area || force || self.shown.is_none() {
            // Clears the screen and forgets the previous buffer: a full redraw.
            self.terminal.resize(area)?;
            self.area = area;
            self.shown = None;
        }
        {
            let mut frame = self.terminal.get_frame();
            crate::ui::draw(&mut frame, app, theme);
        }
        let buffer = self.terminal.current_buffer_mut();
        strip(buffer, theme.colorless);
        if self.shown.as_ref() == Some(&*buffer) {
            buffer.reset();
            self.writer.discard();
            return Ok(false);
        }
        self.shown = Some(buffer.clone());
        self.terminal.flush()?;
        self.terminal.swap_buffers();
        queue!(self.terminal.backend_mut(), EndSynchronizedUpdate)?;
        self.writer.flush()?;
        self.frames += 1;
        Ok(true)
    }

    /// Sends raw bytes (an OSC 52 sequence) at once.
    pub fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.writer.write_all(bytes)?;
        self.writer.flush()
    }

    /// Re-enters the reader's modes (after `SIGCONT`) and makes the next frame a full one.
    pub fn reenter(&mut self) -> io::Result<()> {
        enter_modes(self.mouse)?;
        self.shown = None;
        Ok(())
    }

    /// `Ctrl-z`: gives the terminal back, stops until the shell continues us, then takes it
    /// again. Without job control (orphaned process group) the kernel ignores the stop and this
    /// just redraws.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore();
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
        self.reenter()
    }
}

/// Turns the reader's terminal modes on.
fn enter_modes(mouse: bool) -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = Vec::new();
    queue!(out, EnterAlternateScreen, cursor::Hide)?;
    if mouse {
        queue!(out, EnableMouseCapture)?;
        MOUSE.store(true, Ordering::SeqCst);
    }
    write_fd(&out)
}

/// Gives the terminal back: mouse capture off, main screen, cursor shown, cooked mode.
/// Idempotent; does nothing if the reader's modes are not on.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = Vec::new();
    if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = queue!(out, DisableMouseCapture);
    }
    let _ = queue!(out, LeaveAlternateScreen, cursor::Show);
    let _ = write_fd(&out);
    let _ = crossterm::terminal::disable_raw_mode();
}

/// Removes every background, and under a colourless theme every colour, from a drawn buffer,
/// whatever the widgets asked for: the reader never paints a background, and under `NO_COLOR`
/// no colour sequence may reach the terminal.
fn strip(buffer: &mut Buffer, colorless: bool) {
    for cell in &mut buffer.content {
        cell.bg = Color::Reset;
        if colorless {
            cell.fg = Color::Reset;
        }
    }
}
