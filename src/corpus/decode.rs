//! Turning a file's bytes into text, or into a clear reason why not.
//!
//! Scraped articles arrive as UTF-8 most of the time, as Windows-1252 when an old CMS exported
//! them, and now and then as something that is not text at all. Decoding never fails hard: bad
//! bytes produce a [`Decoded`] with a warning, or a refusal that the loader turns into a notice.

/// Outcome of decoding one file.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded {
    /// Valid UTF-8 (a leading byte-order mark is dropped: it is encoding, not text).
    Utf8(String),
    /// Not UTF-8; decoded as Windows-1252, which maps every byte to some char.
    Windows1252(String),
    /// Contains NUL bytes: a binary file, not an article.
    Binary,
    /// Nothing but whitespace.
    Empty,
}

/// Decodes the bytes of one file.
pub fn decode(bytes: &[u8]) -> Decoded {
    // NUL never occurs in text articles in either encoding we accept; checking it first keeps
    // binaries (images, PDFs, archives) out even when they happen to be valid UTF-8.
    if bytes.contains(&0) {
        return Decoded::Binary;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let decoded = match std::str::from_utf8(bytes) {
        Ok(s) => Decoded::Utf8(s.to_owned()),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Decoded::Windows1252(text.into_owned())
        }
    };
    match &decoded {
        Decoded::Utf8(s) | Decoded::Windows1252(s) if s.trim().is_empty() => Decoded::Empty,
        _ => decoded,
    }
}

/// [`decode`] taking the bytes: valid UTF-8 becomes the text without a copy.
pub fn decode_owned(mut bytes: Vec<u8>) -> Decoded {
    if bytes.contains(&0) {
        return Decoded::Binary;
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let decoded = match String::from_utf8(bytes) {
        Ok(s) => Decoded::Utf8(s),
        Err(e) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(e.as_bytes());
            Decoded::Windows1252(text.into_owned())
        }
    };
    match &decoded {
        Decoded::Utf8(s) | Decoded::Windows1252(s) if s.trim().is_empty() => Decoded::Empty,
        _ => decoded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFSoci\xC3\xA9t\xC3\xA9"),
            Decoded::Utf8("Société".into())
        );
    }

    #[test]
    fn latin_bytes_fall_back_to_windows_1252() {
        // "Société — 5 €" in Windows-1252: é = E9, — = 97, € = 80.
        assert_eq!(
            decode(b"Soci\xE9t\xE9 \x97 5 \x80"),
            Decoded::Windows1252("Société — 5 €".into())
        );
    }

    #[test]
    fn owned_bytes_decode_the_same() {
        for bytes in [
            &b"\xEF\xBB\xBFSoci\xC3\xA9t\xC3\xA9"[..],
            b"Soci\xE9t\xE9 \x97 5 \x80",
            b"\xEF\xBB\xBF\xE9",
            b"PNG\0\0\x01",
            b"  \n\t \r\n",
            b"\xEF\xBB\xBF ",
            b"",
        ] {
            assert_eq!(decode_owned(bytes.to_vec()), decode(bytes), "{bytes:?}");
        }
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert_eq!(decode(b"PNG\0\0\x01"), Decoded::Binary);
        assert_eq!(decode(b"  \n\t \r\n"), Decoded::Empty);
        assert_eq!(decode(b""), Decoded::Empty);
    }
}
