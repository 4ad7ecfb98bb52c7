//! The fuzz targets' bodies, shared with `tests/fuzz_replay.rs`, which replays the committed
//! seed corpora under `cargo test` (seconds, no sanitizer build needed).

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
