//! The sample briefing the PDF tests, the benchmark and `examples/export_big.rs` export.
#![allow(dead_code)]

use briefing::model::{
    AgendaItem, Article, ArticleId, Block, BlockKind, Briefing, BriefingLanguage, Direction,
    ItemId, Quote, QuoteId,
};

/// The sample article: the Kuwait / Istanbul Cooperation Initiative report.
pub const KUWAIT: &str = include_str!("../../assets/kuwait-istanbul-cooperation-initiative.ar.txt");

/// A short text full of harakat (tanween, shadda, sukun), written for the tests.
pub const HARAKAT: &str = "تصريحات على هامش الاجتماع
قال المتحدث إنّ الشعوب تريد أن تعيش أحرارًا في أوطانها، وإنّ الحوار هو الطريق.
وأكد الوزير مُحمَّد العلي تحفّظ بلاده على البند الثالث من البيان الختامي.
وَقَدْ شَدَّدَ عَلَى أَنَّ التَّعَاوُنَ مُسْتَمِرٌّ مُنْذُ عِشْرِينَ عَامًا، وَأَنَّهُ بَاقٍ.
";

/// An article whose blocks are its non-empty lines, the first one its title.
pub fn article(
    id: u32,
    text: &str,
    title: &str,
    source: &str,
    date: &str,
    url: Option<&str>,
) -> Article {
    let mut blocks = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        if !body.trim().is_empty() {
            let kind = if blocks.is_empty() {
                BlockKind::Title
            } else {
                BlockKind::Paragraph
            };
            blocks.push(Block {
                kind,
                start: at,
                end: at + body.len(),
            });
        }
        at += line.len();
    }
    Article {
        id: ArticleId(id),
        title: title.to_owned(),
        source: source.to_owned(),
        url: url.map(str::to_owned),
        date: Some(date.to_owned()),
        author: None,
        language: "ar".to_owned(),
        direction: Direction::Rtl,
        original_path: None,
        sha256: Article::hash_text(text),
        pages: Vec::new(),
        blocks,
        text: text.to_owned(),
    }
}

/// A quote of the first occurrence of `passage` in `article`.
pub fn quote(id: u32, article: &Article, passage: &str, speaker: Option<&str>) -> Quote {
    let start = article
        .text
        .find(passage)
        .unwrap_or_else(|| panic!("not in the article: {passage}"));
    let mut q = Quote::from_range(
        QuoteId(id),
        article.id,
        &article.text,
        start,
        start + passage.len(),
        "2026-11-29T10:00:00Z".to_owned(),
    )
    .expect("a valid range");
    q.speaker = speaker.map(str::to_owned);
    q
}

/// The quotes the tests look for in the PDF, with their speakers.
pub const QUOTES: &[(u32, &str, Option<&str>)] = &[
    (1, "استضافة الكويت للاجتماع السابع لمجموعة “مبادرة إسطنبول للتعاون” تجسد التزام البلاد الراسخ بدعم الحوار البناء", Some("الشيخ جراح الجابر")),
    (1, "يستضيف ممثلين عن حلف شمال الأطلسي (الناتو) وعدد من الدول الشريكة المعنية بالقضايا الأمنية والسياسية", None),
    (1, "الشراكة بين الناتو ودول الخليج تمتد لأكثر من 20 عاماً، مضيفاً أن هذه الشراكة ليست مجرد خيار تكميلي", Some("Javier Colomina")),
    (1, "يمثل رمزاً لعمق هذه الشراكة والالتزام المشترك بمواجهة التحديات الأمنية", Some("الشيخ جراح الصباح")),
    (1, "الأمن السيبراني والتداعيات المحتملة للذكاء الاصطناعي على الاستقرار الإقليمي والدولي", None),
    (2, "إنّ الشعوب تريد أن تعيش أحرارًا في أوطانها", Some("المتحدث")),
    (2, "مُحمَّد العلي تحفّظ بلاده على البند الثالث", Some("مُحمَّد العلي")),
    (2, "وَقَدْ شَدَّدَ عَلَى أَنَّ التَّعَاوُنَ مُسْتَمِرٌّ مُنْذُ عِشْرِينَ عَامًا، وَأَنَّهُ بَاقٍ.", Some("الوزير")),
    (1, "إن التعاون مع المنظمات الإقليمية والدولية، مثل الاتحاد الأوروبي والأمم المتحدة وجامعة الدول العربية ومجلس التعاون لدول الخليج العربية، يمثل عنصراً أساسياً في تحقيق الاستقرار والأمن في المنطقة.", Some("Javier Colomina")),
];

/// The sample briefing: two articles, three agenda items, nine quotes, classification set.
pub fn sample_briefing(language: BriefingLanguage) -> Briefing {
    let kuwait = article(
        1,
        KUWAIT,
        "الكويت تؤكد التزامها بالأمن الإقليمي",
        "KUNA",
        "2026-11-20",
        Some("https://www.kuna.net.kw/ArticleDetails.aspx?id=3201234"),
    );
    let harakat = article(
        2,
        HARAKAT,
        "تصريحات على هامش الاجتماع",
        "وكالة الأنباء",
        "2026-11-21",
        None,
    );
    let articles = [kuwait, harakat];
    let q = |n: usize| {
        let (a, text, speaker) = QUOTES[n];
        quote(n as u32 + 1, &articles[a as usize - 1], text, speaker)
    };
    let mut b = Briefing::new("اجتماع مبادرة إسطنبول للتعاون — الكويت 2026");
    b.subtitle =
        Some("Briefing for the Minister: NATO partnership and regional security".to_owned());
    b.classification = Some("RESTRICTED".to_owned());
    b.date = Some("2026-11-29".to_owned());
    b.drafted_by = Some("Policy Planning Unit — وحدة التخطيط".to_owned());
    b.purpose = Some("Background for the bilateral meeting with the NATO delegation".to_owned());
    b.language = language;
    b.agenda = vec![
        AgendaItem {
            id: ItemId(1),
            title: "الأمن الإقليمي والحوار".to_owned(),
            notes: Some("Kuwait hosts the seventh meeting of the Istanbul Cooperation Initiative; the hosts stress dialogue.".to_owned()),
            quotes: vec![q(0), q(3), q(5)],
        },
        AgendaItem {
            id: ItemId(2),
            title: "NATO partnership (الناتو)".to_owned(),
            notes: Some("الشراكة مع دول الخليج منذ أكثر من 20 عاماً.".to_owned()),
            quotes: vec![q(1), q(2), q(8)],
        },
        AgendaItem {
            id: ItemId(3),
            title: "Cyber security and artificial intelligence".to_owned(),
            notes: None,
            quotes: vec![q(4), q(6), q(7)],
        },
    ];
    b.articles = articles.to_vec();
    b
}

/// A big briefing for the benchmark: `items` agenda items and `quotes` quotes taken from the
/// sample article's sentences (varied: different sentences, different lengths).
pub fn big_briefing(items: usize, quotes: usize) -> Briefing {
    let mut b = sample_briefing(BriefingLanguage::Arabic);
    let kuwait = b.articles[0].clone();
    let harakat = b.articles[1].clone();
    // Sentences and clauses of both articles, as byte ranges.
    let mut pieces: Vec<(u32, usize, usize)> = Vec::new();
    for (art, text) in [(1u32, &kuwait.text), (2u32, &harakat.text)] {
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if matches!(c, '.' | '،' | '\n' | ':') {
                let piece = text[start..i].trim();
                if piece.chars().count() > 25 {
                    let s = start + text[start..i].find(piece).unwrap_or(0);
                    pieces.push((art, s, s + piece.len()));
                }
                start = i + c.len_utf8();
            }
        }
    }
    let mut agenda = Vec::new();
    let mut id = 1u32;
    for n in 0..items {
        let mut item = AgendaItem {
            id: ItemId(n as u32 + 1),
            title: format!(
                "البند {}: {}",
                n + 1,
                [
                    "الأمن الإقليمي",
                    "Cyber security",
                    "الشراكة مع الناتو",
                    "Maritime security"
                ][n % 4]
            ),
            notes: Some("ملاحظات الموظف حول هذا البند، مع إشارة إلى الاجتماع السابع.".to_owned()),
            quotes: Vec::new(),
        };
        let share = quotes / items + usize::from(n < quotes % items);
        for k in 0..share {
            let (art, s, e) = pieces[(n * 7 + k * 3) % pieces.len()];
            let article = if art == 1 { &kuwait } else { &harakat };
            // Vary the length: sometimes a clause, sometimes two joined.
            let joined = if k % 3 == 2 { 1 } else { 2 };
            let e = pieces
                .iter()
                .filter(|p| p.0 == art && p.1 > e)
                .take(joined)
                .last()
                .map_or(e, |p| p.2);
            let mut q = Quote::from_range(
                QuoteId(id),
                article.id,
                &article.text,
                s,
                e,
                "2026-11-29T10:00:00Z".to_owned(),
            )
            .expect("a valid range");
            q.speaker = Some(
                [
                    "الشيخ جراح الجابر",
                    "Javier Colomina",
                    "عبدالعزيز الجارالله",
                ][k % 3]
                    .to_owned(),
            );
            item.quotes.push(q);
            id += 1;
        }
        agenda.push(item);
    }
    b.agenda = agenda;
    b
}
