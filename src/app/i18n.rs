//! The interface language and the table of translated labels.
//!
//! Labels are looked up by their English text, so a missing translation falls back to English
//! instead of showing a key.

use serde::{Deserialize, Serialize};

/// The language of the app's own labels (not of the briefing or its articles).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum UiLanguage {
    /// English, left to right.
    #[default]
    English,
    /// Arabic, right to left.
    Arabic,
}

impl UiLanguage {
    /// Whether the interface is laid out right to left.
    pub fn is_rtl(self) -> bool {
        self == UiLanguage::Arabic
    }
}

/// English → Arabic.
const ARABIC: &[(&str, &str)] = &[
    ("File", "ملف"),
    ("Edit", "تحرير"),
    ("View", "عرض"),
    ("New", "جديد"),
    ("Open…", "فتح…"),
    ("Open Recent", "الملفات الأخيرة"),
    ("Save", "حفظ"),
    ("Save As…", "حفظ باسم…"),
    ("Add Article…", "إضافة مقال…"),
    ("Paste as Article", "لصق كمقال"),
    ("Find", "بحث"),
    ("Previous", "السابق"),
    ("Next", "التالي"),
    ("Find…", "بحث…"),
    ("Find in the article…", "ابحث في المقال…"),
    ("No matches", "لا نتائج"),
    ("of", "من"),
    ("match", "نتيجة"),
    ("matches", "نتائج"),
    (
        "Previous match (Shift+Enter)",
        "النتيجة السابقة (Shift+Enter)",
    ),
    ("Next match (Enter)", "النتيجة التالية (Enter)"),
    ("This article", "هذا المقال"),
    ("All articles", "كل المقالات"),
    ("Match ة and ه as one letter", "مطابقة ة و ه كحرف واحد"),
    ("Whole words", "كلمات كاملة"),
    ("Close (Escape)", "إغلاق (Escape)"),
    ("Match", "نتيجة"),
    ("in", "في"),
    ("Listing", "المعروض"),
    ("Export PDF…", "تصدير PDF…"),
    ("Preview", "معاينة"),
    ("Previous page", "الصفحة السابقة"),
    ("Next page", "الصفحة التالية"),
    ("Laying out the pages…", "جارٍ تنضيد الصفحات…"),
    ("Updating…", "جارٍ التحديث…"),
    ("Quit", "خروج"),
    ("Undo", "تراجع"),
    ("Redo", "إعادة"),
    ("Zoom In", "تكبير"),
    ("Zoom Out", "تصغير"),
    ("Reset Zoom", "الحجم الأصلي"),
    ("Light", "فاتح"),
    ("Dark", "داكن"),
    ("Interface language", "لغة الواجهة"),
    ("Articles", "المقالات"),
    ("Add article", "إضافة مقال"),
    ("Remove", "إزالة"),
    ("Reader", "القارئ"),
    ("Outline", "المخطط"),
    ("Add quote", "إضافة اقتباس"),
    ("Add to agenda item", "إضافة إلى بند"),
    ("Unfiled", "غير مصنف"),
    ("Unfiled quotes", "اقتباسات غير مصنفة"),
    ("Copy", "نسخ"),
    ("Briefing", "الإحاطة"),
    ("Title", "العنوان"),
    ("Subtitle", "العنوان الفرعي"),
    ("Classification", "التصنيف"),
    ("Date", "التاريخ"),
    ("Drafted by", "إعداد"),
    ("Purpose", "الغرض"),
    ("Language", "اللغة"),
    ("English", "الإنجليزية"),
    ("Arabic", "العربية"),
    ("Agenda", "جدول الأعمال"),
    ("Add item", "إضافة بند"),
    ("New agenda item", "بند جديد"),
    ("Agenda item title", "عنوان البند"),
    ("Copy with citation", "نسخ مع الإسناد"),
    ("Cite", "إسناد"),
    (
        "Notes: the analyst's own text for this item",
        "ملاحظات: نص المحلل لهذا البند",
    ),
    ("Delete item", "حذف البند"),
    ("Speaker", "المتحدث"),
    ("Note", "ملاحظة"),
    ("Remove quote", "حذف الاقتباس"),
    ("Suggested items", "بنود مقترحة"),
    ("Accept", "قبول"),
    ("No article open", "لا يوجد مقال مفتوح"),
    ("Add an article to start reading.", "أضف مقالاً لبدء القراءة."),
    ("Unsaved changes", "تغييرات غير محفوظة"),
    (
        "Save changes to this briefing first?",
        "هل تريد حفظ التغييرات على هذه الإحاطة أولاً؟",
    ),
    ("Don't save", "عدم الحفظ"),
    ("Cancel", "إلغاء"),
    ("OK", "موافق"),
    ("Restore", "استعادة"),
    ("Discard", "تجاهل"),
    ("Recover unsaved work?", "استعادة العمل غير المحفوظ؟"),
    ("Exporting PDF…", "جارٍ تصدير PDF…"),
    ("Path", "المسار"),
    ("Password", "كلمة المرور"),
    ("Ready", "جاهز"),
    ("Autosaved", "حُفظ تلقائياً"),
    ("Drop quotes here", "أفلت الاقتباسات هنا"),
    ("Drag a quote here", "اسحب اقتباساً إلى هنا"),
    ("Untitled", "بلا عنوان"),
    ("words", "كلمة"),
    ("Paper", "الورق"),
    ("Importing", "جارٍ استيراد"),
];

/// The label `english` in `lang`.
pub fn tr(lang: UiLanguage, english: &'static str) -> &'static str {
    match lang {
        UiLanguage::English => english,
        UiLanguage::Arabic => ARABIC
            .iter()
            .find(|(en, _)| *en == english)
            .map_or(english, |(_, ar)| ar),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translations_are_unique_and_fall_back() {
        let mut seen = std::collections::HashSet::new();
        for (en, _) in ARABIC {
            assert!(seen.insert(en), "{en} twice");
        }
        assert_eq!(tr(UiLanguage::Arabic, "Save"), "حفظ");
        assert_eq!(tr(UiLanguage::Arabic, "no such label"), "no such label");
        assert_eq!(tr(UiLanguage::English, "Save"), "Save");
    }
}
