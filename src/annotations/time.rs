//! Timestamps of journal events: RFC 3339 in UTC with milliseconds
//! (`2026-12-01T18:20:19.123Z`), formatted from [`SystemTime`] without a date crate.
//!
//! The fixed format sorts lexicographically in time order, but replay compares the parsed
//! millisecond count so that imported timestamps with another offset or precision order correctly.

use crate::claims::dates::{civil_from_days, days_from_civil};
use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch, UTC.
pub type Millis = i64;

/// Now, in milliseconds since the epoch (0 if the clock is before 1970).
pub fn now_millis() -> Millis {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as Millis)
}

/// Formats milliseconds since the epoch as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
pub fn format(ms: Millis) -> String {
    let days = ms.div_euclid(86_400_000);
    let rest = ms.rem_euclid(86_400_000);
    let date = civil_from_days(days);
    let (y, m, d) = (date.year, date.month.unwrap_or(1), date.day.unwrap_or(1));
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rest / 3_600_000,
        rest / 60_000 % 60,
        rest / 1000 % 60,
        rest % 1000
    )
}

/// Parses an RFC 3339 timestamp (`Z` or `±HH:MM` offset, optional fraction of a second) into
/// milliseconds since the epoch. `None` when it is not one.
pub fn parse(s: &str) -> Option<Millis> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = s.get(from..from + len)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (y, mo, d) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (h, mi, sec) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let mut i = 19;
    let mut millis = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
        let digits = &s[start..i.min(start + 3)];
        millis = digits.parse::<i64>().ok()? * 10_i64.pow(3 - digits.len() as u32);
    }
    let offset_min = match b.get(i) {
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) if i + 6 == b.len() && b[i + 3] == b':' => {
            let v = num(i + 1, 2)? * 60 + num(i + 4, 2)?;
            if *sign == b'+' { v } else { -v }
        }
        _ => return None,
    };
    // The fixed-width fields were range-checked above, so the narrowing casts are exact.
    let secs = days_from_civil(y as i32, mo as u8, d as u8) * 86_400 + h * 3600 + mi * 60 + sec
        - offset_min * 60;
    Some(secs * 1000 + millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(format(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(format(951_782_400_123), "2000-02-29T00:00:00.123Z");
        assert_eq!(format(1_764_613_219_007), "2025-12-01T18:20:19.007Z");
    }

    #[test]
    fn parses_what_it_formats_and_offsets() {
        for ms in [0, 951_782_400_123, 1_764_613_219_007, 4_102_444_799_999] {
            assert_eq!(parse(&format(ms)), Some(ms));
        }
        assert_eq!(parse("2000-02-29T01:30:00+01:30"), Some(951_782_400_000));
        assert_eq!(parse("2000-02-29T00:00:00.1Z"), Some(951_782_400_100));
        assert_eq!(parse("2000-02-29"), None);
        assert_eq!(parse("2000-13-01T00:00:00Z"), None);
        assert_eq!(parse("2000-01-01T00:00:00Zjunk"), None);
    }
}
