//! The time, honouring `SOURCE_DATE_EPOCH` so that scripted runs and tests are reproducible.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Now (or `SOURCE_DATE_EPOCH` when set), in UTC.
pub fn now() -> OffsetDateTime {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| OffsetDateTime::from_unix_timestamp(secs).ok())
        .unwrap_or_else(OffsetDateTime::now_utc)
}

/// Now as RFC 3339, e.g. `2026-11-29T11:34:38Z`.
pub fn now_rfc3339() -> String {
    now()
        .replace_nanosecond(0)
        .unwrap_or_else(|_| now())
        .format(&Rfc3339)
        .unwrap_or_default()
}
