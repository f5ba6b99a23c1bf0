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
use crate::ui::theme::ColorDepth;
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
    /// Rewrite palette colours 0–15 as SGR 30–37/90–97 (16-colour terminals).
    legacy_sgr: bool,
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
        let result = if staging.legacy_sgr {
            write_fd(&legacy_sgr(&staging.bytes))
        } else {
            write_fd(&staging.bytes)
        };
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
        writer.0.borrow_mut().legacy_sgr = theme.depth == ColorDepth::Ansi16;
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
        defuse(buffer);
        settle_widths(buffer);
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

/// The last line of defence against hostile text: whatever a widget drew, no cell may carry a
/// control char (C0, C1 such as the 8-bit CSI U+009B, DEL) or a bidi control, which the
/// terminal would act on instead of showing. A cell that starts with one shows its visible
/// placeholder; one that follows a base char (ratatui counts most controls as zero-width and
/// attaches them to the previous cell) is dropped, so the cell keeps its width.
fn defuse(buffer: &mut Buffer) {
    use crate::text::display::{Shown, display_char};
    for cell in &mut buffer.content {
        let symbol = cell.symbol();
        let unsafe_char = |c: char| !matches!(display_char(c, None), Shown::Char(_));
        if !symbol.chars().any(unsafe_char) {
            continue;
        }
        let mut safe = String::new();
        for (i, c) in symbol.chars().enumerate() {
            match display_char(c, None) {
                Shown::Char(c) => safe.push(c),
                Shown::Placeholder(p) if i == 0 => safe.push(p),
                Shown::Tab | Shown::Newline | Shown::Nothing if i == 0 => safe.push(' '),
                _ => {}
            }
        }
        cell.set_symbol(&safe);
    }
}

/// Keeps every cell's width the same for ratatui and for any terminal. Ratatui measures a
/// grapheme as a whole (an emoji ZWJ sequence or a skin-tone modifier sequence is 2 columns),
/// but many terminals add up its chars (👩‍👩‍👧 takes 6 columns in xterm, VTE, tmux), so the text
/// would spill over the next cells and push pane borders. Such a cell keeps only its base char
/// and the combining marks that follow it, whose width everyone agrees on.
fn settle_widths(buffer: &mut Buffer) {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    for cell in &mut buffer.content {
        let symbol = cell.symbol();
        let mut chars = symbol.chars();
        let (Some(base), Some(_)) = (chars.next(), chars.next()) else {
            continue;
        };
        let summed: usize = symbol.chars().map(|c| c.width().unwrap_or(0)).sum();
        if summed == symbol.width() {
            continue;
        }
        let mut settled = String::from(base);
        settled.extend(
            symbol
                .chars()
                .skip(1)
                .take_while(|c| c.width() == Some(0))
                .filter(|c| !matches!(c, '\u{200d}' | '\u{fe0e}' | '\u{fe0f}')),
        );
        cell.set_symbol(&settled);
    }
}

/// Crossterm writes the 16 named colours as `38;5;N`, which 16-colour terminals may not know:
/// rewrites them (and `48;5;N`) inside SGR sequences as the classic `3X`/`9X` (`4X`/`10X`).
fn legacy_sgr(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"\x1b[")
            && let Some(len) = bytes[i + 2..]
                .iter()
                .position(|b| !(b.is_ascii_digit() || *b == b';'))
            && bytes[i + 2 + len] == b'm'
        {
            let params = std::str::from_utf8(&bytes[i + 2..i + 2 + len]).unwrap_or("");
            let fields: Vec<&str> = params.split(';').collect();
            let mut rewritten = Vec::new();
            let mut k = 0;
            while k < fields.len() {
                let colour = fields.get(k + 2).and_then(|n| n.parse::<u8>().ok());
                match (fields[k], fields.get(k + 1), colour) {
                    (base @ ("38" | "48"), Some(&"5"), Some(n)) if n < 16 => {
                        let offset = if base == "38" { 30 } else { 40 };
                        let code = if n < 8 {
                            offset + n
                        } else {
                            offset + 60 + n - 8
                        };
                        rewritten.push(code.to_string());
                        k += 3;
                    }
                    (f, _, _) => {
                        rewritten.push(f.to_string());
                        k += 1;
                    }
                }
            }
            out.extend_from_slice(b"\x1b[");
            out.extend_from_slice(rewritten.join(";").as_bytes());
            out.push(b'm');
            i += 2 + len + 1;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{defuse, legacy_sgr, settle_widths};
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    #[test]
    fn controls_in_cells_become_placeholders() {
        let mut b = Buffer::empty(Rect::new(0, 0, 6, 1));
        for (i, c) in ["\u{9b}", "\u{1b}", "\u{7}", "\u{202e}", "a", "\t"]
            .iter()
            .enumerate()
        {
            b.content[i].set_symbol(c);
        }
        b.content[4].set_symbol("a\u{9b}");
        defuse(&mut b);
        let symbols: Vec<&str> = b.content.iter().map(|c| c.symbol()).collect();
        assert_eq!(symbols, ["�", "␛", "␇", "⇄", "a", " "]);
    }

    #[test]
    fn graphemes_whose_width_terminals_disagree_on_keep_their_base_char() {
        let mut b = Buffer::empty(Rect::new(0, 0, 20, 1));
        b.set_string(
            0,
            0,
            "👩\u{200d}👧|👍🏽|e\u{301}|漢",
            ratatui::style::Style::new(),
        );
        settle_widths(&mut b);
        let symbols: Vec<&str> = b.content.iter().map(|c| c.symbol()).collect();
        assert_eq!(symbols[0], "👩");
        assert_eq!(symbols[2], "|");
        assert_eq!(symbols[3], "👍");
        assert_eq!(symbols[6], "e\u{301}", "combining marks stay");
        assert_eq!(symbols[8], "漢");
    }

    #[test]
    fn palette_colours_become_classic_sgr() {
        assert_eq!(legacy_sgr(b"a\x1b[38;5;1mb"), b"a\x1b[31mb");
        assert_eq!(legacy_sgr(b"\x1b[38;5;9;48;5;0m"), b"\x1b[91;40m");
        assert_eq!(legacy_sgr(b"\x1b[38;5;200m"), b"\x1b[38;5;200m");
        assert_eq!(
            legacy_sgr(b"\x1b[1m\x1b[?2026h\x1b[2;3H"),
            b"\x1b[1m\x1b[?2026h\x1b[2;3H"
        );
        assert_eq!(legacy_sgr(b"\x1b[39m\x1b["), b"\x1b[39m\x1b[");
    }
}
