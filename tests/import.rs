//! Article import: each format, each kind of bad input, encodings, the sample's structure,
//! and that no bytes make the importer panic or produce invalid blocks.

use std::path::Path;

use briefing::import::{import_bytes, import_file, ImportError, MAX_ARTICLE_BYTES};
use briefing::model::{Article, ArticleId, BlockKind, Direction};

const SAMPLE: &str = include_str!("../assets/kuwait-istanbul-cooperation-initiative.ar.txt");
const ID: ArticleId = ArticleId(7);

/// Blocks in order, non-overlapping, on char boundaries, trimmed, non-empty; text is the
/// blocks joined by "\n\n"; the hash matches.
fn assert_valid(a: &Article) {
    let mut last = 0;
    let mut joined = String::new();
    for (i, b) in a.blocks.iter().enumerate() {
        assert!(
            b.start >= last && b.start < b.end,
            "block {i} {b:?} out of order or empty"
        );
        let t = a
            .text
            .get(b.start..b.end)
            .unwrap_or_else(|| panic!("block {i} {b:?} off a char boundary"));
        assert_eq!(t, t.trim(), "block {i} has surrounding whitespace");
        if i > 0 {
            joined.push_str("\n\n");
        }
        joined.push_str(t);
        last = b.end;
    }
    assert_eq!(
        joined, a.text,
        "text is not the blocks joined by blank lines"
    );
    assert_eq!(a.sha256, Article::hash_text(&a.text));
}

fn import(bytes: &[u8], name: &str) -> Article {
    let a = import_bytes(bytes, name, ID).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_valid(&a);
    a
}

fn kinds_and_texts(a: &Article) -> Vec<(BlockKind, &str)> {
    a.blocks.iter().map(|b| (b.kind, a.block_text(b))).collect()
}

fn kind_of(a: &Article, text: &str) -> BlockKind {
    a.blocks
        .iter()
        .find(|b| a.block_text(b) == text)
        .unwrap_or_else(|| panic!("no block {text:?} in {:#?}", kinds_and_texts(a)))
        .kind
}

#[test]
fn sample_structure() {
    let a = import(SAMPLE.as_bytes(), "kuwait.ar.txt");
    assert_eq!(a.blocks[0].kind, BlockKind::Title);
    assert!(a
        .block_text(&a.blocks[0])
        .starts_with("جراح الجابر استضافة"));
    assert!(a.title.starts_with("جراح الجابر استضافة"));
    assert_eq!(a.language, "ar");
    assert_eq!(a.direction, Direction::Rtl);
    assert_eq!(a.source, "");
    assert_eq!(a.original_path, None);
    let h2 = BlockKind::Heading(2);
    let expected = [
        (
            "الكويت تؤكد التزامها بالأمن الإقليمي من خلال استضافة اجتماع مبادرة إسطنبول للتعاون",
            h2,
        ),
        ("الكويت ومبادرة إسطنبول: شراكة استراتيجية", h2),
        ("أجندة الاجتماع: التحديات الأمنية الراهنة", h2),
        ("ضمن نطاق أوسع، تتطرق النقاشات إلى:", BlockKind::Paragraph),
        ("تطور التعاون في إطار مبادرة إسطنبول", BlockKind::ListItem),
        ("البيئة السياسية والأمنية الإقليمية", BlockKind::ListItem),
        ("التهديدات العابرة للحدود", BlockKind::ListItem),
        ("الناتو يؤكد على أهمية الشراكة مع دول الخليج", h2),
        ("نظرة مستقبلية وتوجهات استراتيجية", h2),
    ];
    for (text, kind) in expected {
        assert_eq!(kind_of(&a, text), kind, "{text}");
    }
    // Exactly those headings and items; everything else is a paragraph.
    let structural = a
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading(_) | BlockKind::ListItem))
        .count();
    assert_eq!(structural, 8);
    // One block per non-blank line, characters unchanged.
    let lines: Vec<&str> = SAMPLE
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(a.blocks.len(), lines.len());
    assert_eq!(a.text, lines.join("\n\n"));
}

#[test]
fn plain_text_variants_import_to_the_same_text() {
    let reference = import(SAMPLE.as_bytes(), "a.txt");
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(SAMPLE.as_bytes());
    let crlf = SAMPLE.replace('\n', "\r\n");
    let cr = SAMPLE.replace('\n', "\r");
    let mut utf16le = vec![0xFF, 0xFE];
    let mut utf16be = vec![0xFE, 0xFF];
    for u in SAMPLE.encode_utf16() {
        utf16le.extend_from_slice(&u.to_le_bytes());
        utf16be.extend_from_slice(&u.to_be_bytes());
    }
    let (cp1256, _, unmappable) = encoding_rs::WINDOWS_1256.encode(SAMPLE);
    assert!(!unmappable, "the sample fits windows-1256");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("UTF-8 with BOM", bom),
        ("CRLF", crlf.into_bytes()),
        ("CR", cr.into_bytes()),
        ("UTF-16LE without BOM", utf16le[2..].to_vec()),
        ("UTF-16BE without BOM", utf16be[2..].to_vec()),
        ("UTF-16LE with BOM", utf16le),
        ("UTF-16BE with BOM", utf16be),
        ("windows-1256", cp1256.into_owned()),
    ];
    for (what, bytes) in cases {
        let a = import(&bytes, "a.txt");
        assert_eq!(a.text, reference.text, "{what}");
        assert_eq!(a.blocks, reference.blocks, "{what}");
        assert_eq!(a.sha256, reference.sha256, "{what}");
        assert_eq!(a.language, "ar", "{what}");
    }
}

#[test]
fn windows_1252_text_imports() {
    let text = "Café talks in Genève\n\nThe minister’s délégation arrived on Monday for two days of talks.\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(std::str::from_utf8(&bytes).is_err());
    let a = import(&bytes, "a.txt");
    assert_eq!(a.title, "Café talks in Genève");
    assert!(a.text.contains("minister’s délégation"));
    assert_eq!(a.language, "en");
    assert_eq!(a.direction, Direction::Ltr);
}

#[test]
fn plain_text_lists_and_headings() {
    let text = "Summit ends with joint statement\n\
                Leaders agreed on three points:\n\
                - a ceasefire by Friday\n\
                * humanitarian corridors\n\
                • talks to resume in Doha\n\
                1. first numbered point\n\
                ١. نقطة مرقمة\n\
                Background\n\
                The summit was the third this year and was attended by 14 heads of state.\n\
                The delegations named:\n\
                Egypt\n\
                Qatar\n\
                Jordan\n\
                Observers welcomed the statement, which they called overdue.\n";
    let a = import(text.as_bytes(), "a.txt");
    let got = kinds_and_texts(&a);
    let p = BlockKind::Paragraph;
    let li = BlockKind::ListItem;
    assert_eq!(
        got,
        vec![
            (BlockKind::Title, "Summit ends with joint statement"),
            (p, "Leaders agreed on three points:"),
            (li, "a ceasefire by Friday"),
            (li, "humanitarian corridors"),
            (li, "talks to resume in Doha"),
            (li, "1. first numbered point"),
            (li, "١. نقطة مرقمة"),
            (BlockKind::Heading(2), "Background"),
            (
                p,
                "The summit was the third this year and was attended by 14 heads of state."
            ),
            (p, "The delegations named:"),
            (li, "Egypt"),
            (li, "Qatar"),
            (li, "Jordan"),
            (
                p,
                "Observers welcomed the statement, which they called overdue."
            ),
        ]
    );
    assert_eq!(a.language, "en");
}

#[test]
fn bidi_controls_and_harakat_are_kept_inside_their_paragraph() {
    let text = "عنوانٌ\n\n\u{200F}قالَ الوزيرُ إنَّ \u{2067}NATO 2024\u{2069} مهمٌّ.\u{200F}\n\u{200B}\n";
    let a = import(text.as_bytes(), "a.txt");
    assert_eq!(a.blocks.len(), 2);
    assert_eq!(
        a.block_text(&a.blocks[1]),
        "\u{200F}قالَ الوزيرُ إنَّ \u{2067}NATO 2024\u{2069} مهمٌّ.\u{200F}"
    );
}

#[test]
fn language_detection() {
    let cases = [
        (
            "عنوان\nهذا نص عربي عن الاجتماع في الكويت.",
            "ar",
            Direction::Rtl,
        ),
        (
            "عنوان\nاین یک متن فارسی درباره گفتگوهای کشورها است.",
            "fa",
            Direction::Rtl,
        ),
        (
            "عنوان\nیہ اردو میں ایک مختصر خبر ہے جو کہ بہت اہم ہے۔",
            "ur",
            Direction::Rtl,
        ),
        ("כותרת\nזהו טקסט בעברית על הפגישה.", "he", Direction::Rtl),
        (
            "Title\nThis is English text about the meeting.",
            "en",
            Direction::Ltr,
        ),
        // A Latin name first does not make an Arabic article left to right.
        (
            "NATO في الكويت\nعقد حلف الناتو اجتماعاً في الكويت بمشاركة الدول الشريكة.",
            "ar",
            Direction::Rtl,
        ),
    ];
    for (text, lang, dir) in cases {
        let a = import(text.as_bytes(), "a.txt");
        assert_eq!((a.language.as_str(), a.direction), (lang, dir), "{text}");
    }
}

#[test]
fn markdown() {
    let md = "---\ntitle: \"Gulf talks\"\nauthor: Jane Doe\ndate: 2024-05-02\nsource: Example News\n---\n\
              # Gulf talks resume in **Kuwait**\n\n\
              The talks, _hosted_ by the [foreign ministry](https://example.org/mfa),\n\
              resumed on `Monday` with 12 delegations.\n\n\
              ## Agenda\n\n\
              - maritime security\n\
              * counter-terrorism\n\
              + cyber *defence*\n\
              1. first point\n\n\
              > We are committed to dialogue,\n\
              > the minister said.\n\n\
              ### الموقف الكويتي\n\n\
              قال الوزير إن **الحوار** هو الطريق.\n\n\
              ---\n\n\
              snake_case_word and 2 * 3 stay\n";
    let a = import(md.as_bytes(), "a.md");
    let p = BlockKind::Paragraph;
    let li = BlockKind::ListItem;
    assert_eq!(
        kinds_and_texts(&a),
        vec![
            (BlockKind::Title, "Gulf talks resume in Kuwait"),
            (
                p,
                "The talks, hosted by the foreign ministry, resumed on Monday with 12 delegations."
            ),
            (BlockKind::Heading(2), "Agenda"),
            (li, "maritime security"),
            (li, "counter-terrorism"),
            (li, "cyber defence"),
            (li, "1. first point"),
            (
                BlockKind::BlockQuote,
                "We are committed to dialogue, the minister said."
            ),
            (BlockKind::Heading(3), "الموقف الكويتي"),
            (p, "قال الوزير إن الحوار هو الطريق."),
            (p, "snake_case_word and 2 * 3 stay"),
        ]
    );
    assert_eq!(a.title, "Gulf talks");
    assert_eq!(a.author.as_deref(), Some("Jane Doe"));
    assert_eq!(a.date.as_deref(), Some("2024-05-02"));
    assert_eq!(a.source, "Example News");
    assert_eq!(a.language, "en");
}

const ARABIC_PAGE: &str = r#"<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
  <meta charset="utf-8">
  <title>قمة المناخ في الدوحة تختتم أعمالها | شبكة الأخبار</title>
  <meta property="og:site_name" content="شبكة الأخبار">
  <meta property="og:title" content="قمة المناخ في الدوحة تختتم أعمالها">
  <meta name="author" content="سارة المنصوري">
  <meta property="article:published_time" content="2024-11-21T09:30:00+03:00">
  <link rel="canonical" href="https://news.example/ar/climate-doha-2024">
  <script>var tracking = "لا تظهر هذه الجملة";</script>
  <style>body { font-family: serif; }</style>
</head>
<body>
  <header class="site-header"><a href="/">شبكة الأخبار</a><nav><ul><li>الرئيسية</li><li>سياسة</li><li>اقتصاد</li></ul></nav></header>
  <div class="cookie-banner"><p>نستخدم ملفات تعريف الارتباط.</p></div>
  <main>
    <article>
      <header><h1>قمة المناخ في الدوحة تختتم أعمالها بتعهدات بقيمة 4.5 مليار دولار</h1>
      <time datetime="2024-11-21">٢١ نوفمبر ٢٠٢٤</time></header>
      <div class="share-bar"><a>شارك</a><a>غرّد</a></div>
      <p>اختتمت   قمة المناخ الإقليمية في الدوحة أعمالها مساء الأربعاء، بمشاركة <strong>27</strong> دولة
         ومنظمة دولية.</p>
      <h2>تعهدات التمويل</h2>
      <p>وقال المبعوث الأممي <a href="/p/ms">Maria Santos</a> إن التعهدات بلغت 4.5 مليار دولار.</p>
      <ul>
        <li>صندوق التكيف مع المناخ</li>
        <li>مشاريع الطاقة الشمسية في المنطقة</li>
      </ul>
      <blockquote><p>«لا يمكن لأي دولة أن تواجه هذا التحدي وحدها».</p></blockquote>
      <aside class="related"><h3>أخبار ذات صلة</h3><p>خبر آخر لا علاقة له.</p></aside>
      <div id="comments"><p>تعليق من قارئ.</p></div>
    </article>
  </main>
  <footer><p>جميع الحقوق محفوظة © 2024</p></footer>
  <script>document.write("نص من سكربت");</script>
</body>
</html>"#;

#[test]
fn arabic_html_page_without_chrome() {
    let a = import(ARABIC_PAGE.as_bytes(), "climate.html");
    assert_eq!(
        kinds_and_texts(&a),
        vec![
            (BlockKind::Title, "قمة المناخ في الدوحة تختتم أعمالها بتعهدات بقيمة 4.5 مليار دولار"),
            (
                BlockKind::Paragraph,
                "اختتمت قمة المناخ الإقليمية في الدوحة أعمالها مساء الأربعاء، بمشاركة 27 دولة ومنظمة دولية."
            ),
            (BlockKind::Heading(2), "تعهدات التمويل"),
            (
                BlockKind::Paragraph,
                "وقال المبعوث الأممي Maria Santos إن التعهدات بلغت 4.5 مليار دولار."
            ),
            (BlockKind::ListItem, "صندوق التكيف مع المناخ"),
            (BlockKind::ListItem, "مشاريع الطاقة الشمسية في المنطقة"),
            (BlockKind::BlockQuote, "«لا يمكن لأي دولة أن تواجه هذا التحدي وحدها»."),
        ]
    );
    for chrome in [
        "الرئيسية",
        "تعريف الارتباط",
        "غرّد",
        "ذات صلة",
        "تعليق",
        "محفوظة",
        "سكربت",
        "tracking",
        "font-family",
    ] {
        assert!(
            !a.text.contains(chrome),
            "chrome {chrome:?} leaked into the text"
        );
    }
    assert_eq!(
        a.title,
        "قمة المناخ في الدوحة تختتم أعمالها بتعهدات بقيمة 4.5 مليار دولار"
    );
    assert_eq!(a.source, "شبكة الأخبار");
    assert_eq!(a.author.as_deref(), Some("سارة المنصوري"));
    assert_eq!(a.date.as_deref(), Some("2024-11-21T09:30:00+03:00"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://news.example/ar/climate-doha-2024")
    );
    assert_eq!(a.language, "ar");
    assert_eq!(a.direction, Direction::Rtl);
}

#[test]
fn html_variants() {
    // windows-1256 page declared in <meta charset>.
    let page = "<html><head><meta charset=\"windows-1256\"><title>خبر</title></head><body><p>نص الخبر باللغة العربية.</p></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(page);
    let a = import(&bytes, "page.htm");
    assert_eq!(a.text, "نص الخبر باللغة العربية.");
    assert_eq!(a.title, "خبر");
    assert_eq!(a.language, "ar");
    assert_eq!(a.direction, Direction::Rtl);

    // No <p> at all: loose text in divs, split at <br>.
    let page = "<html><body><div class=\"content\">First line of the story.<br>Second line, with <b>bold</b> text.</div><div class=\"menu\">Home</div></body></html>";
    let a = import(page.as_bytes(), "page.html");
    assert_eq!(
        kinds_and_texts(&a),
        vec![
            (BlockKind::Paragraph, "First line of the story."),
            (BlockKind::Paragraph, "Second line, with bold text."),
        ]
    );
    assert_eq!(a.title, "First line of the story.");

    // dir on the page wins over detection; og:url when there is no canonical link.
    let page = "<html dir=\"ltr\"><head><meta property=\"og:url\" content=\"https://x.example/a\"></head><body><h1>عنوان</h1><p>نص عربي.</p></body></html>";
    let a = import(page.as_bytes(), "page.html");
    assert_eq!(a.direction, Direction::Ltr);
    assert_eq!(a.url.as_deref(), Some("https://x.example/a"));
    assert_eq!(a.language, "ar");

    // Unknown extension: sniffed as HTML.
    let a = import(
        b"<!DOCTYPE html><html><body><p>Sniffed.</p></body></html>",
        "download",
    );
    assert_eq!(a.text, "Sniffed.");
    // Unknown extension, not HTML: plain text.
    let a = import(
        "Title\nBody text of the article, which is long.".as_bytes(),
        "notes.dat",
    );
    assert_eq!(a.blocks.len(), 2);
}

#[test]
fn bad_inputs_are_clear_errors() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend_from_slice(&[0u8; 64]);
    type Case = (
        &'static str,
        Vec<u8>,
        &'static str,
        fn(&ImportError) -> bool,
    );
    let cases: Vec<Case> = vec![
        ("empty.txt", vec![], "empty", |e| matches!(e, ImportError::Empty { .. })),
        ("blank.txt", b" \n\r\n\t  \n".to_vec(), "empty", |e| matches!(e, ImportError::Empty { .. })),
        ("invisible.txt", "\u{200F}\u{200B}\n\u{FEFF}".as_bytes().to_vec(), "empty", |e| {
            matches!(e, ImportError::Empty { .. })
        }),
        ("image.txt", png, "PNG", |e| matches!(e, ImportError::Binary { .. })),
        ("doc.txt", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj".to_vec(), "PDF", |e| {
            matches!(e, ImportError::Binary { .. })
        }),
        ("arch.md", b"PK\x03\x04\x14\0\0\0".to_vec(), "ZIP", |e| matches!(e, ImportError::Binary { .. })),
        ("nul.txt", b"hello\0world".to_vec(), "NUL", |e| matches!(e, ImportError::Binary { .. })),
        ("ctrl.txt", b"\x01\x02\x03\x04\x05abc\x06\x07\x08".to_vec(), "control", |e| {
            matches!(e, ImportError::Binary { .. })
        }),
        ("bad.txt", b"price \xA2\xA4\xA6 \xA7\xB1\xB6\xA2\xA4".to_vec(), "encoding", |e| {
            matches!(e, ImportError::Undecodable { .. })
        }),
        ("bad16.txt", b"\xFF\xFE\x00\xD8\x41\x00".to_vec(), "encoding", |e| {
            matches!(e, ImportError::Undecodable { .. })
        }),
        (
            "scripts.html",
            b"<html><head><title>Loading</title></head><body><script>x()</script><style>p{}</style><img src=a.png></body></html>".to_vec(),
            "shows no text",
            |e| matches!(e, ImportError::NoReadableText { .. }),
        ),
    ];
    for (name, bytes, says, is_right) in cases {
        let err = import_bytes(&bytes, name, ID).expect_err(name);
        assert!(is_right(&err), "{name}: wrong error {err:?}");
        let msg = err.to_string();
        assert!(
            msg.contains(name),
            "{name}: message does not name the file: {msg}"
        );
        assert!(
            msg.contains(says),
            "{name}: message does not say {says:?}: {msg}"
        );
        assert!(
            !msg.contains('\n'),
            "{name}: message is not one line: {msg}"
        );
    }
}

#[test]
fn import_file_sets_path_and_checks_size_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("kuwait.txt");
    std::fs::write(&path, SAMPLE).expect("write");
    let a = import_file(&path, ID).expect("import");
    assert_valid(&a);
    assert_eq!(
        a.original_path.as_deref(),
        Some(path.display().to_string().as_str())
    );
    assert_eq!(a.id, ID);

    // A sparse file just over the limit: refused from its metadata, without reading it.
    let big = dir.path().join("big.txt");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(MAX_ARTICLE_BYTES + 1).expect("set_len");
    let err = import_file(&big, ID).expect_err("too large");
    assert!(matches!(err, ImportError::TooLarge { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains("big.txt")
            && msg.contains(&(MAX_ARTICLE_BYTES + 1).to_string())
            && msg.contains("50 MB"),
        "{msg}"
    );

    let missing = dir.path().join("missing.txt");
    let err = import_file(&missing, ID).expect_err("missing");
    assert!(matches!(err, ImportError::Io { .. }));
    assert!(err.to_string().contains("missing.txt"));
    assert!(
        import_file(Path::new(dir.path()), ID).is_err(),
        "a directory is not an article"
    );
}

/// A small deterministic xorshift generator, so the fuzz test needs no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn random_input_never_panics_and_gives_valid_blocks() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let names = ["a.txt", "a.md", "a.html", "a"];
    let pieces: &[&str] = &[
        "\n",
        "\n\n",
        "\r\n",
        " ",
        "\t",
        ":",
        "- ",
        "* ",
        "1. ",
        "١. ",
        "# ",
        "## ",
        "> ",
        "```",
        "**",
        "_",
        "`",
        "[",
        "](",
        ")",
        "<p>",
        "</p>",
        "<h1>",
        "<li>",
        "<br>",
        "<script>",
        "<",
        ">",
        "&amp;",
        "«",
        "»",
        "قال",
        "أكد",
        " الوزير ",
        "NATO",
        "2024",
        "،",
        ".",
        "؟",
        "\u{200F}",
        "\u{200E}",
        "\u{202B}",
        "\u{202C}",
        "\u{2067}",
        "\u{2069}",
        "\u{200B}",
        "\u{200D}",
        "\u{FEFF}",
        "\u{064E}",
        "\u{0651}",
        "\u{0301}",
        "e\u{0301}",
        "\u{2028}",
        "\u{2029}",
        "\u{85}",
        "\u{0}",
        "\u{1}",
        "😀",
        "👨‍👩‍👧",
        "---\ntitle: x\n---\n",
    ];
    for round in 0..3000 {
        let name = names[round % names.len()];
        let bytes: Vec<u8> = if round % 2 == 0 {
            let len = rng.below(200);
            (0..len).map(|_| rng.next() as u8).collect()
        } else {
            let mut s = String::new();
            for _ in 0..rng.below(60) {
                if rng.below(3) == 0 {
                    s.push(char::from_u32(rng.below(0x3_0000) as u32).unwrap_or('x'));
                } else {
                    s.push_str(pieces[rng.below(pieces.len())]);
                }
            }
            s.into_bytes()
        };
        if let Ok(a) = import_bytes(&bytes, name, ID) {
            assert_valid(&a);
            assert!(!a.blocks.is_empty());
        }
    }
}
