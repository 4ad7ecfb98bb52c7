//! PDF documents in: statements, UN documents and reports, read in the right order.
//!
//! `hayro-syntax` parses the file and `hayro-interpret` runs each page's content stream,
//! handing every glyph with its position, font and text (`glyphs`). The reading order is
//! ours (`lines`): lines by baseline, columns by the gutter between them, and the order within
//! a line from where the pen moved and the bidi algorithm. `blocks` then drops running heads
//! and page numbers and joins lines into paragraphs.
//!
//! Bounded: at most [`MAX_PAGES`] pages, [`MAX_GLYPHS_PER_PAGE`] glyphs a page, a page's
//! content stream inflated to at most [`MAX_CONTENT_BYTES`], the text to
//! [`super::MAX_ARTICLE_BYTES`]; a panic inside the parser is caught and reported as a
//! damaged file.

mod blocks;
mod font_text;
mod glyphs;
mod letters;
mod lines;

use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};

use hayro_interpret::hayro_syntax::object::{Array, Stream};
use hayro_interpret::hayro_syntax::page::Page;
use hayro_interpret::hayro_syntax::{DecryptionError, Filter, LoadPdfError, Pdf};
use hayro_interpret::kurbo::Rect;
use hayro_interpret::{interpret_page, Context, InterpreterCache, InterpreterSettings};

pub use blocks::PdfBlock;

/// The most pages read: more is not a document a person briefs from.
pub const MAX_PAGES: usize = 5_000;
/// The most glyphs kept from one page.
pub const MAX_GLYPHS_PER_PAGE: usize = 200_000;
/// The most bytes a page's content stream may inflate to.
pub const MAX_CONTENT_BYTES: u64 = 64 * 1024 * 1024;

/// Why a PDF could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// Encrypted with a user password, and none (or the empty one) was given.
    NeedsPassword,
    /// The password given does not open it.
    WrongPassword,
    /// Encrypted in a way that cannot be read (an unknown algorithm, a broken dictionary).
    UnsupportedEncryption,
    /// Not a PDF, or damaged beyond reading (cut off, no page tree).
    Broken(String),
    /// More pages than [`MAX_PAGES`].
    TooManyPages(usize),
    /// A page's content stream inflates past [`MAX_CONTENT_BYTES`] (a decompression bomb).
    Bomb(usize),
    /// Pages with images and no text at all: a scan without a text layer.
    ImagesOnly,
    /// No page draws any text.
    NoText,
}

/// What was read from a PDF.
#[derive(Debug, Default)]
pub struct PdfText {
    /// The blocks in reading order.
    pub blocks: Vec<PdfBlock>,
    /// The document's title from its information dictionary, if it has one that shows.
    pub title: Option<String>,
    /// The document's author from its information dictionary.
    pub author: Option<String>,
    /// The creation date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Pages (from 1) whose glyphs mostly carry no letters (private-use codes, no
    /// `ToUnicode`) that the embedded font could not give either.
    pub unreadable_pages: Vec<usize>,
    /// Pages (from 1) whose letters were recovered from the embedded font.
    pub recovered_pages: Vec<usize>,
    /// The number of pages.
    pub pages: usize,
    /// Each page's label, as the document numbers it (`/PageLabels`), else its number from 1.
    pub labels: Vec<String>,
}

/// Read the text of the PDF in `bytes`, opening it with `password` (empty for none).
pub fn read(bytes: &[u8], password: &str) -> Result<PdfText, PdfError> {
    match catch_unwind(AssertUnwindSafe(|| read_inner(bytes, password))) {
        Ok(result) => result,
        Err(_) => Err(PdfError::Broken(
            "the parser stopped on a malformed object".to_owned(),
        )),
    }
}

fn read_inner(bytes: &[u8], password: &str) -> Result<PdfText, PdfError> {
    let pdf = Pdf::new_with_password(bytes.to_vec(), password).map_err(|e| match e {
        LoadPdfError::Decryption(DecryptionError::PasswordProtected) if password.is_empty() => {
            PdfError::NeedsPassword
        }
        LoadPdfError::Decryption(DecryptionError::PasswordProtected) => PdfError::WrongPassword,
        LoadPdfError::Decryption(_) => PdfError::UnsupportedEncryption,
        LoadPdfError::Invalid => {
            PdfError::Broken("no readable cross-reference table or page tree".to_owned())
        }
    })?;
    let pages = pdf.pages();
    if pages.len() > MAX_PAGES {
        return Err(PdfError::TooManyPages(pages.len()));
    }
    let settings = InterpreterSettings::default();
    let cache = InterpreterCache::new();
    let mut fonts = font_text::FontText::default();
    let mut page_lines = Vec::with_capacity(pages.len());
    let mut heights = Vec::with_capacity(pages.len());
    let mut out = PdfText {
        pages: pages.len(),
        ..PdfText::default()
    };
    let mut any_glyph = false;
    let mut any_image = false;
    let mut text_bytes = 0usize;
    for (n, page) in pages.iter().enumerate() {
        check_content(page).map_err(|()| PdfError::Bomb(n + 1))?;
        let (width, height, transform) = glyphs::page_space(page);
        let mut collector = glyphs::Collector::new(MAX_GLYPHS_PER_PAGE, &mut fonts);
        let mut context = Context::new(
            transform,
            Rect::new(0.0, 0.0, f64::from(width), f64::from(height)),
            &cache,
            pdf.xref(),
            settings.clone(),
        );
        interpret_page(page, &mut context, &mut collector);
        let mut page_glyphs = collector.page;
        keep_readable(&mut page_glyphs, width, height);
        any_glyph |= !page_glyphs.glyphs.is_empty();
        any_image |= page_glyphs.has_images;
        let unknown = page_glyphs
            .glyphs
            .iter()
            .filter(|g| g.source == glyphs::TextSource::Unknown && g.actual.is_none())
            .count();
        if unknown * 4 > page_glyphs.glyphs.len() && unknown > 0 {
            out.unreadable_pages.push(n + 1);
        }
        let lines = lines::page_lines(&page_glyphs, n);
        if lines
            .iter()
            .any(|l| l.recovered * 4 > l.text.chars().count())
        {
            out.recovered_pages.push(n + 1);
        }
        text_bytes += lines.iter().map(|l| l.text.len() + 1).sum::<usize>();
        page_lines.push(lines);
        heights.push(height);
        if text_bytes as u64 > super::MAX_ARTICLE_BYTES {
            break;
        }
    }
    if !out.unreadable_pages.is_empty() && cut_off(bytes) {
        return Err(PdfError::Broken(
            "the file ends before its end marker, as a download that stopped does".to_owned(),
        ));
    }
    let mirror = producer_names_shapes(&page_lines);
    out.blocks = blocks::blocks(&page_lines, &heights, mirror);
    if out.blocks.is_empty() {
        return Err(if any_glyph {
            PdfError::NoText
        } else if any_image {
            PdfError::ImagesOnly
        } else {
            PdfError::NoText
        });
    }
    out.labels = page_labels(&pdf, out.pages);
    let meta = pdf.metadata();
    out.title = meta
        .title
        .as_deref()
        .map(text_string)
        .map(|t| t.trim().to_owned())
        .filter(|t| is_a_title(t));
    out.author = meta
        .author
        .as_deref()
        .map(text_string)
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty());
    out.date = meta
        .creation_date
        .as_ref()
        .map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month.max(1), d.day.max(1)));
    Ok(out)
}

/// The label of each page: by the catalog's `/PageLabels` number tree where the document
/// has one (its `/Nums`, with each range's style `D`, `R`, `r`, `A` or `a`, prefix `/P` and
/// first number `/St`), else the page's number from 1.
fn page_labels(pdf: &Pdf, pages: usize) -> Vec<String> {
    use hayro_interpret::hayro_syntax::object::{Dict, Name, Object};
    let mut labels: Vec<String> = (1..=pages).map(|n| n.to_string()).collect();
    let xref = pdf.xref();
    let Some(tree) = xref
        .get::<Dict<'_>>(xref.root_id())
        .and_then(|catalog| catalog.get::<Dict<'_>>(b"PageLabels".as_slice()))
    else {
        return labels;
    };
    let Some(nums) = tree.get::<Array<'_>>(b"Nums".as_slice()) else {
        return labels;
    };
    let items: Vec<Object<'_>> = nums.iter::<Object<'_>>().collect();
    let mut ranges: Vec<(usize, Option<u8>, String, usize)> = Vec::new();
    for pair in items.chunks(2) {
        let [Object::Number(first), Object::Dict(style)] = pair else {
            continue;
        };
        let Ok(first) = usize::try_from(first.as_i64()) else {
            continue;
        };
        let kind = style
            .get::<Name<'_>>(b"S".as_slice())
            .and_then(|n| n.as_ref().first().copied());
        let prefix = style
            .get::<hayro_interpret::hayro_syntax::object::String<'_>>(b"P".as_slice())
            .map(|p| text_string(p.as_bytes()))
            .unwrap_or_default();
        let start = style
            .get::<i64>(b"St".as_slice())
            .and_then(|n| usize::try_from(n).ok())
            .filter(|&n| n >= 1)
            .unwrap_or(1);
        ranges.push((first, kind, prefix, start));
    }
    ranges.sort_by_key(|r| r.0);
    for (k, (first, kind, prefix, start)) in ranges.iter().enumerate() {
        let end = ranges.get(k + 1).map_or(pages, |next| next.0.min(pages));
        let from = (*first).min(pages);
        for (page, label) in labels.iter_mut().enumerate().take(end).skip(from) {
            let n = start + (page - first);
            let number = match kind {
                Some(b'D') => n.to_string(),
                Some(b'R') => roman(n).to_uppercase(),
                Some(b'r') => roman(n),
                Some(b'A') => letters_label(n).to_uppercase(),
                Some(b'a') => letters_label(n),
                _ => String::new(),
            };
            *label = format!("{prefix}{number}");
        }
    }
    labels
}

/// `n` in lower-case Roman numerals (page labels go no higher than a few thousand).
fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value && out.len() < 64 {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// `n` as PDF letter labels: a..z, then aa..zz, and so on.
fn letters_label(n: usize) -> String {
    let n = n.max(1);
    let letter = char::from(b'a' + ((n - 1) % 26) as u8);
    std::iter::repeat_n(letter, (n - 1) / 26 + 1)
        .take(64)
        .collect()
}

/// Keep the glyphs a reader could see: a finite place within a page's width and height of the
/// page, a size from half a point to the page's height. What lies beyond is not text to read
/// (and would make the page's geometry unbounded).
fn keep_readable(page: &mut glyphs::PageGlyphs, width: f32, height: f32) {
    let (w, h) = (width.max(1.0), height.max(1.0));
    page.glyphs.retain(|g| {
        g.x.is_finite()
            && g.y.is_finite()
            && g.advance.is_finite()
            && (-w..=2.0 * w).contains(&g.x)
            && (-h..=2.0 * h).contains(&g.y)
            && (0.5..=h).contains(&g.size)
    });
}

/// Whether a document's information title names the document: not empty, not a file name
/// ("Microsoft Word - draft3.docx", "report.pdf") or a placeholder ("Untitled").
fn is_a_title(title: &str) -> bool {
    let lower = title.to_lowercase();
    let file_name = [
        ".doc", ".docx", ".odt", ".pdf", ".rtf", ".txt", ".html", ".htm", ".indd",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext));
    let placeholder = matches!(
        lower.as_str(),
        "untitled" | "title" | "document" | "untitled document"
    ) || lower.starts_with("microsoft word - ");
    !title.is_empty() && title.chars().any(char::is_alphabetic) && !file_name && !placeholder
}

/// Whether the file lacks the `%%EOF` marker every PDF ends with (in its last KiB): a file
/// cut off in a download. Readers open such files by rebuilding what they can; their text is
/// trusted only when it reads.
fn cut_off(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    !tail.windows(5).any(|w| w == b"%%EOF")
}

/// Check that the page's content streams inflate to at most [`MAX_CONTENT_BYTES`] before the
/// interpreter decodes them whole.
fn check_content(page: &Page<'_>) -> Result<(), ()> {
    let raw = page.raw();
    let mut streams: Vec<Stream<'_>> = Vec::new();
    if let Some(s) = raw.get::<Stream<'_>>(b"Contents".as_slice()) {
        streams.push(s);
    } else if let Some(a) = raw.get::<Array<'_>>(b"Contents".as_slice()) {
        streams.extend(a.iter::<Stream<'_>>());
    }
    let mut total = 0u64;
    for s in streams {
        let filters = s.filters();
        if filters.first() == Some(&Filter::FlateDecode) {
            let data = s.raw_data();
            let mut inflater = flate2::read::ZlibDecoder::new(&data[..]);
            let mut sink = std::io::sink();
            let n = std::io::copy(
                &mut (&mut inflater).take(MAX_CONTENT_BYTES + 1 - total.min(MAX_CONTENT_BYTES)),
                &mut sink,
            )
            .unwrap_or(0);
            total += n;
        } else {
            total += s.raw_data().len() as u64;
        }
        if total > MAX_CONTENT_BYTES {
            return Err(());
        }
    }
    Ok(())
}

/// Which kinds of paired marks the producer names by the shape drawn, so that one drawn
/// mirrored in right-to-left text must be turned back: decided over the document, kind by
/// kind, by which reading pairs them up. Without evidence, a glyph's text is taken as the
/// source's character, as producers that map each glyph to its cluster's text (LibreOffice,
/// Chromium, Typst) write it.
fn producer_names_shapes(pages: &[Vec<lines::Line>]) -> letters::Mirroring {
    let mut votes = [(0usize, 0usize); 4];
    for (k, (open, close)) in [('(', ')'), ('[', ']'), ('{', '}'), ('«', '»')]
        .into_iter()
        .enumerate()
    {
        for line in pages.iter().flatten() {
            match line.brackets_pair(open, close) {
                Some(true) => votes[k].0 += 1,
                Some(false) => votes[k].1 += 1,
                None => {}
            }
        }
    }
    // A kind with no pair of its own on one line follows the document's other kinds.
    let pooled = votes.iter().fold((0, 0), |(p, r), v| (p + v.0, r + v.1));
    let mut flags = [false; 4];
    for (flag, (pairs, reversed)) in flags.iter_mut().zip(votes) {
        *flag = if pairs + reversed == 0 {
            pooled.0 > pooled.1
        } else {
            pairs > reversed
        };
    }
    letters::Mirroring(flags)
}

/// A PDF text string: UTF-16BE or UTF-8 with their byte-order marks, else PDFDocEncoding
/// (Latin-1 for the characters a title uses).
pub fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// The glyphs of page `page` (from 0) as lines of `x y advance size text`, in content-stream
/// order, or with `lines_only` the page's lines and their columns: for looking at what a
/// producer drew when the reading order goes wrong.
#[doc(hidden)]
pub fn dump_glyphs(bytes: &[u8], page: usize, lines_only: bool) -> Result<String, PdfError> {
    use std::fmt::Write;
    let pdf = Pdf::new(bytes.to_vec()).map_err(|_| PdfError::Broken("unreadable".to_owned()))?;
    let Some(p) = pdf.pages().get(page) else {
        return Ok(String::new());
    };
    let mut fonts = font_text::FontText::default();
    let (width, height, transform) = glyphs::page_space(p);
    let mut collector = glyphs::Collector::new(MAX_GLYPHS_PER_PAGE, &mut fonts);
    let cache = InterpreterCache::new();
    let mut context = Context::new(
        transform,
        Rect::new(0.0, 0.0, f64::from(width), f64::from(height)),
        &cache,
        pdf.xref(),
        InterpreterSettings::default(),
    );
    interpret_page(p, &mut context, &mut collector);
    let mut out = String::new();
    if lines_only {
        for l in lines::page_lines(&collector.page, page) {
            let _ = writeln!(
                out,
                "col {} [{:.1}-{:.1}] x {:.1}-{:.1} y {:.1} size {:.1} rtl {} {}",
                l.column.index, l.column.x0, l.column.x1, l.x0, l.x1, l.y, l.size, l.rtl, l.text
            );
        }
        return Ok(out);
    }
    for g in &collector.page.glyphs {
        let _ = writeln!(
            out,
            "{:8.2} {:8.2} {:7.2} {:5.1} {:?} {:?} {:?}",
            g.x,
            g.y,
            g.advance,
            g.size,
            g.text,
            g.source,
            g.actual
                .and_then(|a| collector.page.actual.get(a).map(|t| (a, t)))
        );
    }
    Ok(out)
}
