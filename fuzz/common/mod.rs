//! The fuzz targets' bodies, shared with `tests/fuzz_replay.rs`, which replays the committed
//! seed corpora under `cargo test` (seconds, no sanitizer build needed).

#![allow(dead_code)] // each target uses one of these

use std::path::Path;

use arbitrary::{Arbitrary, Unstructured};
use briefing::briefing_file;
use briefing::import::import_bytes;
use briefing::model::{Article, ArticleId};

/// The RON loader on arbitrary bytes: an error, or a briefing that checks clean and
/// round-trips through save and load.
pub fn load_briefing(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(b) = briefing_file::from_ron(text, Path::new("fuzz.ron")) {
        assert!(b.problems().is_empty());
        let again = briefing_file::to_ron(&b).expect("a loaded briefing serialises");
        let back = briefing_file::from_ron(&again, Path::new("again.ron")).expect("round trip");
        assert_eq!(back, b);
    }
}

/// Each importer on arbitrary bytes.
pub fn import_any_bytes(data: &[u8]) {
    for name in ["a.txt", "a.md", "a.html", "a.unknown"] {
        if let Ok(article) = import_bytes(data, name, ArticleId(1)) {
            check_article(&article);
        }
    }
}

/// The Word importer on arbitrary bytes as a `.docx`, and the same bytes as the parts of one:
/// split at `\n--\n` into the document, its styles, footnotes and relationships, stored
/// (not deflated) in a zip, so the fuzzer reaches the XML as well as the archive.
pub fn import_docx(data: &[u8]) {
    if let Ok(article) = import_bytes(data, "a.docx", ArticleId(1)) {
        check_article(&article);
    }
    let names = [
        "word/document.xml",
        "word/styles.xml",
        "word/footnotes.xml",
        "word/_rels/document.xml.rels",
        "docProps/core.xml",
        "_rels/.rels",
    ];
    if let Some(zip) = stored_parts(data, &names) {
        if let Ok(article) = import_bytes(&zip, "a.docx", ArticleId(1)) {
            check_article(&article);
        }
    }
}

/// `data` split at `\n--\n` into the parts `names`, in order, stored (not deflated) in a zip,
/// so the fuzzer reaches a document's XML as well as its archive.
fn stored_parts(data: &[u8], names: &[&str]) -> Option<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut rest = data;
    for name in names {
        let (part, tail) = match rest.windows(4).position(|w| w == b"\n--\n") {
            Some(at) => (&rest[..at], &rest[at + 4..]),
            None => (rest, &[][..]),
        };
        zip.start_file(*name, options).ok()?;
        std::io::Write::write_all(&mut zip, part).ok()?;
        rest = tail;
        if rest.is_empty() {
            break;
        }
    }
    Some(zip.finish().ok()?.into_inner())
}

/// The OpenDocument importer on arbitrary bytes as an `.odt`, and the same bytes as the parts
/// of one (`content.xml`, `styles.xml`, `meta.xml`, split at `\n--\n`), stored in a zip.
pub fn import_odt(data: &[u8]) {
    if let Ok(article) = import_bytes(data, "a.odt", ArticleId(1)) {
        check_article(&article);
    }
    if let Some(zip) = stored_parts(data, &["content.xml", "styles.xml", "meta.xml"]) {
        if let Ok(article) = import_bytes(&zip, "a.odt", ArticleId(1)) {
            check_article(&article);
        }
    }
}

/// The e-mail importer on arbitrary bytes, as a `.eml` and sniffed without an extension.
pub fn import_eml(data: &[u8]) {
    for name in ["a.eml", "a"] {
        if let Ok(article) = import_bytes(data, name, ArticleId(1)) {
            check_article(&article);
        }
    }
}

/// Each importer on Unicode made of the characters that break text code.
pub fn import_unicode(data: &[u8]) {
    let text = hostile_text(data);
    for name in ["a.txt", "a.md", "a.html"] {
        if let Ok(a) = import_bytes(text.as_bytes(), name, ArticleId(1)) {
            check_article(&a);
        }
    }
}

/// An article's invariants: hash matches, blocks in order, in bounds, on char boundaries.
pub fn check_article(a: &Article) {
    assert_eq!(a.sha256, Article::hash_text(&a.text));
    let mut last = 0;
    for b in &a.blocks {
        assert!(b.start >= last && b.start <= b.end);
        assert!(a.text.get(b.start..b.end).is_some());
        last = b.end;
    }
}

#[derive(Debug, Arbitrary)]
enum Piece {
    Char(char),
    Arabic(u8),
    Mark(u8),
    Control(u8),
    Space(u8),
    LongWord(u16),
    Markup(u8),
}

const CONTROLS: [char; 16] = [
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{061C}', '\u{FEFF}',
];
const MARKUP: [&str; 12] = [
    "<p>",
    "</p>",
    "<h2 dir=rtl>",
    "<li>",
    "<script>",
    "# ",
    "- ",
    "> ",
    "**",
    ":\n",
    "\r\n",
    "<br>",
];

/// Decode fuzz bytes into text full of bidi controls, harakat, zero-width characters, Arabic,
/// markup fragments and very long words.
pub fn hostile_text(data: &[u8]) -> String {
    let mut u = Unstructured::new(data);
    let pieces: Vec<Piece> = Vec::arbitrary(&mut u).unwrap_or_default();
    let mut text = String::new();
    for p in pieces {
        match p {
            Piece::Char(c) => text.push(c),
            Piece::Arabic(n) => {
                text.push(char::from_u32(0x0621 + u32::from(n % 42)).unwrap_or('ا'))
            }
            Piece::Mark(n) => {
                text.push(char::from_u32(0x064B + u32::from(n % 8)).unwrap_or('\u{64B}'))
            }
            Piece::Control(n) => text.push(CONTROLS[usize::from(n) % CONTROLS.len()]),
            Piece::Space(n) => {
                text.push_str(["\n", "\n\n", " ", "\t", "\u{A0}"][usize::from(n) % 5])
            }
            Piece::LongWord(n) => text.push_str(&"ب".repeat(usize::from(n) % 4000)),
            Piece::Markup(n) => text.push_str(MARKUP[usize::from(n) % MARKUP.len()]),
        }
    }
    text
}

/// The text engine on hostile text at an arbitrary width: lines cover the text in order,
/// hit-testing lands on char boundaries, selections and words stay inside the text.
pub fn layout(data: &[u8]) {
    use briefing::text::{Align, BaseDirection, TextEngine, TextStyle, Weight};
    use std::sync::{Mutex, OnceLock};
    static ENGINE: OnceLock<Mutex<TextEngine>> = OnceLock::new();

    let (head, rest) = data.split_at(data.len().min(6));
    let mut h = [0u8; 6];
    h[..head.len()].copy_from_slice(head);
    let width = f32::from_le_bytes([h[0], h[1], h[2], h[3]]);
    let dir = [BaseDirection::Auto, BaseDirection::Ltr, BaseDirection::Rtl][usize::from(h[4]) % 3];
    let align = [Align::Start, Align::End, Align::Center, Align::Justify][usize::from(h[5]) % 4];
    let text = hostile_text(rest);
    let style = TextStyle {
        size: 4.0 + f32::from(h[4] % 64),
        weight: if h[5] & 0x10 == 0 {
            Weight::Regular
        } else {
            Weight::Bold
        },
        italic: h[5] & 0x20 != 0,
        line_height: 1.0 + f32::from(h[5] % 8) / 4.0,
    };
    let mut engine = ENGINE
        .get_or_init(|| Mutex::new(TextEngine::new()))
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let mut para = engine.shape_and_layout(&text, &style, dir, width, align);
    drop(engine);
    para.layout(width * 0.5, align);
    let mut last_end = 0;
    for line in para.lines() {
        assert!(
            line.text_range.start >= last_end,
            "lines out of logical order"
        );
        assert!(text.get(line.text_range.clone()).is_some());
        last_end = line.text_range.end;
        for run in &line.runs {
            for g in &run.glyphs {
                assert!(text.get(g.text_range.clone()).is_some());
            }
        }
    }
    let (w, hgt) = (para.width(), para.height());
    for (x, y) in [
        (0.0, 0.0),
        (w / 2.0, hgt / 2.0),
        (w + 5.0, hgt + 5.0),
        (-3.0, -3.0),
    ] {
        let c = para.hit_test(x, y);
        assert!(
            text.is_char_boundary(c.byte),
            "hit test off a char boundary"
        );
        let word = para.word_at(c.byte);
        assert!(text.get(word).is_some());
    }
    let _ = para.selection_rects(0..text.len());
    let _ = para.missing_chars();

    // An edit reshaped around the change lays out as the whole text shaped afresh: cut out a
    // piece of the text near its middle and put a word in.
    let mut mid = text.len() / 2;
    while !text.is_char_boundary(mid) {
        mid -= 1;
    }
    let mut end = mid;
    for c in text[mid..].chars().take(3) {
        end += c.len_utf8();
    }
    let mut edited = text.clone();
    edited.replace_range(mid..end, "ب x");
    let mut engine = ENGINE
        .get_or_init(|| Mutex::new(TextEngine::new()))
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let before = engine.shape_and_layout(&text, &style, dir, width, align);
    let spliced = engine.reshape_edit(&before, &edited, &style, dir, width, align);
    let whole = engine.shape_and_layout(&edited, &style, dir, width, align);
    drop(engine);
    assert_eq!(spliced.text(), whole.text());
    let glyphs = |p: &briefing::text::Paragraph| -> Vec<(u32, std::ops::Range<usize>)> {
        p.lines()
            .iter()
            .flat_map(|l| l.runs.iter())
            .flat_map(|r| r.glyphs.iter().map(|g| (g.id, g.text_range.clone())))
            .collect()
    };
    assert_eq!(
        glyphs(&spliced),
        glyphs(&whole),
        "a spliced edit shapes as the whole text"
    );
}

/// PDF export of an arbitrary valid briefing built from hostile text: a PDF or a clear error
/// (a character no font has), never a panic.
pub fn export_pdf(data: &[u8]) {
    use briefing::model::{AgendaItem, Briefing, ItemId, Quote, QuoteId};
    use briefing::pdf::{export_pdf, ExportOptions};

    let mut u = Unstructured::new(data);
    let article_bytes: Vec<u8> = Vec::arbitrary(&mut u).unwrap_or_default();
    let title_bytes: Vec<u8> = Vec::arbitrary(&mut u).unwrap_or_default();
    let cuts: Vec<(u16, u8, u8)> = Vec::arbitrary(&mut u).unwrap_or_default();
    let mut text = hostile_text(&article_bytes);
    if text.trim().is_empty() {
        text.push_str("نص");
    }
    let Ok(article) = import_bytes(text.as_bytes(), "a.txt", ArticleId(1)) else {
        return;
    };
    let title = hostile_text(&title_bytes);
    let mut b = Briefing::new(title.clone());
    b.classification = title
        .len()
        .is_multiple_of(2)
        .then(|| title.chars().take(20).collect());
    let mut items: Vec<AgendaItem> = Vec::new();
    for (n, (start, len, item)) in cuts.into_iter().take(40).enumerate() {
        let t = &article.text;
        let mut s = usize::from(start) % (t.len() + 1);
        while !t.is_char_boundary(s) {
            s -= 1;
        }
        let mut e = (s + usize::from(len)).min(t.len());
        while !t.is_char_boundary(e) {
            e -= 1;
        }
        let id = QuoteId(n as u32 + 1);
        let Some(q) = Quote::from_range(id, article.id, t, s, e, "2026-01-01T00:00:00Z".into())
        else {
            continue;
        };
        let k = usize::from(item % 4);
        while items.len() <= k {
            let i = items.len() as u32 + 1;
            items.push(AgendaItem {
                id: ItemId(i),
                title: format!("{i} {title}"),
                notes: None,
                quotes: vec![],
            });
        }
        items[k].quotes.push(q);
    }
    b.agenda = items;
    b.articles.push(article);
    assert!(b.problems().is_empty());
    let _ = export_pdf(&b, &ExportOptions::default(), &mut |_| {});
}

/// The PDF importer on arbitrary bytes as a `.pdf`, and the same bytes as the drawing
/// instructions of a one-page PDF with a Helvetica font and an Arabic TrueType font named F1
/// and F2, so the fuzzer reaches the reading order (lines, columns, bidi) as well as the parser.
pub fn import_pdf(data: &[u8]) {
    if let Ok(article) = import_bytes(data, "a.pdf", ArticleId(1)) {
        check_article(&article);
    }
    if let Ok(article) = import_bytes(&page_with_content(data), "b.pdf", ArticleId(1)) {
        check_article(&article);
    }
}

/// A one-page PDF drawing `content`, its cross-reference table at the right offsets.
pub fn page_with_content(content: &[u8]) -> Vec<u8> {
    let mut out: Vec<u8> = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    let mut object = |out: &mut Vec<u8>, body: &[u8]| {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", offsets.len()).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    };
    object(&mut out, b"<< /Type /Catalog /Pages 2 0 R >>");
    object(&mut out, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    object(
        &mut out,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
          /Resources << /Font << /F1 5 0 R /F2 5 0 R >> >> >>",
    );
    let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
    stream.extend_from_slice(content);
    stream.extend_from_slice(b"\nendstream");
    object(&mut out, &stream);
    object(
        &mut out,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    );
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes(),
    );
    for o in &offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            offsets.len() + 1
        )
        .as_bytes(),
    );
    out
}
