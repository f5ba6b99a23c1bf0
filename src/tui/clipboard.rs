//! Copying to the user's clipboard with OSC 52, which works over SSH because the terminal
//! emulator on the user's side does the copying.
//!
//! Inside tmux the sequence is wrapped in tmux's passthrough (`ESC Ptmux; … ESC \`, with every
//! ESC of the payload doubled), which tmux forwards to the outer terminal when
//! `allow-passthrough` is on; tmux's own `set-clipboard` also understands the bare sequence,
//! so both are sent under tmux.

/// The standard base64 alphabet (RFC 4648).
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Base64 (RFC 4648, padded) of `data`.
pub fn base64(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> shift & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The bytes that put `text` on the clipboard: OSC 52, terminated by ST, and under tmux also
/// wrapped for passthrough.
pub fn osc52(text: &str, in_tmux: bool) -> Vec<u8> {
    let bare = format!("\x1b]52;c;{}\x1b\\", base64(text.as_bytes()));
    let mut out = Vec::with_capacity(bare.len() * 2 + 16);
    if in_tmux {
        out.extend_from_slice(b"\x1bPtmux;");
        for &byte in bare.as_bytes() {
            if byte == 0x1b {
                out.push(0x1b);
            }
            out.push(byte);
        }
        out.extend_from_slice(b"\x1b\\");
    }
    out.extend_from_slice(bare.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), expected, "{input:?}");
        }
        assert_eq!(base64(&[0xff, 0xfe, 0xfd]), "//79");
        assert_eq!(base64("é".as_bytes()), "w6k=");
    }

    #[test]
    fn osc52_outside_tmux_is_one_sequence() {
        assert_eq!(osc52("hi", false), b"\x1b]52;c;aGk=\x1b\\".to_vec());
    }

    #[test]
    fn osc52_in_tmux_is_wrapped_with_escapes_doubled_then_sent_bare() {
        let out = osc52("hi", true);
        let wrapped = b"\x1bPtmux;\x1b\x1b]52;c;aGk=\x1b\x1b\\\x1b\\";
        assert!(out.starts_with(wrapped));
        assert_eq!(&out[wrapped.len()..], b"\x1b]52;c;aGk=\x1b\\");
    }
}
