//! Agenda and speaker suggestions, on the sample Arabic article and on English text.

use briefing::import::import_bytes;
use briefing::model::{Article, ArticleId};
use briefing::suggest::{agenda_suggestions, speaker_suggestion};

const SAMPLE: &str = include_str!("../assets/kuwait-istanbul-cooperation-initiative.ar.txt");

fn article(text: &str, name: &str) -> Article {
    import_bytes(text.as_bytes(), name, ArticleId(1)).unwrap_or_else(|e| panic!("{e}"))
}

/// The speaker suggested for the quote `quote` (its first occurrence in the article).
fn speaker(a: &Article, quote: &str) -> Option<String> {
    let start = a
        .text
        .find(quote)
        .unwrap_or_else(|| panic!("{quote:?} not in the article"));
    speaker_suggestion(a, start, start + quote.len())
}

#[test]
fn agenda_from_sample() {
    let a = article(SAMPLE, "kuwait.txt");
    assert_eq!(
        agenda_suggestions(&a),
        vec![
            "الكويت تؤكد التزامها بالأمن الإقليمي من خلال استضافة اجتماع مبادرة إسطنبول للتعاون",
            "الكويت ومبادرة إسطنبول: شراكة استراتيجية",
            "أجندة الاجتماع: التحديات الأمنية الراهنة",
            "تطور التعاون في إطار مبادرة إسطنبول",
            "البيئة السياسية والأمنية الإقليمية",
            "التهديدات العابرة للحدود",
            "الناتو يؤكد على أهمية الشراكة مع دول الخليج",
            "نظرة مستقبلية وتوجهات استراتيجية",
        ]
    );
}

#[test]
fn agenda_dedupes_and_cleans() {
    let md = "# Talks in Doha\n\n## Talks in Doha\n\n## Security:\n\nText.\n\n- 1. Energy;\n- security\n- Security\n- \
              this list item is a long running sentence that goes on and on well past twenty words so it is not a topic for the agenda at all\n";
    let a = article(md, "a.md");
    assert_eq!(agenda_suggestions(&a), vec!["Security", "Energy"]);
}

#[test]
fn arabic_speakers_in_sample() {
    let a = article(SAMPLE, "kuwait.txt");
    let s = speaker(&a, "تجسد التزام البلاد الراسخ بدعم الحوار البناء").expect("speaker");
    assert_eq!(s, "نائب وزير الخارجية الكويتي، الشيخ جراح الجابر");

    assert_eq!(
        speaker(&a, "الشراكة بين الناتو ودول الخليج تمتد لأكثر من 20 عاماً").as_deref(),
        Some("كولومينا")
    );

    let s = speaker(&a, "التزام الناتو بالحوار والتعاون مع دول الخليج").expect("speaker");
    assert!(s.starts_with("خافيير كولومينا"), "{s}");
    assert_eq!(
        s,
        "خافيير كولومينا، ممثل الأمين العام لحلف الناتو الخاص بالجوار الجنوبي"
    );

    let s = speaker(&a, "الاجتماع يمثل فرصة مهمة لتقييم التقدم المحقق").expect("speaker");
    assert!(s.contains("عبدالعزيز الجارالله"), "{s}");
    assert!(s.starts_with("مساعد وزير الخارجية الكويتي"), "{s}");

    // Inside the sentence, and in the paragraph that follows it.
    assert_eq!(
        speaker(&a, "هذه الاستضافة تؤكد ثبات نهج الكويت").as_deref(),
        Some("الشيخ جراح الصباح")
    );
    assert_eq!(
        speaker(&a, "إن المركز الإقليمي لمبادرة إسطنبول للتعاون").as_deref(),
        Some("الشيخ جراح الصباح")
    );

    assert_eq!(
        speaker(&a, "أهمية ترجمة الحوار إلى خطوات عملية").as_deref(),
        Some("كولومينا")
    );

    // «وأشار إلى الدور…» names nobody; the sentence before it does (Colomina).
    assert_eq!(
        speaker(&a, "الدور المتنامي الذي تلعبه دول مجلس التعاون").as_deref(),
        Some("كولومينا")
    );
    // «وأشاد باستضافة…»: the object of praise is not a speaker; the sentence before names him.
    let s = speaker(&a, "بركيزة أساسية في مجال التدريب").expect("speaker");
    assert!(s.starts_with("خافيير كولومينا"), "{s}");
}

#[test]
fn arabic_without_a_name_gives_none() {
    let a = article(
        "عنوان الخبر\n\nوأشار إلى الدور المتنامي لدول المنطقة في الوساطة.\nتتواصل الاجتماعات غداً في العاصمة.\n",
        "a.txt",
    );
    assert_eq!(speaker(&a, "الدور المتنامي لدول المنطقة"), None);
    assert_eq!(speaker(&a, "تتواصل الاجتماعات غداً"), None);
    // A heading is not "the sentence before".
    let a = article("عنوان\n\nقال الوزير إن الوضع مستقر\nتتواصل الاجتماعات غداً في العاصمة وتستمر حتى نهاية الأسبوع.\n", "a.txt");
    assert_eq!(speaker(&a, "تتواصل الاجتماعات"), None);
}

#[test]
fn arabic_forms() {
    let a = article(
        "عنوان\n\nوقالت وزيرة الخارجية السويدية ماريا مالمر ستينرغارد: «نحن ندعم الحوار».\n\
         وصرّح المتحدث باسم الوزارة بأن المحادثات ستستأنف.\n\
         فأكدت Maria Santos إن التعهدات بلغت 4.5 مليار دولار.\n\
         وقال الوزير في تصريح لوكالة الأنباء إن الوضع مستقر.\n",
        "a.txt",
    );
    assert_eq!(
        speaker(&a, "نحن ندعم الحوار").as_deref(),
        Some("وزيرة الخارجية السويدية ماريا مالمر ستينرغارد")
    );
    assert_eq!(
        speaker(&a, "المحادثات ستستأنف").as_deref(),
        Some("المتحدث باسم الوزارة")
    );
    assert_eq!(
        speaker(&a, "التعهدات بلغت").as_deref(),
        Some("Maria Santos")
    );
    assert_eq!(speaker(&a, "الوضع مستقر").as_deref(), Some("الوزير"));
}

#[test]
fn english_speakers() {
    let a = article(
        "Gulf talks\n\n\
         Foreign Minister Abdullah Al-Yahya said the talks were constructive.\n\
         \"We are ready to help,\" said Jens Stoltenberg, speaking in Brussels.\n\
         The region needs de-escalation, according to UN envoy Hans Grundberg.\n\
         Javier Colomina, NATO's envoy for the southern neighbourhood, stressed the value of training.\n\
         \"Nothing is agreed yet,\" he said.\n\
         Prices rose 4.5% in March, the minister told reporters.\n",
        "a.txt",
    );
    assert_eq!(
        speaker(&a, "the talks were constructive").as_deref(),
        Some("Foreign Minister Abdullah Al-Yahya")
    );
    assert_eq!(
        speaker(&a, "We are ready to help").as_deref(),
        Some("Jens Stoltenberg")
    );
    assert_eq!(
        speaker(&a, "The region needs de-escalation").as_deref(),
        Some("UN envoy Hans Grundberg")
    );
    assert_eq!(
        speaker(&a, "the value of training").as_deref(),
        Some("Javier Colomina, NATO's envoy for the southern neighbourhood")
    );
    // "he said" names nobody: the sentence before does.
    assert_eq!(
        speaker(&a, "Nothing is agreed yet").as_deref(),
        Some("Javier Colomina, NATO's envoy for the southern neighbourhood")
    );
    assert_eq!(
        speaker(&a, "Prices rose 4.5% in March").as_deref(),
        Some("the minister")
    );
}

#[test]
fn out_of_range_and_odd_offsets_do_not_panic() {
    let a = article(SAMPLE, "kuwait.txt");
    let len = a.text.len();
    for (s, e) in [
        (0, 0),
        (len, len),
        (len + 5, len + 9),
        (1, 2),
        (3, 1),
        (len - 1, len),
    ] {
        let _ = speaker_suggestion(&a, s, e);
    }
    for s in (0..len).step_by(97) {
        let _ = speaker_suggestion(&a, s, s + 10);
    }
}

#[test]
fn a_title_with_a_lam_prefixed_word_keeps_the_name() {
    let a = article(
        "الخبر\n\nوقال الأمين العام للوزارة، محمد بن عيسى، في مؤتمر صحفي إن الخطة ستنجح.\n\nوقال للصحفيين إن الاجتماع كان مثمراً.\n",
        "a.txt",
    );
    assert_eq!(
        speaker(&a, "الخطة ستنجح").as_deref(),
        Some("الأمين العام للوزارة، محمد بن عيسى")
    );
    // «للصحفيين» right after the verb is whom it was said to, not a speaker; the sentence
    // before names the speaker.
    assert_eq!(
        speaker(&a, "الاجتماع كان مثمراً").as_deref(),
        Some("الأمين العام للوزارة، محمد بن عيسى")
    );
}

#[test]
fn a_new_paragraph_in_the_article_s_own_voice_or_citing_a_document_names_nobody() {
    let a = article(
        "البعثة الأممية\n\n\
         وقالت المندوبة البريطانية باربرا وودوارد (Barbara Woodward) إن \"القرار يعكس التزام المجتمع الدولي\".\n\n\
         ويبلغ عدد أفراد البعثة نحو 10,000 جندي من 49 دولة.\n\n\
         وبحسب التقرير الفصلي للوكالة، بلغ مخزون اليورانيوم المخصب نحو 274.8 كيلوغرام.\n\n\
         وقال الوزير إن الحوار مستمر.\n\n\
         «نحن ملتزمون بالاتفاق حتى النهاية».\n\n\
         يُذكر أنّ الوكالةَ تأسّست عامَ 1957.\n",
        "a.txt",
    );
    assert_eq!(
        speaker(&a, "القرار يعكس التزام").as_deref(),
        Some("المندوبة البريطانية باربرا وودوارد")
    );
    assert_eq!(speaker(&a, "نحو 10,000 جندي"), None);
    assert_eq!(speaker(&a, "بلغ مخزون اليورانيوم"), None);
    assert_eq!(speaker(&a, "الوكالةَ تأسّست"), None);
    // A paragraph that opens a quotation carries the minister's words on.
    assert_eq!(
        speaker(&a, "نحن ملتزمون بالاتفاق").as_deref(),
        Some("الوزير")
    );

    let a = article(
        "Oil deal\n\n\
         \"This is a bold step,\" said Prince Abdulaziz bin Salman (الأمير عبد العزيز بن سلمان), adding that the plan covers 2025-2035.\n\n\
         The G7 and the E3 welcomed the deal, according to a statement from the Foreign Office.\n",
        "a.txt",
    );
    assert_eq!(
        speaker(&a, "This is a bold step").as_deref(),
        Some("Prince Abdulaziz bin Salman")
    );
    assert_eq!(speaker(&a, "welcomed the deal"), None);
}

#[test]
fn a_sentence_citing_a_statement_with_wafqan_names_nobody() {
    let a = article(
        "البيان\n\nوقال الوزير إن المحادثات مستمرة. ووفقاً لبيان الوزارة، ستعقد الجولة المقبلة في مسقط.\n",
        "a.txt",
    );
    assert_eq!(speaker(&a, "ستعقد الجولة المقبلة").as_deref(), None);
    assert_eq!(speaker(&a, "المحادثات مستمرة").as_deref(), Some("الوزير"));
}
