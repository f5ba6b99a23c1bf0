//! Making untrusted article text safe to show in a terminal.
//!
//! Articles are scraped from the web and may carry escape sequences, C1 controls or bidi
//! overrides that would let a file retitle the terminal, write the clipboard or reorder what the
//! user reads. Everything drawn from an article passes through [`display_char`], which maps each
//! such char to a visible one-column placeholder, so the reader shows that something was there
//! without the terminal ever acting on it. The mapping is char-for-char (tabs aside, see
//! [`TAB_WIDTH`]) so offsets into the original text stay valid for highlighting.

/// Columns a tab expands to; tabs are expanded to spaces by the reader.
pub const TAB_WIDTH: usize = 4;

/// What to draw for one char of article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// Draw the char itself.
    Char(char),
    /// Draw a visible placeholder in place of a control or formatting char.
    Placeholder(char),
    /// A tab: draw spaces up to the next tab stop.
    Tab,
    /// A line break.
    Newline,
    /// Draw nothing (the `\r` of a CRLF line ending).
    Nothing,
}

/// True for bidi embedding, override and isolate controls (they reorder the text around them).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// How char `c` of article text is drawn. `next` is the following char (a `\r` directly before
/// `\n` is a line ending and draws nothing; any other `\r` is a control like the rest).
pub fn display_char(c: char, next: Option<char>) -> Shown {
    match c {
        '\n' => Shown::Newline,
        '\t' => Shown::Tab,
        '\r' if next == Some('\n') => Shown::Nothing,
        // C0 controls get their Unicode "control picture" (␛ for ESC, ␇ for BEL…).
        '\0'..='\u{1f}' => Shown::Placeholder(char::from_u32(0x2400 + c as u32).unwrap_or('�')),
        '\u{7f}' => Shown::Placeholder('␡'),
        // C1 controls (U+0080–U+009F, including the 8-bit CSI U+009B) have no control pictures.
        '\u{80}'..='\u{9f}' => Shown::Placeholder('�'),
        c if is_bidi_control(c) => Shown::Placeholder('⇄'),
        c => Shown::Char(c),
    }
}

/// The whole string made safe for one line of display (controls replaced, tabs and newlines
/// turned into spaces). For titles, list rows and popups; the reader uses [`display_char`].
pub fn sanitize_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match display_char(c, chars.peek().copied()) {
            Shown::Char(c) | Shown::Placeholder(c) => out.push(c),
            Shown::Tab | Shown::Newline => out.push(' '),
            Shown::Nothing => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible_placeholders() {
        let hostile = "a\u{1b}]0;pwned\u{7}b\u{9b}2Jc\u{202e}d\u{7f}";
        let shown = sanitize_line(hostile);
        assert_eq!(shown, "a␛]0;pwned␇b�2Jc⇄d␡");
        assert!(!shown.chars().any(|c| c.is_control()));
    }

    #[test]
    fn crlf_draws_as_a_plain_line_break() {
        assert_eq!(display_char('\r', Some('\n')), Shown::Nothing);
        assert_eq!(display_char('\r', Some('x')), Shown::Placeholder('␍'));
        assert_eq!(sanitize_line("a\tb\nc"), "a b c");
    }
}
