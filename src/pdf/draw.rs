//! The laid-out pages as PDF content streams: every line's glyphs painted (each glyph coded in
//! the fonts it returns, which the document then embeds), rules under them, each stream
//! compressed on a second thread while the next is painted.

use sha2::{Digest, Sha256};

use super::content::{Content, Marking};
use super::fonts::{EmbeddedFont, PageDeflater};
use super::paint::paint_line;
use super::readers::poppler::PageDirection;
use super::tags::{self, Tagging};
use super::ExportError;
use crate::pages::Pages;
use crate::text::FontFace;

/// The pages as PDF content, with the fonts they use.
pub(crate) struct Drawn {
    /// Each page's content stream, zlib-compressed.
    pub pages: Vec<Vec<u8>>,
    /// SHA-256 of the compressed page streams in order, to go on into the document ID.
    pub pages_hash: Sha256,
    pub fonts: Vec<EmbeddedFont>,
    /// The structure tree, whose marked content the pages carry.
    pub tagging: Tagging,
}

/// The PostScript name each bundled face is embedded under.
pub(crate) fn font_name(face: FontFace) -> &'static str {
    match face {
        FontFace::NaskhRegular => "NotoNaskhArabic-Regular",
        FontFace::NaskhBold => "NotoNaskhArabic-Bold",
        FontFace::SansRegular => "NotoSans-Regular",
        FontFace::SansBold => "NotoSans-Bold",
        FontFace::SansItalic => "NotoSans-Italic",
        FontFace::HebrewRegular => "NotoSansHebrew-Regular",
        FontFace::HebrewBold => "NotoSansHebrew-Bold",
    }
}

/// Paint every page of `laid`. `progress` gets 0.8..=0.95 now and then.
pub(crate) fn draw(laid: &Pages, progress: &mut dyn FnMut(f32)) -> Result<Drawn, ExportError> {
    let height = laid.geometry.height;
    let mut fonts = Vec::with_capacity(FontFace::ALL.len());
    for (i, face) in FontFace::ALL.iter().enumerate() {
        fonts.push(EmbeddedFont::new(
            font_name(*face),
            face.data(),
            format!("F{}", i + 1),
        )?);
    }
    let total = laid.pages.len();
    let mut tagging = tags::tag(laid, crate::pages::Labels::of(laid.language).lang);
    let (pages, pages_hash) = std::thread::scope(|scope| -> Result<_, ExportError> {
        let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
        let compressor = scope.spawn(move || {
            let mut z = PageDeflater::new();
            let mut pages = Vec::with_capacity(total);
            let mut hash = Sha256::new();
            for stream in rx {
                let page = z.deflate(&stream);
                // The compressed stream (the same content always compresses to the same
                // bytes): a quarter of the bytes to hash.
                hash.update(&page);
                pages.push(page);
            }
            (pages, hash)
        });
        for (p, page) in laid.pages.iter().enumerate() {
            let mut text = Content::default();
            let mut marks = Content::default();
            let mut rules = Content::default();
            for r in &page.rules {
                rules.rect(r.x, height - (r.y + r.height), r.width, r.height, r.color);
            }
            // Poppler reads all of a page's lines in the direction most of its letters have.
            let mut direction = PageDirection::default();
            for placed in &page.lines {
                if let Some((para, line)) = laid.line_of(placed) {
                    direction.push(para.text().get(line.text_range.clone()).unwrap_or(""));
                }
            }
            let rtl_page = direction.reads_rtl();
            let mut marking = Marking::default();
            let runs = tagging.pages.get(p).map_or(&[][..], Vec::as_slice);
            let mut mcids = Vec::with_capacity(runs.len());
            for run in runs {
                let first = marking.begin(run.tag(&tagging), run.element.is_some());
                for placed in page.lines.get(run.lines.clone()).unwrap_or(&[]) {
                    let Some((para, line)) = laid.line_of(placed) else {
                        continue;
                    };
                    paint_line(
                        &mut text,
                        &mut marks,
                        &mut marking,
                        &mut fonts,
                        para,
                        line,
                        placed.left,
                        height - placed.offset,
                        placed.color,
                        rtl_page,
                    )?;
                }
                mcids.push(first..marking.end(&mut text));
            }
            if let Some(runs) = tagging.pages.get_mut(p) {
                for (run, ids) in runs.iter_mut().zip(mcids) {
                    run.mcids = ids;
                }
            }
            // Rules and the silent mark glyphs (whose text their letters carry) are artifacts.
            let mut stream = Vec::new();
            for part in [rules.finish(), text.finish(), marks.finish()]
                .into_iter()
                .enumerate()
            {
                if part.1.is_empty() {
                    continue;
                }
                let artifact = part.0 != 1;
                if artifact {
                    stream.extend_from_slice(b"/Artifact BMC\n");
                }
                stream.extend_from_slice(&part.1);
                if artifact {
                    stream.extend_from_slice(b"EMC\n");
                }
            }
            // The compressor only stops early if it panicked; join says so below.
            let _ = tx.send(stream);
            if p % 16 == 0 {
                progress(0.8 + 0.15 * p as f32 / total.max(1) as f32);
            }
        }
        drop(tx);
        compressor
            .join()
            .map_err(|_| ExportError::Pdf("the compression thread failed".to_owned()))
    })?;
    Ok(Drawn {
        pages,
        pages_hash,
        fonts,
        tagging,
    })
}
