//! Web pages as people save them: the article found by Readability, documents made of sibling
//! `<article>`s imported whole with their preamble, and a page's visible text when no article
//! is found (with a note), and `briefing read` printing what the importer keeps.

use std::process::Command;

use briefing::import::{import_bytes, import_bytes_noted, reading_text, ImportError, ImportNote};
use briefing::model::{Article, ArticleId, BlockKind, Direction};

const ID: ArticleId = ArticleId(1);

fn texts(a: &Article) -> Vec<&str> {
    a.blocks.iter().map(|b| a.block_text(b)).collect()
}

fn position(a: &Article, needle: &str) -> usize {
    a.text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in the text: {:?}", a.text))
}

/// Block invariants: ranges on char boundaries, in order, two bytes apart, nothing blank.
fn assert_valid(a: &Article) {
    let mut expected_start = 0;
    for b in &a.blocks {
        assert_eq!(b.start, expected_start, "blocks are joined by two newlines");
        assert!(a.text.is_char_boundary(b.start) && a.text.is_char_boundary(b.end));
        assert!(!a.block_text(b).trim().is_empty());
        expected_start = b.end + 2;
    }
    assert_eq!(a.text.len() + 2, expected_start.max(2));
}

const ARABIC_NEWS: &str = r#"<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>وزراء الخارجية العرب يبحثون الأزمة في السودان - الشرق اليوم</title>
<meta property="og:site_name" content="الشرق اليوم">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"وزراء الخارجية العرب يبحثون الأزمة في السودان",
 "author":{"@type":"Person","name":"ليلى حداد"},
 "datePublished":"2025-03-04T10:15:00+03:00",
 "publisher":{"@type":"Organization","name":"الشرق اليوم"}}</script>
<script>window.track("لا يظهر هذا النص");</script>
</head><body>
<header class="masthead"><a href="/">الشرق اليوم</a>
<nav><ul><li><a href="/politics">سياسة</a></li><li><a href="/economy">اقتصاد</a></li><li><a href="/sport">رياضة</a></li></ul></nav></header>
<div class="layout">
<div class="story">
<h1>وزراء الخارجية العرب يبحثون الأزمة في السودان</h1>
<p class="byline">ليلى حداد</p>
<p>عقد وزراء الخارجية العرب اجتماعاً طارئاً في القاهرة يوم الثلاثاء لبحث تطورات الأزمة في السودان، وسط دعوات متزايدة إلى وقف فوري لإطلاق النار وفتح ممرات آمنة لإيصال المساعدات الإنسانية إلى المدنيين في المناطق المتضررة.</p>
<p>وقال الأمين العام لجامعة الدول العربية إن «الوضع الإنساني بلغ حداً لا يمكن السكوت عنه»، مشيراً إلى أن أكثر من ثمانية ملايين شخص نزحوا من ديارهم منذ بدء القتال، وأن المنظمات الدولية تواجه صعوبات كبيرة في الوصول إلى المحتاجين.</p>
<h2>مبادرة للحل السياسي</h2>
<p>وناقش الوزراء مبادرة مصرية سعودية مشتركة تقترح هدنة لمدة ثلاثين يوماً، تتبعها مفاوضات مباشرة بين الأطراف المتنازعة برعاية عربية وأفريقية، على أن تشمل الترتيبات الأمنية وعودة النازحين وإعادة الإعمار.</p>
<ul><li>وقف إطلاق النار لمدة ثلاثين يوماً قابلة للتمديد</li><li>فتح ممرات إنسانية تحت إشراف دولي مستقل</li></ul>
<blockquote><p>«لا حل عسكرياً لهذه الأزمة، والحوار هو الطريق الوحيد»، قال أحد الوزراء المشاركين.</p></blockquote>
<p>ومن المقرر أن يرفع الوزراء توصياتهم إلى القمة العربية المقبلة، التي تستضيفها بغداد في شهر أيار المقبل، حيث يتوقع أن يتصدر الملف السوداني جدول أعمالها إلى جانب القضية الفلسطينية.</p>
</div>
<aside class="sidebar"><h3>الأكثر قراءة</h3><ul><li><a href="/a">أسعار النفط ترتفع</a></li><li><a href="/b">نتائج الدوري</a></li></ul></aside>
</div>
<footer><p>جميع الحقوق محفوظة للشرق اليوم ٢٠٢٥</p></footer>
</body></html>"#;

#[test]
fn arabic_news_page_keeps_the_story_and_its_metadata() {
    let a = import_bytes(ARABIC_NEWS.as_bytes(), "sudan.html", ID).expect("imports");
    assert_valid(&a);
    assert_eq!(a.title, "وزراء الخارجية العرب يبحثون الأزمة في السودان");
    assert_eq!(a.author.as_deref(), Some("ليلى حداد"));
    assert_eq!(a.date.as_deref(), Some("2025-03-04T10:15:00+03:00"));
    assert_eq!(a.source, "الشرق اليوم");
    assert_eq!(a.language, "ar");
    assert_eq!(a.direction, Direction::Rtl);
    // The story, in order, with its heading, list items and quotation as such.
    let order = [
        "عقد وزراء الخارجية العرب اجتماعاً طارئاً",
        "وقال الأمين العام لجامعة الدول العربية",
        "مبادرة للحل السياسي",
        "وناقش الوزراء مبادرة مصرية سعودية",
        "وقف إطلاق النار لمدة ثلاثين يوماً قابلة للتمديد",
        "«لا حل عسكرياً لهذه الأزمة",
        "ومن المقرر أن يرفع الوزراء توصياتهم",
    ];
    let at: Vec<usize> = order.iter().map(|s| position(&a, s)).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "out of order: {at:?}");
    let kind_of = |prefix: &str| {
        a.blocks
            .iter()
            .find(|b| a.block_text(b).starts_with(prefix))
            .map(|b| b.kind)
    };
    assert!(matches!(
        kind_of("مبادرة للحل السياسي"),
        Some(BlockKind::Heading(_))
    ));
    assert_eq!(
        kind_of("فتح ممرات إنسانية تحت إشراف دولي مستقل"),
        Some(BlockKind::ListItem)
    );
    assert_eq!(
        kind_of("«لا حل عسكرياً لهذه الأزمة"),
        Some(BlockKind::BlockQuote)
    );
    for chrome in [
        "اقتصاد",
        "رياضة",
        "الأكثر قراءة",
        "أسعار النفط",
        "محفوظة",
        "لا يظهر",
    ] {
        assert!(!a.text.contains(chrome), "chrome {chrome:?} was kept");
    }
}

/// A paragraph of `n` sentences about `topic`, long enough to read as running text.
fn paragraph(topic: &str, n: usize) -> String {
    (1..=n)
        .map(|i| {
            format!("Sentence {i} about {topic} explains the matter at length, so that the part reads as text.")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_declaration_of_sibling_articles_imports_whole_with_its_preamble() {
    let articles: String = (1..=6)
        .map(|n| {
            format!(
                "<article id=\"art{n}\"><h2>Article {n}</h2><p>{}</p></article>\n",
                paragraph(&format!("the right number {n}"), if n == 4 { 6 } else { 2 })
            )
        })
        .collect();
    let page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>Declaration on Cooperation | Treaty Office</title></head>\
         <body><nav><a href=\"/\">Home</a> <a href=\"/treaties\">Treaties</a></nav>\
         <div class=\"document\"><header><h1>Declaration on Cooperation</h1>\
         <p>Preamble: the parties, recalling their earlier agreements and resolved to work together, agree as follows.</p></header>\
         {articles}</div><footer><p>Treaty Office footer text</p></footer></body></html>"
    );
    let a = import_bytes(page.as_bytes(), "declaration.html", ID).expect("imports");
    assert_valid(&a);
    assert_eq!(a.title, "Declaration on Cooperation");
    let mut at = vec![position(&a, "Preamble: the parties")];
    for n in 1..=6 {
        at.push(position(&a, &format!("Article {n}")));
        at.push(position(
            &a,
            &format!("about the right number {n} explains"),
        ));
    }
    assert!(at.windows(2).all(|w| w[0] < w[1]), "out of order: {at:?}");
    assert!(!a.text.contains("Treaties") && !a.text.contains("footer text"));
}

#[test]
fn a_live_blog_keeps_every_entry_in_order() {
    let entries: String = ["09:00", "10:30", "12:15", "14:45"]
        .iter()
        .map(|t| {
            format!(
                "<article class=\"entry\"><h3>Update at {t}</h3><p>{}</p></article>",
                paragraph(&format!("the summit at {t}"), 2)
            )
        })
        .collect();
    let page = format!(
        "<html><head><title>Live: the summit</title></head><body><main><h1>Live: the summit</h1>\
         <section class=\"live\">{entries}</section></main></body></html>"
    );
    let a = import_bytes(page.as_bytes(), "live.html", ID).expect("imports");
    assert_valid(&a);
    let at: Vec<usize> = ["09:00", "10:30", "12:15", "14:45"]
        .iter()
        .map(|t| position(&a, &format!("the summit at {t} explains")))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "out of order: {at:?}");
}

#[test]
fn teaser_cards_beside_an_article_do_not_replace_it() {
    let teasers: String = (1..=5)
        .map(|n| {
            format!("<article class=\"card\"><a href=\"/s{n}\"><h3>Other story number {n} with a long headline here</h3></a><p><a href=\"/s{n}\">Read the other story number {n} on this site</a></p></article>")
        })
        .collect();
    let page = format!(
        "<html><head><title>Main story</title></head><body><div id=\"story\"><h1>Main story</h1><p>{}</p><p>{}</p></div>\
         <div class=\"more\">{teasers}</div></body></html>",
        paragraph("the main story", 5),
        paragraph("its background", 4)
    );
    let a = import_bytes(page.as_bytes(), "story.html", ID).expect("imports");
    assert!(a.text.contains("about the main story explains"));
    assert!(a.text.contains("about its background explains"));
    assert!(
        !a.text.contains("Other story number"),
        "teasers kept: {:?}",
        texts(&a)
    );
}

#[test]
fn a_page_without_article_elements_imports_its_story() {
    let page = format!(
        "<html><head><title>Budget talks resume - Daily Wire Service</title>\
         <meta property=\"og:site_name\" content=\"Daily Wire Service\"></head>\
         <body><div id=\"top\"><ul class=\"menu\"><li><a href=\"/\">Front page</a></li><li><a href=\"/w\">World</a></li></ul></div>\
         <div class=\"main-column\"><div class=\"text\"><p>{}</p><p>{}</p><p>{}</p></div></div>\
         <div class=\"footer\">Contact us at the wire service</div></body></html>",
        paragraph("the budget", 4),
        paragraph("the opposition", 3),
        paragraph("the next vote", 3)
    );
    let imported = import_bytes_noted(page.as_bytes(), "budget.html", ID).expect("imports");
    let a = &imported.article;
    assert_valid(a);
    assert!(imported.notes.is_empty(), "notes: {:?}", imported.notes);
    assert_eq!(a.title, "Budget talks resume");
    assert_eq!(a.source, "Daily Wire Service");
    assert_eq!(a.blocks.len(), 3, "{:?}", texts(a));
    assert!(texts(a)[2].contains("about the next vote"));
    assert!(!a.text.contains("Front page") && !a.text.contains("Contact us"));
}

#[test]
fn a_page_whose_text_only_the_fallback_finds_is_imported_with_a_note() {
    // Nothing but navigation: no article to find, yet the page shows text.
    let page = "<html><head><title>Site map</title></head><body>\
        <nav><ul><li><a href=\"/a\">Press releases</a></li><li><a href=\"/b\">Statements by the minister</a></li></ul></nav>\
        <footer><p>Ministry of Foreign Affairs</p></footer></body></html>";
    let imported = import_bytes_noted(page.as_bytes(), "sitemap.html", ID).expect("imports");
    assert_valid(&imported.article);
    assert_eq!(
        texts(&imported.article),
        [
            "Press releases",
            "Statements by the minister",
            "Ministry of Foreign Affairs"
        ]
    );
    assert_eq!(
        imported.notes,
        [ImportNote::PageText {
            file: "sitemap.html".to_owned()
        }]
    );
    let note = imported.notes[0].to_string();
    assert!(note.contains("sitemap.html") && note.contains("visible text") && !note.contains('\n'));
    // A page that shows no text at all is still refused.
    let blank = b"<html><head><title>x</title><script>a()</script></head><body><img src=a.png><style>p{}</style></body></html>";
    let err = import_bytes(blank, "blank.html", ID).expect_err("refused");
    assert!(matches!(err, ImportError::NoReadableText { .. }), "{err:?}");
}

#[test]
fn reading_text_is_the_title_then_the_blocks() {
    let a = import_bytes(ARABIC_NEWS.as_bytes(), "sudan.html", ID).expect("imports");
    let printed = reading_text(&a);
    let mut expected = format!("{}\n", a.title);
    for b in &a.blocks {
        let text = a.block_text(b);
        if !(b.kind == BlockKind::Title && text == a.title) {
            expected.push_str(&format!("\n{text}\n"));
        }
    }
    assert_eq!(printed, expected);
    assert_eq!(printed.matches(a.title.as_str()).count(), 1, "{printed}");
}

#[test]
fn briefing_read_prints_the_import_and_refuses_with_one_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("sudan.html");
    std::fs::write(&page, ARABIC_NEWS).expect("write page");
    let out = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("read")
        .arg(&page)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    let article = import_bytes(ARABIC_NEWS.as_bytes(), "sudan.html", ID).expect("imports");
    assert_eq!(stdout, reading_text(&article));
    assert!(out.stderr.is_empty());

    let nav_only = dir.path().join("nav.html");
    std::fs::write(
        &nav_only,
        "<html><body><nav><a href=\"/\">Home page of the ministry</a></nav></body></html>",
    )
    .expect("write page");
    let out = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("read")
        .arg(&nav_only)
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Home page of the ministry\n\nHome page of the ministry\n"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("warning") && stderr.contains("visible text"),
        "{stderr}"
    );

    let image = dir.path().join("photo.html");
    std::fs::write(&image, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\0\0\0\0\0").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("read")
        .arg(&image)
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("photo.html"), "{stderr}");
}

#[test]
fn a_short_news_item_among_many_links_is_the_article() {
    // A breaking-news page: three sentences of story, and far more text in link lists around
    // it, so Readability does not take the page for an article, yet finds the story; the
    // page's `<article>` holds only its metadata, so the page's content root has no text.
    let links: String = (0..40)
        .map(|i| format!("<li><a href=\"/n/{i}\">Another headline number {i} from the wire desk today</a></li>"))
        .collect();
    let page = format!(
        "<html><head><title>Talks resume in Geneva</title></head><body>\
         <article itemscope itemtype=\"https://schema.org/NewsArticle\">\
         <meta itemprop=\"headline\" content=\"Talks resume in Geneva\"></article>\
         <header><ul>{links}</ul></header>\
         <div class=\"story\"><h1>Talks resume in Geneva</h1>\
         <p>Delegations from both sides met in Geneva on Monday for the first time since the \
         summer, the mediators said. The talks are to last three days. A joint statement is \
         expected on Thursday, when the foreign ministers are due to join the delegations.</p></div>\
         <div class=\"more\"><ul>{links}</ul></div></body></html>"
    );
    let imported = import_bytes_noted(page.as_bytes(), "item.html", ID).expect("imports");
    assert_valid(&imported.article);
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    assert!(imported
        .article
        .text
        .contains("A joint statement is expected on Thursday"));
    assert!(
        !imported.article.text.contains("Another headline"),
        "{:?}",
        texts(&imported.article)
    );
}
