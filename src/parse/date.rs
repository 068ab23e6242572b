//! Dates at the precision their author gave: `2025`, `2025-05` or
//! `2025-08-14`. A date is never padded to a false day; it is shown as given.

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// How precise a date is; templates style each differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl PartialDate {
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(s: &str) -> Result<Self, String> {
        let expected = "expected a date as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`";
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, len: usize| -> Option<u32> {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        let year = parts
            .first()
            .and_then(|p| num(p, 4))
            .ok_or_else(|| format!("`{s}` is not a date: {expected}"))?;
        let month = match parts.get(1) {
            None => None,
            Some(p) => match num(p, 2) {
                Some(m @ 1..=12) => Some(m as u8),
                _ => return Err(format!("`{s}` has no valid month (01 to 12): {expected}")),
            },
        };
        let day = match parts.get(2) {
            None => None,
            Some(p) => {
                let max = days_in_month(year as i32, month.unwrap_or(1));
                match num(p, 2) {
                    Some(d) if d >= 1 && d <= max as u32 => Some(d as u8),
                    _ => {
                        return Err(format!(
                            "`{s}` has no valid day: that month has days 01 to {max:02}"
                        ))
                    }
                }
            }
        };
        if parts.len() > 3 {
            return Err(format!("`{s}` is not a date: {expected}"));
        }
        Ok(PartialDate {
            year: year as i32,
            month,
            day,
        })
    }

    /// A key that sorts dates chronologically, a less precise date before the
    /// more precise ones it contains.
    pub(crate) fn sort_key(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = PartialDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date as YYYY, YYYY-MM or YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PartialDate, E> {
                PartialDate::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PartialDate, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PartialDate, E> {
                self.visit_str(&v.to_string())
            }
        }
        d.deserialize_any(V)
    }
}

/// The `updated` value of a page: a date, or a date and time
/// (`2025-08-20T09:30:00Z`). Kept as written; only its form is checked.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(String);

impl Timestamp {
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let form = "needs a full date `YYYY-MM-DD`, optionally followed by a time `THH:MM`, `THH:MM:SS`, with optional `Z` or `+HH:MM`";
        let (date, time) = match s.find(['T', ' ']) {
            Some(i) => (&s[..i], Some(&s[i + 1..])),
            None => (s, None),
        };
        if date.len() != 10 || date.contains(char::is_whitespace) {
            return Err(format!("`{s}` {form}"));
        }
        let d = PartialDate::parse(date)?;
        if d.precision() != Precision::Day {
            return Err(format!("`{s}` {form}"));
        }
        if let Some(t) = time {
            if !valid_time(t) {
                return Err(format!("`{s}` has no valid time: expected `HH:MM`, `HH:MM:SS`, with optional `Z` or `+HH:MM`"));
            }
        }
        Ok(Timestamp(s.replacen(' ', "T", 1)))
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// The date part, `YYYY-MM-DD`.
    pub fn date(&self) -> &str {
        &self.0[..10]
    }

    /// RFC 3339, as Atom feeds need it: seconds added where missing, and a
    /// time without a zone (or a bare date, at midnight) taken as UTC.
    pub fn rfc3339(&self) -> String {
        let time = self.0.get(11..).unwrap_or("");
        let (clock, zone) = match time.find(['Z', '+', '-']) {
            Some(i) => (&time[..i], &time[i..]),
            None => (time, ""),
        };
        let clock = match clock.len() {
            0 => "00:00:00".to_string(),
            5 => format!("{clock}:00"),
            _ => clock.to_string(),
        };
        let zone = if zone.is_empty() { "Z" } else { zone };
        format!("{}T{clock}{zone}", self.date())
    }
}

fn valid_time(t: &str) -> bool {
    let (clock, zone) = match t.find(['Z', '+', '-']) {
        Some(i) => (&t[..i], &t[i..]),
        None => (t, ""),
    };
    let fields: Vec<&str> = clock.split(':').collect();
    let two_digits = |p: &str, max: u32| {
        p.len() == 2
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| n <= max)
    };
    let clock_ok = match fields.as_slice() {
        [h, m] => two_digits(h, 23) && two_digits(m, 59),
        [h, m, s] => two_digits(h, 23) && two_digits(m, 59) && two_digits(s, 60),
        _ => false,
    };
    // Bytes, not string slices: a zone holding a multi-byte character
    // must be refused, not sliced through the middle of it.
    let z = zone.as_bytes();
    let zone_ok = zone.is_empty()
        || zone == "Z"
        || (z.len() == 6
            && zone.is_ascii()
            && two_digits(&zone[1..3], 23)
            && z[3] == b':'
            && two_digits(&zone[4..6], 59));
    clock_ok && zone_ok
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Timestamp::parse(&s).map_err(de::Error::custom)
    }
}

/// The civil date (year, month, day) of a Unix time, for the build date.
pub(crate) fn civil_from_unix(secs: i64) -> (i32, u8, u8) {
    let days = secs.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_precision() {
        assert_eq!(PartialDate::parse("2025").unwrap().to_string(), "2025");
        assert_eq!(
            PartialDate::parse("2025-05").unwrap().to_string(),
            "2025-05"
        );
        assert_eq!(
            PartialDate::parse("2025-08-14").unwrap().precision(),
            Precision::Day
        );
    }

    #[test]
    fn refuses_impossible_dates() {
        for bad in [
            "2025-13",
            "2025-02-29",
            "25-01",
            "2025-1",
            "2025-01-01-01",
            "May 2025",
            "",
        ] {
            assert!(PartialDate::parse(bad).is_err(), "{bad}");
        }
        assert!(PartialDate::parse("2024-02-29").is_ok());
    }

    #[test]
    fn timestamps() {
        assert!(Timestamp::parse("2025-08-20").is_ok());
        assert_eq!(
            Timestamp::parse("2025-08-20T09:30:00Z").unwrap().rfc3339(),
            "2025-08-20T09:30:00Z"
        );
        assert_eq!(
            Timestamp::parse("2025-08-20").unwrap().rfc3339(),
            "2025-08-20T00:00:00Z"
        );
        assert_eq!(
            Timestamp::parse("2025-08-20 09:30+03:00")
                .unwrap()
                .rfc3339(),
            "2025-08-20T09:30:00+03:00"
        );
        assert!(Timestamp::parse("2025-08-20T25:00").is_err());
        assert!(Timestamp::parse("2025-08-20\tT10:00").is_err());
        // A zone with a multi-byte character was once sliced mid-character.
        assert!(Timestamp::parse("2025-08-20T10:00+0é:0").is_err());
        assert!(Timestamp::parse("2025-08").is_err());
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_unix(0), (1970, 1, 1));
        assert_eq!(civil_from_unix(1_755_129_600), (2025, 8, 14));
    }
}
