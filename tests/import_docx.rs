//! Word documents as people receive them: right-to-left paragraphs, headings from styles (by
//! their built-in names, whatever the style ids), lists, footnotes at the end, title and author
//! from the document's properties; and the files that must be refused clearly (a zip bomb, a
//! truncated archive, content linked from outside), leaving a briefing as it was.

use std::io::Write;
use std::process::Command;

use briefing::import::{import_bytes, ImportError, MAX_UNPACKED_BYTES};
use briefing::model::{Article, ArticleId, BlockKind, Direction};
use zip::write::SimpleFileOptions;

const ID: ArticleId = ArticleId(1);

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

fn texts(a: &Article) -> Vec<(BlockKind, &str)> {
    a.blocks.iter().map(|b| (b.kind, a.block_text(b))).collect()
}

/// A zip of `parts` (name, contents), deflated.
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A paragraph: `props` inside `w:pPr`, then the runs' text.
fn p(props: &str, text: &str) -> String {
    format!(r#"<w:p><w:pPr>{props}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="af"><w:name w:val="Title"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="paragraph" w:styleId="MyChapter"><w:name w:val="My chapter"/><w:basedOn w:val="1"/></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
</w:styles>"#;

const CORE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>موجز الصحافة العربية</dc:title><dc:creator>ليلى حداد</dc:creator>
<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-30T08:00:00Z</dcterms:created></cp:coreProperties>"#;

const RELS: &str = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"#;

fn doc_rels(extra: &str) -> String {
    format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/" TargetMode="External"/>
{extra}</Relationships>"#
    )
}

const FOOTNOTES: &str = r#"<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> بيان الوزارة، ٢٩ تشرين الثاني.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"#;

fn body() -> String {
    let bidi = "<w:bidi/>";
    [
        p(&format!(r#"<w:pStyle w:val="af"/>{bidi}"#), "موجز الصحافة العربية"),
        p(&format!(r#"<w:pStyle w:val="1"/>{bidi}"#), "الشأن السوداني"),
        format!(
            r#"<w:p><w:pPr>{bidi}</w:pPr><w:r><w:t>دعا وزراء الخارجية العرب إلى وقف إطلاق النار</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:t xml:space="preserve"> في السودان &amp; فتح الممرات.</w:t></w:r><w:del><w:r><w:delText>نص محذوف</w:delText></w:r></w:del></w:p>"#
        ),
        p(&format!(r#"<w:pStyle w:val="berschrift2"/>{bidi}"#), "ردود الفعل"),
        p(&format!(r#"<w:pStyle w:val="ListBullet"/>{bidi}"#), "ترحيب مصري"),
        p(
            &format!(r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr>{bidi}"#),
            "تحفظ إماراتي",
        ),
        p(&format!(r#"<w:pStyle w:val="MyChapter"/>{bidi}"#), "الخلفية"),
        p("", "The ministers met in Cairo."),
    ]
    .concat()
}

fn docx(document_rels: &str) -> Vec<u8> {
    let document = format!(
        r#"<w:document {W}><w:body>{}</w:body></w:document>"#,
        body()
    );
    zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("_rels/.rels", RELS.as_bytes()),
        ("docProps/core.xml", CORE.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/_rels/document.xml.rels", document_rels.as_bytes()),
        ("word/styles.xml", STYLES.as_bytes()),
        ("word/footnotes.xml", FOOTNOTES.as_bytes()),
    ])
}

#[test]
fn a_docx_with_rtl_paragraphs_headings_lists_and_a_footnote() {
    let a = import_bytes(&docx(&doc_rels("")), "press.docx", ID).unwrap();
    assert_eq!(
        texts(&a),
        vec![
            (BlockKind::Title, "موجز الصحافة العربية"),
            (BlockKind::Heading(1), "الشأن السوداني"),
            (
                BlockKind::Paragraph,
                "دعا وزراء الخارجية العرب إلى وقف إطلاق النار[1] في السودان & فتح الممرات."
            ),
            (BlockKind::Heading(2), "ردود الفعل"),
            (BlockKind::ListItem, "ترحيب مصري"),
            (BlockKind::ListItem, "تحفظ إماراتي"),
            (BlockKind::Heading(1), "الخلفية"),
            (BlockKind::Paragraph, "The ministers met in Cairo."),
            (BlockKind::Paragraph, "[1] بيان الوزارة، ٢٩ تشرين الثاني."),
        ]
    );
    assert_eq!(a.title, "موجز الصحافة العربية");
    assert_eq!(a.author.as_deref(), Some("ليلى حداد"));
    assert_eq!(a.date.as_deref(), Some("2026-11-30T08:00:00Z"));
    assert_eq!(a.direction, Direction::Rtl);
    assert_eq!(a.language, "ar");
    // The English paragraph in the Arabic document reads left to right.
    assert_eq!(a.block_direction(7), Direction::Ltr);
    assert_eq!(a.block_direction(2), Direction::Rtl);
    assert_eq!(a.sha256, Article::hash_text(&a.text));
}

#[test]
fn a_document_without_bidi_reads_left_to_right() {
    let document = format!(
        r#"<w:document {W}><w:body>{}{}</w:body></w:document>"#,
        p("", "Press summary"),
        p(
            r#"<w:bidi w:val="0"/>"#,
            "Talks resumed in Geneva on Monday."
        )
    );
    let bytes = zip_of(&[("word/document.xml", document.as_bytes())]);
    // Sniffed as a Word file without its extension, too.
    let a = import_bytes(&bytes, "attachment", ID).unwrap();
    assert_eq!(a.direction, Direction::Ltr);
    assert_eq!(a.title, "Press summary");
    assert_eq!(a.blocks.len(), 2);
}

#[test]
fn a_zip_bomb_is_refused_at_the_limit() {
    // One part of zeros past the limit: a few hundred KB deflated.
    let zeros = vec![0u8; MAX_UNPACKED_BYTES as usize + 1024];
    let bomb = zip_of(&[("word/document.xml", &zeros)]);
    assert!(bomb.len() < 1024 * 1024, "{} bytes", bomb.len());
    let err = import_bytes(&bomb, "bomb.docx", ID).unwrap_err();
    assert!(
        matches!(err, ImportError::UnpacksTooLarge { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("bomb.docx"), "{err}");
    assert!(err.to_string().contains("64 MB"), "{err}");
}

#[test]
fn parts_that_add_up_past_the_limit_are_refused() {
    let half = vec![b' '; MAX_UNPACKED_BYTES as usize / 2 + 1];
    let bytes = zip_of(&[
        ("word/document.xml", &half),
        ("word/styles.xml", &half),
        ("word/_rels/document.xml.rels", doc_rels("").as_bytes()),
    ]);
    let err = import_bytes(&bytes, "two.docx", ID).unwrap_err();
    assert!(
        matches!(err, ImportError::UnpacksTooLarge { .. }),
        "{err:?}"
    );
}

#[test]
fn a_truncated_docx_is_a_clear_error() {
    let whole = docx(&doc_rels(""));
    for cut in [whole.len() / 2, whole.len() - 10, 30, 4] {
        let err = import_bytes(&whole[..cut], "cut.docx", ID).unwrap_err();
        assert!(
            matches!(err, ImportError::BrokenDocument { .. }),
            "cut at {cut}: {err:?}"
        );
        let message = err.to_string();
        assert!(
            message.contains("cut.docx") && message.contains("damaged"),
            "{message}"
        );
        assert_eq!(message.lines().count(), 1);
    }
}

#[test]
fn a_damaged_part_is_a_clear_error() {
    let mut bytes = docx(&doc_rels(""));
    // Flip bytes inside the compressed data of the first parts: the checksum or the inflate fails.
    for b in &mut bytes[60..400] {
        *b ^= 0x5a;
    }
    let err = import_bytes(&bytes, "flipped.docx", ID).unwrap_err();
    assert!(matches!(err, ImportError::BrokenDocument { .. }), "{err:?}");
}

#[test]
fn a_zip_that_is_not_a_word_document() {
    let bytes = zip_of(&[("photo.jpg", b"not really")]);
    let err = import_bytes(&bytes, "photos.docx", ID).unwrap_err();
    assert!(err.to_string().contains("word/document.xml"), "{err}");
}

#[test]
fn content_linked_from_outside_is_refused() {
    let linked = r#"<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/subDocument" Target="file:///C:/secret/part2.docx" TargetMode="External"/>"#;
    let err = import_bytes(&docx(&doc_rels(linked)), "linked.docx", ID).unwrap_err();
    assert!(
        matches!(&err, ImportError::ExternalContent { target, .. } if target.contains("part2.docx")),
        "{err:?}"
    );
}

/// The CLI's `add-article` with a bomb and a broken file: one clear line, the briefing file
/// byte for byte as before.
#[test]
fn a_failed_import_leaves_the_briefing_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let briefing_file = dir.path().join("b.ron");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(args)
            .env("SOURCE_DATE_EPOCH", "1790000000")
            .output()
            .unwrap()
    };
    let good = dir.path().join("good.docx");
    std::fs::write(&good, docx(&doc_rels(""))).unwrap();
    let out = run(&[
        "new",
        briefing_file.to_str().unwrap(),
        "--title",
        "t",
        "--article",
        good.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let before = std::fs::read(&briefing_file).unwrap();

    let bomb = dir.path().join("bomb.docx");
    std::fs::write(
        &bomb,
        zip_of(&[(
            "word/document.xml",
            &vec![0u8; MAX_UNPACKED_BYTES as usize + 1],
        )]),
    )
    .unwrap();
    let whole = docx(&doc_rels(""));
    let broken = dir.path().join("broken.docx");
    std::fs::write(&broken, &whole[..whole.len() / 2]).unwrap();
    for (file, words) in [(&bomb, "zip bomb"), (&broken, "damaged")] {
        let out = run(&[
            "add-article",
            briefing_file.to_str().unwrap(),
            file.to_str().unwrap(),
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert!(stderr.contains(words), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_eq!(std::fs::read(&briefing_file).unwrap(), before);
    }

    let out = run(&["read", good.to_str().unwrap()]);
    let printed = String::from_utf8(out.stdout).unwrap();
    assert!(
        printed.starts_with("موجز الصحافة العربية\n\nالشأن السوداني\n"),
        "{printed}"
    );
}

// OpenDocument text (`.odt`), as LibreOffice writes it.

const ODF: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0""#;

/// An `.odt`: the stored media type first, then `content.xml` with `body`, the named styles
/// and `meta.xml`.
fn odt(body: &str) -> Vec<u8> {
    let styles = format!(
        r#"<office:document-styles {ODF}><office:styles>
<style:style style:name="Standard" style:family="paragraph"/>
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard"/>
<style:style style:name="Quotations" style:family="paragraph" style:parent-style-name="Standard"/>
<style:style style:name="Arabic_20_Body" style:display-name="Arabic Body" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties style:writing-mode="rl-tb"/></style:style>
</office:styles></office:document-styles>"#
    );
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF}>
<office:automatic-styles><style:style style:name="P1" style:family="paragraph" style:parent-style-name="Arabic_20_Body"/></office:automatic-styles>
<office:body><office:text>{body}</office:text></office:body></office:document-content>"#
    );
    let meta = format!(
        r#"<office:document-meta {ODF}><office:meta><dc:title>بيان الوزارة</dc:title><meta:initial-creator>إدارة الإعلام</meta:initial-creator><dc:date>2025-11-29T10:00:00</dc:date><dc:language>ar-KW</dc:language></office:meta></office:document-meta>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.text")
        .unwrap();
    let deflated =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in [
        ("content.xml", content),
        ("styles.xml", styles),
        ("meta.xml", meta),
    ] {
        zip.start_file(name, deflated).unwrap();
        zip.write_all(data.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn an_odt_with_rtl_paragraphs_headings_a_list_a_quotation_and_a_footnote() {
    let body = r#"<text:h text:outline-level="1">الموقف الكويتي</text:h>
<text:p text:style-name="P1">أكد الوزير أن<text:s/> الحوار <text:span>مستمر</text:span> منذ عام 2020<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>وفق وكالة الأنباء الكويتية.</text:p></text:note-body></text:note>.</text:p>
<text:list><text:list-item><text:p text:style-name="P1">تعزيز الأمن البحري</text:p></text:list-item><text:list-item><text:p text:style-name="P1">مكافحة الإرهاب</text:p></text:list-item></text:list>
<text:p text:style-name="Quotations">«الحوار هو السبيل»</text:p>
<text:tracked-changes><text:changed-region><text:deletion><text:p>نص محذوف</text:p></text:deletion></text:changed-region></text:tracked-changes>
<table:table><table:table-row><table:table-cell><text:p text:style-name="P1">خلية &amp; جدول</text:p></table:table-cell></table:table-row></table:table>
<text:p text:style-name="P1">قبل الإطار <draw:frame xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"><draw:text-box><text:p text:style-name="P1">نص في إطار</text:p></draw:text-box></draw:frame>وبعده</text:p>"#;
    let a = import_bytes(&odt(body), "بيان.odt", ID).expect("imports");
    assert_eq!(
        texts(&a),
        vec![
            (BlockKind::Heading(1), "الموقف الكويتي"),
            (
                BlockKind::Paragraph,
                "أكد الوزير أن الحوار مستمر منذ عام 2020."
            ),
            (BlockKind::ListItem, "تعزيز الأمن البحري"),
            (BlockKind::ListItem, "مكافحة الإرهاب"),
            (BlockKind::BlockQuote, "«الحوار هو السبيل»"),
            (BlockKind::Paragraph, "خلية & جدول"),
            (BlockKind::Paragraph, "نص في إطار"),
            (BlockKind::Paragraph, "قبل الإطار وبعده"),
            (BlockKind::Paragraph, "[1] وفق وكالة الأنباء الكويتية."),
        ]
    );
    assert_eq!(a.title, "بيان الوزارة");
    assert_eq!(a.author.as_deref(), Some("إدارة الإعلام"));
    assert_eq!(a.date.as_deref(), Some("2025-11-29T10:00:00"));
    assert_eq!(a.language, "ar-KW");
    assert_eq!(
        a.direction,
        Direction::Rtl,
        "most paragraphs are right to left"
    );
    // Known by its first bytes too, without the extension.
    let sniffed = import_bytes(&odt(body), "pasted", ID).expect("imports");
    assert_eq!(sniffed.text, a.text);
}

#[test]
fn odt_bombs_broken_archives_and_linked_sections_are_refused() {
    // Zeros past the limit in content.xml.
    let zeros = vec![0u8; MAX_UNPACKED_BYTES as usize + 1024];
    let bomb = zip_of(&[("content.xml", &zeros)]);
    let err = import_bytes(&bomb, "bomb.odt", ID).unwrap_err();
    assert!(
        matches!(err, ImportError::UnpacksTooLarge { .. }),
        "{err:?}"
    );
    // A cut-off download.
    let whole = odt("<text:p>نص</text:p>");
    let err = import_bytes(&whole[..whole.len() / 2], "cut.odt", ID).unwrap_err();
    assert!(matches!(err, ImportError::BrokenDocument { .. }), "{err:?}");
    assert!(err.to_string().contains("cut.odt"), "{err}");
    // A zip without content.xml.
    let err = import_bytes(&zip_of(&[("other.xml", b"<x/>")]), "not.odt", ID).unwrap_err();
    assert!(matches!(err, ImportError::BrokenDocument { .. }), "{err:?}");
    // A section whose text is linked from another file.
    let linked = odt(
        r#"<text:section text:name="S1"><text:section-source xlink:href="file:///secret/annex.odt"/></text:section>"#,
    );
    let err = import_bytes(&linked, "linked.odt", ID).unwrap_err();
    match err {
        ImportError::ExternalContent { target, .. } => assert!(target.contains("annex.odt")),
        other => panic!("{other:?}"),
    }
}
