//! Find, the way Arabic readers search: table-driven cases, each asserting the exact source
//! byte ranges found and that nothing else matched; the briefing-wide search and context;
//! a property test that no input panics; and `briefing find` / `briefing quote` end to end.

use std::ops::Range;
use std::path::PathBuf;
use std::process::{Command, Output};

use briefing::find::{
    context, find, find_in_briefing, fold, ArticleIndex, BriefingIndex, FindOptions, Query,
};
use briefing::model::{Article, ArticleId, Briefing, Direction};
use proptest::prelude::*;

/// A text with its expected matches marked `⟦…⟧`: the text without the marks, and the byte
/// ranges the marks enclose.
fn marked(text: &str) -> (String, Vec<Range<usize>>) {
    let mut plain = String::new();
    let mut ranges = Vec::new();
    let mut open = None;
    for c in text.chars() {
        match c {
            '⟦' => open = Some(plain.len()),
            '⟧' => ranges.push(open.take().expect("a ⟦ before each ⟧")..plain.len()),
            _ => plain.push(c),
        }
    }
    (plain, ranges)
}

const DEFAULT: FindOptions = FindOptions {
    fold_ta_marbuta: true,
    whole_word: false,
};
const KEEP_TA: FindOptions = FindOptions {
    fold_ta_marbuta: false,
    whole_word: false,
};
const WHOLE_WORD: FindOptions = FindOptions {
    fold_ta_marbuta: true,
    whole_word: true,
};

/// (what the case shows, the article text with the matches marked, the query, the options)
#[rustfmt::skip]
const CASES: &[(&str, &str, &str, FindOptions)] = &[
    // Harakat: in the text, in the query, in both; a match ends after its last letter's marks.
    ("text with harakat", "قال ⟦مُحَمَّدٌ⟧ إنّ", "محمد", DEFAULT),
    ("query with harakat", "وأكد ⟦محمد⟧ العلي", "مُحَمَّد", DEFAULT),
    ("shadda and fatha in either order", "⟦شَدَّ⟧ و⟦شدَّ⟧ و⟦شدّ⟧", "شَدَّ", DEFAULT),
    ("tanween at the end", "تمتد لأكثر من 20 ⟦عاماً⟧، مضيفاً", "عاما", DEFAULT),
    // Each alef form, in the text and in the query.
    ("alef with hamza above", "⟦أحمد⟧ و⟦احمد⟧", "احمد", DEFAULT),
    ("alef with hamza above in the query", "⟦أحمد⟧ و⟦احمد⟧", "أحمد", DEFAULT),
    ("alef with hamza below", "مبادرة ⟦إسطنبول⟧ للتعاون", "اسطنبول", DEFAULT),
    ("alef with madda", "⟦القرآن⟧ و⟦القران⟧", "القرآن", DEFAULT),
    ("alef wasla", "بسم ⟦ٱلله⟧ ⟦الله⟧", "الله", DEFAULT),
    ("hamza on waw and yeh", "⟦مسئول⟧ و⟦مسيول⟧ ومسؤول", "مسئول", DEFAULT),
    // Alef maksura and yeh.
    ("alef maksura in the text", "⟦على⟧ رأس ⟦علي⟧", "علي", DEFAULT),
    ("alef maksura in the query", "⟦على⟧ رأس ⟦علي⟧", "على", DEFAULT),
    // Ta marbuta and heh: folded by default, not when kept.
    ("ta marbuta folded", "⟦مبادرة⟧ ⟦مبادره⟧", "مبادرة", DEFAULT),
    ("heh matches ta marbuta", "⟦مبادرة⟧ ⟦مبادره⟧", "مبادره", DEFAULT),
    ("ta marbuta kept", "⟦مبادرة⟧ مبادره", "مبادرة", KEEP_TA),
    ("heh kept", "مبادرة ⟦مبادره⟧", "مبادره", KEEP_TA),
    ("a kept heh elsewhere in the word", "⟦هيئة⟧ هيئه", "هيئة", KEEP_TA),
    // Tatweel (kashida), in the text and in the query.
    ("tatweel in the text", "في ⟦الكويـــت⟧ اليوم", "الكويت", DEFAULT),
    ("tatweel in the query", "في ⟦الكويت⟧ اليوم", "الكـويـت", DEFAULT),
    // Digits in three scripts.
    ("ASCII digits query", "عام ⟦2025⟧ و⟦٢٠٢٥⟧ و⟦۲۰۲۵⟧", "2025", DEFAULT),
    ("Arabic-Indic digits query", "عام ⟦2025⟧ و⟦٢٠٢٥⟧ و⟦۲۰۲۵⟧", "٢٠٢٥", DEFAULT),
    ("Persian digits query", "عام ⟦2025⟧ و⟦٢٠٢٥⟧ و⟦۲۰۲۵⟧", "۲۰۲۵", DEFAULT),
    ("digits inside a number", "بلغ ⟦٢٠⟧٢٥ دولاراً", "20", DEFAULT),
    // Presentation forms, as copied from a PDF: in the text, in the query.
    ("presentation forms in the text", "في ⟦ﺍﻟﻜﻮﻳﺖ⟧ اليوم", "الكويت", DEFAULT),
    ("presentation forms in the query", "في ⟦الكويت⟧ اليوم", "ﺍﻟﻜﻮﻳﺖ", DEFAULT),
    ("lam-alef ligature in the text", "⟦ﻻ⟧ يمكن و⟦لا⟧ بد", "لا", DEFAULT),
    ("lam-alef with hamza ligature", "⟦ﻷن⟧ و⟦لأن⟧", "لان", DEFAULT),
    ("lam-alef ligature in the query", "⟦ﻻ⟧ يمكن و⟦لا⟧ بد", "ﻻ", DEFAULT),
    ("never half a ligature", "ﻻ يمكن", "ل", DEFAULT),
    ("the Allah ligature", "بسم ⟦ﷲ⟧ و⟦الله⟧", "الله", DEFAULT),
    ("teh marbuta final form", "⟦ﻣﺒﺎﺩﺭﺓ⟧ ⟦مبادرة⟧", "مبادرة", KEEP_TA),
    // Persian letters and ZWNJ.
    ("Farsi yeh", "سفر به ⟦ایران⟧ و ⟦ايران⟧", "ايران", DEFAULT),
    ("keheh", "سفارت ⟦کویت⟧ و⟦كويت⟧", "كويت", DEFAULT),
    ("heh with yeh above", "⟦خانۀ⟧ و⟦خانه⟧", "خانه", DEFAULT),
    ("ZWNJ inside a word", "من ⟦می\u{200C}خواهم⟧ بروم", "میخواهم", DEFAULT),
    ("Persian query on Arabic text", "أمير ⟦الكويت⟧", "الکویت", DEFAULT),
    // Urdu letters.
    ("Urdu keheh", "⟦پاکستان⟧ اور ⟦پاكستان⟧", "پاكستان", DEFAULT),
    ("Urdu heh goal and yeh barree", "یہ ⟦ہے⟧ اور ⟦هي⟧", "هي", DEFAULT),
    ("Urdu heh doachashmee", "⟦بھارت⟧ اور ⟦بهارت⟧", "بهارت", DEFAULT),
    // Latin names in Arabic text, any case.
    ("Latin name, any case", "قال ⟦NATO⟧ و⟦Nato⟧ و⟦nato⟧", "nato", DEFAULT),
    ("Latin name in capitals", "قال Xavier ⟦Colomina⟧ إن", "COLOMINA", DEFAULT),
    ("Latin accents", "⟦Café⟧ و⟦cafe⟧", "cafe", DEFAULT),
    ("bidi marks around a name", "قال \u{200F}⟦NATO⟧\u{200F} إن", "NATO", DEFAULT),
    // Whitespace: line breaks, no-break spaces, runs of spaces.
    ("across a line break", "مبادرة ⟦التعاون\nالخليجي⟧ اليوم", "التعاون الخليجي", DEFAULT),
    ("across a paragraph break", "⟦الأمن\n\nوالاستقرار⟧", "الامن والاستقرار", DEFAULT),
    ("across a no-break space", "⟦حلف\u{a0}شمال⟧ الأطلسي", "حلف شمال", DEFAULT),
    ("spaces around and inside the query", "⟦حلف شمال⟧ الأطلسي", "  حلف   شمال ", DEFAULT),
    ("words stay apart", "حلف شمال", "حلفشمال", DEFAULT),
    // Whole words by UAX #29.
    ("whole word", "في ⟦الكويت⟧. والكويت الكويتي", "الكويت", WHOLE_WORD),
    ("whole word with harakat", "في ⟦الكُوَيْتِ⟧ والكويت", "الكويت", WHOLE_WORD),
    ("whole word number", "بلغ ⟦3.5⟧ و13.5", "3.5", WHOLE_WORD),
    ("inside words by default", "في ⟦الكويت⟧. و⟦الكويت⟧ ⟦الكويت⟧ي", "الكويت", DEFAULT),
    // Nothing to find.
    ("absent", "مبادرة إسطنبول للتعاون", "الناتو", DEFAULT),
    ("query of harakat only", "مُحَمَّد", "\u{064E}\u{0651}", DEFAULT),
    ("empty query", "مبادرة", "", DEFAULT),
    ("matches do not overlap", "⟦aa⟧a", "aa", DEFAULT),
];

#[test]
fn every_case_finds_exactly_its_marked_ranges() {
    let mut failures = Vec::new();
    for &(what, text, query, options) in CASES {
        let (text, expected) = marked(text);
        let index = ArticleIndex::new(&text);
        let found = find(&index, &Query::new(query, options));
        if found != expected {
            let show = |rs: &[Range<usize>]| {
                rs.iter()
                    .map(|r| {
                        format!(
                            "{r:?} {:?}",
                            text.get(r.clone()).unwrap_or("(not on char boundaries)")
                        )
                    })
                    .collect::<Vec<_>>()
            };
            failures.push(format!(
                "{what}: {query:?} in {text:?}: found {:?}, expected {:?}",
                show(&found),
                show(&expected)
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn indexes_and_queries_can_go_to_a_worker_thread() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<ArticleIndex>();
    send_sync::<BriefingIndex>();
    send_sync::<Query>();
}

#[test]
fn folded_forms_as_documented() {
    for (text, options, folded) in [
        ("أَكَّدَ  الوزيرُ\nإنّ", DEFAULT, "اكد الوزير ان"),
        ("مبادرة", DEFAULT, "مبادره"),
        ("مبادرة", KEEP_TA, "مبادرة"),
        ("ﺍﻟﻜﻮﻳﺖ ﻻ", DEFAULT, "الكويت لا"),
        ("٢٠٢٥/۲۰۲۶", DEFAULT, "2025/2026"),
        ("NATO\u{200F}", DEFAULT, "nato"),
        ("خانۀ ی ک", DEFAULT, "خانه ي ك"),
    ] {
        assert_eq!(fold(text, options), folded, "{text:?}");
    }
    assert!(Query::new(" \u{0640}\u{064E} ", DEFAULT).is_empty());
    assert_eq!(Query::new("مبادرة", KEEP_TA).folded(), "مبادرة");
}

fn article(id: u32, text: &str) -> Article {
    Article {
        id: ArticleId(id),
        title: format!("article {id}"),
        source: String::new(),
        url: None,
        date: None,
        author: None,
        language: "ar".to_owned(),
        direction: Direction::Rtl,
        original_path: None,
        sha256: Article::hash_text(text),
        pages: Vec::new(),
        blocks: Vec::new(),
        text: text.to_owned(),
    }
}

#[test]
fn briefing_wide_search_names_each_article_and_range() {
    let mut briefing = Briefing::new("find");
    briefing.articles.push(article(7, "اجتماع مبادرة إسطنبول"));
    briefing.articles.push(article(3, "لا شيء هنا"));
    briefing
        .articles
        .push(article(9, "مبادره اسطنبول، ثم مبادرةُ إسطنبول"));
    let mut index = BriefingIndex::new(&briefing);
    let query = Query::new("مبادرة إسطنبول", DEFAULT);
    let hits = find_in_briefing(&index, &query);
    let got: Vec<(u32, usize, &str)> = hits
        .iter()
        .map(|m| {
            let text = &briefing.articles[m.position].text;
            (m.article.0, m.position, &text[m.range.clone()])
        })
        .collect();
    assert_eq!(
        got,
        [
            (7, 0, "مبادرة إسطنبول"),
            (9, 2, "مبادره اسطنبول"),
            (9, 2, "مبادرةُ إسطنبول"),
        ]
    );
    // Removing an article re-numbers the rest; the others keep their indexes.
    briefing.articles.remove(0);
    index.update(&briefing);
    assert_eq!(index.len(), 2);
    assert!(index.article(ArticleId(7)).is_none());
    let positions: Vec<usize> = find_in_briefing(&index, &query)
        .iter()
        .map(|m| m.position)
        .collect();
    assert_eq!(positions, [1, 1]);
}

#[test]
fn a_line_of_context_around_a_match() {
    let text = "السطر الأول\nأكد نائب وزير الخارجية الكويتي الشيخ جراح الجابر أن استضافة الكويت للاجتماع تجسد التزام البلاد\nالسطر الأخير";
    let index = ArticleIndex::new(text);
    let hits = find(&index, &Query::new("جراح الجابر", DEFAULT));
    assert_eq!(hits.len(), 1);
    let c = context(text, hits[0].clone(), 20).expect("a valid range");
    assert_eq!(c.matched, "جراح الجابر");
    assert_eq!(c.before, "الكويتي الشيخ ");
    assert_eq!(c.after, " أن استضافة الكويت");
    assert!(c.clipped_before && c.clipped_after);
    assert_eq!(
        c.to_string(),
        "…الكويتي الشيخ جراح الجابر أن استضافة الكويت…"
    );
    // Within the line only, and the whole line when it is short.
    let c = context(text, 0.."السطر".len(), 20).expect("a valid range");
    assert_eq!((c.before, c.after), ("", " الأول"));
    assert!(!c.clipped_before && !c.clipped_after);
    // Not a range of the text.
    assert!(context(text, 1..3, 20).is_none());
    assert!(context(text, 0..text.len() + 1, 20).is_none());
}

/// Characters the folding treats specially, to build random texts from.
const ALPHABET: &[char] = &[
    'ا', 'أ', 'إ', 'آ', 'ٱ', 'ل', 'ك', 'ی', 'ي', 'ى', 'ة', 'ه', 'ۀ', 'ک', 'ے', 'ؤ', 'ئ', 'ء',
    '\u{064B}', '\u{064E}', '\u{0651}', '\u{0670}', 'ـ', 'ﻻ', 'ﻷ', 'ﺍ', 'ﺓ', 'ﷲ', '\u{FE70}', '٣',
    '۳', '3', 'a', 'A', 'ß', 'S', 's', 'é', 'e', '\u{301}', 'İ', ' ', '\n', '\u{a0}', '\u{200C}',
    '\u{200D}', '\u{200F}', '\u{202B}', '.', '،', '\u{0600}',
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(ALPHABET),
            1 => any::<char>(),
        ],
        0..40,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// No text or query panics; every match lies on char boundaries, in order, without overlap,
    /// and its own folded text is the folded query. A query cut out of the text is found.
    #[test]
    fn matches_are_exact_ranges_whose_folded_text_is_the_query(
        text in text_strategy(),
        random_query in text_strategy(),
        cut in (any::<prop::sample::Index>(), any::<prop::sample::Index>()),
        from_text in any::<bool>(),
        fold_ta_marbuta in any::<bool>(),
        whole_word in any::<bool>(),
    ) {
        let options = FindOptions { fold_ta_marbuta, whole_word };
        let chars: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let (a, b) = (cut.0.get(&chars), cut.1.get(&chars));
        let query = if from_text { text[*a.min(b)..*a.max(b)].to_owned() } else { random_query };
        let index = ArticleIndex::new(&text);
        let q = Query::new(&query, options);
        let hits = find(&index, &q);
        let mut last_end = 0;
        for r in &hits {
            prop_assert!(r.start >= last_end && r.start < r.end, "{hits:?}");
            last_end = r.end;
            let Some(found) = text.get(r.clone()) else {
                return Err(TestCaseError::fail(format!("{r:?} is not on char boundaries")));
            };
            prop_assert_eq!(fold(found, options), fold(&query, options), "{:?}", r);
            let c = context(&text, r.clone(), 10);
            prop_assert!(c.is_some());
        }
        if from_text && !whole_word && !q.is_empty() {
            prop_assert!(!hits.is_empty(), "{query:?} not found in {text:?}");
        }
    }
}

// The command line, end to end.

const SAMPLE: &str = "assets/kuwait-istanbul-cooperation-initiative.ar.txt";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn briefing(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", "1790000000")
        .output()
        .expect("the binary runs")
}

#[test]
fn cli_find_prints_article_range_and_context_and_fails_when_nothing_matches() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("b.ron");
    let f = file.to_str().expect("a UTF-8 path");
    let html = "tests/fixtures/oman-water-summit.ar.html";
    assert!(briefing(&[
        "new",
        f,
        "--title",
        "t",
        "--article",
        SAMPLE,
        "--article",
        html
    ])
    .status
    .success());
    let loaded = briefing::briefing_file::load(&file).expect("the briefing loads");

    // Typed without hamza and with a heh: found as the article spells it, ten times.
    let out = briefing(&["find", f, "مبادره اسطنبول"]);
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 10, "{stdout}");
    for line in &lines {
        let [n, range, context] = line.splitn(3, '\t').collect::<Vec<_>>()[..] else {
            panic!("not three tab-separated fields: {line:?}")
        };
        assert_eq!(n, "1");
        let (start, end) = range.split_once("..").expect("START..END");
        let (start, end): (usize, usize) = (start.parse().unwrap(), end.parse().unwrap());
        let found = &loaded.articles[0].text[start..end];
        assert_eq!(found, "مبادرة إسطنبول");
        assert!(context.contains(found), "{context:?}");
    }

    // --exact: only as typed; --article limits the search; --keep-ta-marbuta.
    let out = briefing(&["find", f, "مبادره اسطنبول", "--exact"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("no match"), "{stderr}");
    let out = briefing(&["find", f, "مبادرة إسطنبول", "--exact", "--article", "1"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 10);
    let out = briefing(&["find", f, "مبادره اسطنبول", "--keep-ta-marbuta"]);
    assert_eq!(out.status.code(), Some(1));
    let out = briefing(&["find", f, "مبادرة", "--article", "2"]);
    assert!(String::from_utf8_lossy(&out.stdout)
        .lines()
        .all(|l| l.starts_with("2\t")));
    let out = briefing(&["find", f, "مبادرة", "--article", "3"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 article(s)"));
    let out = briefing(&["find", f, "\u{064E}"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty"));
}

#[test]
fn cli_quote_falls_back_to_folding_when_exactly_one_passage_matches() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("b.ron");
    let f = file.to_str().expect("a UTF-8 path");
    assert!(briefing(&["new", f, "--title", "t", "--article", SAMPLE])
        .status
        .success());
    // Typed with heh for ta marbuta and without hamza: the article's exact text is quoted.
    let out = briefing(&[
        "quote",
        f,
        "--article",
        "1",
        "--text",
        "استضافه الكويت للاجتماع السابع",
    ]);
    assert!(out.status.success(), "{out:?}");
    let loaded = briefing::briefing_file::load(&file).expect("the briefing loads");
    assert_eq!(loaded.unfiled[0].text, "استضافة الكويت للاجتماع السابع");
    // Folded, a passage that occurs ten times is still ambiguous.
    let before = std::fs::read(&file).expect("the file");
    let out = briefing(&["quote", f, "--article", "1", "--text", "مبادره اسطنبول"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("10 times"));
    assert_eq!(std::fs::read(&file).expect("the file"), before);
}
