//! Calendar arithmetic for the date normaliser and its callers: civil dates to day counts and
//! back (proleptic Gregorian, Howard Hinnant's algorithms), month lengths, month shifts.
//!
//! Kept apart from [`super::dates`] because it knows nothing of text: the comparison of dates
//! ([`super::compare`]) and the journal's timestamps use it too.

use crate::corpus::PartialDate;

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
pub(crate) fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let (m, d) = (i64::from(m), i64::from(d));
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
pub(crate) fn civil_from_days(z: i64) -> PartialDate {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    PartialDate {
        year,
        month: Some(month),
        day: Some(day),
    }
}

/// Number of days in a month.
pub(crate) fn days_in_month(y: i32, m: u8) -> u8 {
    let next = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    (days_from_civil(next.0, next.1, 1) - days_from_civil(y, m, 1)) as u8
}

/// A month moved by `n` months.
pub(super) fn add_months(y: i32, m: u8, n: i32) -> PartialDate {
    let k = y * 12 + i32::from(m) - 1 + n;
    PartialDate {
        year: k.div_euclid(12),
        month: Some((k.rem_euclid(12) + 1) as u8),
        day: None,
    }
}

pub(super) fn year_only(year: i32) -> PartialDate {
    PartialDate {
        year,
        month: None,
        day: None,
    }
}
