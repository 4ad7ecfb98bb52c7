//! The bundled fonts: the only fonts the text engine ever uses (no system fonts anywhere).

use std::sync::OnceLock;

use skrifa::raw::TableProvider;
use skrifa::{FontRef, GlyphId, MetadataProvider};

static NASKH_REGULAR: &[u8] = include_bytes!("../../fonts/NotoNaskhArabic-Regular.ttf");
static NASKH_BOLD: &[u8] = include_bytes!("../../fonts/NotoNaskhArabic-Bold.ttf");
static SANS_REGULAR: &[u8] = include_bytes!("../../fonts/NotoSans-Regular.ttf");
static SANS_BOLD: &[u8] = include_bytes!("../../fonts/NotoSans-Bold.ttf");
static SANS_ITALIC: &[u8] = include_bytes!("../../fonts/NotoSans-Italic.ttf");
static HEBREW_REGULAR: &[u8] = include_bytes!("../../fonts/NotoSansHebrew-Regular.ttf");
static HEBREW_BOLD: &[u8] = include_bytes!("../../fonts/NotoSansHebrew-Bold.ttf");

/// One of the bundled font files. Every glyph the engine produces names its face, so the painter
/// and the PDF exporter draw from exactly the font the shaper used.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub enum FontFace {
    /// Noto Naskh Arabic Regular: Arabic script text.
    NaskhRegular,
    /// Noto Naskh Arabic Bold: bold Arabic script text.
    NaskhBold,
    /// Noto Sans Regular: everything that is not Arabic script.
    SansRegular,
    /// Noto Sans Bold.
    SansBold,
    /// Noto Sans Italic (Arabic has no italic face; it stays upright).
    SansItalic,
    /// Noto Sans Hebrew Regular: Hebrew script text (upright, also for italic).
    HebrewRegular,
    /// Noto Sans Hebrew Bold.
    HebrewBold,
}

impl FontFace {
    /// Noto Sans Hebrew, regular or bold.
    pub(crate) fn is_hebrew(self) -> bool {
        matches!(self, FontFace::HebrewRegular | FontFace::HebrewBold)
    }

    /// Every bundled face, in registration order.
    pub const ALL: [FontFace; 7] = [
        FontFace::NaskhRegular,
        FontFace::NaskhBold,
        FontFace::SansRegular,
        FontFace::SansBold,
        FontFace::SansItalic,
        FontFace::HebrewRegular,
        FontFace::HebrewBold,
    ];

    /// The font file's bytes, compiled into the binary; the same slice for the whole process, so
    /// it also identifies the face (pointer equality).
    pub fn data(self) -> &'static [u8] {
        match self {
            FontFace::NaskhRegular => NASKH_REGULAR,
            FontFace::NaskhBold => NASKH_BOLD,
            FontFace::SansRegular => SANS_REGULAR,
            FontFace::SansBold => SANS_BOLD,
            FontFace::SansItalic => SANS_ITALIC,
            FontFace::HebrewRegular => HEBREW_REGULAR,
            FontFace::HebrewBold => HEBREW_BOLD,
        }
    }

    /// The family name the face registers under (what a font stack refers to).
    pub fn family(self) -> &'static str {
        match self {
            FontFace::NaskhRegular | FontFace::NaskhBold => "Noto Naskh Arabic",
            FontFace::SansRegular | FontFace::SansBold | FontFace::SansItalic => "Noto Sans",
            FontFace::HebrewRegular | FontFace::HebrewBold => "Noto Sans Hebrew",
        }
    }

    /// Index of the face in [`FontFace::ALL`].
    pub(crate) fn index(self) -> usize {
        match self {
            FontFace::NaskhRegular => 0,
            FontFace::NaskhBold => 1,
            FontFace::SansRegular => 2,
            FontFace::SansBold => 3,
            FontFace::SansItalic => 4,
            FontFace::HebrewRegular => 5,
            FontFace::HebrewBold => 6,
        }
    }

    /// The face whose bytes are `data` (the engine registers the bundled statics themselves, so
    /// address and length identify the face), if it is bundled.
    pub(crate) fn from_data(data: &[u8]) -> Option<FontFace> {
        FontFace::ALL.into_iter().find(|f| {
            std::ptr::eq(f.data().as_ptr(), data.as_ptr()) && f.data().len() == data.len()
        })
    }

    /// A parsed view of the font; `None` only if a bundled file were corrupt.
    pub(crate) fn font_ref(self) -> Option<FontRef<'static>> {
        FontRef::new(self.data()).ok()
    }

    /// Precomputed per-face tables used on hot paths (glyph classes, nominal glyphs).
    pub(crate) fn info(self) -> &'static FaceInfo {
        static INFO: OnceLock<Vec<FaceInfo>> = OnceLock::new();
        let all = INFO.get_or_init(|| FontFace::ALL.into_iter().map(FaceInfo::new).collect());
        &all[self.index()]
    }
}

/// GDEF glyph class of a glyph (OpenType `GlyphClassDef`).
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub(crate) enum GlyphClass {
    /// Unclassified, base or ligature glyph: stands for base characters.
    Base,
    /// A mark glyph (class 3): stands for combining marks.
    Mark,
}

/// Tables read once from a face.
pub(crate) struct FaceInfo {
    /// GDEF class per glyph id (`true` = mark); empty if the font has no GDEF.
    marks: Vec<bool>,
    /// The face's character map, parsed once.
    charmap: Option<skrifa::charmap::Charmap<'static>>,
}

impl FaceInfo {
    fn new(face: FontFace) -> FaceInfo {
        let mut marks = Vec::new();
        let charmap = face.font_ref().map(|f| f.charmap());
        if let Some(font) = face.font_ref() {
            let count = font.maxp().map(|m| m.num_glyphs()).unwrap_or(0);
            if let Ok(gdef) = font.gdef() {
                if let Some(Ok(class_def)) = gdef.glyph_class_def() {
                    marks = (0..count)
                        .map(|g| class_def.get(GlyphId::new(u32::from(g))) == 3)
                        .collect();
                }
            }
        }
        FaceInfo { marks, charmap }
    }

    /// The GDEF class of `glyph` in this face.
    pub(crate) fn class(&self, glyph: u32) -> GlyphClass {
        match self.marks.get(glyph as usize) {
            Some(true) => GlyphClass::Mark,
            _ => GlyphClass::Base,
        }
    }
}

/// The nominal glyph of `ch` in `face` (cmap), if the face has one.
pub(crate) fn nominal_glyph(face: FontFace, ch: char) -> Option<u32> {
    face.info()
        .charmap
        .as_ref()?
        .map(ch)
        .map(|g| g.to_u32())
        .filter(|&g| g != 0)
}

/// Whether any bundled face maps `ch` to a real glyph.
pub(crate) fn any_face_has(ch: char) -> bool {
    FontFace::ALL.into_iter().any(|f| face_has(f, ch))
}

/// Whether `face` maps `ch` to a real glyph.
///
/// Asked for every character the shaper chooses a font for and every character of every
/// exported string, so the answer for a BMP character is remembered process-wide (two bits per
/// face and character: known, has); the fonts never change.
#[inline(always)]
pub(crate) fn face_has(face: FontFace, ch: char) -> bool {
    use std::sync::atomic::Ordering;
    let u = ch as usize;
    if u >= 0x10000 {
        return nominal_glyph(face, ch).is_some();
    }
    let word = &HAS_MEMO[face.index()][u / 32];
    let bits = (word.load(Ordering::Relaxed) >> ((u % 32) * 2)) & 0b11;
    if bits & 0b01 != 0 {
        bits & 0b10 != 0
    } else {
        face_has_slow(face, ch)
    }
}

const MEMO_WORDS: usize = 0x10000 * 2 / 64;

/// [`face_has`]'s memory: per face, two bits per BMP character.
static HAS_MEMO: [[std::sync::atomic::AtomicU64; MEMO_WORDS]; FontFace::ALL.len()] =
    [const { [const { std::sync::atomic::AtomicU64::new(0) }; MEMO_WORDS] }; FontFace::ALL.len()];

/// The first answer for a BMP character: looked up in the cmap and remembered.
#[cold]
#[inline(never)]
fn face_has_slow(face: FontFace, ch: char) -> bool {
    use std::sync::atomic::Ordering;
    let u = ch as usize;
    let has = nominal_glyph(face, ch).is_some();
    HAS_MEMO[face.index()][u / 32].fetch_or(
        (0b01 | (u64::from(has) << 1)) << ((u % 32) * 2),
        Ordering::Relaxed,
    );
    has
}
