//! The fixed strings a briefing prints, in English and Arabic.

use crate::model::BriefingLanguage;

/// The fixed labels of one language.
pub(crate) struct Labels {
    pub contents: &'static str,
    pub sources: &'static str,
    pub date: &'static str,
    pub drafted_by: &'static str,
    pub purpose: &'static str,
    pub unknown_speaker: &'static str,
    /// Before the staffer's note on a quote.
    pub note: &'static str,
    /// The comma between list parts ("، " in Arabic).
    pub comma: &'static str,
    /// BCP 47 tag for `/Lang`.
    pub lang: &'static str,
}

impl Labels {
    pub(crate) fn of(language: BriefingLanguage) -> &'static Labels {
        match language {
            BriefingLanguage::English => &ENGLISH,
            BriefingLanguage::Arabic => &ARABIC,
        }
    }

    /// "Page 3 of 12" / «صفحة ٣ من ١٢» (Arabic-Indic digits in Arabic).
    pub(crate) fn page_of(&self, page: usize, pages: usize) -> String {
        if self.lang == "ar" {
            format!("صفحة {} من {}", arabic_digits(page), arabic_digits(pages))
        } else {
            format!("Page {page} of {pages}")
        }
    }

    /// Where a quote stands in its source: "p. 3", "pp. 3–4" / «ص ٣», «ص ٣–٤» (a label of
    /// digits in Arabic-Indic digits in Arabic; "iv" or "A-2" as the document prints it).
    /// `None` for no pages.
    pub(crate) fn source_pages(&self, pages: &[&str]) -> Option<String> {
        let (first, last) = (pages.first()?, pages.last()?);
        let label = |l: &str| {
            if self.lang == "ar" && !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()) {
                l.parse::<usize>()
                    .map_or_else(|_| l.to_owned(), arabic_digits)
            } else {
                l.to_owned()
            }
        };
        let range = if pages.len() == 1 {
            label(first)
        } else {
            format!("{}–{}", label(first), label(last))
        };
        Some(match (self.lang, pages.len()) {
            ("ar", _) => format!("ص {range}"),
            (_, 1) => format!("p. {range}"),
            _ => format!("pp. {range}"),
        })
    }

    /// A page number in the table of contents.
    pub(crate) fn number(&self, n: usize) -> String {
        if self.lang == "ar" {
            arabic_digits(n)
        } else {
            n.to_string()
        }
    }
}

/// The Hijri months, in order.
const HIJRI_MONTHS: [&str; 12] = [
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
];

/// An ISO date (`2025-03-01`, leading and trailing space allowed) in the Hijri calendar by the
/// Umm al-Qura rules (ICU4X's `icu_calendar`), as Gulf readers write it: «١ رمضان ١٤٤٦ هـ».
/// `None` for anything that is not a valid Gregorian date of that form, or one outside the
/// calendar's tables.
pub(crate) fn hijri_date(iso: &str) -> Option<String> {
    use icu_calendar::cal::Hijri;
    use icu_calendar::Date;
    let mut parts = iso.trim().splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let date = Date::try_new_iso(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()?;
    let hijri = date.to_calendar(Hijri::new_umm_al_qura());
    let month = HIJRI_MONTHS.get(usize::from(hijri.month().ordinal).checked_sub(1)?)?;
    let year = usize::try_from(hijri.year().extended_year()).ok()?;
    Some(format!(
        "{} {month} {} هـ",
        arabic_digits(usize::from(hijri.day_of_month().0)),
        arabic_digits(year)
    ))
}

fn arabic_digits(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x0660 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

static ENGLISH: Labels = Labels {
    contents: "Contents",
    sources: "Sources",
    date: "Date",
    drafted_by: "Drafted by",
    purpose: "Purpose",
    unknown_speaker: "Unattributed",
    note: "Note",
    comma: ", ",
    lang: "en",
};

static ARABIC: Labels = Labels {
    contents: "المحتويات",
    sources: "المصادر",
    date: "التاريخ",
    drafted_by: "إعداد",
    purpose: "الغرض",
    unknown_speaker: "دون نسبة",
    note: "ملاحظة",
    comma: "، ",
    lang: "ar",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gregorian_dates_in_the_umm_al_qura_calendar() {
        // Ramadan 1446 began on 1 March 2025 in Saudi Arabia; the Day of Arafah 1445 was
        // 15 June 2024 and Eid al-Adha the next day.
        assert_eq!(hijri_date("2025-03-01").as_deref(), Some("١ رمضان ١٤٤٦ هـ"));
        assert_eq!(
            hijri_date("2024-06-15").as_deref(),
            Some("٩ ذو الحجة ١٤٤٥ هـ")
        );
        assert_eq!(
            hijri_date(" 2024-06-16 ").as_deref(),
            Some("١٠ ذو الحجة ١٤٤٥ هـ")
        );
        for not_a_date in [
            "",
            "2025-3-1",
            "2025-02-30",
            "1 March 2025",
            "2025-03-01T10:00",
            "x-y-z",
        ] {
            assert_eq!(hijri_date(not_a_date), None, "{not_a_date:?}");
        }
    }
}
