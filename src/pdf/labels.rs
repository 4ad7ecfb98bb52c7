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

    /// A page number in the table of contents.
    pub(crate) fn number(&self, n: usize) -> String {
        if self.lang == "ar" {
            arabic_digits(n)
        } else {
            n.to_string()
        }
    }
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
