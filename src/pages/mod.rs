//! The briefing as pages: every line of text placed, every rule and dot drawn, where each
//! agenda item's heading landed and where the links go. No PDF here: the exporter (`pdf`)
//! writes these pages and the app's File > Preview paints them, so what the author sees is
//! what circulates (as Typst keeps `typst-layout` apart from `typst-pdf`).
//!
//! Coordinates are points with the origin at the page's top-left corner, y down.

mod compose;
mod labels;

pub use compose::lay_out;
pub(crate) use labels::Labels;

use crate::model::BriefingLanguage;
use crate::text::{Line, Paragraph};

/// Paper size of the pages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm (the default).
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

/// An RGB colour, components 0..=1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

/// The page: size and margins around the text area, in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// Margin left of the text area.
    pub left: f32,
    /// Margin right of the text area.
    pub right: f32,
    /// Margin above the body.
    pub top: f32,
    /// Margin below the body.
    pub bottom: f32,
}

/// Points per millimetre.
pub(crate) const MM: f32 = 72.0 / 25.4;

impl Geometry {
    /// The page of `paper`, with the briefing's margins.
    pub fn of(paper: Paper) -> Geometry {
        let (width, height) = match paper {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        };
        Geometry {
            width,
            height,
            left: 22.0 * MM,
            right: 22.0 * MM,
            top: 24.0 * MM,
            bottom: 24.0 * MM,
        }
    }

    /// Width of the text area.
    pub fn text_width(&self) -> f32 {
        self.width - self.left - self.right
    }
}

/// What painting needs of a laid-out paragraph, without the engine's layout behind it (which
/// is much bigger): the text, its direction and its lines (without hit-testing clusters).
#[derive(Clone, Debug)]
pub struct Laid {
    text: String,
    rtl: bool,
    lines: Vec<Line>,
    /// The BCP 47 language of its text when it is not the briefing's (a quote's article's).
    lang: Option<Box<str>>,
}

impl Laid {
    /// Keep the lines of `para` (without their hit-testing clusters) and let the rest go.
    pub fn new(para: Paragraph) -> Laid {
        let mut lines = para.lines().to_vec();
        for line in &mut lines {
            line.clusters = Vec::new();
        }
        Laid {
            rtl: para.is_rtl(),
            text: para.text().to_owned(),
            lines,
            lang: None,
        }
    }

    /// The same paragraph, its text in `lang` (BCP 47), which a tagged PDF tells screen
    /// readers; `None` or an empty tag: the briefing's language.
    pub fn in_language(mut self, lang: Option<&str>) -> Laid {
        self.lang = lang.map(str::trim).filter(|l| !l.is_empty()).map(Box::from);
        self
    }

    /// The language of its text when it is set apart from the briefing's.
    pub fn lang(&self) -> Option<&str> {
        self.lang.as_deref()
    }

    /// The paragraph's text, which every glyph's source range points into.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the paragraph reads right to left.
    pub fn is_rtl(&self) -> bool {
        self.rtl
    }

    /// The lines, top to bottom.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }
}

/// What a placed line is part of: what a reader of the page should take it as (headings,
/// quotes, contents) and what is not the briefing's text at all (running marks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The title.
    Title,
    /// The subtitle, the date, "drafted by", the purpose.
    Cover,
    /// The "Contents" and "Sources" headings.
    Heading,
    /// The heading of agenda item `n` (0-based).
    ItemHeading(usize),
    /// The contents entry of agenda item `n`.
    ContentsEntry(usize),
    /// The page number of agenda item `n` in the contents.
    ContentsNumber(usize),
    /// A paragraph of an agenda item's notes.
    Notes,
    /// A filed quote.
    Quote,
    /// A quote's attribution line.
    Attribution,
    /// The staffer's note on a quote.
    QuoteNote,
    /// An entry of the sources list.
    Source,
    /// The classification banner and the "page X of Y" footer, repeated on every page.
    Running,
}

/// One line of a paragraph placed on a page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedLine {
    /// The paragraph, an index into [`Pages::paragraphs`].
    pub paragraph: usize,
    /// The line, an index into that paragraph's lines.
    pub line: usize,
    /// The left edge of the paragraph's box, from the page's left edge.
    pub left: f32,
    /// Added to a y of the paragraph (its top is 0) gives the y on the page.
    pub offset: f32,
    /// The colour of its letters.
    pub color: Rgb,
    /// What the line is part of.
    pub role: Role,
}

/// A filled rectangle (a quote's rule, a leader dot), drawn under the text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rule {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
    /// Fill.
    pub color: Rgb,
}

/// One page: its rules and its lines, the lines in reading order.
#[derive(Clone, Debug, Default)]
pub struct Page {
    /// Drawn first.
    pub rules: Vec<Rule>,
    /// The body in reading order, then the running marks.
    pub lines: Vec<PlacedLine>,
}

/// Where an agenda item's heading landed.
#[derive(Clone, Debug, PartialEq)]
pub struct Bookmark {
    /// The item's title.
    pub title: String,
    /// Page index.
    pub page: usize,
    /// The heading's top, on that page.
    pub y: f32,
}

/// Where a link goes.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkTarget {
    /// A place in the document: page index and y.
    Place {
        /// Page index.
        page: usize,
        /// The y on that page.
        y: f32,
    },
    /// An address outside it.
    Uri(String),
}

/// A link area on a page: `[x0, y0, x1, y1]`, top-left and bottom-right corners.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// Page index.
    pub page: usize,
    /// The area.
    pub rect: [f32; 4],
    /// Where it goes.
    pub target: LinkTarget,
}

/// The briefing laid out as pages.
#[derive(Clone, Debug)]
pub struct Pages {
    /// Page size and margins.
    pub geometry: Geometry,
    /// The briefing's language, which the pages' labels and direction follow.
    pub language: BriefingLanguage,
    /// Every paragraph the pages place lines of.
    pub paragraphs: Vec<Laid>,
    /// The pages, first to last; there is always at least one.
    pub pages: Vec<Page>,
    /// Each agenda item's heading, in order.
    pub bookmarks: Vec<Bookmark>,
    /// The contents' entries (to their headings) and the sources' addresses.
    pub links: Vec<Link>,
}

impl Pages {
    /// The paragraph and line a placed line stands for.
    pub fn line_of(&self, placed: &PlacedLine) -> Option<(&Laid, &Line)> {
        let para = self.paragraphs.get(placed.paragraph)?;
        Some((para, para.lines().get(placed.line)?))
    }

    /// The text of a placed line in logical order: its paragraph's text over the line's range,
    /// without bidi controls.
    pub fn line_text(&self, placed: &PlacedLine) -> String {
        let Some((para, line)) = self.line_of(placed) else {
            return String::new();
        };
        para.text()
            .get(line.text_range.clone())
            .unwrap_or("")
            .chars()
            .filter(|&c| !crate::text::is_bidi_control(c))
            .collect()
    }
}

/// Why a briefing could not be laid out. Each message is one line and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum LayoutError {
    /// A character none of the bundled fonts can draw.
    #[error(
        "no bundled font has the character U+{code:04X} ({ch:?}) in {place}; remove or replace it"
    )]
    MissingChar {
        /// The character.
        ch: char,
        /// Its code point.
        code: u32,
        /// Where it is, e.g. `quote 2 of agenda item 1`.
        place: String,
    },
    /// A layout thread stopped.
    #[error("the layout thread failed")]
    Thread,
}
